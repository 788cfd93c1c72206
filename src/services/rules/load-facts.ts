import type { Queryable } from '../../adapters/db/database.js';
import {
  ruleFactsRepository,
  type RuleMessageRow,
} from '../../adapters/db/repositories/rule-facts.js';
import type { LinkedRecord, MessageFacts } from '../../core/rules/facts.js';
import type { CompiledRules } from '../../core/rules/compile-rules.js';
import { factsBeforeBody, type FactsLookup } from '../../core/rules/message-facts.js';
import { inThreadBodyReader, type BodyReader } from './body-reader.js';

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
 * `rules` may need it, by `bodies`.
 */
export async function loadFacts(
  db: Queryable,
  rows: readonly RuleMessageRow[],
  rules: CompiledRules,
  bodies: BodyReader = inThreadBodyReader,
): Promise<MessageFacts[]> {
  if (rows.length === 0) return [];
  return readFacts(rows, await lookupFacts(db, rows), rules, bodies);
}

/** The facts of each row, its body read by `bodies` as far as a rule that may fire on it needs. */
export async function readFacts(
  rows: readonly RuleMessageRow[],
  lookup: FactsLookup,
  rules: CompiledRules,
  bodies: BodyReader,
): Promise<MessageFacts[]> {
  const facts = rows.map((row) => factsBeforeBody(row, lookup));
  const reads = facts.map((f) => rules.bodyRead(f));
  const wanted = [...reads.keys()].filter((index) => reads[index] !== 'none');
  const read = await bodies.read(
    wanted.map((index) => ({
      subject: rows[index]!.subject,
      textBody: rows[index]!.textBody,
      read: reads[index]!,
    })),
  );
  for (const [n, index] of wanted.entries()) facts[index] = { ...facts[index]!, ...read[n]! };
  return facts;
}
