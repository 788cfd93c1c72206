import { cues, phrase, wholeWords, oneWordReply, type Lexicon } from '../lexicon-parts.js';

/** Dutch phrases for each intent, negation, offers and sentiment. */
export const nl: Lexicon = {
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
};
