import type { ParsedMessage } from '../message.js';
import { detectAutoReply } from './auto-reply.js';
import { detectBounce } from './bounce.js';
import { detectBulk } from './bulk.js';
import { detectCalendar } from './calendar.js';
import { detectListPost } from './list.js';
import { detectMarketing } from './marketing.js';
import { detectNotification } from './notification.js';
import type { NoiseCategory, NoiseVerdict } from './verdict.js';

/**
 * Decides what a message is before any CRM lookup, naming the signals that
 * decided it. When several signal families fire, the most specific wins:
 *
 * bounce > calendar_reply > auto_reply > meeting > newsletter >
 * noreply_notification > list > human
 *
 * A delivery report often carries Auto-Submitted and a list's headers from the
 * returned mail; a calendar reply may come from a no-reply calendar service;
 * an out-of-office answer to an invitation is still an automatic reply.
 *
 * Refinements of that order:
 * - A newsletter is known by campaign headers, or by how it is built (see
 *   `detectMarketing`) even without list headers. A notification (no-reply
 *   sender, machine report, ticketing system) stays one despite its
 *   unsubscribe footer unless it is laid out and tracked like a campaign.
 * - A post a person wrote to a discussion list or group is `list`, even with
 *   the list's `Precedence: bulk` and unsubscribe footer; list headers
 *   without a post are a `newsletter`.
 * - `Auto-Submitted: auto-generated` alone (no reply evidence) only says a
 *   machine wrote the mail, so a more specific verdict wins over it; without
 *   one it is still `auto_reply`.
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
      ...(bounce.deliveryStatus ? { deliveryStatus: bounce.deliveryStatus } : {}),
    };

  const calendar = detectCalendar(message);
  if (calendar?.category === 'calendar_reply') return verdict('calendar_reply', calendar.reasons);

  const autoReply = detectAutoReply(message);
  if (autoReply?.kind === 'replied') return verdict('auto_reply', autoReply.reasons);

  if (calendar?.category === 'meeting') return verdict('meeting', calendar.reasons);

  const bulk = detectBulk(message);
  if (bulk?.kind === 'campaign') return verdict('newsletter', bulk.reasons);
  const listPost = detectListPost(message);
  const notification = detectNotification(message);
  const marketing = detectMarketing(message, { inList: listPost !== null });
  if (marketing && (!notification || marketing.designed)) {
    return verdict('newsletter', [...(bulk?.reasons ?? []), ...marketing.reasons]);
  }
  if (notification) return verdict('noreply_notification', notification.reasons);
  if (listPost) {
    return {
      ...verdict('list', listPost.reasons),
      ...(listPost.listAddress ? { listAddress: listPost.listAddress } : {}),
    };
  }
  if (bulk) return verdict('newsletter', bulk.reasons);
  if (autoReply) return verdict('auto_reply', autoReply.reasons);
  return verdict('human', []);
}

function verdict(category: NoiseCategory, reasons: readonly string[]): NoiseVerdict {
  return { category, reasons, failedRecipients: [] };
}
