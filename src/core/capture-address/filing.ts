import { findInlineForward, type InlineForward } from './inline-forward.js';

/**
 * How a message delivered to a capture address is filed:
 * - `as_sent`: a BCC copy (or a note to the address with nothing forwarded in
 *   it), filed as the message it is, as if found in the user's mailbox;
 * - `attached`: forwarded as attachments, each attached message filed as itself;
 * - `inline`: forwarded in the body, the quoted message filed with its own
 *   sender and recipients, not the forwarder.
 */
export type Filing =
  | { readonly kind: 'as_sent' }
  | { readonly kind: 'attached'; readonly count: number }
  | { readonly kind: 'inline'; readonly forward: InlineForward };

/**
 * Decides how to file a delivered message. Only a message addressed to the
 * capture address (in To or Cc) is a forward: a BCC copy's body may quote a
 * forward of its own, and the message to file is then the one the user sent.
 * Attached messages win over a quoted block, which a client writes beside
 * them as a summary.
 *
 * @example filingOf({ addressedToCapture: false, text: '…', attachedMessages: 1 }) // { kind: 'as_sent' }
 * @example filingOf({ addressedToCapture: true, text: 'FYI', attachedMessages: 2 }) // { kind: 'attached', count: 2 }
 */
export function filingOf(delivered: {
  readonly addressedToCapture: boolean;
  readonly text: string;
  readonly attachedMessages: number;
}): Filing {
  if (!delivered.addressedToCapture) return { kind: 'as_sent' };
  if (delivered.attachedMessages > 0) {
    return { kind: 'attached', count: delivered.attachedMessages };
  }
  const forward = findInlineForward(delivered.text);
  return forward ? { kind: 'inline', forward } : { kind: 'as_sent' };
}
