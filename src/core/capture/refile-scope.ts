import { normalizeAddress, normalizeDomain } from '../addresses/normalize.js';
import type { DirectoryDeal, DirectorySnapshot } from '../directory/index.js';

/**
 * Which stored messages a CRM change can re-decide: those with a participant
 * at one of `addresses` or in one of `domains` (or a subdomain), or whose
 * subject names one of `subjectTerms` (case numbers, deal ids), and the rest
 * of their threads. `everything` when what changed applies to all mail.
 */
export interface RefileScope {
  readonly everything: boolean;
  readonly addresses: readonly string[];
  readonly domains: readonly string[];
  readonly subjectTerms: readonly string[];
}

export const nothingToRefile: RefileScope = {
  everything: false,
  addresses: [],
  domains: [],
  subjectTerms: [],
};

export const refileEverything: RefileScope = { ...nothingToRefile, everything: true };

export function isNothingToRefile(scope: RefileScope): boolean {
  return (
    !scope.everything &&
    scope.addresses.length === 0 &&
    scope.domains.length === 0 &&
    scope.subjectTerms.length === 0
  );
}

/**
 * The messages a change of the CRM directory concerns, from the directory
 * before and after it. A record that was added, removed or changed brings
 * what it matched mail by in both versions: a contact or lead its addresses;
 * an account its domains and its contacts' addresses; a deal or case the
 * addresses and domains of its people and account, and the name a subject
 * can give it. Users, settings, block lists and rules apply to all mail.
 */
export function refileScope(before: DirectorySnapshot, after: DirectorySnapshot): RefileScope {
  if (
    changed(before.users, after.users, (user) => [user.email, ...user.aliases].join(' ')) ||
    !sameJson(before.settings, after.settings) ||
    !sameJson(before.blocklist, after.blocklist) ||
    !sameJson(before.doNotTrack ?? [], after.doNotTrack ?? []) ||
    !sameJson(before.rules, after.rules)
  ) {
    return refileEverything;
  }
  const addresses = new Set<string>();
  const domains = new Set<string>();
  const subjectTerms = new Set<string>();
  const collect = (facts: RecordFacts) => {
    for (const address of facts.addresses) addresses.add(address);
    for (const domain of facts.domains) domains.add(domain);
    for (const term of facts.subjectTerms) subjectTerms.add(term);
  };
  const lookups = [lookupIn(before), lookupIn(after)];
  const inBoth = (
    ids: ReadonlySet<string>,
    factsOf: (lookup: Lookup, id: string) => RecordFacts,
  ) => {
    for (const id of ids) for (const lookup of lookups) collect(factsOf(lookup, id));
  };
  inBoth(changedIds(before.accounts, after.accounts), accountFacts);
  inBoth(changedIds(before.contacts, after.contacts), contactFacts);
  inBoth(changedIds(before.leads, after.leads), leadFacts);
  inBoth(changedIds(before.deals, after.deals, dealMatchFields), dealFacts);
  inBoth(changedIds(before.cases, after.cases), caseFacts);
  return {
    everything: false,
    addresses: [...addresses].sort(),
    domains: [...domains].sort(),
    subjectTerms: [...subjectTerms].sort(),
  };
}

interface RecordFacts {
  readonly addresses: readonly string[];
  readonly domains: readonly string[];
  readonly subjectTerms: readonly string[];
}

const noFacts: RecordFacts = { addresses: [], domains: [], subjectTerms: [] };

/** One snapshot's records by id, and each account's contacts: an import can change thousands. */
interface Lookup {
  readonly accounts: ReadonlyMap<string, DirectorySnapshot['accounts'][number]>;
  readonly contacts: ReadonlyMap<string, DirectorySnapshot['contacts'][number]>;
  readonly contactsOfAccount: ReadonlyMap<string, readonly string[]>;
  readonly leads: ReadonlyMap<string, DirectorySnapshot['leads'][number]>;
  readonly deals: ReadonlyMap<string, DirectoryDeal>;
  readonly cases: ReadonlyMap<string, DirectorySnapshot['cases'][number]>;
}

