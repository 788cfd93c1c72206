import { participantAddresses, type ParsedMessage } from '../message.js';
import { isCapturable, type NoiseVerdict } from '../noise/verdict.js';
import {
  accountForAddress,
  blockingEntry,
  isInternalAddress,
  type DirectoryIndex,
} from '../directory/index.js';
import { isRecordKind, type RecordKind } from '../records/record-kinds.js';
import { caseLinks, dealLinks } from './record-links.js';
import { ruleLinks } from './rule-links.js';
import { autoLink, type Link, type ThreadContext } from './link.js';
import { unauthenticatedReason, type SenderAuth } from '../sender-auth/verdict.js';

export type { Link, ThreadContext } from './link.js';

/** Categories of the export contract: the noise categories plus the scope verdicts. */
export type DecisionCategory =
  NoiseVerdict['category'] | 'internal' | 'blocked' | 'no_crm_participant';

export interface Decision {
  readonly captured: boolean;
  readonly category: DecisionCategory;
  readonly reasons: readonly string[];
  readonly links: readonly Link[];
  readonly failedRecipients: readonly string[];
  /** For a bounce: the delivery status it gives, when it gives one. */
  readonly deliveryStatus?: string;
  /**
   * Held in its owner's review queue whatever the mailbox's mode: a message
   * whose sender is not authenticated waits there, filed nowhere, with the reason.
   */
  readonly heldForReview?: boolean;
}

export interface DecisionInput {
  readonly message: ParsedMessage;
  readonly noise: NoiseVerdict;
  readonly directory: DirectoryIndex;
  readonly mailboxOwnerUserId: string;
  readonly thread: ThreadContext;
  readonly now: Date;
  /** What was proven about the sender; absent when nothing was checked. */
  readonly senderAuth?: SenderAuth | null;
}

/**
 * Captured or ignored, and why, in this order: noise (automatic replies,
 * bulk, no-reply, bounces, calendar replies) even from known customers; mail
 * among colleagues only is `internal`; any external participant on a block
 * list makes it `blocked`; without an external participant known to the CRM
 * (contact, lead, an account's domain) nor a rule or manual link it is
 * `no_crm_participant`, and so is mail whose every record a user took off
 * the thread by hand, the reason naming who (`unlinked by rita@…`).
 * Otherwise it is captured with its links.
 *
 * A discussion list post (`list`) counts only its author and the list's own
 * address as participants, and stays `list` when neither is known.
 */
export function decide(input: DecisionInput): Decision {
  const decision = decideOnParticipants(input);
  const unauthenticated = unauthenticatedReason(input.senderAuth ?? null);
  if (!unauthenticated || !decision.captured) return decision;
  return {
    ...decision,
    reasons: [unauthenticated, ...decision.reasons],
    links: decision.links.filter(isProvenWithoutSender),
    heldForReview: true,
  };
}

/**
 * Mail whose sender is not authenticated keeps only what its addresses name
 * exactly (a contact, a lead, the contact's account) and what a user linked
 * by hand, as suggestions for the review queue: never an account by domain,
 * a case or deal by subject, nor a rule's link.
 */
function isProvenWithoutSender(link: Link): boolean {
  if (link.source === 'manual') return true;
  if (link.source !== 'auto') return false;
  if (link.type === 'contact' || link.type === 'lead') return link.reason.startsWith('address ');
  return link.type === 'account' && link.reason === "contact's account";
}

