import { describe, expect, it } from 'vitest';
import { languages } from './language.js';
import { intents, lexicons, type Intent } from './lexicon.js';
import { readIntent, type Sentiment } from './read-intent.js';

const intentsOf = (text: string, subject = '') =>
  readIntent({ subject, text }).intents.map((d) => d.intent);

describe('readIntent: one request per language', () => {
  const requests: readonly (readonly [string, Intent, string])[] = [
    ['en', 'demo_request', 'Could your team give us a short demo of the reporting module?'],
    ['en', 'quote_request', 'Please send me a quote for 12 users, billed yearly.'],
    [
      'en',
      'complaint',
      'I am really disappointed, the invoice is wrong for the second month in a row.',
    ],
    ['en', 'churn_risk', 'We want to cancel our contract at the end of the year.'],
    ['en', 'unsubscribe', 'Please remove me from this mailing list.'],
    ['en', 'meeting_request', 'Can we set up a call on Thursday to go through the rollout?'],
    ['de', 'demo_request', 'Wir hätten gerne eine Demo für unser Team in Köln.'],
    ['de', 'quote_request', 'Bitte schicken Sie uns ein Angebot für 12 Nutzer.'],
    ['de', 'complaint', 'Ich bin enttäuscht, die Rechnung ist schon wieder falsch.'],
    ['de', 'churn_risk', 'Wir möchten unseren Vertrag zum Jahresende kündigen.'],
    ['de', 'unsubscribe', 'Bitte nehmen Sie mich aus Ihrem Verteiler.'],
    ['de', 'meeting_request', 'Können wir am Donnerstag einen Termin vereinbaren?'],
    ['fr', 'demo_request', 'Nous aimerions organiser une démo pour notre équipe de Lyon.'],
    ['fr', 'quote_request', 'Pourriez-vous nous envoyer un devis pour 12 utilisateurs ?'],
    ['fr', 'complaint', 'Nous sommes très déçus, la facture est encore erronée.'],
    ['fr', 'churn_risk', 'Nous souhaitons résilier notre contrat à la fin de l’année.'],
    ['fr', 'unsubscribe', 'Merci de me retirer de votre liste de diffusion.'],
    ['fr', 'meeting_request', 'Pourrions-nous fixer un rendez-vous jeudi prochain ?'],
    ['es', 'demo_request', 'Nos gustaría ver una demo para el equipo de Bilbao.'],
    ['es', 'quote_request', '¿Nos pueden enviar un presupuesto para 12 usuarios?'],
    ['es', 'complaint', 'Es inaceptable, la factura vuelve a estar mal.'],
    ['es', 'churn_risk', 'Queremos cancelar nuestro contrato a final de año.'],
    ['es', 'unsubscribe', 'Por favor, eliminen mi dirección de su lista de envíos.'],
    ['es', 'meeting_request', '¿Podemos agendar una llamada el jueves?'],
    ['it', 'demo_request', 'Vorremmo richiedere una demo per il team di Napoli.'],
    ['it', 'quote_request', 'Potete inviarci un preventivo per 12 utenti?'],
    ['it', 'complaint', 'Siamo molto delusi, la fattura è di nuovo sbagliata.'],
    ['it', 'churn_risk', 'Vogliamo disdire il contratto alla fine dell’anno.'],
    ['it', 'unsubscribe', 'Vi chiedo di rimuovere il mio indirizzo dalla mailing list.'],
    ['it', 'meeting_request', 'Possiamo fissare una riunione giovedì?'],
    ['nl', 'demo_request', 'We willen graag een demo voor ons team in Gent.'],
    ['nl', 'quote_request', 'Kunnen jullie ons een offerte sturen voor 12 gebruikers?'],
    ['nl', 'complaint', 'We zijn erg teleurgesteld, de factuur klopt alweer niet.'],
    ['nl', 'churn_risk', 'Wij willen ons contract per het einde van het jaar opzeggen.'],
    ['nl', 'unsubscribe', 'Graag mijn adres verwijderen uit uw nieuwsbrief.'],
    ['nl', 'meeting_request', 'Kunnen we donderdag een afspraak inplannen?'],
    ['pt', 'demo_request', 'Gostaríamos de agendar uma demo para a equipe do Recife.'],
    ['pt', 'quote_request', 'Podem nos enviar um orçamento para 12 usuários?'],
    ['pt', 'complaint', 'Estamos muito decepcionados, a fatura veio errada de novo.'],
    ['pt', 'churn_risk', 'Queremos cancelar o nosso contrato no fim do ano.'],
    ['pt', 'unsubscribe', 'Por favor, me removam da lista de newsletter.'],
    ['pt', 'meeting_request', 'Podemos marcar uma reunião na quinta-feira?'],
  ];

  it.each(requests)('%s: reads %s in "%s"', (language, intent, text) => {
    const reading = readIntent({ subject: '', text });
    expect(reading.language).toBe(language);
    expect(reading.intents.map((d) => d.intent)).toEqual([intent]);
  });
});

