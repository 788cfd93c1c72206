import { describe, expect, it } from 'vitest';
import { extractNewText } from './new-text.js';

const reply = (attribution: string, quoted = '> Das ist inakzeptabel.') =>
  `Thanks, that works.\n\n${attribution}\n${quoted}`;

describe('extractNewText: quoted history', () => {
  it.each([
    ['English', 'On Tue, 4 Mar 2025 at 09:12, Ana Costa <ana@x.example> wrote:'],
    ['German', 'Am Di., 4. März 2025 um 09:12 Uhr schrieb Ana Costa <ana@x.example>:'],
    ['French', 'Le mar. 4 mars 2025 à 09:12, Ana Costa <ana@x.example> a écrit :'],
    ['Spanish', 'El mar, 4 mar 2025 a las 9:12, Ana Costa (<ana@x.example>) escribió:'],
    ['Italian', 'Il giorno mar 4 mar 2025 alle ore 09:12 Ana Costa <ana@x.example> ha scritto:'],
    ['Dutch', 'Op di 4 mrt 2025 om 09:12 schreef Ana Costa <ana@x.example>:'],
    ['Portuguese', 'Em ter., 4 de mar. de 2025 às 09:12, Ana Costa <ana@x.example> escreveu:'],
  ])('cuts from the %s attribution line on', (_language, attribution) => {
    expect(extractNewText(reply(attribution))).toEqual({
      text: 'Thanks, that works.',
      removed: ['quoted_history'],
    });
  });

  it('cuts an attribution line a client wrapped over two lines', () => {
    const body = reply('On Tue, 4 Mar 2025 at 09:12, Ana Costa\n<ana@x.example> wrote:');
    expect(extractNewText(body).text).toBe('Thanks, that works.');
  });

  it.each([
    '-----Original Message-----',
    '----- Ursprüngliche Nachricht -----',
    "-----Message d'origine-----",
    '-----Mensaje original-----',
    '-----Messaggio originale-----',
    '-----Oorspronkelijk bericht-----',
    '-----Mensagem original-----',
    '---------- Forwarded message ---------',
  ])('cuts from the separator "%s" on', (separator) => {
    const body = `Noted, thanks.\n\n${separator}\nFrom: Ana\nSubject: Complaint\n\nThis is unacceptable.`;
    expect(extractNewText(body)).toEqual({ text: 'Noted, thanks.', removed: ['quoted_history'] });
  });

  it.each([
    ['From:', 'Sent:', 'Subject:'],
    ['Von:', 'Gesendet:', 'Betreff:'],
    ['De :', 'Envoyé :', 'Objet :'],
    ['De:', 'Enviado:', 'Asunto:'],
    ['Da:', 'Inviato:', 'Oggetto:'],
    ['Van:', 'Verzonden:', 'Onderwerp:'],
    ['De:', 'Enviado:', 'Assunto:'],
  ])('cuts a quoted header block opened by %s', (from, sent, subject) => {
    const body = `Please go ahead.\n\n${from} Ana <ana@x.example>\n${sent} 4 March 2025\n${subject} Offer\n\nWould you like a demo?`;
    expect(extractNewText(body).text).toBe('Please go ahead.');
  });

  it('keeps a line that only starts like a header when no header follows', () => {
    const body = 'From: our side, everything is ready.\nWe can start on Monday.';
    expect(extractNewText(body)).toEqual({ text: body, removed: [] });
  });

  it('removes interleaved quoted lines and keeps the answers between them', () => {
    const body = '> Can you do Tuesday?\nYes, Tuesday works.\n> And the price?\nSee attached.';
    expect(extractNewText(body)).toEqual({
      text: 'Yes, Tuesday works.\nSee attached.',
      removed: ['quoted_history'],
    });
  });
});

describe('extractNewText: signatures, device lines and disclaimers', () => {
  it('cuts from the "-- " signature marker on', () => {
    const body = 'See you then.\n\n-- \nAna Costa\nHead of Sales\n+351 21 555 0198';
    expect(extractNewText(body)).toEqual({ text: 'See you then.', removed: ['signature'] });
  });

  it.each([
    'Best regards,',
    'Kind regards',
    'Mit freundlichen Grüßen',
    'Viele Grüße',
    'Cordialement,',
    'Un saludo,',
    'Cordiali saluti',
    'Met vriendelijke groet,',
    'Atenciosamente,',
  ])('cuts from the closing line "%s" near the end', (closing) => {
    const body = `The files are attached.\n\n${closing}\nAna Costa\nAcme Lda.`;
    expect(extractNewText(body)).toEqual({
      text: 'The files are attached.',
      removed: ['signature'],
    });
  });

  it('keeps what follows a closing word that opens the message', () => {
    const body = 'Hi Ana,\n\nThanks!\n\nCould you send the signed order by Friday?';
    expect(extractNewText(body)).toEqual({ text: body, removed: [] });
  });

  it('keeps a sentence that opens with a closing word', () => {
    const body = 'Thanks, could you send the quote by Friday?';
    expect(extractNewText(body).text).toBe(body);
  });

  it('drops the line a phone adds', () => {
    expect(extractNewText('Yes, go ahead.\n\nVon meinem iPhone gesendet')).toEqual({
      text: 'Yes, go ahead.',
      removed: ['device_footer'],
    });
  });

  it.each([
    'This e-mail and any attachments are confidential and intended solely for the addressee. If you have received this e-mail in error, please delete it.',
    'Diese E-Mail enthält vertrauliche Informationen. Sind Sie nicht der richtige Adressat, löschen Sie sie bitte.',
    'Ce message et ses pièces jointes sont confidentiels et destinés exclusivement à leurs destinataires.',
    'To unsubscribe from these emails, click here. Manage your preferences.',
    'Para darse de baja, haga clic aquí.',
  ])('drops the disclaimer or footer paragraph "%s"', (disclaimer) => {
    expect(extractNewText(`Here is the March report.\n\n${disclaimer}`)).toEqual({
      text: 'Here is the March report.',
      removed: ['disclaimer'],
    });
  });

  it("keeps the sender's own request to unsubscribe", () => {
    const body = 'Please unsubscribe me from your newsletter.';
    expect(extractNewText(body)).toEqual({ text: body, removed: [] });
  });

  it('reports each part it removed, in order, and leaves nothing for an empty body', () => {
    const body =
      'Agreed.\n\n-- \nAna\n\nConfidential: this message is intended solely for the named recipient.\n\nOn Mon, 3 Mar 2025, Bo wrote:\n> Deal?';
    expect(extractNewText(body)).toEqual({
      text: 'Agreed.',
      removed: ['quoted_history', 'disclaimer', 'signature'],
    });
    const withDisclaimer =
      'Agreed.\n\nKind regards,\nAna\n\nThis message is confidential and intended solely for the named recipient.';
    expect(extractNewText(withDisclaimer)).toEqual({
      text: 'Agreed.',
      removed: ['disclaimer', 'signature'],
    });
    expect(extractNewText('')).toEqual({ text: '', removed: [] });
  });
});
