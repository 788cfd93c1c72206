import MailComposer from 'nodemailer/lib/mail-composer';
import { describe, expect, it } from 'vitest';
import { parseMessage } from './parse-message.js';
import { composeForwarded, readDelivered } from './forwarding.js';

const original = [
  'From: Grace Hopper <grace.hopper@acme.com>',
  'To: rita@threadline.example',
  'Subject: Quote',
  'Message-ID: <q@acme.com>',
  'Date: Mon, 07 Dec 2026 10:00:00 +0000',
  '',
  'Could you send it?',
  '',
].join('\r\n');

const forwardWith = async (encoding?: string) =>
  new MailComposer({
    from: 'rita@threadline.example',
    to: 'log+0123456789abcdef0123456789abcdef@capture.example.com',
    cc: 'Max <MAX@threadline.example>',
    subject: 'Fwd: Quote',
    html: '<p>See <b>below</b> &amp; attached</p>',
    attachments: [
      {
        content: original,
        contentType: 'message/rfc822',
        ...(encoding ? { contentTransferEncoding: encoding } : {}),
      },
    ],
  })
    .compile()
    .build();

describe('readDelivered', () => {
  it('gives the recipients in lower case, the text of an HTML-only body, and each attached message as sent', async () => {
    const delivered = await readDelivered(await forwardWith());
    expect(delivered.addressedTo).toEqual([
      'log+0123456789abcdef0123456789abcdef@capture.example.com',
      'max@threadline.example',
    ]);
    expect(delivered.text.trim()).toBe('See below & attached');
    expect(delivered.attachedMessages.map((m) => Buffer.from(m).toString())).toEqual([original]);
  });

  it('keeps a base64 attached message byte for byte', async () => {
    const delivered = await readDelivered(await forwardWith('base64'));
    expect(delivered.attachedMessages.map((m) => Buffer.from(m).toString())).toEqual([original]);
  });
});

describe('composeForwarded', () => {
  const forward = {
    style: 'gmail' as const,
    fields: {
      from: 'Grace Hopper <grace.hopper@acme.com>',
      to: 'Rita <rita@threadline.example>, Ada <ada@acme.com>',
      cc: '',
      date: null,
      subject: 'Quote',
    },
    body: 'Could you send it?',
  };

  it('rebuilds the quoted message with its own participants, date and text', async () => {
    const date = new Date('2026-12-07T10:00:00Z');
    const message = await parseMessage(
      await composeForwarded(forward, { forwardId: '<f@x>', date }),
    );
    expect(message.from.map((a) => a.address)).toEqual(['grace.hopper@acme.com']);
    expect(message.to.map((a) => a.address)).toEqual(['rita@threadline.example', 'ada@acme.com']);
    expect(message.subject).toBe('Quote');
    expect(message.date?.toISOString()).toBe(date.toISOString());
    expect(message.text?.trim()).toBe('Could you send it?');
  });

  it('gives the same forward the same Message-ID, and another forward another', async () => {
    const date = new Date();
    const idOf = async (forwardId: string) =>
      (await parseMessage(await composeForwarded(forward, { forwardId, date }))).messageId;
    expect(await idOf('<f1@x>')).toBe(await idOf('<f1@x>'));
    expect(await idOf('<f1@x>')).not.toBe(await idOf('<f2@x>'));
  });
});
