import type { ParsedMessage } from '../message.js';
import { caseNumberKey, type DirectoryDeal, type DirectoryIndex } from '../directory/index.js';
import { autoLink, type Link, type ThreadContext } from './link.js';

/**
 * A case named in the subject (`[Case #10234]`, `Case 10234` or a configured
 * pattern), or already on the thread, links the case, its account and contact.
 */
export function caseLinks(
  directory: DirectoryIndex,
  subject: string,
  thread: ThreadContext,
): Link[] {
  const found = new Map<string, string>();
  for (const caseId of thread.caseIds) found.set(caseId, 'case on this thread');
  for (const pattern of directory.casePatterns) {
    const number = pattern.exec(subject)?.[1];
    const named = number ? directory.caseByNumber.get(caseNumberKey(number)) : undefined;
    if (named && !found.has(named.id))
      found.set(named.id, `case number ${named.number} in subject`);
  }
  return [...found].flatMap(([caseId, reason]) => {
    const record = directory.caseById.get(caseId);
    if (!record) return [];
    return [
      autoLink('case', record.id, reason, 1),
      ...(record.accountId ? [autoLink('account', record.accountId, "case's account", 1)] : []),
      ...(record.contactId ? [autoLink('contact', record.contactId, "case's contact", 1)] : []),
    ];
  });
}

const explicitDealReference = /\bdeal\s*[#:]?\s*#?([A-Za-z0-9][\w-]*)/gi;

/**
 * The deal rule, in this order: the deal already on this thread; else a deal
 * named in the subject by its external id (`Deal #D-12`); else the single
 * open deal of a participating contact; else, with several, the one most
 * recently active, marked ambiguous with the others as alternatives. Mail
 * sent after a deal closed is never linked to it; a contact's won or lost
 * deal is linked only to mail sent before its known close date.
 */
export function dealLinks(
  directory: DirectoryIndex,
  message: ParsedMessage,
  contactIds: readonly string[],
  thread: ThreadContext,
): Link[] {
  const sentAt = message.date;
  const onThread = thread.dealIds.filter((id) => {
    const deal = directory.dealById.get(id);
    return deal !== undefined && !closedBefore(deal, sentAt);
  });
  if (onThread.length > 0)
    return onThread.map((id) => autoLink('deal', id, 'deal on this thread', 1));

  const named = [...message.subject.matchAll(explicitDealReference)].flatMap((match) =>
    (directory.dealsByExternalId.get(match[1]?.toLowerCase() ?? '') ?? []).filter(
      (deal) => !closedBefore(deal, sentAt),
    ),
  );
  if (named.length > 0) {
    return named.map((deal) =>
      autoLink('deal', deal.id, `deal ${deal.externalId} named in subject`, 1),
    );
  }

  const candidates = new Map<string, DirectoryDeal>();
  for (const contactId of contactIds) {
    for (const deal of directory.dealsByContactId.get(contactId) ?? []) {
      if (isLinkable(deal, sentAt)) candidates.set(deal.id, deal);
    }
  }
  const ranked = [...candidates.values()].sort(
    (a, b) =>
      (b.lastActivityAt?.getTime() ?? 0) - (a.lastActivityAt?.getTime() ?? 0) ||
      a.id.localeCompare(b.id),
  );
  const [best, ...others] = ranked;
  if (!best) return [];
  if (others.length === 0) {
    return [autoLink('deal', best.id, 'the only open deal of a participating contact', 0.9)];
  }
  return [
    {
      ...autoLink(
        'deal',
        best.id,
        `most recently active of ${ranked.length} deals with these contacts`,
        0.5,
      ),
      ambiguous: true,
      alternatives: others.map((deal) => deal.id),
    },
  ];
}

/**
 * Whether mail sent at `sentAt` came after the deal closed. An open deal, or
 * one whose close date the CRM does not give, has not closed before anything.
 *
 * @example
 * closedBefore({ status: 'won', closedAt: new Date('2025-03-31'), … }, new Date('2025-04-02')) // true
 */
export function closedBefore(deal: DirectoryDeal, sentAt: Date | null): boolean {
  return (
    deal.status !== 'open' && deal.closedAt !== null && sentAt !== null && sentAt > deal.closedAt
  );
}

function isLinkable(deal: DirectoryDeal, sentAt: Date | null): boolean {
  if (deal.status === 'open') return true;
  return deal.closedAt !== null && sentAt !== null && sentAt <= deal.closedAt;
}
