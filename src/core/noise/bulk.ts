import type { ParsedMessage } from '../message.js';
import { header, headerReason } from './reasons.js';

export interface BulkSignal {
  /**
   * `marketing`: a campaign (campaign headers, Precedence bulk/junk, a bulk
   * sending service). `list`: list headers only, as notification services add
   * them to let people mute a thread. `discussion`: a post to a discussion list
   * written by a person.
   */
  readonly kind: 'marketing' | 'list' | 'discussion';
  readonly reasons: readonly string[];
}

// Set only by campaign tools (Mailchimp, Marketo, Brevo) or by senders certified
// for bulk marketing (CSA).
const campaignHeaderPrefixes: ReadonlyArray<readonly [string, string]> = [
  ['x-campaign', 'X-Campaign'],
  ['x-mc-user', 'X-MC-User'],
  ['x-mailchimp', 'X-Mailchimp'],
  ['x-csa-complaints', 'X-CSA-Complaints'],
  ['x-marketoid', 'X-MarketoID'],
  ['x-mailin-campaign', 'X-Mailin-Campaign'],
];

// Sending services stamp these on transactional mail (receipts, password
// resets, a salesperson's tracked mail) as well: evidence only next to a list
// or precedence header.
const sendingServiceHeaderPrefixes: ReadonlyArray<readonly [string, string]> = [
  ['feedback-id', 'Feedback-ID'],
  ['x-sg-eid', 'X-SG-EID'],
  ['x-mailgun-', 'X-Mailgun'],
  ['x-ses-outgoing', 'X-SES-Outgoing'],
  ['x-mandrill-user', 'X-Mandrill-User'],
  ['x-msfbl', 'X-MSFBL'],
];

/**
 * Bulk and marketing mail: `List-Unsubscribe`, `List-Id`, `Precedence:
 * bulk/list/junk`, campaign headers, and bulk sending services' headers when
 * one of the others is present.
 *
 * A discussion list (Google Groups, Mailman) carries the same list headers on
 * every post a person writes. When the list accepts posts (`List-Post` other
 * than `NO`, RFC 2369) and nothing marks a campaign, the result is
 * `discussion`: such a post is a person's mail, and whether it is captured is
 * then decided by its participants like any other.
 */
export function detectBulk(message: ParsedMessage): BulkSignal | null {
  const list: string[] = [];
  const marketing: string[] = [];

  if (header(message, 'list-unsubscribe') !== undefined)
    list.push(headerReason('List-Unsubscribe'));
  if (header(message, 'list-id') !== undefined) list.push(headerReason('List-Id'));
  const precedence = header(message, 'precedence')?.toLowerCase();
  if (precedence === 'list') list.push(headerReason('Precedence', precedence));
  if (precedence === 'bulk' || precedence === 'junk')
    marketing.push(headerReason('Precedence', precedence));

  const names = Object.keys(message.headers);
  marketing.push(...matchingHeaders(names, campaignHeaderPrefixes));
  const sendingService = matchingHeaders(names, sendingServiceHeaderPrefixes);

  if (marketing.length > 0)
    return { kind: 'marketing', reasons: [...marketing, ...list, ...sendingService] };
  if (list.length === 0) return null;
  if (sendingService.length > 0)
    return { kind: 'marketing', reasons: [...list, ...sendingService] };
  const post = header(message, 'list-post');
  if (post && post.toUpperCase() !== 'NO') {
    return { kind: 'discussion', reasons: ['discussion list post (header List-Post)'] };
  }
  return { kind: 'list', reasons: list };
}

function matchingHeaders(
  names: readonly string[],
  prefixes: ReadonlyArray<readonly [string, string]>,
): string[] {
  return prefixes
    .filter(([prefix]) => names.some((name) => name.startsWith(prefix)))
    .map(([, display]) => headerReason(display));
}