describe('readIntent: other common phrasings', () => {
  const phrasings: Readonly<Record<Intent, readonly string[]>> = {
    demo_request: [
      'Can you set up a trial for our team?',
      "We'd like to trial Threadline with five users.",
      'Is there a free version we could test first?',
      "I'd appreciate a quick product tour.",
      'Könnten wir das System einmal testen?',
      'Ist eine Testphase möglich?',
      "Est-il possible de tester l'outil gratuitement ?",
      'Je souhaite une démonstration de votre logiciel.',
      '¿Tienen una versión de prueba?',
      'Me interesa una demostración del producto.',
      'È possibile provare il software gratuitamente?',
      'Vorrei una dimostrazione del prodotto.',
      'Kunnen we het systeem eerst uitproberen?',
      'Graag ontvang ik een demonstratie van de software.',
      'Vocês têm uma versão de teste?',
      'Quero agendar uma demonstração da ferramenta.',
    ],
    quote_request: [
      'What are your prices for 20 users?',
      'Do you have a price list?',
      'Could you quote us for 30 seats?',
      'Can I get pricing for the enterprise plan?',
      'Was würde uns das für 20 Nutzer kosten?',
      'Wir bitten um ein Preisangebot.',
      'Quels sont vos tarifs pour 20 utilisateurs ?',
      'Pouvez-vous me faire une offre ?',
      '¿Cuáles son sus precios para 20 usuarios?',
      'Necesito una cotización para 30 licencias.',
      'Quali sono i vostri prezzi per 20 utenti?',
      'Mi servirebbe un preventivo.',
      'Wat zijn jullie tarieven voor 20 gebruikers?',
      'Ik ontvang graag een offerte.',
      'Quais são os preços para 20 usuários?',
      'Preciso de um orçamento para 30 licenças.',
    ],
    complaint: [
      "I'm very unhappy with the support I received.",
      "I've been waiting three weeks for an answer.",
      'Nobody has gotten back to me about my ticket.',
      "This is the worst experience we've had with a vendor.",
      'Ich bin sehr verärgert über Ihren Kundenservice.',
      'Seit drei Wochen warte ich auf eine Antwort.',
      'Je suis très mécontent du service client.',
      "J'attends une réponse depuis trois semaines.",
      'Estoy muy molesto con el servicio de atención.',
      'Llevo tres semanas esperando una respuesta.',
      "Sono molto insoddisfatto dell'assistenza.",
      'Aspetto una risposta da tre settimane.',
      'Ik ben zeer ontevreden over de klantenservice.',
      'Ik wacht al drie weken op een antwoord.',
      'Estou muito insatisfeito com o atendimento.',
      'Estou esperando uma resposta há três semanas.',
    ],
    churn_risk: [
      "I'd like to cancel my subscription.",
      'Please close my account.',
      'We are terminating our agreement with you.',
      'We have decided to go with another vendor.',
      'Ich möchte mein Abo kündigen.',
      'Wir haben uns für einen anderen Anbieter entschieden.',
      'Je voudrais annuler mon abonnement.',
      'Nous avons choisi un autre prestataire.',
      'Quiero darme de baja del servicio.',
      'Hemos decidido irnos con otro proveedor.',
      'Vorrei cancellare il mio abbonamento.',
      'Abbiamo scelto un altro fornitore.',
      'Ik wil mijn abonnement opzeggen.',
      'We hebben gekozen voor een andere leverancier.',
      'Quero cancelar minha assinatura.',
      'Decidimos ir com outro fornecedor.',
    ],
    unsubscribe: [
      'Please take me off your list.',
      'I no longer wish to receive these emails.',
      'Stop emailing me.',
      'Unsubscribe me please.',
      'Bitte streichen Sie mich aus dem Verteiler.',
      'Ich möchte keine E-Mails mehr von Ihnen.',
      'Je souhaite ne plus recevoir vos e-mails.',
      'Merci de me désinscrire.',
      'No deseo recibir más correos.',
      'Por favor, quítenme de la lista.',
      'Non desidero più ricevere le vostre email.',
      'Cancellatemi dalla lista, grazie.',
      'Ik wil geen e-mails meer ontvangen.',
      'Schrap mij van de mailinglijst.',
      'Não quero mais receber esses e-mails.',
      'Por favor, me tirem da lista.',
    ],
    meeting_request: [
      'Are you free for a call on Monday?',
      'Could we hop on a quick call this week?',
      "I'd like to discuss this over a call.",
      'When would be a good time to meet?',
      'Haben Sie nächste Woche Zeit für ein Gespräch?',
      'Wann können wir telefonieren?',
      'Seriez-vous disponible pour un appel lundi ?',
      'Quand pourrions-nous nous rencontrer ?',
      '¿Tiene tiempo para una llamada el lunes?',
      '¿Cuándo podríamos reunirnos?',
      'Ha tempo per una chiamata lunedì?',
      'Quando potremmo incontrarci?',
      'Heeft u maandag tijd voor een belafspraak?',
      'Wanneer kunnen we afspreken?',
      'Você tem tempo para uma ligação na segunda?',
      'Quando podemos nos reunir?',
    ],
  };

  it.each(
    Object.entries(phrasings).flatMap(([intent, texts]) => texts.map((text) => [intent, text])),
  )('reads %s alone in "%s"', (intent, text) => {
    expect(intentsOf(text)).toEqual([intent]);
  });

  it.each([
    'Thanks for the call today, very helpful.',
    'Attached is the contract you signed.',
    'The meeting is confirmed for Monday at 10.',
    'Here is the quote you asked for.',
    'Danke für das nette Gespräch.',
    'Voici la facture du mois de mars.',
    'Le envío el contrato firmado.',
    'Ecco il verbale della riunione.',
    'Hierbij de notulen van de vergadering.',
    'Segue o contrato assinado.',
    'I saw your demo at the conference, impressive work.',
    'We signed up for the newsletter last year.',
  ])('reads no intent in the look-alike "%s"', (text) => {
    expect(intentsOf(text)).toEqual([]);
  });
});

