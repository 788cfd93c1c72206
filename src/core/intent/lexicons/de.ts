import { cues, phrase, wholeWords, oneWordReply, type Lexicon } from '../lexicon-parts.js';

/** German phrases for each intent, negation, offers and sentiment. */
export const de: Lexicon = {
  cues: {
    demo_request: cues(
      [
        0.8,
        '(gerne?|mochten|mochte|wurden|hatten|interesse an|interessiert an|interessieren uns fur|bitte um|anfrage|anfordern|konnen sie|konnten sie|konnen wir|konnten wir|suchen|wunschen)~\\w*(demo|demonstration|vorfuhrung|testversion|testzugang|testphase|testaccount|trial|probeversion|pilot)',
      ],
      [
        0.8,
        '\\w*(demo|demonstration|vorfuhrung|testversion|testzugang|testphase|testaccount|trial|probeversion)~(vereinbaren|buchen|anfordern|sehen|zeigen|bekommen|erhalten|freischalten|verlangern|einrichten|organisieren|ausprobieren|testen)',
      ],
      [0.7, '(konnen|konnten|wurden) (sie|ihr)~(vorfuhren|live zeigen|prasentieren|vorstellen)'],
      [
        0.6,
        'kostenlos(e|en)? (test|testversion|testphase|testzugang)|unverbindlich(e|en)? (test|vorfuhrung|demo)|(software|produkt|plattform|losung|tool|system)~(ausprobieren|testen|in aktion sehen)|in aktion sehen|(testphase|testzugang|testversion|demo|pilot)~(moglich|verfugbar)',
      ],
      [0.55, '\\w*(demo|vorfuhrung|testversion|testzugang)\\b≈\\?'],
    ),
    quote_request: cues(
      [
        0.8,
        '(bitte|gerne?|mochten|mochte|benotig|brauch|wunschen|anfordern|interesse|konnen sie|konnten sie|wurden sie)~\\w*(angebot|preise?|preisliste|kostenvoranschlag|kostenschatzung|kosten|konditionen|tarife?|rabatt|staffelpreise)\\b',
      ],
      [
        0.8,
        '\\w*(angebot|preise|preisliste|kostenvoranschlag|konditionen|preisinformationen)~(zusenden|zuschicken|schicken|senden|erhalten|erstellen|unterbreiten|zukommen lassen|mitteilen|nennen)',
      ],
      [
        0.85,
        'was (kostet|kosten|wurde|wurden)|wie ?viel (kostet|kosten|wurde|wurden|mussen|zahlen)|wie hoch (sind|ist|waren|ware) (die|der) (kosten|preis)|mit welchen (gesamt)?kosten',
      ],
      [
        0.65,
        '(gibt es|bieten sie|haben sie)~(staffelpreise|rabatt|mengenrabatt|sonderkonditionen|vergunstigt\\w*|nachlass|preise)|welche (konditionen|preise|tarife)',
      ],
    ),
    complaint: cues(
      [
        0.75,
        'beschwerde|reklamation|reklamieren|beschweren|enttauscht|enttauschend|unzufrieden|inakzeptabel|unakzeptabel|unverschamt|frechheit|argerlich|verargert|katastroph|mangelhaft|zumutung|schlechte(r|n)? (service|support|qualitat)|miserabel|nicht hinnehmbar|es satt\\b|chaotisch',
      ],
      [0.6, '!(gar |uberhaupt )?nicht (sehr )?zufrieden'],
      [
        0.5,
        '!funktioniert (immer noch |noch immer |weiterhin )?nicht|defekt|kaputt|beschadigt|lahmgelegt|sturzt (standig |dauernd |immer wieder )?ab|doppelt (berechnet|abgebucht|belastet)|falsch(e|en)? (rechnung|lieferung|betrag|artikel)|(nie|nicht) (angekommen|geliefert|eingetroffen)|nicht erreichbar|ausgefallen|ausfall|fehlt|fehlen\\b|verloren',
      ],
      [0.3, '!immer noch|noch immer'],
      [
        0.5,
        '!seit (\\w+ )?(wochen|tagen|monaten)|warte\\w*~(antwort|ruckmeldung|losung)|bereits (zum )?(dritten|zweiten|mehrmals|mehrfach)|zum (dritten|zweiten|wiederholten) mal|keine (antwort|reaktion|ruckmeldung)|niemand (hat )?(geantwortet|reagiert|zuruckgerufen)|nicht zum ersten mal',
      ],
      [
        0.7,
        '(verlange|verlangen|fordere|fordern|erwarte|erwarten|bestehe|bestehen)~(erstattung|ruckerstattung|geld zuruck|gutschrift|entschadigung)',
      ],
    ),
    churn_risk: cues(
      [
        0.85,
        '\\w*(vertrag|abo|abonnement|mitgliedschaft|konto|account|lizenz|lizenzen|platze|zusammenarbeit|dienst|tarif|plan)\\b~(kundigen|stornieren|beenden|auflosen|schlie(ss|ß)en|nicht (mehr )?verlangern)',
      ],
      [0.75, 'kundigung\\b|kundige(n)? (hiermit|wir)|hiermit kundige|stornierung|\\bkundigen sie'],
      [
        0.8,
        '!(nicht|kein) (mehr )?verlanger|verlangern sie (uns )?nicht|nicht (mehr )?automatisch verlanger',
      ],
      [
        0.7,
        '(wechseln|wechsel|umsteigen|steigen)~(anderen anbieter|konkurrenz|wettbewerber|mitbewerber)|(anderen|alternativen) (anbieter|dienstleister|losung|tool)~(entschieden|gewahlt|gewechselt)|(entschieden|gewahlt|wechseln)~(anderen|alternativen) (anbieter|dienstleister|losung|tool)|(andere|alternative) (anbieter|losungen|losung|tools)',
      ],
      [0.7, '(pilot|testphase|test)~(beenden|abbrechen|stoppen)'],
      [0.6, '!nicht mehr (benotigen|brauchen|nutzen)|brauchen~nicht mehr'],
    ),
    unsubscribe: cues(
      [
        0.85,
        '(mich|uns|meine (e-?mail-?)?adresse|meine daten)~(austragen|abmelden|entfernen|loschen|streichen)',
      ],
      [
        0.85,
        '(newsletter|verteiler\\w*|mailingliste|e-?mails|werbung|werbemails|mailings|produkt-updates)~(abbestellen|abmelden|austragen)',
      ],
      [
        0.8,
        '(entfernen|loschen|nehmen|streichen|tragen|melden) sie (mich|uns|meine|diese)~(aus|von|ab)\\b|(aus|von) (ihrem|ihrer|ihren|dem|der|den|allen) (\\w*verteiler\\w*|newsletter|\\w*liste|datenbank)',
      ],
      [
        0.85,
        '!keine (weiteren |weitere )?(e-?mails|mails|newsletter|werbung|nachrichten|werbemails)( mehr)?|(kontaktieren|schreiben|anschreiben|mailen) sie (mir|mich|uns) nicht mehr|nicht mehr (kontaktieren|anschreiben|anrufen|zuschicken|schicken|erhalten|senden)',
      ],
      [0.5, 'abmelden|abbestellen'],
      oneWordReply('abmelden|abbestellen|austragen|stop'),
    ),
    meeting_request: cues(
      [
        0.8,
        '\\w*(termin|treffen|telefonat|anruf|gesprach|call|videocall|meeting|besprechung|rucksprache|videokonferenz|zoom|teams-call|austausch|workshop|kick-off)\\b~(vereinbaren|ausmachen|abstimmen|finden|planen|einplanen|organisieren|verschieben|ansetzen|machen)',
      ],
      [
        0.7,
        '(hatten sie|haben sie|hast du|habt ihr|passt (es|ihnen|dir)|ginge es|geht es)~(zeit|minuten|montag|dienstag|mittwoch|donnerstag|freitag|nachste woche|morgen|uhr)',
      ],
      [
        0.8,
        '(konnen|konnten|sollen|sollten|wollen) wir (uns )?(kurz |mal )?(treffen|telefonieren|sprechen|austauschen|zusammensetzen)|lass(t)? uns (mal )?(treffen|telefonieren|sprechen)|(wann|wie) (passt|ginge|hatten sie zeit)|wann~(zeit|passt|passen)',
      ],
      [
        0.7,
        '(welche|wann)~(termin\\w*|tag\\w*|uhrzeit)~(passt|passen|ginge|geht)|(besuch|treffen|termin|gesprach)\\w*~(moglich|machbar)|treffen\\b~\\?',
      ],
      [
        0.6,
        'lass(t)? uns~(gehen|essen|kaffee)|(mittagessen|kaffee|essen) (gehen|trinken)|passt ihnen|zeitfenster',
      ],
    ),
  },
  ignore: {
    demo_request: phrase(
      '(danke|dank) fur~(demo|vorfuhrung|prasentation)|(nach|seit) (der|unserer|ihrer) (demo|vorfuhrung|testphase)|(demo|vorfuhrung) (war|lief|hat)|(pilot|testphase|test)~(beenden|abbrechen|stoppen)',
    ),
    quote_request: phrase(
      '(danke|dank) fur~(angebot|preise|kostenvoranschlag)|(angebot|kostenvoranschlag)~(erhalten|angenommen|akzeptiert|unterschrieben)|nehmen~angebot~an',
    ),
    churn_risk: phrase('jederzeit kundbar|kundigungsfrist'),
    meeting_request: phrase('(danke|dank) fur~(gesprach|termin|treffen|telefonat|zeit)'),
  },
  negation: wholeWords('nicht|kein|keine|keinen|keiner|keinerlei|nie|niemals|ohne|weder'),
  offer: phrase(
    'mochten sie|wurden sie gern|hatten sie interesse|haben sie interesse|darf ich|soll ich|wollen sie',
  ),
  positive: phrase(
    'super|toll|gro(ss|ß)artig|hervorragend|ausgezeichnet|begeistert|zufrieden|freuen uns|sehr gut|perfekt|klasse|prima|lief (sehr )?gut|gut gelaufen|beeindruckt|empfohlen|empfehlen|gelungen|wunderbar|einwandfrei|gefallen',
    'g',
  ),
  negative: phrase(
    'schlechter|verschlechtert|enttauscht|enttauschend|unzufrieden|inakzeptabel|argerlich|verargert|katastroph|schlecht|mangelhaft|frechheit|unverschamt|miserabel|zumutung|funktioniert (immer noch |noch immer )?nicht|kaputt|defekt|nicht zufrieden|chaotisch|es satt',
    'g',
  ),
};
