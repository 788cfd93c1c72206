import type { ParsedMessage } from '../message.js';
import { detectAutoReply } from './auto-reply.js';
import { detectBounce } from './bounce.js';
import { detectBulk } from './bulk.js';
import { detectCalendar } from './calendar.js';
import { detectNoReply } from './no-reply.js';
import type { NoiseCategory, NoiseVerdict } from './verdict.js';

/**
 * Decides what a message is before any CRM lookup, naming the signals that
 * decided it. When several signal families fire, the most specific wins:
 *
 * bounce > calendar_reply > auto_reply > meeting > newsletter >
 * noreply_notification > human
 *
 * A delivery report often carries Auto-Submitted and a list's headers from the
 * returned mail; a calendar reply may come from a no-reply calendar service;
 * an out-of-office answer to an invitation is still an automatic reply.
 *
 * Two deliberate refinements of that order:
 * - `Auto-Submitted: auto-generated` alone (no reply evidence) only says a
 *   machine wrote the mail, so a more specific newsletter or no-reply verdict
 *   wins over it; without one it is still `auto_reply`.
 * - List headers without campaign evidence from a no-reply sender are a
 *   notification (GitHub, Jira, GitLab add List-Id and List-Unsubscribe so
 *   people can mute threads): `noreply_notification`, not `newsletter`.
 * A post to a discussion list by a person is `human` (see `detectBulk`).
 *
 * @example
 * classifyNoise(outOfOfficeReply)
 * // { category: 'auto_reply', reasons: ['header Auto-Submitted: auto-replied'], failedRecipients: [] }
 */
export function classifyNoise(message: ParsedMessage): NoiseVerdict {
  const bounce = detectBounce(message);
  if (bounce)
    return {
      category: 'bounce',
      reasons: bounce.reasons,
      failedRecipients: bounce.failedRecipients,
    };

  const calendar = detectCalendar(message);
  if (calendar?.category === 'calendar_reply') return verdict('calendar_reply', calendar.reasons);

  const autoReply = detectAutoReply(message);
  if (autoReply?.kind === 'replied') return verdict('auto_reply', autoReply.reasons);

  if (calendar?.category === 'meeting') return verdict('meeting', calendar.reasons);

  const bulk = detectBulk(message);
  const noReply = detectNoReply(message);
  if (bulk?.kind === 'marketing' || (bulk?.kind === 'list' && !noReply)) {
    return verdict('newsletter', bulk.reasons);
  }
  if (noReply) return verdict('noreply_notification', noReply.reasons);
  if (autoReply) return verdict('auto_reply', autoReply.reasons);
  return verdict('human', bulk?.kind === 'discussion' ? bulk.reasons : []);
}

function verdict(category: NoiseCategory, reasons: readonly string[]): NoiseVerdict {
  return { category, reasons, failedRecipients: [] };
}