describe('readIntent: reasons and confidence', () => {
  it('quotes the words that fired, as written, and combines several cues', () => {
    const reading = readIntent({
      subject: 'Angebot',
      text: 'Könnten Sie uns bitte ein Angebot für 50 Lizenzen schicken?',
    });
    expect(reading.intents).toEqual([
      {
        intent: 'quote_request',
        confidence: 0.96,
        reasons: [
          'body "Könnten Sie uns bitte ein Angebot"',
          'body "Angebot für 50 Lizenzen schicken"',
        ],
      },
    ]);
    expect(reading.language).toBe('de');
    expect(reading.languageEvidence).toContain('bitte');
  });

  it('reads a new subject, at a lower weight than a sentence of the body', () => {
    const fromSubject = readIntent({ subject: 'Can we get a quote?', text: 'List attached.' });
    expect(fromSubject.intents).toEqual([
      { intent: 'quote_request', confidence: 0.64, reasons: ['subject "get a quote"'] },
    ]);
    const fromBody = readIntent({ subject: 'List', text: 'Can we get a quote?' });
    expect(fromBody.intents).toEqual([
      { intent: 'quote_request', confidence: 0.8, reasons: ['body "get a quote"'] },
    ]);
  });

  it("ignores a reply's subject, which names the earlier message's topic", () => {
    expect(intentsOf('All sorted now, thank you.', 'Re: Complaint: double charge')).toEqual([]);
    expect(intentsOf('All sorted now, thank you.', 'AW: Kündigung')).toEqual([]);
  });

  it('reports two intents when a message asks for both, most confident first', () => {
    const reading = readIntent({
      subject: '',
      text: 'We would like to book a demo. Could you also send us your price list?',
    });
    expect(reading.intents.map((d) => d.intent).sort()).toEqual(['demo_request', 'quote_request']);
    const confidences = reading.intents.map((d) => d.confidence);
    expect(confidences).toEqual([...confidences].sort((a, b) => b - a));
  });

  it('finds nothing in ordinary business mail', () => {
    const reading = readIntent({
      subject: 'Invoice 2231',
      text: 'Please find attached the signed purchase order for invoice 2231.',
    });
    expect(reading).toMatchObject({ intents: [], setAside: [], sentiment: { label: 'neutral' } });
  });
});

