import type { Language } from './language.js';

/** The intents a message is read for. */
export const intents = [
  'demo_request',
  'quote_request',
  'complaint',
  'churn_risk',
  'unsubscribe',
  'meeting_request',
] as const;
export type Intent = (typeof intents)[number];

/**
 * One phrase that is evidence for an intent. `weight` is how sure it makes
 * us alone (0..1); evidence from several cues adds up. A cue that itself says
 * "not" ("won't renew", "does not work") is `negative`: the words before it
 * are not checked for a negation.
 */
export interface Cue {
  readonly pattern: RegExp;
  readonly weight: number;
  readonly negative: boolean;
}

export interface Lexicon {
  readonly cues: Readonly<Record<Intent, readonly Cue[]>>;
  /**
   * Sentences that mention an intent's words without asking for it: thanks
   * for a past demo, a received quote, a question about the notice period
   * before buying. Such a sentence gives no evidence for that intent.
   */
  readonly ignore: Readonly<Partial<Record<Intent, RegExp>>>;
  /** Words that negate the cue right after them ("not interested in", "kein Interesse an"). */
  readonly negation: RegExp;
  /**
   * The opening of a question offering something ("would you like", "möchten
   * Sie"): in a question, a vendor offering a demo or a quote, not asking for one.
   */
  readonly offer: RegExp;
  /** Words of praise or satisfaction; global, read with `exec` from `lastIndex` 0. */
  readonly positive: RegExp;
  /** Words of displeasure; global like `positive`. */
  readonly negative: RegExp;
}

/** Text between two words of a phrase: within one sentence, a few words at most. */
const gap = '[^.?!\\n]{0,40}?';
/** A longer gap, for a question mark closing a sentence that named the thing asked about. */
const wideGap = '[^.?!\\n]{0,80}?';

/**
 * Compiles `[weight, source]` pairs. In a source, `~` stands for a short gap
 * within the sentence, `≈` for a longer one, and a leading `!` marks a cue
 * that carries its own negation. Sources are written lower case without
 * accents, as `fold` leaves the text.
 */
function cues(...entries: readonly (readonly [number, string])[]): readonly Cue[] {
  return entries.map(([weight, source]) => {
    const negative = source.startsWith('!');
    const body = negative ? source.slice(1) : source;
    if (body.includes('|!')) throw new Error(`"!" only opens a cue: ${source}`);
    return { pattern: phrase(body), weight, negative };
  });
}

function phrase(source: string, flags = ''): RegExp {
  return new RegExp(`\\b(?:${source.replaceAll('~', gap).replaceAll('≈', wideGap)})`, flags);
}

/** Whole words only: "no" must not match "notice", nor "pas" "passe". */
function wholeWords(source: string): RegExp {
  return new RegExp(`\\b(?:${source})\\b`);
}

/** A reply of one word or two, such as "Unsubscribe." or "STOP". */
const oneWordReply = (words: string): readonly [number, string] => [
  0.8,
  `^\\s*(${words})\\s*[.!]?\\s*$`,
];