function lookupIn(snapshot: DirectorySnapshot): Lookup {
  const byId = <Row extends { id: string }>(rows: readonly Row[]) =>
    new Map(rows.map((row) => [row.id, row]));
  const contactsOfAccount = new Map<string, string[]>();
  for (const contact of snapshot.contacts) {
    if (contact.accountId === null) continue;
    const ids = contactsOfAccount.get(contact.accountId) ?? [];
    ids.push(contact.id);
    contactsOfAccount.set(contact.accountId, ids);
  }
  return {
    accounts: byId(snapshot.accounts),
    contacts: byId(snapshot.contacts),
    contactsOfAccount,
    leads: byId(snapshot.leads),
    deals: byId(snapshot.deals),
    cases: byId(snapshot.cases),
  };
}

function contactFacts(lookup: Lookup, id: string | null): RecordFacts {
  const contact = id === null ? undefined : lookup.contacts.get(id);
  return contact ? { ...noFacts, addresses: addressesOf(contact.emails) } : noFacts;
}

function leadFacts(lookup: Lookup, id: string): RecordFacts {
  const lead = lookup.leads.get(id);
  return lead ? { ...noFacts, addresses: addressesOf(lead.emails) } : noFacts;
}

function accountFacts(lookup: Lookup, id: string | null): RecordFacts {
  const account = id === null ? undefined : lookup.accounts.get(id);
  if (!account) return noFacts;
  const people = lookup.contactsOfAccount.get(account.id) ?? [];
  return {
    addresses: people.flatMap((contactId) => contactFacts(lookup, contactId).addresses),
    domains: account.domains.flatMap((d) => normalizeDomain(d) ?? []),
    subjectTerms: [],
  };
}

function dealFacts(lookup: Lookup, id: string): RecordFacts {
  const deal = lookup.deals.get(id);
  if (!deal) return noFacts;
  return merged([
    accountFacts(lookup, deal.accountId),
    ...deal.contactIds.map((contactId) => contactFacts(lookup, contactId)),
    { ...noFacts, subjectTerms: deal.externalId ? [deal.externalId.toLowerCase()] : [] },
  ]);
}

function caseFacts(lookup: Lookup, id: string): RecordFacts {
  const found = lookup.cases.get(id);
  if (!found) return noFacts;
  return merged([
    accountFacts(lookup, found.accountId),
    contactFacts(lookup, found.contactId),
    { ...noFacts, subjectTerms: [found.number.toLowerCase()] },
  ]);
}

function merged(all: readonly RecordFacts[]): RecordFacts {
  return {
    addresses: all.flatMap((f) => f.addresses),
    domains: all.flatMap((f) => f.domains),
    subjectTerms: all.flatMap((f) => f.subjectTerms),
  };
}

const addressesOf = (emails: readonly string[]) => emails.flatMap((e) => normalizeAddress(e) ?? []);

/** What a deal is matched by; its last activity follows the mail and changes nothing. */
function dealMatchFields(deal: DirectoryDeal): string {
  const { lastActivityAt: _activity, ...rest } = deal;
  return JSON.stringify(rest);
}

/** Ids of records added, removed or changed between two lists. */
function changedIds<Row extends { id: string }>(
  before: readonly Row[],
  after: readonly Row[],
  key: (row: Row) => string = (row) => JSON.stringify(row),
): Set<string> {
  const keys = new Map(before.map((row) => [row.id, key(row)]));
  const ids = new Set<string>();
  for (const row of after) {
    if (keys.get(row.id) !== key(row)) ids.add(row.id);
    keys.delete(row.id);
  }
  for (const id of keys.keys()) ids.add(id);
  return ids;
}

function changed<Row extends { id: string }>(
  before: readonly Row[],
  after: readonly Row[],
  key: (row: Row) => string,
): boolean {
  return changedIds(before, after, key).size > 0;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
