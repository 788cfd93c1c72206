import type { RecordKind } from '../records/record-kinds.js';
import { DOMAINS as freeMailDomains } from 'free-email-domains-list';
import {
  domainOf,
  isSameOrSubdomain,
  normalizeAddress,
  normalizeDomain,
} from '../addresses/normalize.js';

/** The CRM directory as plain rows, as storage reads it. */
export interface DirectorySnapshot {
  readonly users: readonly {
    id: string;
    email: string;
    aliases: readonly string[];
    role: string;
    managerId: string | null;
  }[];
  readonly settings: {
    readonly internalDomains: readonly string[];
    /** Extra case-number patterns, each a regular expression whose first group is the number. */
    readonly casePatterns: readonly string[];
  };
  readonly accounts: readonly {
    id: string;
    externalId: string | null;
    name: string;
    domains: readonly string[];
    parentId: string | null;
  }[];
  readonly contacts: readonly {
    id: string;
    externalId: string | null;
    accountId: string | null;
    emails: readonly string[];
    firstName: string;
    lastName: string;
  }[];
  readonly leads: readonly {
    id: string;
    externalId: string | null;
    emails: readonly string[];
    status: string;
  }[];
  readonly deals: readonly DirectoryDeal[];
  readonly cases: readonly {
    id: string;
    externalId: string | null;
    number: string;
    accountId: string | null;
    contactId: string | null;
    status: string;
  }[];
  readonly blocklist: readonly { ownerUserId: string | null; pattern: string }[];
  /** Normalised addresses of people who asked not to be tracked (also on `blocklist`); absent: nobody. */
  readonly doNotTrack?: readonly string[];
  readonly rules: readonly LinkRule[];
}

export interface DirectoryDeal {
  readonly id: string;
  readonly externalId: string | null;
  readonly accountId: string | null;
  readonly name: string;
  readonly status: 'open' | 'won' | 'lost';
  readonly closedAt: Date | null;
  readonly contactIds: readonly string[];
  readonly teamUserIds: readonly string[];
  /** Latest message already linked to the deal, for choosing among several. */
  readonly lastActivityAt: Date | null;
}

/** "File by subject" and keyword rules: they also apply to future mail. */
export interface LinkRule {
  readonly id: string;
  /** null: the whole organisation; else only that user's mailboxes. */
  readonly ownerId: string | null;
  readonly kind: 'subject' | 'keyword';
  readonly pattern: string;
  readonly recordType: string;
  readonly recordId: string;
}

export type DirectoryContact = DirectorySnapshot['contacts'][number];
export type DirectoryAccount = DirectorySnapshot['accounts'][number];
export type DirectoryLead = DirectorySnapshot['leads'][number];
export type DirectoryCase = DirectorySnapshot['cases'][number];
export type DirectoryUser = DirectorySnapshot['users'][number];

/** Lookups the decision core needs, built once per CRM change. */
export interface DirectoryIndex {
  readonly internalDomains: readonly string[];
  readonly userByAddress: ReadonlyMap<string, DirectoryUser>;
  readonly contactByAddress: ReadonlyMap<string, DirectoryContact>;
  readonly leadByAddress: ReadonlyMap<string, DirectoryLead>;
  readonly accountByDomain: ReadonlyMap<string, DirectoryAccount>;
  readonly accountById: ReadonlyMap<string, DirectoryAccount>;
  readonly contactById: ReadonlyMap<string, DirectoryContact>;
  readonly dealById: ReadonlyMap<string, DirectoryDeal>;
  /** Deals by lower-cased external id, for a deal named in a subject. */
  readonly dealsByExternalId: ReadonlyMap<string, readonly DirectoryDeal[]>;
  readonly dealsByContactId: ReadonlyMap<string, readonly DirectoryDeal[]>;
  readonly caseByNumber: ReadonlyMap<string, DirectoryCase>;
  readonly caseById: ReadonlyMap<string, DirectoryCase>;
  readonly recordExists: (type: RecordKind, id: string) => boolean;
  readonly blocklist: readonly { ownerUserId: string | null; pattern: string }[];
  /** The block list with each pattern normalised once: an address, or a domain. */
  readonly blockEntries: readonly BlockEntry[];
  /** People who asked not to be tracked: nothing of their mail is kept but its key. */
  readonly doNotTrack: ReadonlySet<string>;
  readonly rules: readonly LinkRule[];
  readonly casePatterns: readonly RegExp[];
}

export interface BlockEntry {
  readonly ownerUserId: string | null;
  /** As configured, for the reason shown to users. */
  readonly pattern: string;
  readonly address: string | null;
  readonly domain: string | null;
}

