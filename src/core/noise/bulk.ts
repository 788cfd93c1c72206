import type { ParsedMessage } from '../message.js';
import { header, headerReason } from './reasons.js';

export interface BulkSignal {
  /**
   * `campaign`: headers only campaign tools write. `bulk`: list or precedence
   * headers, which newsletters, notification services and discussion lists
   * all send, so other signals decide which it is.
   */
  readonly kind: 'campaign' | 'bulk';
  readonly reasons: readonly string[];
}

// Set only by campaign tools (Mailchimp, Marketo, Brevo, Mailjet) or by
// senders certified for bulk marketing (CSA).
const campaignHeaderPrefixes: ReadonlyArray<readonly [string, string]> = [
  ['x-campaign', 'X-Campaign'],
  ['x-mc-user', 'X-MC-User'],
  ['x-mailchimp', 'X-Mailchimp'],
  ['x-csa-complaints', 'X-CSA-Complaints'],
  ['x-marketoid', 'X-MarketoID'],
  ['x-mailin-campaign', 'X-Mailin-Campaign'],
  ['x-mailjet-campaign', 'X-Mailjet-Campaign'],
];

/**
 * Bulk mail by its headers: `List-Unsubscribe`, `List-Id`, `Precedence:
 * bulk/list/junk` (RFC 2369, RFC 2919, RFC 8058), and campaign headers,
 * which alone make a campaign.
 */
export function detectBulk(message: ParsedMessage): BulkSignal | null {
  const list: string[] = [];
  if (header(message, 'list-unsubscribe') !== undefined)
    list.push(headerReason('List-Unsubscribe'));
  if (header(message, 'list-id') !== undefined) list.push(headerReason('List-Id'));
  const precedence = header(message, 'precedence')?.toLowerCase();
  if (precedence === 'list' || precedence === 'bulk' || precedence === 'junk')
    list.push(headerReason('Precedence', precedence));

  const names = Object.keys(message.headers);
  const campaign = campaignHeaderPrefixes
    .filter(([prefix]) => names.some((name) => name.startsWith(prefix)))
    .map(([, display]) => headerReason(display));
  if (campaign.length > 0) return { kind: 'campaign', reasons: [...campaign, ...list] };
  return list.length > 0 ? { kind: 'bulk', reasons: list } : null;
}
