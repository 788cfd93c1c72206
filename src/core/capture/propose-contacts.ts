import { domainOf, localPartOf } from '../addresses/normalize.js';
import {
  accountForAddress,
  isFreeMailDomain,
  isInternalAddress,
  type DirectoryIndex,
} from '../directory/index.js';
import type { MailAddress, ParsedMessage } from '../message.js';
import { isNoReplyAddress } from '../noise/no-reply.js';
import type { Decision } from './decide.js';

/** A new person on a known account's domain, to become a contact of that account. */
export interface ProposedContact {
  readonly address: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly accountId: string;
  /** The deal the message is linked to, when it is linked to exactly one. */
  readonly dealId: string | null;
}

// Shared mailboxes of a team or function: nobody in particular to make a contact of.
const roleLocalParts = new Set([
  'info',
  'sales',
  'support',
  'team',
  'hello',
  'billing',
  'office',
  'admin',
  'contact',
  'help',
  'helpdesk',
  'service',
  'accounts',
  'accounting',
  'invoices',
  'invoice',
  'finance',
  'hr',
  'jobs',
  'careers',
  'marketing',
  'press',
  'media',
  'postmaster',
  'webmaster',
  'hostmaster',
  'abuse',
  'enquiries',
  'inquiries',
  'mail',
  'reception',
  'orders',
  'purchasing',
  'procurement',
  'legal',
  'security',
  'it',
  'ops',
  'operations',
  'newsletter',
  'events',
]);

/**
 * Automatic contact creation, for a mailbox that has it on:
 * each external participant of a captured message who is not yet a contact
 * or lead and whose domain belongs to an account. Never free-mail senders,
 * colleagues, no-reply or role addresses (`info@`, `sales@` …). The name comes
 * from the display name (`Doe, Jane` and `Jane Doe` alike), else from the
 * local part (`jane.doe`).
 *
 * @example
 * proposeContacts({ message, decision, directory, createContacts: true })
 * // [{ address: 'jane.doe@acme.com', firstName: 'Jane', lastName: 'Doe', accountId: 'a-1', dealId: 'd-7' }]
 */
export function proposeContacts(input: {
  message: ParsedMessage;
  decision: Decision;
  directory: DirectoryIndex;
  createContacts: boolean;
}): ProposedContact[] {
  const { message, decision, directory } = input;
  if (!input.createContacts || !decision.captured) return [];
  const deals = decision.links.filter((link) => link.type === 'deal');
  const dealId = deals.length === 1 ? deals[0]!.recordId : null;

  const seen = new Set<string>();
  const proposals: ProposedContact[] = [];
  for (const participant of [...message.from, ...message.replyTo, ...message.to, ...message.cc]) {
    const { address } = participant;
    if (!address || seen.has(address)) continue;
    seen.add(address);
    if (!isCandidate(directory, address)) continue;
    const match = accountForAddress(directory, address);
    if (!match) continue;
    proposals.push({ address, ...nameOf(participant), accountId: match.account.id, dealId });
  }
  return proposals;
}

function isCandidate(directory: DirectoryIndex, address: string): boolean {
  if (isInternalAddress(directory, address)) return false;
  if (directory.contactByAddress.has(address) || directory.leadByAddress.has(address)) return false;
  if (isFreeMailDomain(domainOf(address)) || isNoReplyAddress(address)) return false;
  const local = localPartOf(address).split('+')[0] ?? '';
  return !roleLocalParts.has(local) && !/^(?:no-?reply|mailer-daemon)/.test(local);
}

/** First and last name from a display name, else from the address's local part. */
export function nameOf(participant: MailAddress): { firstName: string; lastName: string } {
  const display = participant.name.replace(/["']/g, '').replace(/\s+/g, ' ').trim();
  if (display && !display.includes('@')) {
    const comma = display.indexOf(',');
    if (comma > 0) {
      return {
        firstName: display.slice(comma + 1).trim(),
        lastName: display.slice(0, comma).trim(),
      };
    }
    const words = display.split(' ');
    return { firstName: words[0]!, lastName: words.slice(1).join(' ') };
  }
  const words = (localPartOf(participant.address).split('+')[0] ?? '')
    .split(/[._-]+/)
    .filter((word) => /\p{L}/u.test(word))
    .map((word) => word.replace(/\d+/g, ''))
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1));
  return { firstName: words[0] ?? '', lastName: words.slice(1).join(' ') };
}
