import type { CrmCsvRepository } from '../../adapters/db/repositories/crm-csv-records.js';
import type { AccountRecord, UserRecord } from '../../adapters/db/repositories/crm-csv-rows.js';
import type { HierarchyKind } from '../../adapters/db/repositories/crm-csv-checks.js';
import type { ParsedRow, RowFailure, WholeFileCheck } from './csv-table-spec.js';

/*
 * Checks of a CRM import that need the whole file and what is stored: a row
 * failing one is reported and skipped, the rest still import.
 */

/** Values a row claims for its record alone: a user's aliases, an account's domains. */
interface Claims<R> {
  column: string;
  valuesOf: (record: R) => readonly string[];
  ownerOf: (record: R) => string;
  /** Why the value cannot go to `owner` given what is stored, or null when it can. */
  storedConflict: (value: string, owner: string) => string | null;
  /** The reason given when an earlier row of the file claimed the value. */
  claimedEarlier: (value: string, owner: string, line: number) => string;
}

/** Keeps the rows whose every claimed value is free, in the store and in the rows before. */
function keepUnclaimed<R>(rows: ParsedRow<R>[], claims: Claims<R>, fail: RowFailure) {
  const firstClaim = new Map<string, { owner: string; line: number }>();
  return rows.filter((row) => {
    const owner = claims.ownerOf(row.record);
    let ok = true;
    for (const value of claims.valuesOf(row.record)) {
      const earlier = firstClaim.get(value);
      const reason =
        earlier && earlier.owner !== owner
          ? claims.claimedEarlier(value, earlier.owner, earlier.line)
          : claims.storedConflict(value, owner);
      if (reason) {
        fail(row, claims.column, reason);
        ok = false;
      } else firstClaim.set(value, { owner, line: row.line });
    }
    return ok;
  });
}

/**
 * Refuses an alias that is another user's address or alias, or a customer's
 * (a contact's or a lead's) address: mail with it would count as a
 * colleague's and never be captured. An alias held by a user whose row in
 * this file no longer lists it moves to its new owner.
 */
export async function checkAliases(
  rows: ParsedRow<UserRecord>[],
  repository: CrmCsvRepository,
  fail: RowFailure,
): Promise<ParsedRow<UserRecord>[]> {
  const aliasesOfFileUser = new Map(rows.map((row) => [row.record.email, row.record.aliases]));
  const aliases = [...new Set(rows.flatMap((row) => row.record.aliases))];
  const user = new Map((await repository.addressHolders(aliases)).map((h) => [h.address, h]));
  const customer = new Map(
    (await repository.customerAddressHolders(aliases)).map((h) => [h.address, h]),
  );
  return keepUnclaimed(
    rows,
    {
      column: 'aliases',
      valuesOf: (record) => record.aliases,
      ownerOf: (record) => record.email,
      storedConflict(alias, email) {
        const stored = user.get(alias);
        const otherUser = stored && stored.email !== email ? stored : null;
        if (aliasesOfFileUser.has(alias) || (otherUser && otherUser.address === otherUser.email)) {
          return `${alias} is the address of another user`;
        }
        if (otherUser && aliasesOfFileUser.get(otherUser.email)?.includes(alias) !== false) {
          return `${alias} is already an alias of ${otherUser.email}`;
        }
        const holder = customer.get(alias);
        return holder
          ? `${alias} is the address of ${holder.kind} "${holder.externalId}", a customer`
          : null;
      },
      claimedEarlier: (alias, email, line) =>
        `${alias} is already an alias of ${email} (line ${line})`,
    },
    fail,
  );
}

/**
 * Warns about a contact's or lead's address that is also a user's: the
 * record still imports, but mail with that address counts as the
 * colleague's.
 */
export async function warnOfColleagueAddresses<R extends { emails: string[] }>(
  rows: ParsedRow<R>[],
  repository: CrmCsvRepository,
  warn: RowFailure,
): Promise<ParsedRow<R>[]> {
  const addresses = [...new Set(rows.flatMap((row) => row.record.emails))];
  const user = new Map(
    (await repository.addressHolders(addresses)).map((h) => [h.address, h.email]),
  );
  for (const row of rows) {
    for (const address of row.record.emails) {
      const email = user.get(address);
      if (email) {
        warn(row, 'emails', `${address} is also user ${email}'s: its mail counts as internal`);
      }
    }
  }
  return rows;
}

