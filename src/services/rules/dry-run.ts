import type { Database } from '../../adapters/db/database.js';
import { assignmentTablesRepository } from '../../adapters/db/repositories/assignment-tables.js';
import { ruleFactsRepository } from '../../adapters/db/repositories/rule-facts.js';
import { businessHoursBetween } from '../../core/rules/business-hours.js';
import { compileRules, eventKindOfTrigger } from '../../core/rules/compile-rules.js';
import { evaluateRules, eventsOfMessage } from '../../core/rules/evaluate-rules.js';
import type { MessageFacts, RuleEvent } from '../../core/rules/facts.js';
import type { WorkflowRule } from '../../core/rules/rule.js';
import { loadAssignmentContext } from './assignment-context.js';
import { loadFacts } from './load-facts.js';
import { describeEffect, resolveEffects, type EffectOutcome } from './resolve-effects.js';

export interface DryRunFiring {
  readonly messageId: string;
  readonly messageKey: string;
  readonly subject: string;
  readonly sender: string;
  readonly sentAt: string;
  readonly reasons: readonly string[];
  readonly effects: readonly EffectOutcome[];
}

export interface DryRunReport {
  readonly scanned: number;
  readonly matched: number;
  /** How often each kind of effect would happen. */
  readonly effectCounts: Readonly<Record<string, number>>;
  /** How many effects would go to each owner (user id; `none` when nobody fits). */
  readonly ownerCounts: Readonly<Record<string, number>>;
  /** The first firings, oldest first. */
  readonly firings: readonly DryRunFiring[];
  /** More mail was sent in the period than one dry run reads. */
  readonly truncated: boolean;
}

const maxScanned = 20_000;
const maxListed = 200;
const ownerless: ReadonlySet<string> = new Set(['add_to_deal', 'webhook']);

/**
 * What a rule would have done over the mail sent in a period, without
 * acting: the same evaluation and owner choices as a run (a round robin
 * continues from where it stands), nothing written. A time-based rule is
 * checked as of the end of the period; a tracked open or click has no
 * stored history to replay, so its dry run reads nothing.
 */
export async function dryRun(
  db: Database,
  rule: WorkflowRule,
  period: { from: Date; to: Date },
  now: Date,
): Promise<DryRunReport> {
  const reads = ruleFactsRepository(db);
  const kind = eventKindOfTrigger(rule.trigger);
  const rows =
    kind === 'unanswered'
      ? await reads.awaitingAnswer(period.from, period.to, maxScanned)
      : kind === 'follow_up_due'
        ? await reads.dueFollowUps(period.from, period.to, maxScanned)
        : kind === 'tracked'
          ? []
          : await reads.messagesSentBetween(period.from, period.to, maxScanned + 1);
  const scanned = rows.slice(0, maxScanned);
  const compiled = compileRules([{ ...rule, enabled: true }]);
  const [facts, context, turns] = await Promise.all([
    loadFacts(db, scanned, compiled),
    loadAssignmentContext(db),
    assignmentTablesRepository(db).turns(),
  ]);
  const turnOf = new Map(turns.map((t) => [t.key, t.nextTurn]));
  const takeTurn = (key: string) => {
    const turn = turnOf.get(key) ?? 0;
    turnOf.set(key, turn + 1);
    return Promise.resolve(turn);
  };
  const firings: DryRunFiring[] = [];
  const effectCounts: Record<string, number> = {};
  const ownerCounts: Record<string, number> = {};
  let matched = 0;
  const eventsOf = (message: MessageFacts, index: number): RuleEvent[] => {
    if (kind === 'unanswered') {
      const calendar = context.calendarOf(message.mailboxOwnerId);
      const waitingBusinessHours = businessHoursBetween(message.sentAt, period.to, calendar);
      return [{ kind: 'unanswered', facts: message, waitingBusinessHours }];
    }
    const row = scanned[index]!;
    if (kind === 'follow_up_due' && 'followUpId' in row) {
      return [{ kind: 'follow_up_due', facts: message, followUpId: String(row.followUpId) }];
    }
    return eventsOfMessage(message, row.meetingOnly);
  };
  const firingsOf = facts.flatMap((message, index) =>
    eventsOf(message, index).flatMap((event) => evaluateRules(compiled, event)),
  );
  for (const firing of firingsOf) {
    const message = firing.facts;
    matched += 1;
    const effects = (await resolveEffects(firing, context, takeTurn, now)).map(describeEffect);
    for (const effect of effects) {
      effectCounts[effect.kind] = (effectCounts[effect.kind] ?? 0) + 1;
      if (!ownerless.has(effect.kind)) {
        const owner = effect.ownerId ?? 'none';
        ownerCounts[owner] = (ownerCounts[owner] ?? 0) + 1;
      }
    }
    if (firings.length < maxListed) {
      firings.push({
        messageId: message.messageId,
        messageKey: message.messageKey,
        subject: message.subject,
        sender: message.sender,
        sentAt: message.sentAt.toISOString(),
        reasons: firing.reasons,
        effects,
      });
    }
  }
  return {
    scanned: scanned.length,
    matched,
    effectCounts,
    ownerCounts,
    firings,
    truncated: rows.length > maxScanned,
  };
}
