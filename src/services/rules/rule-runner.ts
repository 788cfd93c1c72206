import type { Database } from '../../adapters/db/database.js';
import {
  ruleFactsRepository,
  type RuleMessageRow,
} from '../../adapters/db/repositories/rule-facts.js';
import {
  workflowRulesRepository,
  type WorkflowRuleRow,
} from '../../adapters/db/repositories/workflow-rules.js';
import { businessHoursBetween } from '../../core/rules/business-hours.js';
import { evaluateRules } from '../../core/rules/evaluate-rules.js';
import { loadAssignmentContext } from './assignment-context.js';
import { applyFiring } from './apply-firing.js';
import { loadFacts } from './load-facts.js';

export interface RunOptions {
  /** Messages read per step. */
  readonly batchSize?: number;
  /** Mail stored less than this long ago waits for the next pass (see `messagesAfter`). */
  readonly settleSeconds?: number;
  /** How far back a time-based check looks for threads awaiting an answer. */
  readonly lookbackDays?: number;
}

/** What one pass did: messages read, rules fired (first time), firings another worker had already made. */
export interface RunOutcome {
  messages: number;
  fired: number;
  alreadyFired: number;
}

const isTimeBased = (rule: WorkflowRuleRow) => rule.trigger.kind === 'thread_unanswered';

/** Whether a rule has yet to read the message (its cursor is before it). */
function ahead(rule: WorkflowRuleRow, row: RuleMessageRow): boolean {
  if (!rule.cursorAt || !rule.cursorId) return true;
  const at = rule.cursorAt.getTime();
  const created = row.createdAt.getTime();
  return created > at || (created === at && row.id > rule.cursorId);
}

/**
 * One pass of the message-triggered rules over mail stored since each
 * rule's cursor. Safe to run in several processes at once and to repeat:
 * each firing is applied once (see `applyFiring`), and a cursor only moves
 * forward.
 */
export async function runMessageRules(
  db: Database,
  now: Date,
  options: RunOptions = {},
): Promise<RunOutcome> {
  const rulesRepo = workflowRulesRepository(db);
  const rules = (await rulesRepo.list()).filter(
    (r) => r.enabled && r.appliesFrom && !isTimeBased(r),
  );
  const outcome: RunOutcome = { messages: 0, fired: 0, alreadyFired: 0 };
  if (rules.length === 0) return outcome;
  const context = await loadAssignmentContext(db);
  const reads = ruleFactsRepository(db);
  const batchSize = options.batchSize ?? 500;
  let after = rules.some((r) => !r.cursorAt)
    ? null
    : rules.reduce<{ at: Date; id: string } | null>((low, r) => {
        const mine = { at: r.cursorAt!, id: r.cursorId! };
        return !low ||
          mine.at < low.at ||
          (mine.at.getTime() === low.at.getTime() && mine.id < low.id)
          ? mine
          : low;
      }, null);
  const sentFrom = new Date(Math.min(...rules.map((r) => r.appliesFrom!.getTime())));
  for (;;) {
    const rows = await reads.messagesAfter({
      after,
      sentFrom,
      settleSeconds: options.settleSeconds ?? 5,
      limit: batchSize,
    });
    const facts = await loadFacts(db, rows);
    for (const [index, row] of rows.entries()) {
      const message = facts[index]!;
      const applicable = rules.filter((r) => ahead(r, row) && message.sentAt >= r.appliesFrom!);
      for (const firing of evaluateRules(applicable, { kind: 'message', facts: message })) {
        const ruleName = rules.find((r) => r.id === firing.ruleId)?.name ?? '';
        const applied = await applyFiring(db, firing, { ...context, ruleName }, now);
        if (applied) outcome.fired += 1;
        else outcome.alreadyFired += 1;
      }
    }
    outcome.messages += rows.length;
    const last = rows.at(-1);
    if (!last) break;
    await rulesRepo.advanceCursors(
      rules.map((r) => r.id),
      last.createdAt,
      last.id,
    );
    after = { at: last.createdAt, id: last.id };
    if (rows.length < batchSize) break;
  }
  return outcome;
}

/**
 * The time-based check: threads whose last message came in and has waited
 * at least a rule's business hours in its mailbox owner's calendar (their
 * time zone, working days and hours, the organisation's holidays).
 * `now` comes from the caller's clock, so tests can move it.
 */
export async function checkUnansweredThreads(
  db: Database,
  now: Date,
  options: RunOptions = {},
): Promise<RunOutcome> {
  const rules = (await workflowRulesRepository(db).list()).filter(
    (r) => r.enabled && r.appliesFrom && isTimeBased(r),
  );
  const outcome: RunOutcome = { messages: 0, fired: 0, alreadyFired: 0 };
  if (rules.length === 0) return outcome;
  const context = await loadAssignmentContext(db);
  const lookback = new Date(now.getTime() - (options.lookbackDays ?? 30) * 86_400_000);
  const earliest = new Date(Math.min(...rules.map((r) => r.appliesFrom!.getTime())));
  const rows = await ruleFactsRepository(db).awaitingAnswer(
    earliest > lookback ? earliest : lookback,
    now,
    options.batchSize ?? 5_000,
  );
  const facts = await loadFacts(db, rows);
  for (const message of facts) {
    const applicable = rules.filter((r) => message.sentAt >= r.appliesFrom!);
    const waitingBusinessHours = businessHoursBetween(
      message.sentAt,
      now,
      context.calendarOf(message.mailboxOwnerId),
    );
    const event = { kind: 'unanswered' as const, facts: message, waitingBusinessHours };
    for (const firing of evaluateRules(applicable, event)) {
      const ruleName = rules.find((r) => r.id === firing.ruleId)?.name ?? '';
      if (await applyFiring(db, firing, { ...context, ruleName }, now)) outcome.fired += 1;
      else outcome.alreadyFired += 1;
    }
  }
  outcome.messages = rows.length;
  return outcome;
}
