import { cues, phrase, wholeWords, oneWordReply, type Lexicon } from '../lexicon-parts.js';

/** Italian phrases for each intent, negation, offers and sentiment. */
export const it: Lexicon = {
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
};
