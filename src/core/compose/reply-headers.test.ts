import { describe, expect, it } from 'vitest';
import { answerHeaders, quotedOriginal, type OriginalMessage } from './reply-headers.js';

const original: OriginalMessage = {
  messageId: '<m2@customer.test>',
  subject: 'Pricing for 2027',
  sentAt: new Date('2026-12-01T10:00:00Z'),
  from: [{ address: 'dana@customer.test', name: 'Dana Diaz' }],
  replyTo: [],
  to: [
    { address: 'rep@acme.test', name: 'Rep' },
    { address: 'boss@customer.test', name: '' },
  ],
  cc: [{ address: 'Legal@Customer.test', name: '' }],
  references: ['<m0@acme.test>', '<m1@customer.test>'],
  text: 'Can you do 10%?\n> earlier',
};

describe('answering a stored message', () => {
  it('replies to the sender with In-Reply-To and References that continue the thread', () => {
    const headers = answerHeaders(original, 'reply', ['rep@acme.test']);
    expect(headers).toEqual({
      to: [{ address: 'dana@customer.test', name: 'Dana Diaz' }],
      cc: [],
      subject: 'Re: Pricing for 2027',
      inReplyTo: '<m2@customer.test>',
      references: ['<m0@acme.test>', '<m1@customer.test>', '<m2@customer.test>'],
    });
  });

  it('replies to Reply-To when the original set one', () => {
    const headers = answerHeaders(
      { ...original, replyTo: [{ address: 'sales@customer.test', name: '' }] },
      'reply',
      ['rep@acme.test'],
    );
    expect(headers.to.map((a) => a.address)).toEqual(['sales@customer.test']);
  });

  it('replies to all other recipients, never to the user’s own addresses', () => {
    const headers = answerHeaders(original, 'replyAll', ['rep@acme.test']);
    expect(headers.to.map((a) => a.address)).toEqual(['dana@customer.test']);
    expect(headers.cc.map((a) => a.address)).toEqual(['boss@customer.test', 'legal@customer.test']);
  });

  it('answers the user’s own message by writing to its recipients again', () => {
    const mine = { ...original, from: [{ address: 'rep@acme.test', name: 'Rep' }] };
    const headers = answerHeaders(mine, 'reply', ['rep@acme.test']);
    expect(headers.to.map((a) => a.address)).toEqual(['boss@customer.test']);
  });

  it('forwards without recipients, keeping the thread in References, and never doubles a prefix', () => {
    const headers = answerHeaders({ ...original, subject: 'FW: Pricing' }, 'forward', []);
    expect(headers).toMatchObject({ to: [], cc: [], subject: 'FW: Pricing' });
    expect(headers.references.at(-1)).toBe('<m2@customer.test>');
    expect(answerHeaders({ ...original, subject: 'RE: x' }, 'reply', []).subject).toBe('RE: x');
  });

  it('keeps the first and the latest ids of a very long thread', () => {
    const long = Array.from({ length: 40 }, (_, i) => `<r${i}@x.test>`);
    const headers = answerHeaders({ ...original, references: long }, 'reply', []);
    expect(headers.references).toHaveLength(20);
    expect(headers.references[0]).toBe('<r0@x.test>');
    expect(headers.references.at(-1)).toBe('<m2@customer.test>');
  });

  it('starts a thread of its own when the original had no Message-ID', () => {
    const headers = answerHeaders({ ...original, messageId: null, references: [] }, 'reply', []);
    expect(headers.inReplyTo).toBeNull();
    expect(headers.references).toEqual([]);
  });

  it('quotes the original under a reply and sets out its headers under a forward', () => {
    expect(quotedOriginal(original, 'reply')).toBe(
      'On Tue, 01 Dec 2026 10:00:00 GMT, Dana Diaz <dana@customer.test> wrote:\n> Can you do 10%?\n>> earlier',
    );
    expect(quotedOriginal(original, 'forward')).toContain('Subject: Pricing for 2027');
  });
});
