import { randomBytes, createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ThreadlineError } from '../../core/errors.js';
import { searchVector } from '../../core/search/search-terms.js';
import { parseMessage, parseMessageWithContent } from './parse-message.js';

const fixtures = join(import.meta.dirname, '../../../test/fixtures/mail');
const fixture = (path: string): Buffer => readFileSync(join(fixtures, path));
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('parseMessage', () => {
  it('reads identity, threading and participants of an ordinary reply', async () => {
    const message = await parseMessage(fixture('human/thread-reply-plain.eml'));
    expect(message).toMatchObject({
      messageId: '<AM6PR04MB5012AA11BB22@AM6PR04MB5012.eurprd04.prod.outlook.com>',
      inReplyTo: ['<5d2a9e11-7c3b@northwind-sales.example>'],
      references: [
        '<0b9c8d7e-1111@northwind-sales.example>',
        '<5d2a9e11-7c3b@northwind-sales.example>',
      ],
      subject: 'RE: Proposal for the Q3 rollout',
      from: [{ address: 'priya.raman@contoso-logistics.example', name: 'Priya Raman' }],
      to: [{ address: 'sam@northwind-sales.example', name: 'Sam Ortiz' }],
      cc: [{ address: 'ops@contoso-logistics.example', name: 'Ops Desk' }],
      returnPath: 'priya.raman@contoso-logistics.example',
      contentType: 'text/plain',
      calendar: null,
      deliveryReport: null,
    });
    expect(message.date?.toISOString()).toBe('2025-02-20T16:45:10.000Z');
    expect(message.text).toContain('Thanks – the proposal looks good');
    expect(message.headers['thread-topic']).toEqual(['Proposal for the Q3 rollout']);
  });

  it('decodes encoded words in the subject and every header, and keeps other values as sent', async () => {
    const message = await parseMessage(
      bytes(
        [
          'From: ada@example.com',
          'Subject: =?utf-8?Q?Gr=C3=BC=C3=9Fe?= aus Wien',
          'X-Topic: =?iso-8859-1?Q?caf=E9?=',
          'X-Formula: a =? b, and =?not-a-word',
          '',
          'Hi',
        ].join('\r\n'),
      ),
    );
    expect(message.subject).toBe('Grüße aus Wien');
    expect(message.headers['x-topic']).toEqual(['café']);
    expect(message.headers['x-formula']).toEqual(['a =? b, and =?not-a-word']);
    expect(message.headers['from']).toEqual(['ada@example.com']);
  });

  it('reads a header block alone the same as the whole message, leaving the body out', async () => {
    const raw = fixture('human/thread-reply-plain.eml');
    const headerEnd = /\r?\n\r?\n/.exec(raw.toString('latin1'))!;
    const headerBytes = headerEnd.index + headerEnd[0].length;
    const header = await parseMessageWithContent(raw.subarray(0, headerBytes), {
      truncated: true,
      headerOnly: true,
    });
    const whole = await parseMessageWithContent(raw);
    expect(header.message).toEqual({ ...whole.message, text: null, html: null, size: headerBytes });
    expect(header.search).toBe(searchVector(whole.message.subject, null));
    expect(whole.search).toBe(searchVector(whole.message.subject, whole.message.text));
  });

  it('keeps every value of a repeated header, under its lower-case name', async () => {
    const message = await parseMessage(
      bytes('Received: a\nRECEIVED: b\nFrom: a@x.example\nSubject: hi\n\nbody\n'),
    );
    expect(message.headers['received']).toEqual(['a', 'b']);
  });

  it('unfolds headers and decodes encoded words in values', async () => {
    const message = await parseMessage(fixture('auto_reply/outlook-reponse-automatique-fr.eml'));
    expect(message.subject).toBe('Réponse automatique\u00a0: Devis signé');
    expect(message.headers['subject']).toEqual([message.subject]);
  });

  it('turns NUL characters from encoded words and bodies into U+FFFD, which storage accepts', async () => {
    const { message, search } = await parseMessageWithContent(
      bytes(
        [
          'From: =?utf-8?Q?Ada=00Lovelace?= <ada@example.com>',
          'Subject: =?utf-8?B?UGxhbgBC?=',
          'X-Note: =?utf-8?Q?a=00b?=',
          'MIME-Version: 1.0',
          'Content-Type: multipart/mixed; boundary="b"',
          '',
          '--b',
          'Content-Type: text/plain; charset=utf-8',
          'Content-Transfer-Encoding: quoted-printable',
          '',
          'one=00two',
          '--b',
          'Content-Type: application/octet-stream; name="=?utf-8?Q?f=00.bin?="',
          'Content-Disposition: attachment; filename="=?utf-8?Q?f=00.bin?="',
          'Content-Transfer-Encoding: base64',
          '',
          'AAEC',
          '--b--',
          '',
        ].join('\r\n'),
      ),
    );
    expect(message.from[0]?.name).toBe('Ada\uFFFDLovelace');
    expect(message.subject).toBe('Plan\uFFFDB');
    expect(message.headers['x-note']).toEqual(['a\uFFFDb']);
    expect(message.text).toContain('one\uFFFDtwo');
    expect(message.attachments[0]?.filename).toBe('f\uFFFD.bin');
    expect(JSON.stringify(message)).not.toContain('\\u0000');
    expect(search).not.toContain('\0');
  });

  it.each([
    ['Mon, 1 Jan 10000 10:00:00 +0000', null],
    ['Sat, 1 Jan 275000 00:00:00 GMT', null],
    ['next tuesday', null],
    ['Fri, 31 Dec 9999 23:00:00 +0000', '9999-12-31T23:00:00.000Z'],
    ['Thu, 20 Feb 2025 17:45:10 +0100 (CET)', '2025-02-20T16:45:10.000Z'],
  ])('reads the Date header %j as %j', async (header, expected) => {
    const message = await parseMessage(
      bytes(`From: a@example.com\r\nDate: ${header}\r\nSubject: x\r\n\r\nbody\r\n`),
    );
    expect(message.date?.toISOString() ?? null).toBe(expected);
  });

  it('drops invalid addresses and flattens group syntax', async () => {
    const message = await parseMessage(
      bytes(
        'From: a@x.example\nTo: Team: Ada <ADA@Acme.example>, bob@y.example;, not-an-address\nSubject: s\n\nb\n',
      ),
    );
    expect(message.to.map((a) => a.address)).toEqual(['ada@acme.example', 'bob@y.example']);
  });

  it("reads the null return path '<>' as ''", async () => {
    const message = await parseMessage(fixture('bounce/exim-plain-text-bounce.eml'));
    expect(message.returnPath).toBe('');
  });

  it('hashes attachments with SHA-256', async () => {
    const message = await parseMessage(fixture('human/html-with-pdf-attachment.eml'));
    expect(message.contentType).toBe('multipart/mixed');
    expect(message.html).toContain('<b>signed order form</b>');
    expect(message.attachments).toHaveLength(1);
    const [pdf] = message.attachments;
    const content = Buffer.from(
      'JVBERi0xLjQKJcOkw7zDtsOfCjEgMCBvYmoKPDwvVHlwZS9DYXRhbG9nPj4KZW5kb2JqCnRyYWlsZXIKPDwvUm9vdCAxIDAgUj4+CiUlRU9GCg==',
      'base64',
    );
    expect(pdf).toEqual({
      filename: 'order-form-signed.pdf',
      contentType: 'application/pdf',
      size: content.length,
      contentHash: createHash('sha256').update(content).digest('hex'),
      disposition: 'attachment',
      contentId: null,
    });
  });

  describe('calendar parts', () => {
    it('keeps the text of every calendar part in order, with its Content-Type method', async () => {
      const raw = Buffer.from(
        [
          'From: ada@acme.example',
          'Content-Type: multipart/mixed; boundary="b"',
          '',
          '--b',
          'Content-Type: text/calendar; method=request; charset=utf-8',
          '',
          'BEGIN:VCALENDAR',
          'END:VCALENDAR',
          '--b',
          'Content-Type: application/octet-stream; name="zoom_0.ics"',
          'Content-Disposition: attachment; filename="zoom_0.ics"',
          'Content-Transfer-Encoding: base64',
          '',
          Buffer.from('BEGIN:VCALENDAR\r\nMETHOD:PUBLISH\r\nEND:VCALENDAR\r\n').toString('base64'),
          '--b',
          'Content-Type: application/pdf; name="agenda.pdf"',
          'Content-Disposition: attachment; filename="agenda.pdf"',
          '',
          '%PDF-1.4',
          '--b--',
          '',
        ].join('\r\n'),
      );
      const { calendarParts } = await parseMessageWithContent(raw);
      expect(calendarParts).toEqual([
        { text: 'BEGIN:VCALENDAR\nEND:VCALENDAR\n', method: 'REQUEST' },
        { text: 'BEGIN:VCALENDAR\r\nMETHOD:PUBLISH\r\nEND:VCALENDAR\r\n', method: null },
      ]);
    });

    it('takes the METHOD of the alternative part and lists only the invite.ics file', async () => {
      const message = await parseMessage(fixture('meeting/google-calendar-invitation.eml'));
      expect(message.calendar).toEqual({ method: 'REQUEST', asAttachment: false });
      expect(message.attachments.map((a) => a.filename)).toEqual(['invite.ics']);
    });

    it('reads METHOD from the iCalendar body when the content type has none', async () => {
      const message = await parseMessage(
        fixture('calendar_reply/outlook-tentative-method-in-body-only.eml'),
      );
      expect(message.calendar).toEqual({ method: 'REPLY', asAttachment: false });
    });

    it('marks a calendar that is only a file attachment', async () => {
      const message = await parseMessage(fixture('human/ics-file-attached-only.eml'));
      expect(message.calendar).toEqual({ method: 'REQUEST', asAttachment: true });
    });

    it('reads a single-part text/calendar message', async () => {
      const message = await parseMessage(fixture('calendar_reply/outlook-declined.eml'));
      expect(message.contentType).toBe('text/calendar');
      expect(message.calendar).toEqual({ method: 'REPLY', asAttachment: false });
    });
  });

  describe('delivery reports', () => {
    it('reads report-type, the status of the failed action, and prefers its original recipient', async () => {
      const message = await parseMessage(fixture('bounce/postfix-delivery-status.eml'));
      expect(message.deliveryReport).toEqual({
        reportType: 'delivery-status',
        failedRecipients: ['old.contact@retired-domain.example'],
        status: '5.1.1',
      });
    });

    it('merges X-Failed-Recipients into the report', async () => {
      const message = await parseMessage(fixture('bounce/gmail-bounce-failed-recipients.eml'));
      expect(message.deliveryReport?.failedRecipients).toEqual(['nobody.here@gmail.com']);
    });

    it('ignores recipients whose action is not failed', async () => {
      const report = [
        'From: MAILER-DAEMON@mx.example',
        'Subject: Delayed Mail (still being retried)',
        'Content-Type: multipart/report; report-type="delivery-status"; boundary="b"',
        '',
        '--b',
        'Content-Type: message/delivery-status',
        '',
        'Reporting-MTA: dns; mx.example',
        '',
        'Final-Recipient: rfc822; slow@x.example',
        'Action: delayed',
        '--b--',
        '',
      ].join('\r\n');
      const message = await parseMessage(bytes(report));
      expect(message.deliveryReport).toEqual({
        reportType: 'delivery-status',
        failedRecipients: [],
      });
    });
  });

  describe('bad input', () => {
    it.each([
      ['malformed/empty.eml', 'empty input'],
      ['malformed/garbage-bytes.eml', 'no header block: no header field in the first 16 lines'],
      ['malformed/no-header-block.eml', 'no header block: no header field in the first 16 lines'],
    ])('rejects %s as MALFORMED_MESSAGE: %s', async (path, reason) => {
      const error: unknown = await parseMessage(fixture(path)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ThreadlineError);
      expect(error).toMatchObject({ code: 'MALFORMED_MESSAGE', message: reason });
    });

    it('rejects header-like lines that are no message headers', async () => {
      await expect(parseMessage(bytes('foo: bar\n\nbody'))).rejects.toMatchObject({
        code: 'MALFORMED_MESSAGE',
        message: 'no message headers (From, Date, Subject, Message-ID …) among: foo',
      });
    });

    it('reads raw 8-bit headers as windows-1252 when they are not UTF-8', async () => {
      const message = await parseMessage(fixture('malformed/8bit-raw-headers.eml'));
      expect(message.subject).toBe('Bestätigung der Bestellung für März');
      expect(message.from).toEqual([
        { address: 'j.mueller@stahlbau-weber.example', name: 'Jürgen Müller' },
      ]);
    });

    it('reads an 8-bit plain text body without a charset line by line, UTF-8 or else windows-1252', async () => {
      const head = 'From: a@x.example\r\nSubject: s\r\nContent-Transfer-Encoding: 8bit\r\n\r\n';
      const raw = Buffer.concat([
        Buffer.from(`${head}Grüße – UTF-8\r\n`),
        Buffer.from('Gr\xfc\xdfe \x93windows-1252\x94\r\n', 'latin1'),
      ]);
      expect((await parseMessage(raw)).text).toBe('Grüße – UTF-8\nGrüße “windows-1252”\n');
      expect((await parseMessage(fixture('malformed/8bit-raw-headers.eml'))).text).toBe(
        'Sehr geehrter Herr Ortiz, anbei die Bestätigung.\n',
      );
    });

    it('keeps the parser’s reading of a body whose charset is named', async () => {
      const raw = Buffer.from(
        'From: a@x.example\nContent-Type: text/plain; charset=utf-8\n\nGr\xfc\xdfe\n',
        'latin1',
      );
      expect((await parseMessage(raw)).text).toBe('Gr\uFFFD\uFFFDe\n');
    });

    it('parses an unknown charset without failing', async () => {
      const message = await parseMessage(fixture('malformed/bad-charset.eml'));
      expect(message.text).toContain('Lieferstatus: zugestellt');
    });

    it('reads a body whose boundary does not match the declared one as plain text', async () => {
      const message = await parseMessage(fixture('malformed/broken-boundary.eml'));
      expect(message.messageId).toBe('<broken-boundary-01@bakers-garden.example>');
      expect(message.contentType).toBe('multipart/mixed');
      expect(message.text).toContain('The boundary used here is not the one declared above.');
    });

    it('parses truncated MIME, leaving hashes out when told the source was cut', async () => {
      const message = await parseMessage(fixture('malformed/truncated-mime.eml'), {
        truncated: true,
      });
      expect(message.text).toContain('Photos attached.');
      expect(message.attachments).toMatchObject([{ filename: 'site-1.jpg', contentHash: null }]);
    });

    it('parses the first 64 KB of a large message', async () => {
      const cut = largeMessage(1024 * 1024).subarray(0, 64 * 1024);
      const message = await parseMessage(cut, { truncated: true });
      expect(message).toMatchObject({ subject: 'Large drawing', size: 64 * 1024 });
    });

    it.each([
      ['mbox-from-line.eml', '<mbox-from-line-01@mail.gmail.com>', 'Saved from an mbox'],
      [
        'junk-before-headers.eml',
        '<junk-before-headers-01@contoso-logistics.example>',
        'Headers pasted with the line Outlook writes above them',
      ],
      [
        'bom-before-headers.eml',
        '<bom-before-headers-01@contoso-logistics.example>',
        'Saved by an editor that writes a byte order mark',
      ],
    ])('reads malformed/%s past the lines in front of its headers', async (file, id, subject) => {
      const message = await parseMessage(fixture(`malformed/${file}`));
      expect(message).toMatchObject({ messageId: id, subject, contentType: 'text/plain' });
      expect(message.from).toHaveLength(1);
      expect(message.text).toMatch(/^[A-Z].*\.\n$/);
    });

    it('reads a message with nothing but trace headers above its body', async () => {
      const message = await parseMessage(fixture('malformed/trace-headers-only.eml'));
      expect(message).toMatchObject({
        messageId: null,
        from: [],
        returnPath: 'tom@bakers-garden.example',
        text: "Only trace headers came through; the author's own headers were lost.\n",
      });
      expect(message.headers['delivered-to']).toEqual(['sam@northwind-sales.example']);
    });

    it('reads windows-1252 bodies, raw 8-bit headers and encoded words to their punctuation', async () => {
      const message = await parseMessage(fixture('malformed/windows-1252-quotes.eml'));
      expect(message.subject).toBe('Re: “Quoted” offer – final');
      expect(message.from).toEqual([
        { address: 'jose@contoso-logistics.example', name: 'José “Pepe” García' },
      ]);
      expect(message.text).toBe('“Quoted” offer – valid until Friday. Price: € 1,200.\n');
    });

    it('reads a multipart message with bare LF line ends', async () => {
      const message = await parseMessage(fixture('malformed/bare-lf-multipart.eml'));
      expect(message).toMatchObject({
        contentType: 'multipart/alternative',
        text: 'Two hoses, please.\n',
        html: '<p>Two hoses, please.</p>\n',
      });
    });

    it('reads every part of a multipart message that never closes', async () => {
      const { message, attachmentContents } = await parseMessageWithContent(
        fixture('malformed/missing-close-boundary.eml'),
      );
      expect(message.text).toContain('The notes from the site visit.');
      expect(message.attachments).toMatchObject([{ filename: 'notes.csv' }]);
      expect(Buffer.from(attachmentContents[0]!).toString()).toMatch(
        /^site,visited\r?\nnorth,yes\r?\n$/,
      );
    });

    it('reads the body of a multipart message whose boundary never appears as plain text', async () => {
      const raw = fixture('malformed/boundary-absent.eml');
      expect((await parseMessage(raw)).text).toBe(
        'The mailer declared a multipart body and then wrote plain text.\n',
      );
      const headerOnly = raw.subarray(0, raw.indexOf('\n\n') + 2);
      expect((await parseMessage(headerOnly, { headerOnly: true })).text).toBeNull();
    });

    it('reads a message without Content-Type as UTF-8 plain text', async () => {
      const message = await parseMessage(fixture('malformed/missing-content-type.eml'));
      expect(message).toMatchObject({
        contentType: 'text/plain',
        text: 'Grüße from a mailer that writes no MIME headers at all.\n',
      });
    });

    it('joins characters split across encoded words in the subject and in names', async () => {
      const message = await parseMessage(fixture('malformed/split-encoded-words.eml'));
      expect(message.subject).toBe('Café meeting – next week');
      expect(message.from).toEqual([
        { address: 'renee.dubois@contoso-logistics.example', name: 'Renée Dubois' },
      ]);
    });

    it('strips an mbox From line left in front of a single message', async () => {
      const message = await parseMessage(
        bytes(
          'From ada@x.example Mon Mar  3 08:00:00 2025\nFrom: ada@x.example\nSubject: s\n\nb\n',
        ),
      );
      expect(message.from.map((a) => a.address)).toEqual(['ada@x.example']);
    });
  });

  it('parses a message with a 20 MB attachment in bounded time', async () => {
    const raw = largeMessage(20 * 1024 * 1024);
    const started = performance.now();
    const message = await parseMessage(raw);
    const elapsed = performance.now() - started;
    expect(message.attachments).toMatchObject([
      { filename: 'drawing.bin', size: 20 * 1024 * 1024 },
    ]);
    expect(message.size).toBe(raw.length);
    // About 1 s on the two-core CI machines; the bound catches a quadratic regression.
    expect(elapsed).toBeLessThan(10_000);
  });
});

function largeMessage(attachmentBytes: number): Buffer {
  const encoded = randomBytes(attachmentBytes).toString('base64').replace(/.{76}/g, '$&\r\n');
  return Buffer.from(
    [
      'From: Lena Fischer <lena.fischer@gmail.com>',
      'To: sam@northwind-sales.example',
      'Subject: Large drawing',
      'Message-ID: <large@mail.gmail.com>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="big"',
      '',
      '--big',
      'Content-Type: text/plain',
      '',
      'Drawing attached.',
      '--big',
      'Content-Type: application/octet-stream; name="drawing.bin"',
      'Content-Disposition: attachment; filename="drawing.bin"',
      'Content-Transfer-Encoding: base64',
      '',
      encoded,
      '--big--',
      '',
    ].join('\r\n'),
  );
}