describe('readIntent: negation', () => {
  it.each([
    ['en', "We're not interested in a demo right now."],
    ['en', "We don't need a trial, we already know the product."],
    ['de', 'Wir haben derzeit kein Interesse an einer Demo.'],
    ['fr', "Nous n'avons pas besoin d'une démo pour le moment."],
    ['es', 'No necesitamos una demo por ahora.'],
    ['it', 'Non ci interessa una demo al momento.'],
    ['nl', 'We hebben geen interesse in een demo op dit moment.'],
    ['pt', 'Não precisamos de uma demonstração agora.'],
  ])('%s: "%s" is not a demo request, and says why', (_language, text) => {
    const reading = readIntent({ subject: '', text });
    expect(reading.intents).toEqual([]);
    expect(reading.setAside.some((why) => why.startsWith('demo_request: negated'))).toBe(true);
  });

  it('reads "we do not want to cancel" as no churn risk, but "we will not renew" as one', () => {
    expect(
      intentsOf('We do not want to cancel our subscription, we just need a new invoice.'),
    ).toEqual([]);
    expect(intentsOf('We will not renew the contract in June.')).toEqual(['churn_risk']);
    expect(intentsOf('Wir werden den Vertrag nicht verlängern.')).toEqual(['churn_risk']);
  });

  it('turns a negated word of praise into displeasure', () => {
    const reading = readIntent({
      subject: '',
      text: 'Honestly we are not happy with the new layout.',
    });
    expect(reading.sentiment.label).toBe('negative');
    expect(reading.sentiment.reasons).toContain('negative (negated) body "happy"');
  });
});

describe('readIntent: questions and offers', () => {
  it.each([
    ['en', 'Would you like a demo of the new timeline?'],
    ['de', 'Möchten Sie eine Demo der neuen Zeitleiste sehen?'],
    ['fr', 'Souhaitez-vous une démo de la nouvelle chronologie ?'],
    ['nl', 'Wilt u een demo van de nieuwe tijdlijn?'],
  ])('%s: a vendor offering a demo in a question is not a request', (_language, text) => {
    const reading = readIntent({ subject: '', text });
    expect(reading.intents).toEqual([]);
    expect(reading.setAside.some((why) => why.startsWith('demo_request: offered'))).toBe(true);
  });

  it('reads the same words asked by a prospect as a request', () => {
    expect(intentsOf('Could we get a demo of the new timeline?')).toEqual(['demo_request']);
  });

  it('reads a question about cancelling before buying as no churn risk', () => {
    expect(intentsOf('Can I cancel at any time on the monthly plan?')).toEqual([]);
    expect(intentsOf('Ist der Monatstarif jederzeit kündbar?')).toEqual([]);
  });

  it('reads a past demo or meeting as no request', () => {
    expect(intentsOf('Thanks for the demo yesterday, the team loved it.')).toEqual([]);
    expect(intentsOf('Vielen Dank für das Gespräch heute Morgen.')).toEqual([]);
    expect(intentsOf('Merci pour le devis, nous le signons cette semaine.')).toEqual([]);
  });
});

describe('readIntent: quoted history, signatures and footers', () => {
  it('reads a positive reply quoting a complaint as positive and no complaint', () => {
    const reading = readIntent({
      subject: 'Re: Export broken',
      text: [
        'Great, it works perfectly now. Thanks for the quick fix!',
        '',
        'On Mon, 3 Mar 2025 at 10:02, Ana Costa <ana@client.example> wrote:',
        '> This is unacceptable. The export still does not work and nobody replied.',
      ].join('\n'),
    });
    expect(reading).toMatchObject({
      intents: [],
      sentiment: { label: 'positive' },
      removed: ['quoted_history'],
    });
  });

  it('does not read a demo offer in the quoted vendor mail as a request', () => {
    const text =
      'Here is the signed order.\n\nVon: Ana <ana@vendor.example>\nGesendet: Montag, 3. März 2025\nBetreff: Angebot\n\nMöchten Sie eine Demo vereinbaren? Gerne schicke ich Ihnen auch die Preisliste.';
    expect(intentsOf(text)).toEqual([]);
  });

  it('does not read the unsubscribe footer of a newsletter as a request', () => {
    const text =
      'Here is our March newsletter with product news.\n\nYou are receiving this email because you signed up. To unsubscribe, click here.';
    const reading = readIntent({ subject: 'March newsletter', text });
    expect(reading.intents).toEqual([]);
    expect(reading.removed).toEqual(['disclaimer']);
  });

  it('reads a one-word unsubscribe reply', () => {
    expect(intentsOf('Unsubscribe.\n\nSent from my iPhone')).toEqual(['unsubscribe']);
    expect(intentsOf('Abmelden')).toEqual(['unsubscribe']);
  });
});

