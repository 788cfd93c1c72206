import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Queryable } from '../../adapters/db/database.js';
import {
  ruleFactsRepository,
  type RuleMessageRow,
} from '../../adapters/db/repositories/rule-facts.js';
import type { LinkedRecord, MessageFacts } from '../../core/rules/facts.js';
import type { CompiledRules } from '../../core/rules/compile-rules.js';
import { messageFacts, type FactsLookup } from '../../core/rules/message-facts.js';

/** What the CRM knows around a batch of stored messages, with a handful of queries for the whole batch. */
export async function lookupFacts(
  db: Queryable,
  rows: readonly RuleMessageRow[],
): Promise<FactsLookup> {
  const reads = ruleFactsRepository(db);
  const senders = [...new Set(rows.map((r) => r.fromAddress.toLowerCase()))];
  const domains = [...new Set(senders.map((s) => s.split('@')[1] ?? ''))];
  const owners = [...new Set(rows.map((r) => r.mailboxOwnerId))];
  const [userAddresses, known, knownDomains, linked, teams] = await Promise.all([
    reads.userAddresses(),
    reads.knownSenders(senders),
    reads.knownDomains(domains),
    reads.linkedRecords(rows.map((r) => r.id)),
    reads.teamsOf(owners),
  ]);
  const recordsOf = new Map<string, LinkedRecord[]>();
  for (const { messageId, ...record } of linked) {
    recordsOf.set(messageId, [...(recordsOf.get(messageId) ?? []), record]);
  }
  return {
    userAddresses: new Set(userAddresses),
    knownSenders: new Map(known.map((k) => [k.address, k.countries])),
    knownDomains: new Set(knownDomains),
    recordsOf,
    teamsOf: new Map(teams.map((t) => [t.userId, t.teamIds])),
  };
}

/**
 * The facts of a batch of stored messages, each body read only as far as
 * `rules` may need it.
 */
export async function loadFacts(
  db: Queryable,
  rows: readonly RuleMessageRow[],
  rules: CompiledRules,
): Promise<MessageFacts[]> {
  if (rows.length === 0) return [];
  return readFacts(rows, await lookupFacts(db, rows), rules);
}

/**
 * Messages read between two turns of the event loop: a slice is about a
 * millisecond of reading, so replies of the store to other work of this
 * process (a batch of firings being applied) wait no longer than that.
 */
const sliceSize = 8;

/** `messageFacts` of each row, a slice at a time (see `sliceSize`). */
export async function readFacts(
  rows: readonly RuleMessageRow[],
  lookup: FactsLookup,
  rules: CompiledRules,
): Promise<MessageFacts[]> {
  const facts: MessageFacts[] = [];
  for (let from = 0; from < rows.length; from += sliceSize) {
    if (from > 0) await nextTurn();
    for (const row of rows.slice(from, from + sliceSize)) {
      facts.push(messageFacts(row, lookup, rules.bodyRead));
    }
  }
  return facts;
}
