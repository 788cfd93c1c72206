import { describe, expect, it } from 'vitest';
import { messageIdFor, outgoingMessage, type Draft } from './outgoing-message.js';

const draft: Draft = {
  to: ['Dana Diaz <Dana@Customer.test>', 'dana@customer.test'],
  cc: [],
  bcc: [],
  subject: ' Proposal ',
  text: 'Here it is.',
  html: '<p>Here it is.</p>',
};
const base = {
  draft,
  from: { address: 'rep@acme.test', name: 'Rep' },
  signature: null,
  answer: null,
  attachments: [],
  messageId: '<t1@acme.test>',
  date: new Date('2026-12-07T09:00:00Z'),
};

describe('turning a draft into the message to send', () => {
  it('normalises and deduplicates recipients and trims the subject', () => {
    const message = outgoingMessage(base);
    expect(message.to).toEqual([{ address: 'dana@customer.test', name: 'Dana Diaz' }]);
    expect(message.subject).toBe('Proposal');
    expect(message.inReplyTo).toBeNull();
  });

  it('puts the signature under both bodies, escaping a text signature in HTML', () => {
    const message = outgoingMessage({
      ...base,
      signature: { text: 'Rep <Sales>\nACME', html: null },
    });
    expect(message.text).toBe('Here it is.\n\n-- \nRep <Sales>\nACME');
    expect(message.html).toContain('Rep &lt;Sales&gt;<br>ACME');
  });

  it('carries an answer’s threading headers', () => {
    const message = outgoingMessage({
      ...base,
      answer: {
        to: [],
        cc: [],
        subject: 'Re: x',
        inReplyTo: '<p@c.test>',
        references: ['<p@c.test>'],
      },
    });
    expect(message).toMatchObject({ inReplyTo: '<p@c.test>', references: ['<p@c.test>'] });
  });

  it('refuses a draft without recipients, a malformed address, a two-line subject, too large attachments', () => {
    expect(() => outgoingMessage({ ...base, draft: { ...draft, to: [] } })).toThrow(
      /at least one recipient/,
    );
    expect(() =>
      outgoingMessage({ ...base, draft: { ...draft, cc: ['dana at customer'] } }),
    ).toThrow(/Cc: "dana at customer" is not an e-mail address/);
    expect(() =>
      outgoingMessage({ ...base, draft: { ...draft, subject: 'a\r\nBcc: x@evil.test' } }),
    ).toThrow(/one line/);
    expect(() =>
      outgoingMessage({
        ...base,
        attachments: [
          { sha256: 'a', filename: 'big.bin', contentType: 'application/octet-stream', size: 30e6 },
        ],
      }),
    ).toThrow(/limit is 25 MB/);
  });

  it('makes Message-IDs in the sender’s domain', () => {
    expect(messageIdFor('abc', 'rep@acme.test')).toBe('<abc@acme.test>');
  });
});
