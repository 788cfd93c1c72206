import type { DirectoryIndex } from '../directory/index.js';
import { participantAddresses, type ParsedMessage } from '../message.js';
import type { Decision } from './decide.js';

/**
 * The reason stored for mail nothing is kept of. It names nobody: a
 * block-list reason names the address, and the address is what the person
 * asked not to be kept.
 */
export const untrackedReasons: readonly string[] = ['do not track'];

/**
 * The thread all untracked mail is filed under. No thread row describes it
 * (real thread ids are `t-…`), so nothing of that mail can join, name or
 * extend another thread.
 */
export const untrackedThreadId = 'untracked';

/** The decision on untracked mail, whatever its noise or links would have made it. */
export const untrackedDecision: Decision = {
  captured: false,
  category: 'blocked',
  reasons: untrackedReasons,
  links: [],
  failedRecipients: [],
};

/**
 * Whether anyone taking part in the message (sender, recipients, reply-to)
 * asked not to be tracked. Such mail is stored as its key alone, with where
 * it was found, so it is never taken in again and shows nowhere: no subject,
 * participants, body, decision, link or attachment.
 *
 * @example isUntracked(mailCc('ada@acme.com'), directoryWith({ doNotTrack: ['ada@acme.com'] })) // true
 */
export function isUntracked(message: ParsedMessage, directory: DirectoryIndex): boolean {
  if (directory.doNotTrack.size === 0) return false;
  return participantAddresses(message).some((address) => directory.doNotTrack.has(address));
}
