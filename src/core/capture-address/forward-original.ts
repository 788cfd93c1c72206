import { normalizeAddress } from '../addresses/normalize.js';
import type { InlineForward } from './inline-forward.js';

/** How far a forwarded block's date may be from the original's: it is local time read as UTC. */
const dateToleranceMs = 26 * 60 * 60 * 1000;
/** Enough of the text to tell two messages apart, short enough to survive a client's re-wrapping. */
const comparedCharacters = 160;

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
