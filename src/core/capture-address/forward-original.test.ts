import { describe, expect, it } from 'vitest';
import {
  forwardOriginalQuery,
  forwardQuotes,
  isUnwrappedForward,
  quotesText,
  quotingForwardsQuery,
  type QuotableMessage,
} from './forward-original.js';
import type { InlineForward } from './inline-forward.js';

const forward = (fields: Partial<InlineForward['fields']>): InlineForward => ({
  style: 'gmail',
  fields: {
    from: 'Grace Hopper <Grace.Hopper@Acme.com>',
    to: 'Rita Rep <rita@threadline.example>',
    cc: '',
    date: 'Mon, Dec 7, 2026 at 10:00 AM',
    subject: 'Renewal question',
    ...fields,
  },
  body: 'Could you send the renewal quote?',
});

describe('finding the stored message an inline forward quotes', () => {
  it('looks up the sender, the subject and a day either side of the written local time', () => {
    const query = forwardOriginalQuery(forward({}), new Date('2026-12-07T10:00:00Z'));
    expect(query).toEqual({
      fromAddress: 'grace.hopper@acme.com',
      subject: 'Renewal question',
      sentAfter: new Date('2026-12-06T08:00:00Z'),
      sentBefore: new Date('2026-12-08T12:00:00Z'),
    });
  });

  it('reads an address written bare', () => {
    const query = forwardOriginalQuery(forward({ from: 'grace.hopper@acme.com' }), new Date());
    expect(query?.fromAddress).toBe('grace.hopper@acme.com');
  });

  it('looks nothing up without a sender address, a subject or a date', () => {
    const date = new Date('2026-12-07T10:00:00Z');
    expect(forwardOriginalQuery(forward({ from: 'Grace Hopper' }), date)).toBeNull();
    expect(forwardOriginalQuery(forward({ subject: '  ' }), date)).toBeNull();
    expect(forwardOriginalQuery(forward({}), null)).toBeNull();
  });

  it('knows the quoted text despite re-wrapped lines, quote marks and punctuation', () => {
    expect(
      quotesText('> Could you send the\n> renewal quote?\n', 'Could you send the renewal quote?'),
    ).toBe(true);
    expect(
      quotesText(
        'Could you send the renewal quote?',
        'Could you send the renewal quote?\n\n-- \nGrace',
      ),
    ).toBe(true);
  });

  it('tells apart another message with the same sender and subject', () => {
    expect(quotesText('Could you send the renewal quote?', 'Thanks, the quote arrived.')).toBe(
      false,
    );
    expect(quotesText('Could you send the renewal quote?', null)).toBe(false);
    expect(quotesText('---', 'Could you send the renewal quote?')).toBe(false);
  });
});

describe('recognising a stored forward when its original arrives second', () => {
  const original: QuotableMessage = {
    fromAddress: 'grace.hopper@acme.com',
    subject: 'Renewal question',
    sentAt: new Date('2026-12-07T10:00:00Z'),
    text: 'Could you send the renewal quote before Friday?',
  };
  const rebuilt: QuotableMessage = {
    ...original,
    fromAddress: 'Grace.Hopper@Acme.com',
    sentAt: new Date('2026-12-07T11:00:00Z'),
    text: '> Could you send the renewal quote\n> before Friday?',
  };

  it('matches the sender, the subject, a date within a day and the quoted opening', () => {
    expect(forwardQuotes(rebuilt, original)).toBe(true);
  });

  it('tells apart another message, another sender, another subject or a date days away', () => {
    expect(
      forwardQuotes({ ...rebuilt, text: 'The quote should list the EU entity.' }, original),
    ).toBe(false);
    expect(forwardQuotes({ ...rebuilt, fromAddress: 'ada@acme.com' }, original)).toBe(false);
    expect(forwardQuotes({ ...rebuilt, subject: 'Invoice' }, original)).toBe(false);
    expect(forwardQuotes({ ...rebuilt, sentAt: new Date('2026-12-09T11:00:00Z') }, original)).toBe(
      false,
    );
    expect(forwardQuotes({ ...rebuilt, subject: '' }, { ...original, subject: '' })).toBe(false);
  });

  it('looks up the senders over the batch’s dates, a day either side', () => {
    const later = {
      ...original,
      fromAddress: 'Ada@Acme.com',
      sentAt: new Date('2026-12-08T10:00:00Z'),
    };
    expect(quotingForwardsQuery([original, later, { ...original, text: null }])).toEqual({
      fromAddresses: ['grace.hopper@acme.com', 'ada@acme.com'],
      sentAfter: new Date('2026-12-06T08:00:00Z'),
      sentBefore: new Date('2026-12-09T12:00:00Z'),
    });
    expect(quotingForwardsQuery([{ ...original, sentAt: null }])).toBeNull();
  });

  it('knows a rebuilt forward by its Message-ID', () => {
    expect(isUnwrappedForward('<forwarded.3f0c@capture.threadline.invalid>')).toBe(true);
    expect(isUnwrappedForward('<renewal@acme.com>')).toBe(false);
    expect(isUnwrappedForward(null)).toBe(false);
  });
});
