import { describe, expect, it } from 'vitest';
import { classifyNoise } from './classify-noise.js';
import { messageForTest } from '../../../test/support/message-for-test.js';

describe('automatic replies', () => {
  it('treats Auto-Submitted: auto-replied as an automatic reply', () => {
    const verdict = classifyNoise(
      messageForTest({ headers: { 'Auto-Submitted': 'auto-replied' } }),
    );
    expect(verdict).toEqual({
      category: 'auto_reply',
      reasons: ['header Auto-Submitted: auto-replied'],
      failedRecipients: [],
    });
  });

  it('treats any Auto-Submitted value but "no" as automatic', () => {
    expect(
      classifyNoise(messageForTest({ headers: { 'Auto-Submitted': 'auto-generated' } })).category,
    ).toBe('auto_reply');
    expect(classifyNoise(messageForTest({ headers: { 'Auto-Submitted': 'No' } })).category).toBe(
      'human',
    );
  });

  it('reads header values case-insensitively', () => {
    const verdict = classifyNoise(
      messageForTest({ headers: { 'auto-submitted': 'AUTO-REPLIED; owner-email="a@b.example"' } }),
    );
    expect(verdict.category).toBe('auto_reply');
  });

  it('treats X-Autoreply, X-Autorespond and Precedence: auto_reply as automatic replies', () => {
    expect(classifyNoise(messageForTest({ headers: { 'X-Autoreply': 'yes' } })).reasons).toEqual([
      'header X-Autoreply: yes',
    ]);
    expect(classifyNoise(messageForTest({ headers: { 'X-Autorespond': 'Away' } })).category).toBe(
      'auto_reply',
    );
    expect(classifyNoise(messageForTest({ headers: { Precedence: 'auto_reply' } })).category).toBe(
      'auto_reply',
    );
  });

  it('ignores X-Autoreply: no', () => {
    expect(classifyNoise(messageForTest({ headers: { 'X-Autoreply': 'no' } })).category).toBe(
      'human',
    );
  });

  it.each([
    'Automatic reply: Proposal',
    'Auto-Reply: Proposal',
    'Out of Office AutoReply: Proposal',
    'Automatische Antwort: Angebot',
    'Abwesenheitsnotiz: Angebot',
    'Réponse automatique : Devis',
    'Respuesta automática: Pedido',
    'Risposta automatica: Ordine',
    'Automatisch antwoord: Offerte',
    'Resposta automática: Proposta',
    'Автоматический ответ: Предложение',
    '自動応答: 見積もり',
    '自動返信：お見積もり',
    'Automatyczna odpowiedź: Oferta',
    'Automatiskt svar: Offert',
    'Automatisk svar: Tilbud',
    'Automaattinen vastaus: Tarjous',
    'Otomatik yanıt: Teklif',
    '自动回复: 报价',
    '자동 회신: 견적',
    'Automatická odpověď: Nabídka',
    'Automatikus válasz: Ajánlat',
  ])('treats the responder subject "%s" as an automatic reply', (subject) => {
    const verdict = classifyNoise(messageForTest({ subject }));
    expect(verdict.category).toBe('auto_reply');
    expect(verdict.reasons).toEqual([`subject "${subject}"`]);
  });

  it.each([
    ['English', 'Thank you for your email. I am currently out of the office until Monday.'],
    ['German', 'Vielen Dank. Ich bin bis einschließlich 22.04. nicht im Büro.'],
    ['French', 'Bonjour, je suis actuellement absente jusqu’au 21 juillet.'],
    ['Spanish', 'Estoy fuera de la oficina hasta el lunes.'],
    ['Italian', 'Sono fuori ufficio fino al 29 agosto.'],
    ['Dutch', 'Ik ben met vakantie tot en met 5 januari.'],
    ['Portuguese', 'Estou de férias até dia 14.'],
  ])(
    'treats a %s out-of-office opening with a supporting header as an automatic reply',
    (_, text) => {
      const verdict = classifyNoise(
        messageForTest({ text, headers: { 'X-Auto-Response-Suppress': 'All' } }),
      );
      expect(verdict.category).toBe('auto_reply');
      expect(verdict.reasons).toEqual([
        'out-of-office opening line',
        'header X-Auto-Response-Suppress: All',
      ]);
    },
  );

  it('accepts a null return path as supporting evidence for an absence subject', () => {
    const verdict = classifyNoise(
      messageForTest({ subject: 'Abwesend', returnPath: '', text: 'Bis Montag.' }),
    );
    expect(verdict).toMatchObject({
      category: 'auto_reply',
      reasons: ['subject "Abwesend"', 'null return path'],
    });
  });

  it('keeps a person saying they will be out of the office human', () => {
    const verdict = classifyNoise(
      messageForTest({
        subject: 'Re: Out of office next week?',
        text: "I am out of the office next week, but let's talk on the 17th.",
      }),
    );
    expect(verdict).toEqual({ category: 'human', reasons: [], failedRecipients: [] });
  });

  // Outlook sets it on meeting requests and replies, list servers on every post.
  it('does not treat X-Auto-Response-Suppress alone as an automatic reply', () => {
    const verdict = classifyNoise(
      messageForTest({ headers: { 'X-Auto-Response-Suppress': 'All' } }),
    );
    expect(verdict.category).toBe('human');
  });

  it('treats a read receipt (multipart/report disposition-notification) as an automatic reply', () => {
    const verdict = classifyNoise(
      messageForTest({
        contentType: 'multipart/report',
        deliveryReport: { reportType: 'disposition-notification', failedRecipients: [] },
      }),
    );
    expect(verdict).toMatchObject({
      category: 'auto_reply',
      reasons: ['multipart/report disposition-notification'],
    });
  });

  it.each([
    [
      'Read: Proposal',
      'Your message\n\n  To: Ada\n  Subject: Proposal\n\nwas read on 04/03/2025 10:12.',
    ],
    ['Gelesen: Angebot', 'Ihre Nachricht\n\nwurde am 04.03.2025 um 10:12 gelesen.'],
    [
      'Gelesen: Angebot',
      'Ihre Nachricht\n\nwurde am Dienstag, 1. Dezember 2026 10:12:00 (UTC+01:00) Amsterdam, Berlin, Bern, Rom, Stockholm, Wien gelesen.',
    ],
    [
      'Return Receipt',
      'Your document: Proposal\nwas received by: Ada Lovelace/Acme\nat: 04/03/2025',
    ],
  ])('treats a plain read receipt "%s" as an automatic reply', (subject, text) => {
    expect(classifyNoise(messageForTest({ subject, text })).category).toBe('auto_reply');
  });

  it('keeps a person writing "Read: …" as a subject human', () => {
    const verdict = classifyNoise(
      messageForTest({
        subject: 'Read: the chapter on pricing',
        text: 'Have a look before Friday.',
      }),
    );
    expect(verdict.category).toBe('human');
  });
});
