import type { NoiseCategory } from '../../src/core/noise/verdict.js';
import { domainOfAddress, normalized, type World, type WorldContact } from './corpus-world.js';

export interface MailAddressSpec {
  /** As written in the header: mixed case allowed, ASCII domain. */
  readonly address: string;
  readonly name: string;
}

/** A generated message with what the generator knows about it by construction. */
export interface CorpusMail {
  readonly messageId: string;
  /** The conversation this message belongs to, as its References say. */
  readonly threadKey: string;
  readonly date: Date;
  readonly from: MailAddressSpec;
  readonly replyTo: readonly MailAddressSpec[];
  readonly to: readonly MailAddressSpec[];
  readonly cc: readonly MailAddressSpec[];
  readonly subject: string;
  /** What the message is before any CRM lookup. */
  readonly noise: NoiseCategory;
  /** The CRM case and deal the subject names on purpose (never by accident). */
  readonly namedCase: string | null;
  readonly namedDeal: string | null;
  /** Owners (user e-mails) in whose mailboxes the message lies. */
  readonly mailboxes: readonly string[];
  readonly raw: string;
}

export interface LinkLabel {
  readonly type: 'account' | 'contact' | 'lead' | 'deal' | 'case';
  readonly externalId: string;
}

export interface CorpusLabel {
  readonly messageId: string;
  readonly captured: boolean;
  readonly category: string;
  readonly links: readonly LinkLabel[];
}

/**
 * The expected outcome of every message, from the product's documented rules
 * (the capture and linking rules, docs/export.md) applied to facts the generator
 * knows: who each address is, what each message is. Messages are judged per
 * mailbox in the order they are imported (deals and cases carry over to later
 * messages of a captured thread); a message is captured when any of its
 * mailboxes captures it, and otherwise keeps its first mailbox's verdict.
 *
 * Won and lost deals count as linkable: the generated CRM closes them after
 * every generated message was sent.
 */
export function expectedLabels(
  world: World,
  occurrences: readonly { mail: CorpusMail; owner: string }[],
): CorpusLabel[] {
  const facts = worldFacts(world);
  const threads = new Map<string, { deals: Set<string>; cases: Set<string> }>();
  const labels = new Map<string, CorpusLabel>();
  for (const { mail, owner } of occurrences) {
    const thread = threads.get(mail.threadKey) ?? { deals: new Set(), cases: new Set() };
    threads.set(mail.threadKey, thread);
    const verdict = judge(facts, mail, owner, thread);
    if (verdict.captured) {
      for (const link of verdict.links) {
        if (link.type === 'deal') thread.deals.add(link.externalId);
        if (link.type === 'case') thread.cases.add(link.externalId);
      }
    }
    const earlier = labels.get(mail.messageId);
    if (!earlier) labels.set(mail.messageId, verdict);
    else if (verdict.captured) {
      labels.set(mail.messageId, {
        ...verdict,
        links: uniqueLinks([...(earlier.captured ? earlier.links : []), ...verdict.links]),
      });
    }
  }
  return [...labels.values()];
}

function worldFacts(world: World) {
  const contactByAddress = new Map<string, WorldContact>();
  for (const contact of world.contacts) {
    for (const address of contact.emails) contactByAddress.set(normalized(address), contact);
  }
  const leadByAddress = new Map(
    world.leads.flatMap((lead) => lead.emails.map((e) => [normalized(e), lead] as const)),
  );
  const accountByDomain = new Map(
    world.accounts.flatMap((account) =>
      account.domains.map((d) => [domainOfAddress(normalized(`x@${d}`)), account] as const),
    ),
  );
  const internal = world.internalDomains.map((d) => domainOfAddress(normalized(`x@${d}`)));
  const userAddresses = new Set(
    world.users.flatMap((u) => [u.email, ...u.aliases].map((a) => normalized(a))),
  );
  return {
    world,
    contactByAddress,
    leadByAddress,
    accountByDomain,
    isInternal: (address: string) =>
      userAddresses.has(address) ||
      internal.some((d) => domainOfAddress(address) === d || address.endsWith(`.${d}`)),
    blockedFor: (owner: string, address: string) =>
      world.blocklist.some((entry) => {
        if (entry.ownerEmail !== null && entry.ownerEmail !== owner) return false;
        const pattern = entry.pattern.toLowerCase();
        if (pattern.includes('@')) return normalized(pattern) === address;
        const domain = domainOfAddress(address);
        return domain === pattern || domain.endsWith(`.${pattern}`);
      }),
    accountOfDomain: (domain: string) => {
      if (world.freeMailDomains.includes(domain)) return undefined;
      const labels = domain.split('.');
      for (let start = 0; start < labels.length - 1; start += 1) {
        const account = accountByDomain.get(labels.slice(start).join('.'));
        if (account) return account;
      }
      return undefined;
    },
  };
}