/** `[Case #10234]`, `Case 10234`, `Case: 10234`, `case no. 10234`. */
const defaultCasePatterns = [/\bcase\s*(?:#|no\.?|nr\.?|number|:)?\s*#?\s*([A-Z]*-?\d{2,})\b/i];

export function buildDirectoryIndex(snapshot: DirectorySnapshot): DirectoryIndex {
  const userByAddress = new Map<string, DirectoryUser>();
  for (const user of snapshot.users) {
    for (const address of [user.email, ...user.aliases]) {
      const normalized = normalizeAddress(address);
      if (normalized) userByAddress.set(normalized, user);
    }
  }
  const contactByAddress = new Map<string, DirectoryContact>();
  for (const contact of snapshot.contacts) {
    for (const address of contact.emails) {
      const normalized = normalizeAddress(address);
      // The first contact to claim an address keeps it: duplicates in a CRM are common.
      if (normalized && !contactByAddress.has(normalized))
        contactByAddress.set(normalized, contact);
    }
  }
  const leadByAddress = new Map<string, DirectoryLead>();
  for (const lead of snapshot.leads) {
    for (const address of lead.emails) {
      const normalized = normalizeAddress(address);
      if (normalized && !leadByAddress.has(normalized)) leadByAddress.set(normalized, lead);
    }
  }
  const accountByDomain = new Map<string, DirectoryAccount>();
  for (const account of snapshot.accounts) {
    for (const domain of account.domains) {
      const normalized = normalizeDomain(domain);
      if (normalized && !isFreeMailDomain(normalized) && !accountByDomain.has(normalized)) {
        accountByDomain.set(normalized, account);
      }
    }
  }
  const dealsByContactId = new Map<string, DirectoryDeal[]>();
  const dealsByExternalId = new Map<string, DirectoryDeal[]>();
  for (const deal of snapshot.deals) {
    if (deal.externalId) {
      const key = deal.externalId.toLowerCase();
      dealsByExternalId.set(key, [...(dealsByExternalId.get(key) ?? []), deal]);
    }
    for (const contactId of deal.contactIds) {
      const list = dealsByContactId.get(contactId) ?? [];
      list.push(deal);
      dealsByContactId.set(contactId, list);
    }
  }
  const byId = <T extends { id: string }>(rows: readonly T[]) =>
    new Map(rows.map((row) => [row.id, row]));
  const ids: Record<RecordKind, ReadonlyMap<string, unknown>> = {
    account: byId(snapshot.accounts),
    contact: byId(snapshot.contacts),
    lead: byId(snapshot.leads),
    deal: byId(snapshot.deals),
    case: byId(snapshot.cases),
  };
  const configuredPatterns = snapshot.settings.casePatterns.flatMap((source) => {
    try {
      return [new RegExp(source, 'i')];
    } catch {
      // A bad pattern in settings must not stop capture; the settings API validates new ones.
      return [];
    }
  });
  return {
    internalDomains: snapshot.settings.internalDomains.flatMap((d) => normalizeDomain(d) ?? []),
    userByAddress,
    contactByAddress,
    leadByAddress,
    accountByDomain,
    accountById: ids.account as ReadonlyMap<string, DirectoryAccount>,
    contactById: ids.contact as ReadonlyMap<string, DirectoryContact>,
    dealById: ids.deal as ReadonlyMap<string, DirectoryDeal>,
    dealsByContactId,
    dealsByExternalId,
    caseByNumber: new Map(snapshot.cases.map((row) => [caseNumberKey(row.number), row])),
    caseById: ids.case as ReadonlyMap<string, DirectoryCase>,
    recordExists: (type, id) => ids[type].has(id),
    blocklist: snapshot.blocklist,
    blockEntries: snapshot.blocklist.map(blockEntry),
    doNotTrack: new Set(snapshot.doNotTrack),
    rules: snapshot.rules,
    casePatterns: [...configuredPatterns, ...defaultCasePatterns],
  };
}

/** Case numbers compare without case, spaces or leading zeros: `CS-00042` is `cs-42`. */
export function caseNumberKey(number: string): string {
  return number
    .trim()
    .toLowerCase()
    .replace(/\s+/g, '')
    .replace(/(^|-)0+(?=\d)/g, '$1');
}

/** Free-mail domains (a maintained list) never map a person to an account. */
export function isFreeMailDomain(domain: string): boolean {
  // The set itself: the package's isFreeEmail also validates the whole address, a regular
  // expression that cost more than the rest of a decision together.
  return freeMailDomains.has(domain);
}

/** A colleague: an address or alias of a user, or any address on an internal domain. */
export function isInternalAddress(index: DirectoryIndex, address: string): boolean {
  if (index.userByAddress.has(address)) return true;
  const domain = domainOf(address);
  return index.internalDomains.some((internal) => isSameOrSubdomain(domain, internal));
}

/**
 * The account that owns an address's domain: the longest configured suffix
 * wins, so `eu.acme.com` can be a subsidiary of `acme.com`. Free mail never maps.
 */
export function accountForAddress(
  index: DirectoryIndex,
  address: string,
): { account: DirectoryAccount; domain: string } | null {
  const labels = domainOf(address).split('.');
  if (isFreeMailDomain(labels.join('.'))) return null;
  for (let start = 0; start < labels.length - 1; start += 1) {
    const domain = labels.slice(start).join('.');
    const account = index.accountByDomain.get(domain);
    if (account) return { account, domain };
  }
  return null;
}

/**
 * The block-list entry that stops capture for an address, for the given
 * mailbox owner: organisation entries and the owner's own. An entry is an
 * address, or a domain (optionally written `@domain` or `*.domain`) that also
 * covers its subdomains.
 */
export function blockingEntry(
  index: DirectoryIndex,
  address: string,
  ownerUserId: string,
): string | null {
  const domain = domainOf(address);
  for (const entry of index.blockEntries) {
    if (entry.ownerUserId !== null && entry.ownerUserId !== ownerUserId) continue;
    if (
      entry.address !== null
        ? entry.address === address
        : entry.domain !== null && isSameOrSubdomain(domain, entry.domain)
    )
      return entry.pattern;
  }
  return null;
}

function blockEntry(entry: { ownerUserId: string | null; pattern: string }): BlockEntry {
  const pattern = entry.pattern.trim().toLowerCase();
  if (pattern.includes('@') && !pattern.startsWith('@')) {
    return { ...entry, address: normalizeAddress(pattern), domain: null };
  }
  return { ...entry, address: null, domain: normalizeDomain(pattern.replace(/^[@*.]+/, '')) };
}