/** Phrases, per language, that make each intent likely. */
export const lexicons: Readonly<Record<Language, Lexicon>> = {
  en: {
    cues: {
      demo_request: cues(
        [
          0.8,
          '(request|schedule|book|arrange|set up|organi[sz]e|see|get|want|like|love|need|interested in|show (us|me)|walk (us|me) through|looking for|sign (us |me )?up for|start|activate|extend|access to|try|give (us|me))~(demo|demonstration|trial|walkthrough|walk-through|pilot|proof of concept|sandbox|test account|evaluation (account|licen[cs]e))\\b',
        ],
        [0.55, '(demo|demonstration|trial|walkthrough)\\b≈\\?'],
        [0.6, '(pilot|trial|demo|poc)\\b~\\b(possible|available|an option)\\b'],
        [
          0.6,
          'free (trial|version|tier|account|plan)|trial (version|account|licen[cs]e)|test drive|product tour|tour of (the|your) (product|platform|tool)|(can|could) (we|i) test\\b|walk (us|me) through (the|your) (product|platform|tool|software|solution)|(try|test) (out )?(it|the (product|software|platform|tool|solution)|your (product|software|platform|tool|solution))\\b|see (it|the \\w+|your \\w+) in action|see how (it|your \\w+) works',
        ],
      ),
      quote_request: cues(
        [
          0.8,
          "(send|get|need|request|share|provide|receive|like|want|prepare|interested in|looking for|give|know|ask(ing)? for|what (is|are|would be|'s)|could you|can you)~(quote|quotation|price list|pricing|prices?|costs?|estimate|proposal|rates|fees|offer)\\b",
        ],
        [
          0.85,
          'how much (does|do|is|would|will|for|are|we|i|it)\\b|what (does|do|would|will) (it|this|that|the \\w+|\\w+ \\w+) cost',
        ],
        [0.75, '(do|does) you (have|offer|provide)~(price list|pricing|prices|discounts?|quotes?)'],
        [
          0.6,
          '(volume|bulk|enterprise|nonprofit|non-profit|education(al)?|annual|special) (discount|pricing|licen[cs]ing|rates?)|(price|cost) (per|for each) (seat|user|licen[cs]e|month|year)|(discount|per (user|seat|licen[cs]e))~\\?',
        ],
      ),
      complaint: cues(
        [
          0.75,
          'disappointed|disappointing|unacceptable|frustrat(ed|ing)|annoyed|furious|outraged|fed up|unhappy|dissatisfied|terrible|awful|worst|(poor|bad|lousy) (service|support|quality)|appalling|ridiculous|complain(ing|t)?|formal complaint|shocking|a disgrace|not good enough|sick of|(a|an absolute) mess',
        ],
        [0.6, '!not (at all )?(happy|satisfied|pleased)'],
        [0.3, "!still (not|no|hasn't|haven't|broken|doesn't|isn't)"],
        [
          0.5,
          '!(been|still) waiting|waiting (for )?(\\w+ )?(weeks|days|months)|no (one|body) (has )?(replied|responded|answered|got back|gotten back|called)|nobody (has )?(replied|responded|answered|got back|gotten back|called)|(third|second|fourth|several|multiple) times?|again and again|for (weeks|days|months) now|no (reply|response|answer) (yet|so far)|zero (answers|replies|response)',
        ],
        [
          0.5,
          "!not working|(doesn't|does not|didn't|did not) work|stopped working|is broken|broke\\b|keeps crashing|crash(es|ed)?\\b|(charged|billed) (us |me )?twice|double charged|overcharged|(billed|charged) (us )?for \\d+|wrong (invoice|amount|order|item|product)|arrived damaged|damaged|never (arrived|received|delivered|showed up)|(has not|hasn't|have not|haven't) (arrived|been delivered|received)|(are|is) missing|outage|downtime|(was|is|went) down\\b|lost (a|an|the|our|all)? ?(full |whole |entire )?(day|week|data|emails)",
        ],
        [
          0.7,
          '(want|demand|expect|insist on|request|asking for)~(refund|money back|compensation|reimbursement)',
        ],
      ),
      churn_risk: cues(
        [
          0.85,
          '(cancel(l?ing)?|terminat(e|ing)|end(ing)?|discontinu(e|ing)|clos(e|ing)|stop(ping)?|not renew)~(subscription|contract|account|plan|membership|service|licen[cs]es?|seats|agreement|partnership|renewal)\\b',
        ],
        [
          0.8,
          "!(not|won't|will not|aren't|are not|don't|do not) (be )?(going to )?(auto-?)?renew(ing)?|non-renewal|(don't|do not) renew",
        ],
        [
          0.7,
          '(switch(ing)?|mov(e|ing)|migrat(e|ing)|go(ing)? with) (over )?to (a |another |an? other |a different )?(competitor|provider|vendor|supplier|solution|tool)|(decided|chose|chosen|selected|picked|opted|go|going|gone|went)~(another|a different|a competing|an alternative) (vendor|provider|supplier|solution|tool|platform)|(looking at|evaluating|considering|exploring) (alternatives|other (providers|vendors|solutions|tools|options)|competitors)|notice of (termination|cancellation)|termination notice|how (do|can) (i|we) cancel',
        ],
        [0.7, '(end|stop|cancel|terminate|close) (the|our|this) (pilot|trial)'],
        [0.6, '!no longer (need|use|require|want)'],
      ),
      unsubscribe: cues(
        [
          0.9,
          '(unsubscribe|remove|take|delete|drop) (me|us|my (e-?mail|address|details|name)|this (e-?mail|address))~\\b(from|off)\\b',
        ],
        [0.6, 'unsubscribe|opt (me |us )?out'],
        [
          0.9,
          "!(stop|quit) (sending|emailing|mailing|contacting|spamming) (me|us)|(don't|do not|never) (send|e-?mail|contact) (me|us)|(don't|do not|no longer) (want|wish) to (receive|get|hear)|no (more|further) (e-?mails|newsletters|messages|mailings|marketing)",
        ],
        [0.8, '(remove|delete|erase) (me|us|my (details|data|e-?mail|address))\\b'],
        oneWordReply('unsubscribe|stop|remove( me)?'),
      ),
      meeting_request: cues(
        [
          0.8,
          '(schedule|set up|arrange|book|organi[sz]e|plan|find (a )?time for|have|hop on|jump on|grab|reschedule|move|propose)~(meeting|call|video call|zoom|teams call|chat|catch-up|catch up|appointment|session|conversation|coffee|lunch|visit|review|qbr|kick-?off|workshop|check-in)\\b',
        ],
        [
          0.8,
          "(are you|would you be|will you be|is your team|are you both) (available|free)|(when|what time) (are|would|is|will) (you|it|your team) (be )?(available|free|convenient|good)|(can|could|shall) we (meet|talk|speak|connect)|let's (meet|talk|connect|catch up|set up|grab)|(does|would|do) (monday|tuesday|wednesday|thursday|friday|next week|tomorrow|the \\d+|\\d)~(work|suit)",
        ],
        [
          0.7,
          '(what|which) (dates?|days?|times?|slots?)~(work|suit|good|convenient)|(do|would) you have (\\d+ minutes|time|a moment)',
        ],
        [
          0.7,
          '(discuss|talk|go through|walk through)~(over|on|in) (a|the) (call|meeting|zoom|teams)|(good|best|convenient) time to (meet|talk|call|speak|connect)',
        ],
        [0.5, '(meet|meeting) (next|this|on) (week|monday|tuesday|wednesday|thursday|friday)'],
      ),
    },
    ignore: {
      demo_request: phrase(
        "(thanks?( you)?|grateful) for~(demo|trial|walkthrough)|(after|since|during|following|in|at) (the|your|our|yesterday's|today's|last week's) (demo|trial|walkthrough)|(demo|trial|walkthrough) (went|was|were|has been)|(end|stop|cancel|terminate|close)~(pilot|trial)",
      ),
      quote_request: phrase(
        '(thanks?( you)?) for (the|your)~(quote|quotation|offer|proposal|pricing)|(received|accept(ed)?|signed|approved) (the|your)~(quote|quotation|offer|proposal)',
      ),
      churn_risk: phrase('cancel(l?ed)? (at )?any ?time|cancell?ation (policy|terms)'),
      meeting_request: phrase(
        "(thanks?( you)?) for~(meeting|call|time|chat)|(after|since|following|during|in) (the|our|today's|yesterday's)~(meeting|call|chat)",
      ),
    },
    negation: wholeWords(
      "not|no|never|don't|dont|doesn't|didn't|won't|isn't|aren't|wouldn't|without|nor|neither",
    ),
    offer: phrase(
      'would you (like|want|be interested)|do you want|are you interested|shall i|should i|can i (send|offer|show|set)|may i',
    ),
    positive: phrase(
      'great|excellent|fantastic|amazing|wonderful|love(d)?\\b|happy|pleased|delighted|impressed|perfect(ly)?|brilliant|awesome|outstanding|superb|went well|well done|good job|really good|very good|satisfied|glad|thrilled|smooth(ly)?|very helpful|exceeded|recommend',
      'g',
    ),
    negative: phrase(
      "worse|gone downhill|deteriorat|disappointed|disappointing|unacceptable|frustrat(ed|ing)|annoyed|angry|furious|terrible|awful|horrible|worst|poor|bad\\b|useless|broken|unhappy|dissatisfied|ridiculous|appalling|upset|fed up|shocked|shocking|nightmare|waste|(not|isn't|wasn't) (good|great|happy|satisfied|ok)|does not work|doesn't work|not working|still waiting|complain|a mess|sloppy",
      'g',
    ),
  },
  de: {
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
        [
          0.75,
          'kundigung\\b|kundige(n)? (hiermit|wir)|hiermit kundige|stornierung|\\bkundigen sie',
        ],
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
  },
  fr: {
    cues: {
      demo_request: cues(
        [
          0.8,
          "(souhait|voudrions|voudrais|aimerions|aimerais|interess|besoin d|demande|demander|obtenir|organiser|planifier|programmer|reserver|prevoir|pourriez-vous|pouvez-vous|pourrions-nous|pouvons-nous|possible d'avoir|prolonger|activer|voir)~(demo|demonstration|essai|compte de test|acces de test|pilote|presentation (du|de votre) (produit|solution|outil))",
        ],
        [
          0.7,
          '(pourriez|pouvez|pourrions|pouvons)-(vous|nous)~(presenter|montrer|faire (une|la) (demo|demonstration))',
        ],
        [
          0.6,
          "essai gratuit|version d'essai|periode d'essai|tester (votre |la |le |vos |l')?(solution|produit|logiciel|plateforme|outil|application)|(tester|essayer)~gratuitement|(voir|tester) (l'outil|la solution|la plateforme|le produit|votre \\w+) en action",
        ],
        [0.55, '(demo|demonstration|essai)\\b≈\\?'],
      ),
      quote_request: cues(
        [
          0.8,
          '(envoyer|faire parvenir|transmettre|communiquer|obtenir|recevoir|etablir|faire|demande|demander|souhait|voudr|aimer|besoin|pourriez|pouvez|quel est|quels sont|quelle est|connaitre)~(devis|tarif|tarifs|tarification|prix|grille tarifaire|cotation|offre (commerciale|de prix|tarifaire)|proposition (commerciale|tarifaire)|couts?|remise)\\b',
        ],
        [
          0.85,
          'combien (coute|coutent|couterait|couteraient|ca coute|cela coute|faut-il compter)|combien~(compter|payer|budgeter)',
        ],
        [0.7, '(faire|etablir|envoyer|adresser)~une offre\\b'],
        [
          0.65,
          '(avez-vous|proposez-vous|existe-t-il|y a-t-il|offrez-vous)~(tarif|remise|reduction|prix|conditions)|quelles (conditions|remises)',
        ],
      ),
      complaint: cues(
        [
          0.75,
          "plainte|reclamation|deception|decu(e|s|es)?\\b|inacceptable|inadmissible|scandaleu|lamentable|mecontent|insatisfait|furieu|exaspere|agace|honteu|intolerable|deplorable|pas (du tout )?(satisfait|content)|service (client )?(deplorable|catastrophique|mediocre)|j'en ai assez|en avons assez|ras le bol|marre|chaotique",
        ],
        [
          0.5,
          '!ne (fonctionne|marche) (toujours |plus |toujours plus )?pas|en panne|defectueu|casse\\b|endommage|preleves? deux fois|facture(e|s)? deux fois|double facturation|mauvais(e)? (article|montant|facture|produit)|(montant|prix) (errone|incorrect|faux)|jamais (recu|arrive|livre)|toujours pas (recu|arrive|livre|de reponse|regle|resolu)|pas (encore )?(recu|ete livre)|indisponible|plante\\b|ont disparu',
        ],
        [
          0.5,
          "!toujours (en attente|sans reponse)|depuis (des |plusieurs |\\w+ )?(semaines|jours|mois)|attend\\w*~depuis|(troisieme|deuxieme|plusieurs|nouvelle) (fois|relance)|aucune reponse|sans (aucune )?reponse|personne ne (nous |m')?(a )?(repond|rappel)|pas la premiere fois",
        ],
        [
          0.7,
          '(exige|exigeons|demande|demandons|attends|attendons|reclame|reclamons)~(remboursement|dedommagement|geste commercial|indemnisation|avoir)',
        ],
      ),
      churn_risk: cues(
        [
          0.85,
          '(resilier|resiliation|annuler|annulation|mettre fin|arreter|cesser|terminer|fermer|cloturer)~(abonnement|contrat|compte|licences?|service|souscription|partenariat|collaboration|adhesion|formule)',
        ],
        [
          0.7,
          'resiliation|non[- ]renouvellement|preavis de (resiliation|depart)|\\bresili(er|ons|ez)\\b',
        ],
        [
          0.8,
          '!ne (pas|plus) (nous |le |la )?(renouveler|reconduire)|ne (renouvel|reconduir)\\w* pas|ne souhaitons pas (renouveler|reconduire|prolonger)',
        ],
        [
          0.7,
          "(passer|changer|migrer|partir|passons) (chez|vers|a|pour) (un )?(concurrent|autre (fournisseur|prestataire|solution|outil))|(choisi|opte pour|retenu)~(un autre|une autre) (prestataire|fournisseur|solution|outil|editeur)|chang(er|eons|ons) de (fournisseur|prestataire|solution|outil)|(etudions|regardons|evaluons|envisageons) (d'autres|des) (solutions|alternatives|fournisseurs|prestataires)",
        ],
        [0.7, '(arreter|cesser|mettre fin|interrompre|terminer)~(pilote|essai)'],
        [0.6, "!(n'avons|n'aurons) plus besoin|ne (l')?utilisons plus|plus besoin de"],
      ),
      unsubscribe: cues(
        [
          0.85,
          '(desabonner|desinscrire|desinscription|desabonnement|retirer|supprimer|radier|enlever|effacer|rayer)~(liste|diffusion|newsletter|mailing|base|fichier|adresse|contacts|envois|donnees)',
        ],
        [
          0.85,
          '(me|nous) (desabonner|desinscrire|retirer|supprimer|radier)|(supprimez|retirez|rayez|enlevez)-(moi|nous)',
        ],
        [
          0.85,
          "!ne (\\w+ )?plus (recevoir|me contacter|m'ecrire|m'envoyer|nous contacter|nous envoyer)|(arretez|cessez) de (m'|nous )(envoyer|ecrire|contacter|solliciter)|plus de (mails|e-mails|courriels|newsletters|messages)",
        ],
        [0.55, 'desabonn|desinscri'],
        oneWordReply('desabonnement|desinscription|desabonner|stop'),
      ),
      meeting_request: cues(
        [
          0.8,
          '(organis|planifi|fix|cal|prevoi|prevoy|programm|convenir d|report|decal|trouver un creneau pour|prendre|faire)\\w*~(rendez-vous|rdv|reunion|appel|call|visio|visioconference|entretien|point|echange|dejeuner|cafe|creneau|atelier|revue)',
        ],
        [
          0.8,
          '(etes-vous|seriez-vous|es-tu|seras-tu|serez-vous) (disponible|dispo|libre)|(quand|quel jour|quelle heure)~(etes-vous|seriez-vous|disponible|libre|vous conviendrait|vous arrange|vous convient)|(pourrions|pouvons|pourrait|peut|pourriez|pouvez)-(nous|on|vous) (nous )?(voir|rencontrer|parler|echanger|appeler|faire un point)',
        ],
        [
          0.7,
          '(souhait|aimer|voudr)\\w*~rencontrer|rendre visite|venir vous voir|passer vous voir|(auriez|avez)-vous~(minutes|temps|un moment)|(dejeunons|prenons un cafe|voyons-nous|retrouvons-nous)',
        ],
        [
          0.6,
          'vous (conviendr|convien|ir|arranger)\\w*|vos disponibilites|des creneaux|quelques creneaux|un creneau',
        ],
      ),
    },
    ignore: {
      demo_request: phrase(
        "(merci|remercions|remercie) (pour|de)~(demo|demonstration|presentation|essai)|(apres|depuis|pendant|suite a) (la|votre|notre|cette) (demo|demonstration|presentation|periode d'essai)|(demo|demonstration|presentation) (s'est|etait|a ete)|(arreter|cesser|mettre fin|interrompre|terminer)~(pilote|essai)",
      ),
      quote_request: phrase(
        '(merci|remercions) (pour|de)~(devis|offre|proposition)|(devis|offre|proposition)~(recu|accepte|valide|signe)',
      ),
      churn_risk: phrase('resiliable (a tout moment|sans frais)|conditions de resiliation'),
      meeting_request: phrase(
        '(merci|remercions) (pour|de)~(reunion|appel|echange|rendez-vous|temps)',
      ),
    },
    negation: wholeWords("ne|n'|pas|jamais|aucun|aucune|sans|ni"),
    offer: phrase(
      'souhaitez-vous|voulez-vous|seriez-vous interesse|aimeriez-vous|desirez-vous|puis-je vous (envoyer|proposer)',
    ),
    positive: phrase(
      'super\\b|excellent|genial|formidable|parfait|ravi|ravis|ravie|satisfait|content|impressionne|bravo|tres bien|tres bon|merveilleu|top\\b|bien passe|recommand|fluide',
      'g',
    ),
    negative: phrase(
      'pire|degrade|decu|deception|inacceptable|inadmissible|scandaleu|lamentable|mecontent|insatisfait|furieu|exaspere|agace|deplorable|catastroph|chaotique|ne fonctionne (toujours |plus )?pas|ne marche pas|mauvais|nul\\b|toujours pas|pas satisfait|en ai assez',
      'g',
    ),
  },
  es: {
    cues: {
      demo_request: cues(
        [
          0.8,
          '(solicitar|solicito|solicitamos|pedir|agendar|programar|organizar|concertar|reservar|ver|obtener|activar|ampliar|extender|interesa|interesad|gustaria|quisiera|quisieramos|necesitamos|necesito|podrian|podria|pueden|es posible)~(demo|demostracion|prueba|cuenta de prueba|piloto|presentacion del producto)',
        ],
        [
          0.7,
          '(podrian|pueden|podria|puede)~(presentar(nos|me)?|mostrar(nos|me)?|ensenar(nos|me)?)\\b',
        ],
        [
          0.6,
          'prueba gratuita|version de prueba|periodo de prueba|probar (su|la|el|vuestra|vuestro) (solucion|producto|plataforma|software|herramienta)|ver (la|su) (plataforma|solucion|herramienta|producto)~(en accion|funcionando)',
        ],
        [0.55, '(demo|demostracion)\\b≈\\?'],
      ),
      quote_request: cues(
        [
          0.8,
          '(enviar|envien|enviarnos|enviarme|mandar|manden|mandarnos|pasar|pasen|pasarnos|facilitar|facilitarnos|solicit\\w*|pedir|recibir|obtener|conocer|saber|gustaria|quisiera|quisieramos|necesitamos|necesito|podrian|podria|interesa|cual es|cuales son|preparar)~(presupuesto|cotizacion|precio|precios|tarifa|tarifas|lista de precios|oferta|propuesta (economica|comercial)|costo|coste|costes|costos|descuento)',
        ],
        [
          0.85,
          'cuanto (cuesta|cuestan|costaria|costarian|vale|valen|sale|saldria)|que (precio|coste|costo) tiene|cuanto~(saldria|costaria|pagar|pagariamos)',
        ],
        [
          0.65,
          '(hay|tienen|ofrecen|existe)~(descuento|precios? especial|tarifas? especial)|(que|sus) (condiciones|tarifas)',
        ],
      ),
      complaint: cues(
        [
          0.75,
          'queja|reclamacion|reclamo|decepcionad|decepcion|inaceptable|indignad|molest[oa]s?\\b|furios|hart[oa]s?\\b|vergonzoso|lamentable|pesim[oa]|insatisfech|intolerable|inadmisible|un caos',
        ],
        [0.6, '!no (estoy|estamos) (nada )?(contentos?|contentas?|satisfechos?|satisfechas?)'],
        [
          0.5,
          '!no funciona|sigue sin funcionar|no (ha llegado|llego)|nunca (llego|ha llegado)|no (hemos|he) recibido|defectuos|rot[oa]\\b|danad[oa]|cobrado dos veces|doble cobro|cobro duplicado|factura (incorrecta|erronea)|importe incorrecto|producto equivocado|caido|sin servicio|se cuelga|ha roto',
        ],
        [
          0.5,
          '!(sigo|seguimos) (esperando|sin)|(semanas|dias|meses) esperando|sin respuesta|ninguna respuesta|nadie (nos |me )?(ha )?(respondido|contestado|llamado)|desde hace (\\w+ )?(semanas|dias|meses)|(tercera|segunda|varias) vez|varias veces|no es la primera vez',
        ],
        [
          0.7,
          '(exijo|exigimos|solicito|solicitamos|quiero|queremos|esperamos|espero)~(reembolso|devolucion del dinero|compensacion|indemnizacion)',
        ],
      ),
      churn_risk: cues(
        [
          0.85,
          '(cancelar|cancelacion|dar de baja|darnos de baja|darme de baja|den de baja|doy de baja|rescindir|rescision|terminar|finalizar|anular|no renovar|baja|cerrar)~(suscripcion|contrato|cuenta|licencias?|servicio|plan|membresia|abono|colaboracion|puestos)',
        ],
        [0.8, '!no (vamos a )?renovar|no renovaremos|no lo renovaremos|no (nos )?renuev\\w*'],
        [
          0.7,
          '(cambiar(nos)?|pasar(nos)?|migrar|cambiamos|pasamos|irnos|nos vamos|elegido|optado|escogido)~(otro proveedor|otra empresa|la competencia|un competidor|otra solucion)|(evaluando|buscando|considerando) (otras|alternativas|otros proveedores)|dej(ar|aremos|amos) de (usar|utilizar|trabajar con)',
        ],
        [0.7, '(terminar|finalizar|cancelar|detener|parar)~(piloto|prueba)'],
        [0.6, '!ya no (necesitamos|utilizamos|usamos|vamos a usar)'],
      ),
      unsubscribe: cues(
        [
          0.85,
          '((dar|darme|darnos|denme|dennos|den) de baja|eliminar(me|nos)?|borrar(me|nos)?|quitar(me|nos)?|sacar(me|nos)?|excluir(me|nos)?|retirar(me|nos)?|desuscribir(me|nos)?|borren|eliminen|quiten|saquen|supriman|sacarnos|eliminenme|borrenme|saquenme)~(lista|listas|boletin|newsletter|base de datos|envios|correos|mailing|comunicaciones|direccion|datos)',
        ],
        [
          0.85,
          '!no (quiero|deseo|queremos|deseamos) (seguir )?recibir|dejen de (enviar|mandar|escribir)|no me (envien|manden|escriban|contacten) mas|no mas (correos|emails|mensajes|boletines|publicidad)|no (me|nos) (envien|manden) mas',
        ],
        [0.55, 'desuscribir'],
        oneWordReply('baja|darme de baja|stop'),
      ),
      meeting_request: cues(
        [
          0.8,
          '(agend|program|organi[cz]|concert|fij|coordin|tener|hacer|cuadr|reprogram|mover|buscar (un )?hueco para|encontrar (un )?momento para)\\w*~(reunion|llamada|videollamada|cita|encuentro|conversacion|call|zoom|teams|cafe|comida|almuerzo|taller|revision)',
        ],
        [
          0.7,
          '(tiene|tienes|tendria|tendrias|teneis|tienen|estaria|estarias|estan|esta) (usted |ustedes )?(disponible|disponibles|libre|libres|tiempo|un hueco|un momento)|(tiene|tienes|tendria|tendrias)~(minutos|hueco|un momento)',
        ],
        [
          0.8,
          '(podemos|podriamos|puedes|podria|podrias) (vernos|reunirnos|hablar|llamarnos|quedar|conversar|tener una llamada)|(cuando|que dia|a que hora) (le|te|les|os) (viene|va|vendria|conviene|iria)|cuando~(hueco|disponible|libre)',
        ],
        [
          0.7,
          'reunir(se|nos|me) con|visitar(le|les)?~(oficina|sede|instalaciones)|quedamos para|quedar para',
        ],
        [
          0.6,
          '(le|te|les|os) (viene|vienen|va|van|vendria|vendrian|iria|irian) bien|(le|te|les|os) conviene',
        ],
      ),
    },
    ignore: {
      demo_request: phrase(
        'gracias (por|de)~(demo|demostracion|presentacion|prueba)|(despues de|tras|durante) (la|su|nuestra) (demo|demostracion|presentacion|prueba)|(demo|demostracion|presentacion) (fue|salio|ha sido)|(terminar|finalizar|cancelar|detener|parar)~(piloto|prueba)',
      ),
      quote_request: phrase(
        'gracias (por|de)~(presupuesto|oferta|propuesta|cotizacion)|(recibimos|hemos recibido|aceptamos|firmamos)~(presupuesto|oferta|propuesta|cotizacion)',
      ),
      churn_risk: phrase(
        'cancelar en cualquier momento|politica de cancelacion|cancelar~en cualquier momento',
      ),
      meeting_request: phrase('gracias (por|de)~(reunion|llamada|tiempo|cita)'),
    },
    negation: wholeWords('no|nunca|ningun|ninguna|sin|ni|tampoco'),
    offer: phrase(
      'le gustaria|les gustaria|te gustaria|quiere|quieren|le interesa|les interesa|desea|desean|puedo enviarle',
    ),
    positive: phrase(
      'genial|excelente|fantastic|estupend|perfect|encantad|content[oa]s?\\b|satisfech|impresion|maravillos|muy bien|muy buena|salio (muy )?bien|fue (muy )?bien|recomendad|increible|de lujo',
      'g',
    ),
    negative: phrase(
      'mal[oa]s?\\b|peor|decepcion|inaceptable|indignad|molest|furios|hart[oa]|vergonzoso|lamentable|pesim|insatisfech|no funciona|mal servicio|terrible|horrible|desastre|un caos|no estoy content|no estamos content|sin respuesta',
      'g',
    ),
  },
  it: {
    cues: {
      demo_request: cues(
        [
          0.8,
          '(richiedere|richiedo|richiediamo|richiesta|organizzare|fissare|pianificare|prenotare|programmare|vedere|ottenere|attivare|estendere|prolungare|interessa|vorrei|vorremmo|desidero|desideriamo|piacerebbe|potreste|potete|possibile)~(demo|dimostrazione|prova|account di prova|pilota|presentazione del prodotto)',
        ],
        [0.7, '(potreste|potete|potrebbe|puo)~(presentar(ci|mi)|mostrar(ci|mi)|far(ci|mi) vedere)'],
        [
          0.6,
          "prova gratuita|versione di prova|periodo di prova|(provare|testare)~(soluzione|prodotto|piattaforma|software|strumento)|(vedere|provare) (la|il|lo|la vostra|il vostro|lo strumento) ?\\w* (in azione|all'opera)|all'opera",
        ],
        [0.55, '(demo|dimostrazione)\\b≈\\?'],
      ),
      quote_request: cues(
        [
          0.8,
          '(inviare|inviarci|inviarmi|mandare|mandarci|mandarmi|mandateci|inviateci|ricevere|avere|ottenere|conoscere|sapere|richiedere|richiedo|richiediamo|vorrei|vorremmo|desidero|desidera|desideriamo|potreste|potete|preparare|fare|quale|quali|serv\\w*)~(preventivo|quotazione|prezz[oi]|listino|tariff[ae]|offerta|proposta (economica|commerciale)|cost[oi]|sconto)',
        ],
        [
          0.85,
          'quanto (costa|costano|costerebbe|costerebbero|verrebbe|viene)|qual e il (prezzo|costo)|quanto~(spender\\w*|coster\\w*|pagher\\w*)',
        ],
        [
          0.65,
          '(ci sono|avete|offrite|prevedete)~(scont|tariff|prezz|condizioni agevolate)|(che|quali) (condizioni|tariffe)',
        ],
      ),
      complaint: cues(
        [
          0.75,
          'reclamo|lamentela|delus[oaie]\\b|deludente|inaccettabile|inammissibile|vergognos|scandalos|pessim[oaie]\\b|insoddisfatt|arrabbiat|furios|stuf[oaie]\\b|intollerabile|assurdo|un caos',
        ],
        [0.6, '!non (siamo|sono) (per niente |affatto )?(soddisfatt|content)'],
        [
          0.5,
          '!non funziona|(ancora|continua a) non funzion|non e (ancora )?arrivat|mai arrivat|non (abbiamo|ho) (ancora )?ricevuto|difettos|rott[oa]\\b|danneggiat|addebitat[oi] due volte|doppio addebito|fattura (errata|sbagliata)|importo (errato|sbagliato)|prodotto sbagliato|fuori (uso|servizio)|disservizio|si blocca|ha rotto',
        ],
        [
          0.5,
          '!ancora in attesa|(siamo|sono) ancora in attesa|nessuna risposta|senza risposta|nessuno (ci |mi )?ha (risposto|richiamato)|da (\\w+ )?(settimane|giorni|mesi)|(terza|seconda) volta|piu volte|ripetutamente|non e la prima volta',
        ],
        [
          0.7,
          '(esigo|esigiamo|chiedo|chiediamo|pretendo|pretendiamo|aspetto|aspettiamo|vogliamo|voglio)~(rimborso|risarcimento|indennizzo)',
        ],
      ),
      churn_risk: cues(
        [
          0.85,
          '(disdire|disdetta|disdico|disdiciamo|disdiremo|annullare|cancellare|recedere|recesso|terminare|interrompere|chiudere|non rinnovare|cessare)~(abbonamento|contratto|account|licenz[ae]|servizio|piano|iscrizione|collaborazione|utenza)',
        ],
        [0.7, 'disdetta|recesso|annullarle|annullarli'],
        [0.8, '!non (intendiamo |vogliamo |vorremmo )?rinnovare|non rinnoveremo|non rinnovat\\w*'],
        [
          0.7,
          '(pass|migr|cambi)\\w* (a|ad|verso|con) (un |una )?(concorrente|altro fornitore|altra soluzione)|(scelto|optato per|deciso di passare)~(altro fornitore|altra soluzione|concorrente)|(valutando|cercando|considerando) (alternative|altri fornitori|altre soluzioni)',
        ],
        [0.7, '(interrompere|terminare|chiudere|fermare|annullare)~(pilota|prova)'],
        [0.6, '!non (ci )?serv\\w* piu|non (lo |la )?usiamo piu|non (ne )?abbiamo piu bisogno'],
      ),
      unsubscribe: cues(
        [
          0.85,
          '(rimuov|cancell|togli|elimin|disiscriv)\\w*~(lista|mailing|newsletter|elenco|indirizzo|database|comunicazioni|invii|dati)',
        ],
        [
          0.85,
          '!non (voglio|desidero|vogliamo|desideriamo) (piu )?ricevere|smettete(la)? di (inviar|mandar|scriver|contattar)|non (mi |ci )?(invi|mand|scriv|contatt)\\w* piu|basta (email|mail|messaggi)|niente (piu )?(newsletter|email|mail|pubblicita)',
        ],
        [0.55, 'disiscriv|disiscrizione'],
        oneWordReply('disiscrizione|disiscrivimi|cancellami|stop'),
      ),
      meeting_request: cues(
        [
          0.8,
          '(organizz|fiss|pianific|programm|concord|prenot|spost|riprogramm|trovare (un )?momento per|fare|avere)\\w*~(riunione|incontro|chiamata|call|videochiamata|appuntamento|meeting|colloquio|caffe|pranzo|confronto|workshop|revisione)',
        ],
        [
          0.7,
          '(sei|siete|e|sarebbe|sareste|saresti|sarete) (disponibil|liber)|(quando|che giorno|a che ora) (sei|siete|e|sarebbe|sareste) (disponibil|liber)|quando~(liber|disponibil)',
        ],
        [
          0.8,
          '(possiamo|potremmo|potresti|potrebbe|potreste) (sentirci|vederci|incontrarci|parlarne|fare una (call|chiamata))|(vorrebbe|vorremmo|vorrei) incontrare',
        ],
        [
          0.7,
          'venire a trovar\\w*|(pranziamo|prendiamo un caffe|vediamoci|sentiamoci)|(ha|hai|avete|avrebbe|avreste)~(minuti|tempo|un momento)~\\?|un caffe~\\?',
        ],
        [
          0.6,
          '(vi|ti|le) (andrebbe|andrebbero|va|vanno|sta|stanno) bene|(vi|ti|le) farebbe comodo|fasce? orari',
        ],
      ),
    },
    ignore: {
      demo_request: phrase(
        'grazie (per|della|del)~(demo|dimostrazione|presentazione|prova)|(dopo|durante) (la|il) (demo|dimostrazione|presentazione|prova)|(demo|dimostrazione|presentazione) (e andata|e stata)|(interrompere|terminare|chiudere|fermare|annullare)~(pilota|prova)',
      ),
      quote_request: phrase(
        'grazie (per|del|della)~(preventivo|offerta|proposta)|(ricevuto|accettiamo|accettato|firmato)~(preventivo|offerta|proposta)',
      ),
      churn_risk: phrase('disdire in qualsiasi momento|condizioni di recesso'),
      meeting_request: phrase('grazie (per|della|del)~(riunione|incontro|chiamata|tempo)'),
    },
    negation: wholeWords('non|mai|nessun|nessuna|senza|neanche|nemmeno'),
    offer: phrase(
      'vorrebbe (fissare|ricevere|vedere|una)|vorreste|desidera (ricevere|una|fissare)|le interessa|vi interessa|posso inviarle|posso mandarle',
    ),
    positive: phrase(
      'ottim[oaie]\\b|eccellente|fantastic|perfett|content[oaie]\\b|soddisfatt|entusiast|impressionat|colpit|molto bene|benissimo|e andata bene|complimenti|consiglia|splendid|meraviglios',
      'g',
    ),
    negative: phrase(
      'peggior|peggio\\b|scadente|delus|deludente|inaccettabile|inammissibile|vergognos|scandalos|pessim|insoddisfatt|arrabbiat|furios|stuf[oaie]\\b|non funziona|disastro|terribile|un caos|non (siamo|sono) soddisfatt',
      'g',
    ),
  },
  nl: {
    cues: {
      demo_request: cues(
        [
          0.8,
          '(graag|willen|wil|zouden|zou|interesse|geinteresseerd|aanvragen|vraag|plannen|inplannen|boeken|regelen|krijgen|ontvangen|activeren|verlengen|kunnen|kunt|mogelijk)~(demo|demonstratie|proefperiode|proefversie|testaccount|trial|pilot|productdemo)',
        ],
        [
          0.8,
          '(demo|demonstratie|proefperiode|proefversie|testaccount|trial)~(aanvragen|inplannen|plannen|boeken|regelen|geven|krijgen|verlengen|activeren|zien)',
        ],
        [0.7, '(kunnen|kunt|zou)~(laten zien|demonstreren|presenteren|tonen)'],
        [
          0.6,
          'gratis (proef|proefperiode|proefversie|uitproberen)|(product|platform|software|oplossing|tool|systeem)~(testen|proberen|uitproberen|in actie zien)|in actie zien',
        ],
        [0.55, '(demo|demonstratie)\\b≈\\?'],
      ),
      quote_request: cues(
        [
          0.8,
          '(sturen|toesturen|opsturen|ontvangen|krijgen|aanvragen|vraag\\w*|graag|willen|zouden|kunt|kunnen|interesse|opstellen|nodig|wat (zijn|is))~(offerte|prijsopgave|prijs|prijzen|prijslijst|tarief|tarieven|kosten|kostenraming|korting|prijsindicatie)',
        ],
        [
          0.8,
          '(offerte|prijsopgave|prijslijst|prijsindicatie|prijzen|tarieven)~(sturen|toesturen|opsturen|ontvangen|aanvragen|aan\\b|opstellen|maken)',
        ],
        [0.85, '(wat|hoeveel) (kost|kosten)|wat~kost\\b|hoeveel~(kwijt|betalen|kost)'],
        [
          0.65,
          '(is er|zijn er|hebben jullie|heeft u|bieden jullie|biedt u)~(korting|staffel\\w*|tarie\\w*|prijz\\w*)|welke (voorwaarden|tarieven|prijzen)',
        ],
      ),
      complaint: cues(
        [
          0.75,
          'klacht|klagen|teleurgesteld|teleurstellend|onacceptabel|onaanvaardbaar|schandalig|belachelijk|ontevreden|woedend|geergerd|(het )?spuugzat|waardeloos|bedroevend|slechte (service|dienstverlening|kwaliteit)|(ben|zijn) het (echt )?(zat|beu)|puinhoop',
        ],
        [0.6, '!(helemaal |echt )?niet (erg |echt )?tevreden'],
        [
          0.5,
          '!werkt (nog steeds |nog altijd |alweer )?niet|kapot|defect|beschadigd|gesloopt|loopt (steeds |telkens )?vast|dubbel (gefactureerd|afgeschreven|betaald)|twee keer (gefactureerd|afgeschreven)|verkeerde? (factuur|bedrag|artikel|product|levering)|nooit (aangekomen|ontvangen|geleverd)|niet (aangekomen|ontvangen|geleverd)|lag~plat|storing|onbereikbaar|ontbreekt',
        ],
        [0.3, '!nog steeds|nog altijd'],
        [
          0.5,
          '!al (\\w+ )?(weken|dagen|maanden)|(derde|tweede) keer|meerdere keren|geen (antwoord|reactie)|niemand (heeft|reageert)|niet de eerste keer',
        ],
        [
          0.7,
          '(eis|eisen|verwacht|verwachten|wil|willen|vraag|vragen)~(terugbetaling|restitutie|geld terug|compensatie|schadevergoeding)',
        ],
      ),
      churn_risk: cues(
        [
          0.85,
          '(opzeggen|beeindigen|stopzetten|annuleren|ontbinden|niet verlengen|stoppen met|sluiten)~(abonnement|contract|overeenkomst|account|licentie|dienst|samenwerking|lidmaatschap)|(abonnement|contract|overeenkomst|account|licenties?|samenwerking|lidmaatschap|plekken)~(opzeggen|beeindigen|stopzetten|annuleren|ontbinden|sluiten|niet (meer )?verlengen)',
        ],
        [0.7, 'opzegging|zeggen~op\\b'],
        [0.8, '!niet (meer )?verlengen|niet verlengd|verleng\\w*~niet'],
        [
          0.7,
          '(overstappen|overgaan|migreren) naar (een )?(concurrent|andere (leverancier|aanbieder|oplossing|partij))|(gekozen|kiezen) voor~(andere|concurrent) ?(leverancier|aanbieder|oplossing|partij)?|stap\\w*~over naar|(kijken|orienteren) (naar|ons op) (alternatieven|andere (leveranciers|aanbieders|oplossingen))|stoppen~met (de|het|ons|onze) (dienst|abonnement|contract|samenwerking)',
        ],
        [
          0.7,
          '(pilot|proefperiode)~(stoppen|beeindigen|afbreken)|(stoppen|beeindigen)~(pilot|proefperiode)',
        ],
        [0.6, '!niet meer (nodig|gebruiken)'],
      ),
      unsubscribe: cues(
        [
          0.85,
          '(uitschrijv|afmeld|verwijder|uit te schrijven|af te melden|schrap|haal|haalt|halen)\\w*~(lijst|mailinglijst|nieuwsbrief|bestand|database|verzendlijst\\w*|mailings)|(lijst|mailinglijst|nieuwsbrief|bestand|database|verzendlijst|mailings)~(uitschrijven|afmelden|verwijderen|schrappen|halen)',
        ],
        [
          0.85,
          '(mij|me|ons|mijn (e-?mail)?adres|mijn gegevens)~(verwijderen|uitschrijven|afmelden|schrappen|wissen)|(verwijder|wis)\\w*~(mijn|onze) (gegevens|adres|e-?mailadres)',
        ],
        [
          0.85,
          '!geen (e-?mails|mails|nieuwsbrieven|berichten|mailings|reclame) meer|stop (met )?(mailen|sturen|e-?mailen)|niet meer (mailen|benaderen|contacteren|e-?mailen)|geen contact meer',
        ],
        [0.55, 'uitschrijven|afmelden'],
        oneWordReply('uitschrijven|afmelden|stop'),
      ),
      meeting_request: cues(
        [
          0.8,
          '\\w*(afspraak|overleg|gesprek|meeting|call|belafspraak|kennismaking|bezoek|koffie|lunch|teams|zoom|workshop|kick-off)\\b~(plannen|inplannen|maken|regelen|verzetten|verplaatsen|prikken|organiseren)|(plannen|inplannen|maken|regelen|organiseren|verzetten)~(afspraak|overleg|gesprek|meeting|call)',
        ],
        [
          0.7,
          '(bent u|ben je|zijn jullie|heeft u|heb je|hebben jullie)~(beschikbaar|tijd|gelegenheid|minuten)',
        ],
        [
          0.8,
          '(kunnen|zullen|zouden) we (elkaar )?(even |eens )?(afspreken|bellen|spreken|overleggen|samenkomen|zien)|(wanneer|welke dag|hoe laat) (schikt|past|komt het|bent u|ben je|zijn jullie|heeft)',
        ],
        [
          0.7,
          '(welke|wanneer)~(schikt|schikken|past|passen|uitkomt)|(bezoek|afspraak|gesprek)\\w*~mogelijk|zullen we~(lunchen|koffie|afspreken|organiseren|plannen)|om tafel',
        ],
        [0.6, 'schikt het|past het|komt~(u|je|jullie) (goed )?uit|tijdstippen'],
      ),
    },
    ignore: {
      demo_request: phrase(
        '(bedankt|dank) voor~(demo|demonstratie|presentatie)|(na|tijdens) (de|onze|uw) (demo|demonstratie|presentatie|proefperiode)|(demo|demonstratie|presentatie) (was|ging|verliep)|(pilot|proefperiode)~(stoppen|beeindigen|afbreken)|(stoppen|beeindigen)~(pilot|proefperiode)',
      ),
      quote_request: phrase(
        '(bedankt|dank) voor~(offerte|prijsopgave)|(offerte|prijsopgave)~(ontvangen|geaccepteerd|getekend|akkoord)',
      ),
      churn_risk: phrase('(maandelijks|op elk moment|altijd) opzegbaar|opzegtermijn'),
      meeting_request: phrase('(bedankt|dank) voor~(gesprek|afspraak|overleg|tijd|meeting)'),
    },
    negation: wholeWords('niet|geen|nooit|zonder|noch'),
    offer: phrase('wilt u|zou u|heeft u interesse|zal ik|mag ik'),
    positive: phrase(
      'geweldig|uitstekend|fantastisch|perfect|tevreden|blij|enthousiast|onder de indruk|top\\b|heel goed|erg goed|prima|goed verlopen|ging (heel )?goed|aanrader|aanbevolen|aanbevelen|super\\b',
      'g',
    ),
    negative: phrase(
      'slechter|achteruit|teleurgesteld|teleurstellend|onacceptabel|onaanvaardbaar|schandalig|belachelijk|ontevreden|boos|woedend|waardeloos|slecht|werkt (nog steeds )?niet|niet tevreden|puinhoop|het (zat|beu)',
      'g',
    ),
  },
  pt: {
    cues: {
      demo_request: cues(
        [
          0.8,
          '(solicitar|solicito|solicitamos|pedir|agendar|marcar|programar|organizar|ver|obter|ativar|estender|prorrogar|interesse|interessad|gostaria|gostariamos|queria|queriamos|precisamos|preciso|poderiam|podem|seria possivel|e possivel)~(demo|demonstracao|teste|conta de teste|piloto|avaliacao gratuita|apresentacao do produto)',
        ],
        [0.7, '(poderiam|podem|poderia|pode)~(apresentar|mostrar)(-nos|-me)?\\b'],
        [
          0.6,
          'teste gratuito|versao de (teste|avaliacao)|periodo de (teste|avaliacao)|testar (a|o|vossa|vosso|sua|seu) (solucao|produto|plataforma|software|ferramenta)|ver (a|sua) (plataforma|solucao|ferramenta|produto)~(em acao|funcionando)',
        ],
        [0.55, '(demo|demonstracao)\\b≈\\?'],
      ),
      quote_request: cues(
        [
          0.8,
          '(enviar|enviem|mandar|mandem|passar|receber|obter|saber|conhecer|solicit\\w*|pedir|gostaria|gostariamos|queria|precisamos|preciso|poderiam|podem|pode|qual e|quais sao|elaborar|preparar)~(orcamento|cotacao|precos?|tabela de precos|tarifas?|proposta (comercial|de preco)|custos?|desconto|valores)',
        ],
        [
          0.85,
          'quanto (custa|custam|custaria|custariam|fica|ficaria|sai)|qual (e )?o (preco|valor|custo)|quanto~(gastar|pagar|custar)',
        ],
        [
          0.65,
          '(existe|ha|tem|oferecem|voces tem)~(desconto|preco especial|precos especiais|tarifa)|(que|quais) (condicoes|precos|valores)',
        ],
      ),
      complaint: cues(
        [
          0.75,
          'reclamacao|reclamar|queixa|decepcionad|decepcao|inaceitavel|inadmissivel|absurdo|vergonhos|pessim[oa]|insatisfeit|irritad|furios|fart[oa]s?\\b|lamentavel|bagunca',
        ],
        [0.6, '!nao (estou|estamos) (nada )?(satisfeit|content)'],
        [
          0.5,
          '!nao funciona|continua sem funcionar|nao chegou|nunca chegou|nao (recebemos|recebi)|defeituos|quebrad|quebrou|danificad|cobrad[oa]s? duas vezes|cobraram duas vezes|cobranca (duplicada|em dobro)|fatura (errada|incorreta)|valor (errado|incorreto)|produto errado|fora do ar|indisponivel|trava|sumiu',
        ],
        [
          0.5,
          '!(continuo|continuamos) (esperando|a espera|sem)|ainda (estou|estamos) (a )?esper|(esperando|aguardando)~ha (\\w+ )?(semanas|dias|meses)|sem resposta|nenhuma resposta|ninguem (nos |me )?(respondeu|retornou|ligou)|ha (semanas|dias|meses)|(terceira|segunda) vez|varias vezes|nao e a primeira vez',
        ],
        [
          0.7,
          '(exijo|exigimos|solicito|solicitamos|quero|queremos|espero|esperamos)~(reembolso|devolucao do dinheiro|compensacao|indenizacao|estorno)',
        ],
      ),
      churn_risk: cues(
        [
          0.85,
          '(cancelar|cancelem|cancelamos|cancelamento|rescindir|rescisao|encerrar|encerrem|encerramento|terminar|nao renovar|descontinuar)~(assinatura|contrato|conta|licencas?|servico|plano|subscricao|parceria|adesao)',
        ],
        [0.8, '!nao (vamos |iremos |pretendemos )?renovar|nao renovaremos|nao renovem'],
        [
          0.7,
          '(mudar|migrar|passar) (para|pra) (um |uma )?(concorrente|outro fornecedor|outra solucao|outra empresa)|(ir com|escolhemos|optamos por|decidimos)~(outro fornecedor|outra solucao|outra empresa|concorrente)|(avaliando|procurando|considerando) (alternativas|outros fornecedores|outras solucoes)',
        ],
        [0.7, '(encerrar|terminar|cancelar|parar|interromper)~(piloto|teste)'],
        [0.6, '!(ja )?nao (precisamos|utilizamos|usamos) mais|nao precisamos mais'],
      ),
      unsubscribe: cues(
        [
          0.85,
          '(descadastr|remov|retir|exclu|tir|apag|cancelar (a )?(minha )?(inscricao|subscricao))\\w*~(lista|mailing|newsletter|base|envios|e-?mails|comunicacoes|cadastro|dados|endereco)',
        ],
        [0.85, '(me|nos) (descadastr|remov|retir|exclu|tir)\\w*'],
        [
          0.85,
          '!nao (quero|desejo|queremos|desejamos) (mais )?receber|parem de (me |nos )?(enviar|mandar)|nao me (enviem|mandem|contatem|contactem) mais|chega de (newsletters?|e-?mails|mensagens)',
        ],
        [0.55, 'descadastr|cancelar a inscricao'],
        oneWordReply('descadastrar|descadastro|remover|stop'),
      ),
      meeting_request: cues(
        [
          0.8,
          '(agend|marc|organiz|program|combin|reagend|remarc|ter|fazer|fazermos)\\w*~(reuniao|chamada|videochamada|call|encontro|conversa|cafe|almoco|visita|workshop|kick-off|revisao)',
        ],
        [
          0.7,
          '(esta|estaria|estao|estariam|tem|teria|tens) (disponive(l|is)|livres?|tempo|um tempo)|(voce|voces) (tem|teria)~(minutos|tempo)|(quando|que dia|que horas) (voce|voces|o senhor|a senhora)? ?(pode|podem|esta|estaria|fica|teria)|quando~(disponibilidade|disponivel)',
        ],
        [
          0.8,
          '(podemos|poderiamos|pode|poderia) (conversar|falar|nos reunir|reunir|nos encontrar|marcar|ter uma (chamada|reuniao|conversa))|(quer|querem|gostaria de) (se reunir|nos reunir|reunir-se)|se reunir com',
        ],
        [
          0.7,
          '(vamos|bora) (almocar|tomar um cafe|conversar|marcar)|visitar~(escritorio|sede|instalacoes)|que tal~(reuniao|organizarmos|marcarmos|conversarmos)',
        ],
        [
          0.6,
          '(fica|ficam|funciona|serve|seria bom) (bom |boas )?(para|pra) (voce|voces|o senhor|a senhora)|sugiram~horarios|alguns horarios',
        ],
      ),
    },
    ignore: {
      demo_request: phrase(
        'obrigad[oa] (pela|pelo)~(demo|demonstracao|apresentacao|teste)|(depois|durante|apos) (da|a) (demo|demonstracao|apresentacao)|(demo|demonstracao|apresentacao) (foi|correu)|(encerrar|terminar|cancelar|parar|interromper)~(piloto|teste)',
      ),
      quote_request: phrase(
        'obrigad[oa] (pela|pelo)~(orcamento|proposta|cotacao)|(recebemos|aceitamos|assinamos)~(orcamento|proposta|cotacao)',
      ),
      churn_risk: phrase(
        'cancelad[oa] a qualquer momento|cancelar a qualquer momento|politica de cancelamento',
      ),
      meeting_request: phrase('obrigad[oa] (pela|pelo)~(reuniao|chamada|conversa|tempo)'),
    },
    negation: wholeWords('nao|nunca|nenhum|nenhuma|sem|nem'),
    offer: phrase(
      '(voce|voces|o senhor|a senhora) (gostaria|teria interesse|quer)|gostariam|tem interesse|posso (enviar|mandar)',
    ),
    positive: phrase(
      'otim[oa]|excelente|fantastic|perfeit|content[ea]s?\\b|satisfeit|encantad|impressionad|adorou|adoramos|muito bom|muito boa|correu (muito )?bem|foi (muito )?bem|recomend|maravilhos|incrivel|parabens',
      'g',
    ),
    negative: phrase(
      'ruim|pior\\b|piorou|decepcion|decepcao|inaceitavel|inadmissivel|absurdo|vergonhos|pessim|insatisfeit|irritad|furios|nao funciona|terrivel|horrivel|desastre|bagunca|nao (estou|estamos) satisfeit|sem resposta',
      'g',
    ),
  },
};