function judge(
  facts: ReturnType<typeof worldFacts>,
  mail: CorpusMail,
  owner: string,
  thread: { deals: Set<string>; cases: Set<string> },
): CorpusLabel {
  const ignored = (category: string): CorpusLabel => ({
    messageId: mail.messageId,
    captured: false,
    category,
    links: [],
  });
  if (mail.noise !== 'human' && mail.noise !== 'meeting') return ignored(mail.noise);
  const participants = [
    ...new Set(
      [mail.from, ...mail.replyTo, ...mail.to, ...mail.cc].map((a) => normalized(a.address)),
    ),
  ];
  const external = participants.filter((address) => !facts.isInternal(address));
  if (external.length === 0) return ignored('internal');
  if (external.some((address) => facts.blockedFor(owner, address))) return ignored('blocked');

  const { world } = facts;
  const links: LinkLabel[] = [];
  const contactIds: string[] = [];
  for (const address of external) {
    const contact = facts.contactByAddress.get(address);
    const lead = facts.leadByAddress.get(address);
    if (contact) {
      contactIds.push(contact.externalId);
      links.push({ type: 'contact', externalId: contact.externalId });
      if (contact.accountExternalId)
        links.push({ type: 'account', externalId: contact.accountExternalId });
    }
    if (lead) links.push({ type: 'lead', externalId: lead.externalId });
    if (!contact?.accountExternalId && !lead) {
      const account = facts.accountOfDomain(domainOfAddress(address));
      if (account) links.push({ type: 'account', externalId: account.externalId });
    }
  }
  const caseIds = new Set(thread.cases);
  if (mail.namedCase) caseIds.add(mail.namedCase);
  for (const caseId of caseIds) {
    const record = world.cases.find((k) => k.externalId === caseId)!;
    links.push(
      { type: 'case', externalId: record.externalId },
      { type: 'account', externalId: record.accountExternalId },
      { type: 'contact', externalId: record.contactExternalId },
    );
  }
  links.push(...expectedDeals(world, mail, contactIds, thread.deals));
  if (links.length === 0) return ignored('no_crm_participant');
  return {
    messageId: mail.messageId,
    captured: true,
    category: mail.noise,
    links: uniqueLinks(links),
  };
}

function expectedDeals(
  world: World,
  mail: CorpusMail,
  contactIds: readonly string[],
  threadDeals: ReadonlySet<string>,
): LinkLabel[] {
  const deal = (externalId: string): LinkLabel => ({ type: 'deal', externalId });
  if (threadDeals.size > 0) return [...threadDeals].map(deal);
  if (mail.namedDeal) return [deal(mail.namedDeal)];
  const candidates = world.deals.filter((d) =>
    d.contactExternalIds.some((id) => contactIds.includes(id)),
  );
  if (candidates.length > 1) {
    // The product picks the most recently active deal here; a corpus label cannot know which.
    throw new Error(`corpus bug: ${mail.messageId} has several candidate deals`);
  }
  return candidates.map((d) => deal(d.externalId));
}

function uniqueLinks(links: readonly LinkLabel[]): LinkLabel[] {
  const byKey = new Map(links.map((link) => [`${link.type}:${link.externalId}`, link]));
  return [...byKey.values()];
}
