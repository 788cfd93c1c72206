import { decide } from '../../core/capture/decide.js';
import { emptyThreadContext } from '../../core/capture/link.js';
import type { DirectoryIndex } from '../../core/directory/index.js';
import type { ParsedMessage } from '../../core/message.js';
import { isCapturable, type NoiseVerdict } from '../../core/noise/verdict.js';

/**
 * Whether a message seen by its headers alone might be captured, so its body
 * is worth fetching and parsing. Most mail is noise, internal or from
 * strangers, and the headers say so; parsing bodies is the costly part of a
 * sync. Errs towards fetching: bounces (their body names the failed
 * address), replies in a thread already known, and any mail when keyword
 * rules (which read the body) exist.
 */
export function mayBeCaptured(
  message: ParsedMessage,
  noise: NoiseVerdict,
  directory: DirectoryIndex,
  mailboxOwnerUserId: string,
  inKnownThread: boolean,
  now: Date,
): boolean {
  if (!isCapturable(noise.category)) return noise.category === 'bounce';
  const decision = decide({
    message,
    noise,
    directory,
    mailboxOwnerUserId,
    thread: emptyThreadContext,
    now,
  });
  if (decision.captured) return true;
  if (decision.category !== 'no_crm_participant') return false;
  return inKnownThread || directory.rules.some((rule) => rule.kind === 'keyword');
}