describe('readIntent: sentiment', () => {
  const phrasings: Readonly<Record<Sentiment, readonly string[]>> = {
    positive: [
      'Really happy with how the rollout went.',
      'Your team did an amazing job, thank you.',
      'Wir sind sehr zufrieden mit der Lösung.',
      'Das hat super geklappt, vielen Dank!',
      'Nous sommes très satisfaits du service.',
      "Excellent travail de toute l'équipe !",
      'Estamos muy contentos con el resultado.',
      '¡Un trabajo fantástico, gracias!',
      'Siamo molto soddisfatti del servizio.',
      'Ottimo lavoro, grazie a tutti!',
      'We zijn erg tevreden over de samenwerking.',
      'Geweldig werk, dank jullie wel!',
      'Estamos muito satisfeitos com o serviço.',
      'Excelente trabalho da equipe!',
    ],
    negative: [
      'The quality has been poor lately.',
      'This keeps happening and it is very frustrating.',
      'Die Qualität ist leider sehr schlecht geworden.',
      'Wir sind mit dem Service unzufrieden.',
      'La qualité est vraiment mauvaise ces derniers temps.',
      'Nous sommes déçus du résultat.',
      'La calidad ha sido muy mala últimamente.',
      'Estamos decepcionados con el resultado.',
      'La qualità è peggiorata molto.',
      'Siamo delusi dal risultato.',
      'De kwaliteit is echt slecht de laatste tijd.',
      'We zijn teleurgesteld in het resultaat.',
      'A qualidade tem sido muito ruim.',
      'Estamos decepcionados com o resultado.',
    ],
    neutral: [
      'Please find the report attached.',
      'The meeting is at 10 tomorrow.',
      'Anbei der Bericht.',
      'Le rapport est en pièce jointe.',
      'Adjunto el informe.',
      'In allegato il report.',
      'Bijgaand het rapport.',
      'Segue o relatório em anexo.',
      "Unfortunately I can't make it on Tuesday, could we do Wednesday?",
      'No problem, I will send it tomorrow.',
    ],
  };

  it.each(
    Object.entries(phrasings).flatMap(([label, texts]) => texts.map((text) => [label, text])),
  )('reads %s in "%s"', (label, text) => {
    expect(readIntent({ subject: '', text }).sentiment.label).toBe(label);
  });
  it.each([
    ['positive', 'The onboarding went really well, the team is delighted.'],
    ['positive', 'La formation était excellente, merci.'],
    ['negative', 'Der Support ist eine Katastrophe.'],
    ['negative', 'El servicio ha sido pésimo esta semana.'],
    ['neutral', 'Attached are the minutes of yesterday’s call.'],
  ])('reads %s in "%s"', (label, text) => {
    expect(readIntent({ subject: '', text }).sentiment.label).toBe(label);
  });

  it('counts a complaint as displeasure even without a word of the list', () => {
    const reading = readIntent({ subject: '', text: 'We were charged twice for March.' });
    expect(reading.intents.map((d) => d.intent)).toEqual(['complaint']);
    expect(reading.sentiment).toMatchObject({ label: 'negative', reasons: ['complaint'] });
  });
});

describe('the lexicons’ cues', () => {
  it('carry no flags and no back-references, so one pattern of them all matches when one does', () => {
    for (const language of languages) {
      for (const intent of intents) {
        for (const cue of lexicons[language].cues[intent]) {
          expect(cue.pattern.flags, cue.pattern.source).toBe('');
          expect(cue.pattern.source, language).not.toMatch(/\\[1-9]|\\k</);
        }
      }
    }
  });
});
