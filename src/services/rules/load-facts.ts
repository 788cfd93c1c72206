import type { Queryable } from '../../adapters/db/database.js';
import {
  ruleFactsRepository,
  type RuleMessageRow,
} from '../../adapters/db/repositories/rule-facts.js';
import type { LinkedRecord, MessageFacts } from '../../core/rules/facts.js';
import type { CompiledRules } from '../../core/rules/compile-rules.js';
import { messageFacts } from '../../core/rules/message-facts.js';

/**
 * The facts of a batch of stored messages, with a handful of queries for
 * the whole batch; each body read only as far as `rules` may need it.
 */
export async function loadFacts(
  db: Queryable,
  rows: readonly RuleMessageRow[],
  rules: CompiledRules,
): Promise<MessageFacts[]> {
  if (rows.length === 0) return [];
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
  const lookup = {
    userAddresses: new Set(userAddresses),
    knownSenders: new Map(known.map((k) => [k.address, k.countries])),
    knownDomains: new Set(knownDomains),
    recordsOf,
    teamsOf: new Map(teams.map((t) => [t.userId, t.teamIds])),
  };
  return rows.map((row) => messageFacts(row, lookup, rules.bodyRead));
}