function decideOnParticipants(input: DecisionInput): Decision {
  const { message, noise, directory } = input;
  const ignored = (category: DecisionCategory, reasons: readonly string[]): Decision => ({
    captured: false,
    category,
    reasons,
    links: [],
    failedRecipients: noise.failedRecipients,
    ...(noise.deliveryStatus ? { deliveryStatus: noise.deliveryStatus } : {}),
  });
  if (!isCapturable(noise.category)) return ignored(noise.category, noise.reasons);

  const external = participantAddresses(message).filter((a) => !isInternalAddress(directory, a));
  if (external.length === 0) return ignored('internal', ['only colleagues take part']);

  const blocked = external.flatMap((address) => {
    const entry = blockingEntry(directory, address, input.mailboxOwnerUserId);
    return entry ? [`blocked ${address} (block list: ${entry})`] : [];
  });
  if (blocked.length > 0) return ignored('blocked', blocked);

  const linkable = noise.category === 'list' ? listVoices(message, noise, external) : external;
  const participantLinks = linkable.flatMap((address) => linksOfAddress(directory, address));
  const contactIds = participantLinks.filter((l) => l.type === 'contact').map((l) => l.recordId);
  const recordLinks = [
    ...participantLinks,
    ...caseLinks(directory, message.subject, input.thread),
    ...dealLinks(directory, message, contactIds, input.thread),
    ...ruleLinks(directory, message, input.mailboxOwnerUserId),
    ...input.thread.manualAdded.flatMap((added) =>
      isRecordKind(added.type) && directory.recordExists(added.type, added.recordId)
        ? [manualLink(added.type, added.recordId)]
        : [],
    ),
  ];
  const removedBy = new Map(
    input.thread.manualRemoved.map((r) => [`${r.type}:${r.recordId}`, r.by ?? null]),
  );
  const candidates = uniqueLinks(recordLinks);
  const links = candidates.filter(
    (link) => link.source === 'manual' || !removedBy.has(`${link.type}:${link.recordId}`),
  );
  if (links.length > 0) {
    return {
      captured: true,
      category: noise.category,
      reasons: [...noise.reasons, ...participantReasons(participantLinks, linkable, directory)],
      links,
      failedRecipients: noise.failedRecipients,
    };
  }
  if (candidates.length === 0) {
    if (noise.category === 'list') return ignored('list', noise.reasons);
    return ignored('no_crm_participant', ['no participant is a contact, lead or known account']);
  }
  // Every record it would be filed on was taken off the thread by hand: say by whom.
  const by = candidates.map((link) => removedBy.get(`${link.type}:${link.recordId}`) ?? null);
  return ignored('no_crm_participant', [
    ...new Set(by.map((email) => `unlinked by ${email ?? 'a user'}`)),
  ]);
}

/**
 * Who speaks in a list post: its author and the list itself. The other
 * subscribers a list reaches do not make a post theirs. A group that rewrites
 * From to its own address names the author in Reply-To.
 */
function listVoices(
  message: ParsedMessage,
  noise: NoiseVerdict,
  external: readonly string[],
): string[] {
  const authors = message.from.map((a) => a.address);
  const rewritten = noise.listAddress !== undefined && authors.includes(noise.listAddress);
  const voices = new Set([
    ...authors,
    ...(rewritten ? message.replyTo.map((a) => a.address) : []),
    ...(noise.listAddress ? [noise.listAddress] : []),
  ]);
  return external.filter((address) => voices.has(address));
}

/** Address to contact (and the contact's account), lead, or an account by domain. */
function linksOfAddress(directory: DirectoryIndex, address: string): Link[] {
  const links: Link[] = [];
  const contact = directory.contactByAddress.get(address);
  if (contact) {
    links.push(autoLink('contact', contact.id, `address ${address}`, 1));
    if (contact.accountId)
      links.push(autoLink('account', contact.accountId, "contact's account", 1));
  }
  const lead = directory.leadByAddress.get(address);
  if (lead) links.push(autoLink('lead', lead.id, `address ${address}`, 1));
  if (!contact?.accountId && !lead) {
    const match = accountForAddress(directory, address);
    if (match) links.push(autoLink('account', match.account.id, `domain ${match.domain}`, 0.8));
  }
  return links;
}

/** The export's reasons: `contact ada@acme.com`, `lead x@y.com`, `account acme.com`. */
function participantReasons(
  links: readonly Link[],
  external: readonly string[],
  directory: DirectoryIndex,
): string[] {
  const reasons: string[] = [];
  for (const address of external) {
    if (directory.contactByAddress.has(address)) reasons.push(`contact ${address}`);
    if (directory.leadByAddress.has(address)) reasons.push(`lead ${address}`);
  }
  for (const link of links) {
    if (link.type !== 'account') continue;
    const account = directory.accountById.get(link.recordId);
    const name = account?.domains[0] ?? account?.name ?? link.recordId;
    if (!reasons.includes(`account ${name}`)) reasons.push(`account ${name}`);
  }
  return reasons;
}

function manualLink(type: RecordKind, recordId: string): Link {
  return { type, recordId, reason: 'added by a user', confidence: 1, source: 'manual' };
}

/** One link per record: manual beats rule beats automatic, then the higher confidence. */
function uniqueLinks(links: readonly Link[]): Link[] {
  const rank = { manual: 3, rule: 2, auto: 1 } as const;
  const byRecord = new Map<string, Link>();
  for (const link of links) {
    const key = `${link.type}:${link.recordId}`;
    const current = byRecord.get(key);
    if (
      !current ||
      rank[link.source] > rank[current.source] ||
      (rank[link.source] === rank[current.source] && link.confidence > current.confidence)
    ) {
      byRecord.set(key, link);
    }
  }
  return [...byRecord.values()];
}