/**
 * Refuses a domain another account lists, in the file or in the store: a
 * domain finds one account. A domain listed by an account whose row in this
 * file no longer lists it moves to its new account.
 */
export async function checkAccountDomains(
  rows: ParsedRow<AccountRecord>[],
  repository: CrmCsvRepository,
  fail: RowFailure,
): Promise<ParsedRow<AccountRecord>[]> {
  const fileDomains = new Map(rows.map((row) => [row.record.externalId, row.record.domains]));
  const domains = [...new Set(rows.flatMap((row) => row.record.domains))];
  const storedHolders = await repository.domainHolders(domains);
  return keepUnclaimed(
    rows,
    {
      column: 'domains',
      valuesOf: (record) => record.domains,
      ownerOf: (record) => record.externalId,
      storedConflict(domain, externalId) {
        const stored = storedHolders.find(
          (h) =>
            h.domain === domain &&
            h.externalId !== externalId &&
            fileDomains.get(h.externalId)?.includes(domain) !== false,
        );
        return stored
          ? `${domain} is already a domain of account "${stored.externalId || stored.name}"`
          : null;
      },
      claimedEarlier: (domain, externalId, line) =>
        `${domain} is already a domain of account "${externalId}" (line ${line})`,
    },
    fail,
  );
}

/** How a hierarchy shows in a file: the record's key and the one above it. */
export interface HierarchyLink<R> {
  kind: HierarchyKind;
  column: string;
  keyOf: (record: R) => string;
  upOf: (record: R) => string | null;
}

/**
 * A whole-file check refusing a row whose link (a manager, a parent) would
 * close a cycle, following stored links for the records the file leaves
 * alone. Rows are taken in file order, so the one reported is the row that
 * closes the cycle.
 */
export function withoutCycles<R>(hierarchy: HierarchyLink<R>) {
  const { kind, column, keyOf, upOf } = hierarchy;
  return async (rows: ParsedRow<R>[], repository: CrmCsvRepository): Promise<WholeFileCheck<R>> => {
    const above = [...new Set(rows.flatMap((row) => upOf(row.record) ?? []))];
    const stored = new Map(
      (await repository.storedChains(kind, above)).map((link) => [link.key, link.parent]),
    );
    return (kept, fail) => {
      const links = new Map(stored);
      for (const row of kept) links.delete(keyOf(row.record));
      return kept.filter((row) => {
        const key = keyOf(row.record);
        const up = upOf(row.record);
        const chain = up === null ? null : chainUp(links, up, key);
        if (chain) {
          fail(row, column, `closes a cycle: ${[key, ...chain].join(' → ')}`);
          links.set(key, stored.get(key) ?? null);
          return false;
        }
        links.set(key, up);
        return true;
      });
    };
  };
}

/** The keys from `start` up to `target` following `links`, or null when that never gets there. */
function chainUp(
  links: ReadonlyMap<string, string | null>,
  start: string,
  target: string,
): string[] | null {
  const chain = [start];
  for (let at: string | null | undefined = start; at !== target; chain.push(at)) {
    at = links.get(at);
    if (!at || chain.includes(at)) return null;
  }
  return chain;
}

/**
 * A whole-file check keeping at least one admin: a row demoting the last
 * admin left, counting those this file makes admin, is refused. A store
 * without admins has none to lose.
 */
export async function keepingAnAdmin(
  _rows: ParsedRow<UserRecord>[],
  repository: CrmCsvRepository,
): Promise<WholeFileCheck<UserRecord>> {
  const storedAdmins = await repository.adminEmails();
  return (kept, fail) => {
    const admins = new Set(storedAdmins);
    if (admins.size === 0) return kept;
    for (const row of kept) if (row.record.role === 'admin') admins.add(row.record.email);
    return kept.filter(({ record, line }) => {
      if (record.role === 'admin' || !admins.has(record.email)) return true;
      if (admins.size > 1) {
        admins.delete(record.email);
        return true;
      }
      fail({ line }, 'role', `${record.email} is the last admin: make another user admin first`);
      return false;
    });
  };
}
