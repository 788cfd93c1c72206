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
  readonly positive: RegExp;
  readonly negative: RegExp;
}

/** Text between two words of a phrase: within one sentence, a few words at most. */
const gap = '[^.?!\\n]{0,40}?';

/**
 * Compiles `[weight, source]` pairs. In a source, `~` stands for a short gap
 * within the sentence and a leading `!` marks a cue that carries its own
 * negation. Sources are written lower case without accents, as `fold` leaves
 * the text.
 */
function cues(...entries: readonly (readonly [number, string])[]): readonly Cue[] {
  return entries.map(([weight, source]) => {
    const negative = source.startsWith('!');
    const body = (negative ? source.slice(1) : source).replaceAll('~', gap);
    return { pattern: new RegExp(`\\b(?:${body})`), weight, negative };
  });
}

function words(source: string): RegExp {
  return new RegExp(`\\b(?:${source.replaceAll('~', gap)})`);
}

/** Phrases, per language, that make each intent likely. */
export const lexicons: Readonly<Record<Language, Lexicon>> = {
  en: {
    cues: {
      demo_request: cues(
        [
          0.8,
          '(request|schedule|book|arrange|set up|organi[sz]e|see|get|want|like|love|need|interested in|show (us|me)|walk (us|me) through|looking for|sign (us |me )?up for|start|activate|extend|access to|try|give (us|me))~(demo|demonstration|trial|walkthrough|walk-through|pilot|proof of concept|sandbox|test account|evaluation (account|licen[cs]e))\\b',
        ],
        [0.55, '(demo|demonstration|trial|walkthrough)\\b~\\?'],
        [
          0.6,
          'free trial|trial (version|account|licen[cs]e)|test drive|try (it|the (product|software|platform|tool)|your (product|software|platform|tool)) (out|first|before)|see (the|your) (product|platform|software|tool|solution) in action|see how (it|your (product|platform|tool|software|solution)) works',
        ],
      ),
      quote_request: cues(
        [
          0.8,
          "(send|get|need|request|share|provide|receive|like|want|prepare|interested in|looking for|give|know|ask(ing)? for|what (is|are|would be|'s)|could you|can you)~(quote|quotation|price list|pricing|prices?|costs?|estimate|proposal|rates|fees|offer)\\b",
        ],
        [
          0.85,
          'how much (does|do|is|would|will|for|are)|what (does|do|would|will) (it|this|that|the \\w+|\\w+ \\w+) cost',
        ],
        [
          0.6,
          '(volume|bulk|enterprise|nonprofit|non-profit|education(al)?|annual) (discount|pricing|licen[cs]ing)|(discount|per (user|seat|licen[cs]e))~\\?',
        ],
      ),
      complaint: cues(
        [
          0.75,
          'disappointed|disappointing|unacceptable|frustrat(ed|ing)|annoyed|furious|outraged|fed up|unhappy|dissatisfied|terrible|awful|worst|(poor|bad|lousy) (service|support|quality)|appalling|ridiculous|complain(ing|t)?|formal complaint|shocking|a disgrace|not good enough|sick of',
        ],
        [0.6, '!not (at all )?(happy|satisfied|pleased)'],
        [
          0.45,
          "!still (not|no|waiting|hasn't|haven't|broken|doesn't|isn't)|no (one|body) (has )?(replied|responded|answered|got back|called)|nobody (has )?(replied|responded|answered|got back|called)|(third|second|fourth|several|multiple) times?|again and again|for (weeks|days|months) now|no (reply|response|answer) (yet|so far)",
        ],
        [
          0.45,
          "!not working|(doesn't|does not|didn't|did not) work|stopped working|is broken|keeps crashing|(charged|billed) (us |me )?twice|double charged|overcharged|wrong (invoice|amount|order|item|product)|arrived damaged|damaged|never (arrived|received|delivered|showed up)|(has not|hasn't|have not|haven't) (arrived|been delivered|received)",
        ],
        [
          0.7,
          '(want|demand|expect|insist on|request|asking for)~(refund|money back|compensation|reimbursement)',
        ],
      ),
      churn_risk: cues(
        [
          0.85,
          '(cancel|terminate|end|discontinue|close|stop|not renew)~(subscription|contract|account|plan|membership|service|licen[cs]es?|agreement|partnership|renewal)\\b',
        ],
        [
          0.8,
          "!(not|won't|will not|aren't|are not|don't|do not) (be )?(going to )?renew(ing)?|non-renewal",
        ],
        [
          0.7,
          '(switch(ing)?|mov(e|ing)|migrat(e|ing)|go(ing)? with) (over )?to (a |another |an? other |a different )?(competitor|provider|vendor|supplier|solution|tool)|(looking at|evaluating|considering|exploring) (alternatives|other (providers|vendors|solutions|tools|options)|competitors)|notice of (termination|cancellation)|termination notice|how (do|can) (i|we) cancel',
        ],
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
          "!(stop|quit) (sending|emailing|mailing|contacting|spamming) (me|us)|(don't|do not|never) (send|e-?mail|contact) (me|us)|(don't|do not|no longer) (want|wish) to (receive|get|hear)|no (more|further) (e-?mails|newsletters|messages|mailings)",
        ],
        [0.8, '(remove|delete|erase) (me|us|my (details|data|e-?mail|address))\\b'],
      ),
      meeting_request: cues(
        [
          0.8,
          '(schedule|set up|arrange|book|organi[sz]e|plan|find (a )?time for|have|hop on|jump on|grab|reschedule|move|propose)~(meeting|call|video call|zoom|teams call|chat|catch-up|catch up|appointment|session|conversation|coffee|lunch|visit)\\b',
        ],
        [
          0.8,
          "(are you|would you be|will you be|is your team|are you both) (available|free)|(when|what time) (are|would|is|will) (you|it|your team) (be )?(available|free|convenient|good)|(can|could|shall) we (meet|talk|speak|connect)|let's (meet|talk|connect|catch up|set up)|(does|would|do) (monday|tuesday|wednesday|thursday|friday|next week|tomorrow|\\d)~(work|suit)",
        ],
        [0.5, '(meet|meeting) (next|this|on) (week|monday|tuesday|wednesday|thursday|friday)'],
      ),
    },
    ignore: {
      demo_request: words(
        "(thanks?( you)?|grateful) for~(demo|trial|walkthrough)|(after|since|during|following|in|at) (the|your|our|yesterday's|today's|last week's) (demo|trial|walkthrough)|(demo|trial|walkthrough) (went|was|were|has been)",
      ),
      quote_request: words(
        '(thanks?( you)?) for (the|your)~(quote|quotation|offer|proposal|pricing)|(received|accept(ed)?|signed|approved) (the|your)~(quote|quotation|offer|proposal)',
      ),
      churn_risk: words('cancel(l?ed)? (at )?any ?time|cancell?ation (policy|terms)'),
      meeting_request: words(
        "(thanks?( you)?) for~(meeting|call|time|chat)|(after|since|following|during|in) (the|our|today's|yesterday's)~(meeting|call|chat)",
      ),
    },
    negation: words(
      "not|no|never|don't|dont|doesn't|didn't|won't|isn't|aren't|wouldn't|without|nor|neither|no need",
    ),
    offer: words(
      'would you (like|want|be interested)|do you want|are you interested|shall i|should i|can i (send|offer|show|set)|may i',
    ),
    positive: words(
      'great|excellent|fantastic|amazing|wonderful|love(d)?|happy|pleased|delighted|impressed|perfect|brilliant|awesome|outstanding|superb|went well|well done|good job|really good|very good|satisfied|glad|thrilled|smooth(ly)?|very helpful|exceeded|recommend',
    ),
    negative: words(
      "disappointed|disappointing|unacceptable|frustrat(ed|ing)|annoyed|angry|furious|terrible|awful|horrible|worst|poor|bad|useless|broken|unhappy|dissatisfied|ridiculous|appalling|upset|fed up|shocked|shocking|nightmare|waste|(not|isn't|wasn't) (good|great|happy|satisfied|ok)|does not work|doesn't work|not working|still waiting|complain|mess",
    ),
  },
  de: {
    cues: {
      demo_request: cues(
        [
          0.8,
          '(gerne|gern|mochten|mochte|wurden|hatten|interesse an|interessiert an|interessieren uns fur|bitte um|anfrage|anfordern|konnen sie|konnten sie|konnen wir|konnten wir|suchen|wunschen)~(demo|demonstration|vorfuhrung|produktvorfuhrung|testversion|testzugang|testphase|testaccount|trial|probeversion|pilot)',
        ],
        [
          0.8,
          '(demo|demonstration|vorfuhrung|produktvorfuhrung|testversion|testzugang|testphase|testaccount|trial|probeversion)~(vereinbaren|buchen|anfordern|sehen|zeigen|bekommen|erhalten|freischalten|verlangern|einrichten|organisieren|ausprobieren|testen)',
        ],
        [
          0.6,
          'kostenlos(e|en)? (test|testversion|testphase|testzugang)|unverbindlich(e|en)? (test|vorfuhrung|demo)|(software|produkt|plattform|losung|tool) (ausprobieren|testen|in aktion sehen)',
        ],
        [0.55, '(demo|vorfuhrung|testversion|testzugang)\\b~\\?'],
      ),
      quote_request: cues(
        [
          0.8,
          '(bitte|gerne|gern|mochten|mochte|benotigen|brauchen|wunschen|anfordern|interesse|konnen sie|konnten sie|wurden sie)~(angebot|preis|preise|preisliste|preisangebot|kostenvoranschlag|kosten|konditionen|tarif|tarife|lizenzkosten|rabatt|staffelpreise)',
        ],
        [
          0.8,
          '(angebot|preise|preisliste|preisangebot|kostenvoranschlag|konditionen|preisinformationen)~(zusenden|zuschicken|schicken|senden|erhalten|erstellen|unterbreiten|zukommen lassen|mitteilen|nennen)',
        ],
        [
          0.85,
          'was (kostet|kosten|wurde|wurden)~(kosten)?|wie ?viel (kostet|kosten|wurde)|wie hoch (sind|ist|waren|ware) (die|der) (kosten|preis)',
        ],
      ),
      complaint: cues(
        [
          0.75,
          'beschwerde|reklamation|reklamieren|beschweren|enttauscht|enttauschend|unzufrieden|inakzeptabel|unakzeptabel|unverschamt|frechheit|argerlich|verargert|katastroph|mangelhaft|zumutung|schlechte(r|n)? (service|support|qualitat)|miserabel|nicht hinnehmbar',
        ],
        [0.6, '!(gar |uberhaupt )?nicht (sehr )?zufrieden'],
        [
          0.45,
          '!funktioniert (immer noch |noch immer |weiterhin )?nicht|defekt|kaputt|beschadigt|doppelt (berechnet|abgebucht|belastet)|falsch(e|en)? (rechnung|lieferung|betrag|artikel)|(nie|nicht) (angekommen|geliefert|eingetroffen)',
        ],
        [
          0.45,
          '!immer noch|noch immer|seit (wochen|tagen|monaten)|bereits (zum )?(dritten|zweiten|mehrmals|mehrfach)|zum (dritten|zweiten|wiederholten) mal|keine (antwort|reaktion|ruckmeldung)',
        ],
        [
          0.7,
          '(verlange|verlangen|fordere|fordern|erwarte|erwarten|bestehe|bestehen)~(erstattung|ruckerstattung|geld zuruck|gutschrift|entschadigung)',
        ],
      ),
      churn_risk: cues(
        [
          0.85,
          '(vertrag|abo|abonnement|mitgliedschaft|konto|account|lizenz|lizenzen|zusammenarbeit|dienst|plan)~(kundigen|stornieren|beenden|auflosen|nicht (mehr )?verlangern)',
        ],
        [0.75, 'kundigung\\b|kundige(n)? (hiermit|wir)|hiermit kundige|stornierung'],
        [0.8, '!(nicht|kein) (mehr )?verlanger'],
        [
          0.6,
          '(wechseln|wechsel|umsteigen) (zu|auf) (einem |einen )?(anderen|konkurrenz|wettbewerber|mitbewerber)|(andere|alternative) (anbieter|losungen|losung|tools)|!nicht mehr (benotigen|brauchen|nutzen)',
        ],
      ),
      unsubscribe: cues(
        [
          0.85,
          '(mich|uns|meine (e-?mail-?)?adresse|meine daten)~(austragen|abmelden|entfernen|loschen|streichen)',
        ],
        [
          0.85,
          '(newsletter|verteiler|mailingliste|e-?mails|werbung|werbemails|mailings)~(abbestellen|abmelden|austragen)',
        ],
        [
          0.85,
          '!keine (weiteren |weitere )?(e-?mails|mails|newsletter|werbung|nachrichten|werbemails)( mehr)?|(kontaktieren|schreiben|anschreiben|mailen) sie (mir|mich|uns) nicht mehr|nicht mehr (kontaktieren|anschreiben|anrufen|zuschicken|schicken|erhalten)',
        ],
        [0.5, 'abmelden|abbestellen'],
      ),
      meeting_request: cues(
        [
          0.8,
          '(termin|treffen|telefonat|anruf|gesprach|call|videocall|meeting|besprechung|telefontermin|rucksprache|videokonferenz|zoom|teams-call|austausch)~(vereinbaren|ausmachen|abstimmen|finden|planen|einplanen|organisieren|verschieben|ansetzen|machen)',
        ],
        [
          0.7,
          '(hatten sie|haben sie|hast du|habt ihr|passt (es|ihnen|dir)|ginge es|geht es)~(zeit|montag|dienstag|mittwoch|donnerstag|freitag|nachste woche|morgen|uhr)',
        ],
        [
          0.8,
          '(konnen|konnten|sollen|sollten|wollen) wir (uns )?(kurz |mal )?(treffen|telefonieren|sprechen|austauschen|zusammensetzen)|lass(t)? uns (mal )?(treffen|telefonieren|sprechen)|(wann|wie) (passt|ginge|hatten sie zeit)',
        ],
      ),
    },
    ignore: {
      demo_request: words(
        '(danke|dank) fur~(demo|vorfuhrung|prasentation)|(nach|seit) (der|unserer|ihrer) (demo|vorfuhrung|testphase)|(demo|vorfuhrung) (war|lief|hat)',
      ),
      quote_request: words(
        '(danke|dank) fur~(angebot|preise|kostenvoranschlag)|(angebot|kostenvoranschlag)~(erhalten|angenommen|akzeptiert|unterschrieben)',
      ),
      churn_risk: words('jederzeit kundbar|kundigungsfrist'),
      meeting_request: words('(danke|dank) fur~(gesprach|termin|treffen|telefonat|zeit)'),
    },
    negation: words('nicht|kein|keine|keinen|keiner|keinerlei|nie|niemals|ohne|weder'),
    offer: words(
      'mochten sie|wurden sie gern|hatten sie interesse|haben sie interesse|darf ich|soll ich|wollen sie',
    ),
    positive: words(
      'super|toll|grossartig|großartig|hervorragend|ausgezeichnet|begeistert|zufrieden|freuen uns|sehr gut|perfekt|klasse|prima|lief gut|gut gelaufen|beeindruckt|empfehlen|gelungen|wunderbar',
    ),
    negative: words(
      'enttauscht|enttauschend|unzufrieden|inakzeptabel|argerlich|verargert|katastroph|schlecht|mangelhaft|frechheit|unverschamt|miserabel|zumutung|funktioniert (immer noch |noch immer )?nicht|kaputt|defekt|nicht zufrieden',
    ),
  },
  fr: {
    cues: {
      demo_request: cues(
        [
          0.8,
          "(souhait|voudrions|voudrais|aimerions|aimerais|interess|besoin d|demande|demander|obtenir|organiser|planifier|programmer|reserver|prevoir|pourriez-vous|pouvez-vous|pourrions-nous|pouvons-nous|possible d'avoir|prolonger|activer)~(demo|demonstration|essai|compte de test|acces de test|pilote|presentation (du|de votre) (produit|solution|outil))",
        ],
        [
          0.6,
          "essai gratuit|version d'essai|periode d'essai|tester (votre|la|le|vos) (solution|produit|logiciel|plateforme|outil)|voir (la|votre) (solution|plateforme|produit|outil) en action",
        ],
        [0.55, '(demo|demonstration|essai)\\b~\\?'],
      ),
      quote_request: cues(
        [
          0.8,
          '(envoyer|faire parvenir|transmettre|communiquer|obtenir|recevoir|etablir|demande|demander|souhait|voudr|aimer|besoin|pourriez|pouvez|quel est|quels sont|quelle est|connaitre)~(devis|tarif|tarifs|tarification|prix|grille tarifaire|cotation|offre (commerciale|de prix|tarifaire)|proposition (commerciale|tarifaire)|couts?|remise)',
        ],
        [0.85, 'combien (coute|coutent|couterait|couteraient|ca coute|cela coute|faut-il compter)'],
      ),
      complaint: cues(
        [
          0.75,
          'plainte|reclamation|deception|decu(e|s|es)?\\b|inacceptable|inadmissible|scandaleu|lamentable|mecontent|insatisfait|furieu|exaspere|agace|honteu|intolerable|deplorable|pas (du tout )?(satisfait|content)|service (client )?(deplorable|catastrophique|mediocre)',
        ],
        [
          0.45,
          '!ne (fonctionne|marche) (toujours |plus |toujours plus )?pas|en panne|defectueu|casse|endommage|facture(e|s)? deux fois|double facturation|preleve(s)? deux fois|mauvais(e)? (article|montant|facture|produit)|jamais (recu|arrive|livre)|toujours pas (recu|arrive|livre|de reponse|regle|resolu)|pas (encore )?(recu|ete livre)',
        ],
        [
          0.45,
          "!toujours (en attente|sans reponse)|depuis (des semaines|des jours|des mois|plusieurs (jours|semaines|mois))|(troisieme|deuxieme|plusieurs|nouvelle) (fois|relance)|aucune reponse|sans (aucune )?reponse|personne ne (nous |m')?(a )?(repond|rappel)",
        ],
        [
          0.7,
          '(exige|exigeons|demande|demandons|attends|attendons|reclame|reclamons)~(remboursement|dedommagement|geste commercial|indemnisation|avoir)',
        ],
      ),
      churn_risk: cues(
        [
          0.85,
          '(resilier|resiliation|annuler|annulation|mettre fin|arreter|cesser|terminer)~(abonnement|contrat|compte|licence|service|souscription|partenariat|collaboration|adhesion)',
        ],
        [0.7, 'resiliation|non[- ]renouvellement|preavis de (resiliation|depart)'],
        [
          0.8,
          '!ne (pas|plus) renouveler|ne (renouvel|reconduir)\\w* pas|ne souhaitons pas (renouveler|reconduire|prolonger)',
        ],
        [
          0.65,
          "(passer|changer|migrer|partir) (chez|vers|a|pour) (un )?(concurrent|autre (fournisseur|prestataire|solution|outil))|(etudions|regardons|evaluons|envisageons) (d'autres|des) (solutions|alternatives|fournisseurs|prestataires)|!(n'avons|n'aurons) plus besoin|ne (l')?utilisons plus",
        ],
      ),
      unsubscribe: cues(
        [
          0.85,
          '(desabonner|desinscrire|desinscription|desabonnement|retirer|supprimer|radier|enlever|effacer)~(liste|diffusion|newsletter|mailing|base|fichier|adresse|contacts|envois)',
        ],
        [0.85, '(me|nous) (desabonner|desinscrire|retirer|supprimer|radier)'],
        [
          0.85,
          "!ne plus (recevoir|me contacter|m'ecrire|m'envoyer|nous contacter|nous envoyer)|(arretez|cessez) de (m'|nous )(envoyer|ecrire|contacter|solliciter)|plus de (mails|e-mails|courriels|newsletters|messages)",
        ],
        [0.55, 'desabonn|desinscri'],
      ),
      meeting_request: cues(
        [
          0.8,
          '(organiser|planifier|fixer|caler|prevoir|programmer|convenir d|reporter|decaler|trouver un creneau pour|prendre|faire)~(rendez-vous|rdv|reunion|appel|call|visio|visioconference|entretien|point|echange|dejeuner|cafe|creneau)',
        ],
        [
          0.8,
          '(etes-vous|seriez-vous|es-tu|seras-tu|serez-vous) (disponible|dispo|libre)|(quand|quel jour|quelle heure)~(etes-vous|seriez-vous|vous conviendrait|vous arrange|vous convient)|(pourrions|pouvons|pourrait|peut|pourriez|pouvez)-(nous|on|vous) (nous )?(voir|rencontrer|parler|echanger|appeler|faire un point)',
        ],
        [0.6, 'vous (conviendrait|convient|irait|arrangerait)|vos disponibilites|un creneau'],
      ),
    },
    ignore: {
      demo_request: words(
        "(merci|remercions|remercie) (pour|de)~(demo|demonstration|presentation|essai)|(apres|depuis|pendant|suite a) (la|votre|notre|cette) (demo|demonstration|presentation|periode d'essai)|(demo|demonstration|presentation) (s'est|etait|a ete)",
      ),
      quote_request: words(
        '(merci|remercions) (pour|de)~(devis|offre|proposition)|(devis|offre|proposition)~(recu|accepte|valide|signe)',
      ),
      churn_risk: words('resiliable (a tout moment|sans frais)|conditions de resiliation'),
      meeting_request: words(
        '(merci|remercions) (pour|de)~(reunion|appel|echange|rendez-vous|temps)',
      ),
    },
    negation: words("ne|n'|pas|jamais|aucun|aucune|sans|plus|ni"),
    offer: words(
      'souhaitez-vous|voulez-vous|seriez-vous interesse|aimeriez-vous|desirez-vous|puis-je vous (envoyer|proposer)',
    ),
    positive: words(
      "super|excellent|genial|formidable|parfait|ravi|ravis|ravie|satisfait|content|impressionne|bravo|tres bien|tres bon|merveilleu|top|s'est tres bien passe|bien passe|recommander|fluide",
    ),
    negative: words(
      'decu|deception|inacceptable|inadmissible|scandaleu|lamentable|mecontent|insatisfait|furieu|exaspere|agace|deplorable|catastroph|ne fonctionne (toujours |plus )?pas|ne marche pas|mauvais|nul|toujours pas|pas satisfait',
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
          0.6,
          'prueba gratuita|version de prueba|periodo de prueba|probar (su|la|el|vuestra|vuestro) (solucion|producto|plataforma|software|herramienta)|ver (la|su) (plataforma|solucion|herramienta|producto) en accion',
        ],
        [0.55, '(demo|demostracion)\\b~\\?'],
      ),
      quote_request: cues(
        [
          0.8,
          '(enviar|envien|enviarnos|enviarme|mandar|manden|mandarnos|pasar|pasarnos|facilitar|facilitarnos|solicitar|solicito|solicitamos|pedir|recibir|obtener|conocer|saber|gustaria|quisiera|quisieramos|necesitamos|necesito|podrian|podria|interesa|cual es|cuales son|preparar)~(presupuesto|cotizacion|precio|precios|tarifa|tarifas|lista de precios|oferta|propuesta (economica|comercial)|costo|coste|costes|costos|descuento)',
        ],
        [
          0.85,
          'cuanto (cuesta|cuestan|costaria|costarian|vale|valen|sale|saldria)|que (precio|coste|costo) tiene',
        ],
      ),
      complaint: cues(
        [
          0.75,
          'queja|reclamacion|reclamo|decepcionad|decepcion|inaceptable|indignad|molest[oa]s?\\b|furios|hart[oa]s?\\b|vergonzoso|lamentable|pesim[oa]|insatisfech|intolerable|inadmisible',
        ],
        [0.6, '!no (estoy|estamos) (nada )?(contentos?|contentas?|satisfechos?|satisfechas?)'],
        [
          0.45,
          '!no funciona|sigue sin funcionar|no (ha llegado|llego)|nunca (llego|ha llegado)|no (hemos|he) recibido|defectuos|rot[oa]\\b|danad[oa]|cobrado dos veces|doble cobro|cobro duplicado|factura (incorrecta|erronea)|importe incorrecto|producto equivocado',
        ],
        [
          0.45,
          '!(sigo|seguimos) (esperando|sin)|sin respuesta|ninguna respuesta|nadie (nos |me )?(ha )?(respondido|contestado|llamado)|desde hace (semanas|dias|meses)|(tercera|segunda|varias) vez|varias veces',
        ],
        [
          0.7,
          '(exijo|exigimos|solicito|solicitamos|quiero|queremos|esperamos|espero)~(reembolso|devolucion del dinero|compensacion|indemnizacion)',
        ],
      ),
      churn_risk: cues(
        [
          0.85,
          '(cancelar|cancelacion|dar de baja|darnos de baja|darme de baja|rescindir|rescision|terminar|finalizar|anular|no renovar|baja)~(suscripcion|contrato|cuenta|licencia|servicio|plan|membresia|abono|colaboracion)',
        ],
        [0.8, '!no (vamos a )?renovar|no renovaremos|no lo renovaremos'],
        [
          0.65,
          '(cambiar(nos)?|pasar(nos)?|migrar) (a|con) (otro|otra|la competencia|un competidor)|(evaluando|buscando|considerando) (otras|alternativas|otros proveedores)|!ya no (necesitamos|utilizamos|usamos|vamos a usar)',
        ],
      ),
      unsubscribe: cues(
        [
          0.85,
          '((dar|darme|darnos|denme|dennos|den) de baja|eliminar(me|nos)?|borrar(me|nos)?|quitar(me|nos)?|sacar(me|nos)?|excluir(me|nos)?|retirar(me|nos)?|desuscribir(me|nos)?|borren|eliminen|quiten|saquen)~(lista|listas|boletin|newsletter|base de datos|envios|correos|mailing|comunicaciones|direccion)',
        ],
        [
          0.85,
          '!no (quiero|deseo|queremos|deseamos) (seguir )?recibir|dejen de (enviar|mandar|escribir)|no me (envien|manden|escriban|contacten) mas|no mas (correos|emails|mensajes)',
        ],
        [0.55, 'desuscribir|darme de baja|darnos de baja'],
      ),
      meeting_request: cues(
        [
          0.8,
          '(agendar|programar|organizar|concertar|fijar|coordinar|tener|hacer|cuadrar|reprogramar|mover|buscar (un )?hueco para|encontrar (un )?momento para)~(reunion|llamada|videollamada|cita|encuentro|conversacion|call|zoom|teams|cafe|comida|almuerzo)',
        ],
        [
          0.7,
          '(tiene|tienes|tendria|tendrias|teneis|tienen|estaria|estarias|estan|esta) (usted |ustedes )?(disponible|disponibles|libre|libres|tiempo|un hueco|un momento)',
        ],
        [
          0.8,
          '(podemos|podriamos|puedes|podria|podrias) (vernos|reunirnos|hablar|llamarnos|quedar|conversar|tener una llamada)|(cuando|que dia|a que hora) (le|te|les|os) (viene|va|vendria|conviene|iria)',
        ],
        [0.6, '(le|te|les|os) (viene bien|va bien|vendria bien|iria bien|conviene)'],
      ),
    },
    ignore: {
      demo_request: words(
        'gracias (por|de)~(demo|demostracion|presentacion|prueba)|(despues de|tras|durante) (la|su|nuestra) (demo|demostracion|presentacion|prueba)|(demo|demostracion|presentacion) (fue|salio|ha sido)',
      ),
      quote_request: words(
        'gracias (por|de)~(presupuesto|oferta|propuesta|cotizacion)|(recibimos|hemos recibido|aceptamos|firmamos)~(presupuesto|oferta|propuesta|cotizacion)',
      ),
      churn_risk: words('cancelar en cualquier momento|politica de cancelacion'),
      meeting_request: words('gracias (por|de)~(reunion|llamada|tiempo|cita)'),
    },
    negation: words('no|nunca|ningun|ninguna|sin|ni|tampoco'),
    offer: words(
      'le gustaria|les gustaria|te gustaria|quiere|quieren|le interesa|les interesa|desea|desean|puedo enviarle',
    ),
    positive: words(
      'genial|excelente|fantastic|estupend|perfect|encantad|content[oa]s?\\b|satisfech|impresionad|maravillos|muy bien|muy buena|salio (muy )?bien|fue (muy )?bien|recomendar|increible|de lujo',
    ),
    negative: words(
      'decepcion|inaceptable|indignad|molest|furios|hart[oa]|vergonzoso|lamentable|pesim|insatisfech|no funciona|mal servicio|terrible|horrible|desastre|no estoy content|no estamos content|sin respuesta',
    ),
  },
  it: {
    cues: {
      demo_request: cues(
        [
          0.8,
          '(richiedere|richiedo|richiediamo|richiesta|organizzare|fissare|pianificare|prenotare|programmare|vedere|ottenere|attivare|estendere|prolungare|interessat|vorrei|vorremmo|desidero|desideriamo|piacerebbe|potreste|potete|possibile)~(demo|dimostrazione|prova|account di prova|pilota|presentazione del prodotto)',
        ],
        [
          0.6,
          'prova gratuita|versione di prova|periodo di prova|provare (la|il|vostra|vostro|la vostra|il vostro) (soluzione|prodotto|piattaforma|software|strumento)|vedere (la|il|la vostra|il vostro) (piattaforma|soluzione|prodotto) in azione',
        ],
        [0.55, '(demo|dimostrazione)\\b~\\?'],
      ),
      quote_request: cues(
        [
          0.8,
          '(inviare|inviarci|inviarmi|mandare|mandarci|mandarmi|ricevere|avere|ottenere|conoscere|sapere|richiedere|richiedo|richiediamo|vorrei|vorremmo|desidero|desideriamo|potreste|potete|preparare|quale|quali)~(preventivo|quotazione|prezz[oi]|listino|tariff[ae]|offerta|proposta (economica|commerciale)|cost[oi]|sconto)',
        ],
        [
          0.85,
          'quanto (costa|costano|costerebbe|costerebbero|verrebbe|viene)|qual e il (prezzo|costo)',
        ],
      ),
      complaint: cues(
        [
          0.75,
          'reclamo|lamentela|delus[oaie]\\b|deludente|inaccettabile|inammissibile|vergognos|scandalos|pessim[oaie]\\b|insoddisfatt|arrabbiat|furios|stuf[oaie]\\b|intollerabile|assurdo',
        ],
        [0.6, '!non (siamo|sono) (per niente |affatto )?(soddisfatt|content)'],
        [
          0.45,
          '!non funziona|(ancora|continua a) non funzion|non e (ancora )?arrivat|mai arrivat|non (abbiamo|ho) (ancora )?ricevuto|difettos|rott[oa]\\b|danneggiat|addebitat[oi] due volte|doppio addebito|fattura (errata|sbagliata)|importo (errato|sbagliato)|prodotto sbagliato',
        ],
        [
          0.45,
          '!ancora in attesa|(siamo|sono) ancora in attesa|nessuna risposta|senza risposta|nessuno (ci |mi )?ha (risposto|richiamato)|da (settimane|giorni|mesi)|(terza|seconda) volta|piu volte|ripetutamente',
        ],
        [
          0.7,
          '(esigo|esigiamo|chiedo|chiediamo|pretendo|pretendiamo|aspetto|aspettiamo|vogliamo|voglio)~(rimborso|risarcimento|indennizzo)',
        ],
      ),
      churn_risk: cues(
        [
          0.85,
          '(disdire|disdetta|disdico|disdiciamo|annullare|cancellare|recedere|recesso|terminare|interrompere|chiudere|non rinnovare|cessare)~(abbonamento|contratto|account|licenz[ae]|servizio|piano|iscrizione|collaborazione|utenza)',
        ],
        [0.7, 'disdetta|recesso'],
        [0.8, '!non (intendiamo |vogliamo |vorremmo )?rinnovare|non rinnoveremo'],
        [
          0.65,
          '(passare|migrare|cambiare) (a|ad|verso|con) (un )?(concorrente|altro fornitore|altra soluzione)|(valutando|cercando|considerando) (alternative|altri fornitori|altre soluzioni)|!non (ci )?serve piu|non (lo |la )?usiamo piu|non (ne )?abbiamo piu bisogno',
        ],
      ),
      unsubscribe: cues(
        [
          0.85,
          '(cancellare|cancellarmi|cancellateci|cancellatemi|rimuovere|rimuovermi|rimuovetemi|togliere|toglietemi|eliminare|eliminatemi|disiscrivere|disiscrivermi|disiscrizione)~(lista|mailing|newsletter|elenco|indirizzo|database|comunicazioni|invii)',
        ],
        [
          0.85,
          '!non (voglio|desidero|vogliamo|desideriamo) (piu )?ricevere|smettete(la)? di (inviar|mandar|scriver|contattar)|non (mi |ci )?(inviate|mandate|scrivete|contattate) piu|basta (email|mail|messaggi)',
        ],
        [0.55, 'disiscriv|disiscrizione'],
      ),
      meeting_request: cues(
        [
          0.8,
          '(organizzare|fissare|pianificare|programmare|concordare|prenotare|spostare|riprogrammare|trovare (un )?momento per|fare|avere)~(riunione|incontro|chiamata|call|videochiamata|appuntamento|meeting|colloquio|caffe|pranzo|confronto)',
        ],
        [
          0.7,
          '(sei|siete|e|sarebbe|sareste|saresti|sarete) (disponibil|liber)|(quando|che giorno|a che ora) (sei|siete|e|sarebbe|sareste) (disponibil|liber)',
        ],
        [
          0.8,
          '(possiamo|potremmo|potresti|potrebbe|potreste) (sentirci|vederci|incontrarci|parlarne|fare una (call|chiamata))',
        ],
        [0.6, '(vi|ti|le) (andrebbe|va bene|sta bene|farebbe comodo|e comodo)'],
      ),
    },
    ignore: {
      demo_request: words(
        'grazie (per|della|del)~(demo|dimostrazione|presentazione|prova)|(dopo|durante) (la|il) (demo|dimostrazione|presentazione|prova)|(demo|dimostrazione|presentazione) (e andata|e stata)',
      ),
      quote_request: words(
        'grazie (per|del|della)~(preventivo|offerta|proposta)|(ricevuto|accettiamo|accettato|firmato)~(preventivo|offerta|proposta)',
      ),
      churn_risk: words('disdire in qualsiasi momento|condizioni di recesso'),
      meeting_request: words('grazie (per|della|del)~(riunione|incontro|chiamata|tempo)'),
    },
    negation: words('non|mai|nessun|nessuna|senza|neanche|nemmeno'),
    offer: words(
      'vorrebbe|vorreste|desidera|desiderate|le interessa|vi interessa|posso inviarle|posso mandarle',
    ),
    positive: words(
      'ottim[oaie]\\b|eccellente|fantastic|perfett|content[oaie]\\b|soddisfatt|entusiast|impressionat|molto bene|benissimo|e andata bene|complimenti|consiglier|splendid|meraviglios',
    ),
    negative: words(
      'delus|deludente|inaccettabile|inammissibile|vergognos|scandalos|pessim|insoddisfatt|arrabbiat|furios|stuf[oaie]\\b|non funziona|disastro|terribile|non (siamo|sono) soddisfatt',
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
        [
          0.6,
          'gratis (proef|proefperiode|proefversie|uitproberen)|(uw|jullie|het) (product|platform|software|oplossing|tool) (testen|proberen|uitproberen|in actie zien)',
        ],
      ),
      quote_request: cues(
        [
          0.8,
          '(sturen|toesturen|opsturen|ontvangen|krijgen|aanvragen|vragen|graag|willen|zouden|kunt|kunnen|interesse|opstellen|wat (zijn|is))~(offerte|prijsopgave|prijs|prijzen|prijslijst|tarief|tarieven|kosten|kostenraming|korting|prijsindicatie)',
        ],
        [
          0.8,
          '(offerte|prijsopgave|prijslijst|prijsindicatie|prijzen|tarieven)~(sturen|toesturen|opsturen|ontvangen|aanvragen|opstellen|maken|toesturen)',
        ],
        [0.85, '(wat|hoeveel) (kost|kosten)|wat zou~kosten'],
      ),
      complaint: cues(
        [
          0.75,
          'klacht|klagen|teleurgesteld|teleurstellend|onacceptabel|onaanvaardbaar|schandalig|belachelijk|ontevreden|woedend|geergerd|(het )?spuugzat|waardeloos|bedroevend|slechte (service|dienstverlening|kwaliteit)',
        ],
        [0.6, '!niet (erg |echt )?tevreden'],
        [
          0.45,
          '!werkt (nog steeds |nog altijd |alweer )?niet|kapot|defect|beschadigd|dubbel (gefactureerd|afgeschreven|betaald)|twee keer (gefactureerd|afgeschreven)|verkeerde (factuur|bedrag|artikel|product|levering)|nooit (aangekomen|ontvangen|geleverd)|niet (aangekomen|ontvangen|geleverd)',
        ],
        [
          0.45,
          '!nog steeds|nog altijd|al (weken|dagen|maanden)|(derde|tweede) keer|meerdere keren|geen (antwoord|reactie)|niemand (heeft|reageert)',
        ],
        [
          0.7,
          '(eis|eisen|verwacht|verwachten|wil|willen|vraag|vragen)~(terugbetaling|restitutie|geld terug|compensatie|schadevergoeding)',
        ],
      ),
      churn_risk: cues(
        [
          0.85,
          '(opzeggen|beeindigen|stopzetten|annuleren|ontbinden|niet verlengen|stoppen met)~(abonnement|contract|overeenkomst|account|licentie|dienst|samenwerking|lidmaatschap)|(abonnement|contract|overeenkomst|account|licentie|licenties|samenwerking|lidmaatschap)~(opzeggen|beeindigen|stopzetten|annuleren|ontbinden|niet (meer )?verlengen)',
        ],
        [0.7, 'opzegging|zeggen~op\\b'],
        [0.8, '!niet (meer )?verlengen|niet verlengd'],
        [
          0.65,
          '(overstappen|overgaan|migreren) naar (een )?(concurrent|andere (leverancier|aanbieder|oplossing|partij))|(kijken|orienteren) (naar|ons op) (alternatieven|andere (leveranciers|aanbieders|oplossingen))|!niet meer (nodig|gebruiken)',
        ],
      ),
      unsubscribe: cues(
        [
          0.85,
          '(uitschrijven|afmelden|verwijderen|uit te schrijven|af te melden|schrappen|halen)~(lijst|mailinglijst|nieuwsbrief|bestand|database|verzendlijst|mailings)|(lijst|mailinglijst|nieuwsbrief|bestand|database|verzendlijst|mailings)~(uitschrijven|afmelden|verwijderen|schrappen|halen)',
        ],
        [0.85, '(mij|me|ons|mijn (e-?mail)?adres)~(verwijderen|uitschrijven|afmelden|schrappen)'],
        [
          0.85,
          '!geen (e-?mails|mails|nieuwsbrieven|berichten|mailings) meer|stop (met )?(mailen|sturen|e-?mailen)|niet meer (mailen|benaderen|contacteren|e-?mailen)',
        ],
        [0.55, 'uitschrijven|afmelden'],
      ),
      meeting_request: cues(
        [
          0.8,
          '(afspraak|overleg|gesprek|meeting|call|belafspraak|videogesprek|kennismaking|kennismakingsgesprek|bezoek|koffie|lunch|teams|zoom)~(plannen|inplannen|maken|regelen|verzetten|verplaatsen|prikken|organiseren)|(plannen|inplannen|maken|regelen|organiseren|verzetten)~(afspraak|overleg|gesprek|meeting|call)',
        ],
        [
          0.7,
          '(bent u|ben je|zijn jullie|heeft u|heb je|hebben jullie)~(beschikbaar|tijd|gelegenheid)',
        ],
        [
          0.8,
          '(kunnen|zullen|zouden) we (elkaar )?(even |eens )?(afspreken|bellen|spreken|overleggen|samenkomen|zien)|(wanneer|welke dag|hoe laat) (schikt|past|komt het|bent u|ben je|zijn jullie)',
        ],
        [0.6, 'schikt het|past het|komt het~uit'],
      ),
    },
    ignore: {
      demo_request: words(
        '(bedankt|dank) voor~(demo|demonstratie|presentatie)|(na|tijdens) (de|onze|uw) (demo|demonstratie|presentatie|proefperiode)|(demo|demonstratie|presentatie) (was|ging|verliep)',
      ),
      quote_request: words(
        '(bedankt|dank) voor~(offerte|prijsopgave)|(offerte|prijsopgave)~(ontvangen|geaccepteerd|getekend|akkoord)',
      ),
      churn_risk: words('(maandelijks|op elk moment|altijd) opzegbaar|opzegtermijn'),
      meeting_request: words('(bedankt|dank) voor~(gesprek|afspraak|overleg|tijd|meeting)'),
    },
    negation: words('niet|geen|nooit|zonder|noch'),
    offer: words('wilt u|zou u|heeft u interesse|zal ik|mag ik'),
    positive: words(
      'geweldig|uitstekend|fantastisch|perfect|tevreden|blij|enthousiast|onder de indruk|top|heel goed|erg goed|prima|goed verlopen|ging goed|aanrader|aanbevelen|super',
    ),
    negative: words(
      'teleurgesteld|teleurstellend|onacceptabel|onaanvaardbaar|schandalig|belachelijk|ontevreden|boos|woedend|waardeloos|slecht|werkt (nog steeds )?niet|niet tevreden',
    ),
  },
  pt: {
    cues: {
      demo_request: cues(
        [
          0.8,
          '(solicitar|solicito|solicitamos|pedir|agendar|marcar|programar|organizar|ver|obter|ativar|estender|prorrogar|interesse|interessad|gostaria|gostariamos|queria|queriamos|precisamos|preciso|poderiam|podem|seria possivel|e possivel)~(demo|demonstracao|teste|conta de teste|piloto|avaliacao gratuita|apresentacao do produto)',
        ],
        [
          0.6,
          'teste gratuito|versao de (teste|avaliacao)|periodo de (teste|avaliacao)|testar (a|o|vossa|vosso|sua|seu) (solucao|produto|plataforma|software|ferramenta)|ver (a|sua) (plataforma|solucao|ferramenta|produto) em acao',
        ],
        [0.55, '(demo|demonstracao)\\b~\\?'],
      ),
      quote_request: cues(
        [
          0.8,
          '(enviar|enviem|mandar|mandem|passar|receber|obter|saber|conhecer|solicitar|solicito|solicitamos|pedir|gostaria|gostariamos|queria|precisamos|preciso|poderiam|podem|pode|qual e|quais sao|elaborar|preparar)~(orcamento|cotacao|precos?|tabela de precos|tarifas?|proposta (comercial|de preco)|custos?|desconto|valores)',
        ],
        [
          0.85,
          'quanto (custa|custam|custaria|custariam|fica|ficaria|sai)|qual (e )?o (preco|valor|custo)',
        ],
      ),
      complaint: cues(
        [
          0.75,
          'reclamacao|reclamar|queixa|decepcionad|decepcao|inaceitavel|inadmissivel|absurdo|vergonhos|pessim[oa]|insatisfeit|irritad|furios|fart[oa]s?\\b|lamentavel',
        ],
        [0.6, '!nao (estou|estamos) (nada )?(satisfeit|content)'],
        [
          0.45,
          '!nao funciona|continua sem funcionar|nao chegou|nunca chegou|nao (recebemos|recebi)|defeituos|quebrad|danificad|cobrad[oa]s? duas vezes|cobranca (duplicada|em dobro)|fatura (errada|incorreta)|valor (errado|incorreto)|produto errado',
        ],
        [
          0.45,
          '!(continuo|continuamos) (esperando|a espera|sem)|ainda (estou|estamos) (a )?esper|sem resposta|nenhuma resposta|ninguem (nos |me )?(respondeu|retornou|ligou)|ha (semanas|dias|meses)|(terceira|segunda) vez|varias vezes',
        ],
        [
          0.7,
          '(exijo|exigimos|solicito|solicitamos|quero|queremos|espero|esperamos)~(reembolso|devolucao do dinheiro|compensacao|indenizacao|estorno)',
        ],
      ),
      churn_risk: cues(
        [
          0.85,
          '(cancelar|cancelamento|rescindir|rescisao|encerrar|encerramento|terminar|nao renovar|descontinuar)~(assinatura|contrato|conta|licenca|servico|plano|subscricao|parceria|adesao)',
        ],
        [0.8, '!nao (vamos |iremos |pretendemos )?renovar|nao renovaremos'],
        [
          0.65,
          '(mudar|migrar|passar) (para|pra) (um |uma )?(concorrente|outro fornecedor|outra solucao|outra empresa)|(avaliando|procurando|considerando) (alternativas|outros fornecedores|outras solucoes)|!(ja )?nao (precisamos|utilizamos|usamos) mais',
        ],
      ),
      unsubscribe: cues(
        [
          0.85,
          '(descadastrar|descadastre|remover|removam|retirar|retirem|excluir|excluam|tirar|tirem|cancelar (a )?(minha )?(inscricao|subscricao))~(lista|mailing|newsletter|base|envios|e-?mails|comunicacoes|cadastro)',
        ],
        [0.85, '(me|nos) (descadastrar|remover|retirar|excluir|tirar)'],
        [
          0.85,
          '!nao (quero|desejo|queremos|desejamos) (mais )?receber|parem de (me |nos )?(enviar|mandar)|nao me (enviem|mandem|contatem|contactem) mais',
        ],
        [0.55, 'descadastr'],
      ),
      meeting_request: cues(
        [
          0.8,
          '(agendar|marcar|organizar|programar|combinar|reagendar|remarcar|ter|fazer)~(reuniao|chamada|videochamada|call|encontro|conversa|cafe|almoco|visita)',
        ],
        [
          0.7,
          '(esta|estaria|estao|estariam|tem|teria|tens) (disponive(l|is)|livres?|tempo|um tempo)|(quando|que dia|que horas) (voce|voces|o senhor|a senhora)? ?(pode|podem|esta|estaria|fica)',
        ],
        [
          0.8,
          '(podemos|poderiamos|pode|poderia) (conversar|falar|nos reunir|reunir|nos encontrar|marcar|ter uma (chamada|reuniao|conversa))',
        ],
        [0.6, '(fica bom|funciona|serve|seria bom) (para|pra) (voce|voces|o senhor|a senhora)'],
      ),
    },
    ignore: {
      demo_request: words(
        'obrigad[oa] (pela|pelo)~(demo|demonstracao|apresentacao|teste)|(depois|durante|apos) (da|a) (demo|demonstracao|apresentacao)|(demo|demonstracao|apresentacao) (foi|correu)',
      ),
      quote_request: words(
        'obrigad[oa] (pela|pelo)~(orcamento|proposta|cotacao)|(recebemos|aceitamos|assinamos)~(orcamento|proposta|cotacao)',
      ),
      churn_risk: words('cancelar a qualquer momento|politica de cancelamento'),
      meeting_request: words('obrigad[oa] (pela|pelo)~(reuniao|chamada|conversa|tempo)'),
    },
    negation: words('nao|nunca|nenhum|nenhuma|sem|nem'),
    offer: words(
      '(voce|voces|o senhor|a senhora) (gostaria|teria interesse|quer)|gostariam|tem interesse|posso (enviar|mandar)',
    ),
    positive: words(
      'otim[oa]|excelente|fantastic|perfeit|content[ea]s?\\b|satisfeit|encantad|impressionad|muito bom|muito boa|correu (muito )?bem|foi (muito )?bem|recomendar|maravilhos|incrivel|parabens',
    ),
    negative: words(
      'decepcion|decepcao|inaceitavel|inadmissivel|absurdo|vergonhos|pessim|insatisfeit|irritad|furios|nao funciona|terrivel|horrivel|desastre|nao (estou|estamos) satisfeit|sem resposta',
    ),
  },
};
