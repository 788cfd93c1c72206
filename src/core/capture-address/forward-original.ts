import { normalizeAddress } from '../addresses/normalize.js';
import type { InlineForward } from './inline-forward.js';

/** How far a forwarded block's date may be from the original's: it is local time read as UTC. */
const dateToleranceMs = 26 * 60 * 60 * 1000;
/** Enough of the text to tell two messages apart, short enough to survive a client's re-wrapping. */
const comparedCharacters = 160;

/**
 * The domain of the Message-ID a message rebuilt from an inline forward is
 * stored under: `.invalid` never names a real host (RFC 2606), so no mail
 * from outside can carry it.
 */
export const unwrappedForwardDomain = 'capture.threadline.invalid';

/**
 * Whether a stored Message-ID is that of a message rebuilt from an inline forward.
 *
 * @example isUnwrappedForward('<forwarded.3f0c@capture.threadline.invalid>') // true
 */
export function isUnwrappedForward(messageId: string | null): boolean {
  return (
    messageId?.startsWith('<forwarded.') === true &&
    messageId.endsWith(`@${unwrappedForwardDomain}>`)
  );
}

/** A message as the store holds it, enough to tell whether a forward quotes it. */
export interface QuotableMessage {
  readonly fromAddress: string | null;
  readonly subject: string;
  readonly sentAt: Date | null;
  readonly text: string | null;
}

/**
 * Whether a message rebuilt from an inline forward quotes `original`: the
 * same sender and subject, dates a day apart at most (the forwarded date is
 * local time read as UTC), and the same opening text. The same test the
 * look-up and `quotesText` make when the forward comes second.
 *
 * @example forwardQuotes(rebuiltFromGraceForward, graceQuestionByImap) // true
 */
export function forwardQuotes(forward: QuotableMessage, original: QuotableMessage): boolean {
  const from = forward.fromAddress?.toLowerCase();
  if (!from || from !== original.fromAddress?.toLowerCase()) return false;
  if (forward.subject.trim() === '' || forward.subject.trim() !== original.subject.trim()) {
    return false;
  }
  if (!forward.sentAt || !original.sentAt) return false;
  if (Math.abs(forward.sentAt.getTime() - original.sentAt.getTime()) > dateToleranceMs) {
    return false;
  }
  return forward.text !== null && quotesText(forward.text, original.text);
}

/** What to look stored forwards up by for a batch of originals: their senders and dates. */
export interface QuotingForwardsQuery {
  readonly fromAddresses: readonly string[];
  readonly sentAfter: Date;
  readonly sentBefore: Date;
}

/**
 * The look-up for stored forwards that may quote one of `originals`, or
 * null when none has a sender and a date (nothing could match).
 *
 * @example quotingForwardsQuery([graceQuestion]) // { fromAddresses: ['grace.hopper@acme.com'], sentAfter: …, sentBefore: … }
 */
export function quotingForwardsQuery(
  originals: readonly QuotableMessage[],
): QuotingForwardsQuery | null {
  const dated = originals.filter((m) => m.fromAddress && m.sentAt && m.text);
  if (dated.length === 0) return null;
  const times = dated.map((m) => m.sentAt!.getTime());
  return {
    fromAddresses: [...new Set(dated.map((m) => m.fromAddress!.toLowerCase()))],
    sentAfter: new Date(Math.min(...times) - dateToleranceMs),
    sentBefore: new Date(Math.max(...times) + dateToleranceMs),
  };
}

/** What identifies a stored message as the one a forward quotes, for the store to look up. */
export interface ForwardOriginalQuery {
  readonly fromAddress: string;
  readonly subject: string;
  readonly sentAfter: Date;
  readonly sentBefore: Date;
}

/**
 * The look-up for the message an inline forward quotes, or null when the
 * block names no sender address, subject or readable date: without all
 * three nothing could be told apart safely.
 *
 * @example forwardOriginalQuery(forwardOfGrace, date)
 * // { fromAddress: 'grace.hopper@acme.com', subject: 'Renewal', sentAfter: …, sentBefore: … }
 */
export function forwardOriginalQuery(
  forward: InlineForward,
  date: Date | null,
): ForwardOriginalQuery | null {
  const written = /<([^>]+)>/.exec(forward.fields.from)?.[1] ?? forward.fields.from;
  const fromAddress = normalizeAddress(written);
  const subject = forward.fields.subject?.trim();
  if (!fromAddress || !subject || !date) return null;
  return {
    fromAddress,
    subject,
    sentAfter: new Date(date.getTime() - dateToleranceMs),
    sentBefore: new Date(date.getTime() + dateToleranceMs),
  };
}

/**
 * Whether a stored message's text is the text a forward quotes. Clients
 * re-wrap lines, turn HTML into text and quote with `>`, so only letters and
 * digits of the opening are compared.
 *
 * @example quotesText('> Could you send\n> the quote?', 'Could you send the quote?') // true
 */
export function quotesText(forwardBody: string, storedText: string | null): boolean {
  if (storedText === null) return false;
  const quoted = fingerprint(forwardBody);
  const stored = fingerprint(storedText);
  if (quoted.length === 0 || stored.length === 0) return false;
  const length = Math.min(quoted.length, stored.length, comparedCharacters);
  return quoted.slice(0, length) === stored.slice(0, length);
}

function fingerprint(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}
