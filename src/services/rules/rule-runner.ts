import type { Database } from '../../adapters/db/database.js';
import type { Micros } from '../../adapters/db/repositories/exact-time.js';
import {
  ruleFactsRepository,
  type RuleMessageRow,
} from '../../adapters/db/repositories/rule-facts.js';
import {
  workflowRulesRepository,
  type WorkflowRuleRow,
} from '../../adapters/db/repositories/workflow-rules.js';
import { businessHoursBetween } from '../../core/rules/business-hours.js';
import {
  compileRules,
  eventKindOfTrigger,
  type CompiledRule,
  type CompiledRules,
} from '../../core/rules/compile-rules.js';
import { evaluateRules, eventsOfMessage, type Firing } from '../../core/rules/evaluate-rules.js';
import { firingBatches, firingKey, writesRecords } from '../../core/rules/firing-batches.js';
import type { MessageFacts, RuleEvent } from '../../core/rules/facts.js';
import { loadAssignmentContext, type AssignmentContext } from './assignment-context.js';
import { applyFirings } from './apply-firing.js';
import { loadFacts, lookupFacts, readFacts } from './load-facts.js';
import { inThreadBodyReader, type BodyReader } from './body-reader.js';

export interface RunOptions {
  /** Messages read per step. */
  readonly batchSize?: number;
  /** Mail stored less than this long ago waits for the next pass (see `settleSecondsOf`). */
  readonly settleSeconds?: number;
  /** How far back a time-based check looks for threads awaiting an answer. */
  readonly lookbackDays?: number;
  /** Where bodies are read (default: the calling thread). */
  readonly bodies?: BodyReader;
}

/** What one pass did: messages read, rules fired (first time), firings another worker had already made. */
export interface RunOutcome {
  messages: number;
  fired: number;
  alreadyFired: number;
}

/** Rules the message pass reads: those waiting for a message or a meeting it carries. */
const readsMessages = (rule: WorkflowRuleRow) => {
  const kind = eventKindOfTrigger(rule.trigger);
  return kind === 'message' || kind === 'meeting';
};

/** Where a rule's reading of stored mail stands; null before it read anything. */
type ReadingPosition = { readonly at: bigint; readonly id: string } | null;

/** Each rule's reading position and the first mail it reads (sent from, in ms), parsed once for a pass. */
type RuleStarts = ReadonlyMap<string, { position: ReadingPosition; sentFrom: number }>;

function startsOf(rules: readonly WorkflowRuleRow[]): RuleStarts {
  return new Map(
    rules.map((rule) => [
      rule.id,
      {
        position:
          rule.cursorAt && rule.cursorId ? { at: BigInt(rule.cursorAt), id: rule.cursorId } : null,
        sentFrom: rule.appliesFrom!.getTime(),
      },
    ]),
  );
}

/** Whether a message stored at `at` with `id` is past a rule's position, yet to be read by it. */
function isPast(at: bigint, id: string, position: ReadingPosition): boolean {
  return !position || at > position.at || (at === position.at && id > position.id);
}

/** Where the pass starts reading: the lowest position among the rules, or null when one has read nothing. */
function lowestPosition(starts: RuleStarts): { at: Micros; id: string } | null {
  let lowest: ReadingPosition = null;
  for (const { position } of starts.values()) {
    if (!position) return null;
    if (!lowest || isPast(lowest.at, lowest.id, position)) lowest = position;
  }
  return lowest && { at: String(lowest.at), id: lowest.id };
}

/** The switched-on rules of a kind, compiled once for a pass, with their rows by id. */
async function switchedOnRules(db: Database, wanted: (rule: WorkflowRuleRow) => boolean) {
  const rows = (await workflowRulesRepository(db).list()).filter(
    (r) => r.enabled && r.appliesFrom && wanted(r),
  );
  return { rows, compiled: compileRules(rows), byId: new Map(rows.map((r) => [r.id, r])) };
}

/** Firings applied in one transaction, at most. */
const firingsPerBatch = 200;

/** Applies each firing once, a batch at a time; counts first firings and those already made (see `applyFirings` for `expectNew`). */
async function applyAll(
  db: Database,
  firings: readonly Firing[],
  context: AssignmentContext,
  byId: ReadonlyMap<string, WorkflowRuleRow>,
  now: Date,
  outcome: RunOutcome,
  expectNew = false,
): Promise<void> {
  const named = { ...context, ruleName: (ruleId: string) => byId.get(ruleId)?.name ?? '' };
  for (const batch of firingBatches(firings, firingsPerBatch)) {
    const { fired, alreadyFired } = await applyFirings(db, batch, named, now, expectNew);
    outcome.fired += fired;
    outcome.alreadyFired += alreadyFired;
  }
}

/**
 * The firings of the rules on a batch of stored messages (in the order
 * stored), each rule only on those past its position. A rule whose position
 * is before the batch's first message reads all of it, as rules mostly do.
 */
function firingsOf(
  rows: readonly RuleMessageRow[],
  facts: readonly MessageFacts[],
  compiled: CompiledRules,
  starts: RuleStarts,
): Firing[] {
  const first = rows[0];
  if (!first) return [];
  const firstAt = BigInt(first.storedAt);
  const behind = new Set(
    [...starts].filter(([, start]) => !isPast(firstAt, first.id, start.position)).map(([id]) => id),
  );
  const firings: Firing[] = [];
  for (const [index, row] of rows.entries()) {
    const message = facts[index]!;
    const sent = message.sentAt.getTime();
    const applies = (rule: CompiledRule) => {
      const start = starts.get(rule.id)!;
      return (
        sent >= start.sentFrom &&
        (!behind.has(rule.id) || isPast(BigInt(row.storedAt), row.id, start.position))
      );
    };
    for (const event of eventsOfMessage(message, row.meetingOnly)) {
      firings.push(...evaluateRules(compiled, event, applies));
    }
  }
  return firings;
}

/**
 * One pass of the message-triggered rules (and those waiting for a meeting
 * booked or cancelled by a message) over mail stored since each rule's
 * cursor. The rules are compiled once for the pass and the facts of each
 * batch read with a handful of queries. Safe to run in several processes
 * at once and to repeat: each firing is applied once (see `applyFirings`),
 * and a cursor only moves forward.
 *
 * The bodies of the next batch are read while the store applies this
 * batch's firings, unless those write records (people, owners, a deal's
 * threads) that the next batch's facts must see.
 */
export async function runMessageRules(
  db: Database,
  now: Date,
  options: RunOptions = {},
): Promise<RunOutcome> {
  const { rows: rules, compiled, byId } = await switchedOnRules(db, readsMessages);
  const outcome: RunOutcome = { messages: 0, fired: 0, alreadyFired: 0 };
  if (rules.length === 0) return outcome;
  const context = await loadAssignmentContext(db);
  const rulesRepo = workflowRulesRepository(db);
  const batchSize = options.batchSize ?? 500;
  const sentFrom = new Date(Math.min(...rules.map((r) => r.appliesFrom!.getTime())));
  const read = (after: { at: Micros; id: string } | null) =>
    ruleFactsRepository(db).messagesAfter({
      after,
      sentFrom,
      settleSeconds: options.settleSeconds ?? settleSecondsOf(db),
      limit: batchSize,
    });
  const starts = startsOf(rules);
  let rows = await read(lowestPosition(starts));
  const bodies = options.bodies ?? inThreadBodyReader;
  let facts = await loadFacts(db, rows, compiled, bodies);
  for (let last = rows.at(-1); last; last = rows.at(-1)) {
    const firings = firingsOf(rows, facts, compiled, starts);
    const apply = () => applyAll(db, firings, context, byId, now, outcome, true);
    const after = { at: last.storedAt, id: last.id };
    const next = rows.length < batchSize ? [] : await read(after);
    if (next.length > 0 && !firings.some(writesRecords)) {
      const lookup = await lookupFacts(db, next);
      [, facts] = await Promise.all([apply(), readFacts(next, lookup, compiled, bodies)]);
    } else {
      await apply();
      facts = await loadFacts(db, next, compiled, bodies);
    }
    outcome.messages += rows.length;
    await rulesRepo.advanceCursors(
      rules.map((r) => r.id),
      last.storedAt,
      last.id,
    );
    rows = next;
  }
  return outcome;
}

/**
 * Mail stored less than this long ago waits for a later pass: a capture
 * transaction stamps its rows when it begins, so on a server, where several
 * commit at once, a row may appear behind a cursor that has passed its
 * time. The embedded store runs one transaction at a time: rows appear in
 * the order of their times, and the rules read them at once.
 */
export function settleSecondsOf(db: Database): number {
  return db.kind === 'embedded' ? 0 : 5;
}

/**
 * One time-based check: reads the rows due at `now`, makes each an event,
 * and fires the switched-on rules waiting for that kind of event on those
 * whose time (`at`) is not before the rule was switched on.
 */
async function timeCheck<Row extends RuleMessageRow>(
  db: Database,
  now: Date,
  options: RunOptions,
  check: {
    readonly kind: RuleEvent['kind'];
    read(from: Date, limit: number): Promise<Row[]>;
    event(facts: MessageFacts, row: Row, context: AssignmentContext): RuleEvent;
    at(facts: MessageFacts, row: Row): Date;
  },
): Promise<RunOutcome> {
  const {
    rows: rules,
    compiled,
    byId,
  } = await switchedOnRules(db, (r) => eventKindOfTrigger(r.trigger) === check.kind);
  const outcome: RunOutcome = { messages: 0, fired: 0, alreadyFired: 0 };
  if (rules.length === 0) return outcome;
  const context = await loadAssignmentContext(db);
  const rows = await check.read(earliestLookback(rules, now, options), options.batchSize ?? 5_000);
  const facts = await loadFacts(db, rows, compiled, options.bodies);
  const firings: Firing[] = [];
  for (const [index, row] of rows.entries()) {
    const at = check.at(facts[index]!, row);
    const since = (rule: CompiledRule) => at >= byId.get(rule.id)!.appliesFrom!;
    firings.push(...evaluateRules(compiled, check.event(facts[index]!, row, context), since));
  }
  await applyAll(db, firings, context, byId, now, outcome);
  outcome.messages = rows.length;
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
  return timeCheck(db, now, options, {
    kind: 'unanswered',
    read: (from, limit) => ruleFactsRepository(db).awaitingAnswer(from, now, limit),
    event: (facts, _row, context) => ({
      kind: 'unanswered',
      facts,
      waitingBusinessHours: businessHoursBetween(
        facts.sentAt,
        now,
        context.calendarOf(facts.mailboxOwnerId),
      ),
    }),
    at: (facts) => facts.sentAt,
  });
}

/**
 * The check for follow-ups that fell due (set on a thread, not cancelled,
 * no reply from their assignee since): each fires the follow-up rules once,
 * on the facts of the thread's latest message. A rule reads follow-ups due
 * from when it was switched on.
 */
export async function checkDueFollowUps(
  db: Database,
  now: Date,
  options: RunOptions = {},
): Promise<RunOutcome> {
  return timeCheck(db, now, options, {
    kind: 'follow_up_due',
    read: (from, limit) => ruleFactsRepository(db).dueFollowUps(from, now, limit),
    event: (facts, row) => ({ kind: 'follow_up_due', facts, followUpId: row.followUpId }),
    at: (_facts, row) => row.remindAt,
  });
}

/** A recipient's open of a message, or click of one of its links, as the tracking reports it. */
export interface TrackedEvent {
  readonly messageId: string;
  readonly action: 'open' | 'click';
  readonly url?: string | null;
  /** When it happened, if not now: it fires only the rules switched on by then. */
  readonly at?: Date;
}

/**
 * What the tracking of sent mail calls when recipients open messages or
 * click their links, a batch at a time: the tracked-open or tracked-click
 * rules fire on each message's facts, once per message (an open) or per
 * link (a click), however often the tracking reports it. Unknown messages
 * fire nothing.
 */
export async function fireTrackedEvents(
  db: Database,
  now: Date,
  tracked: readonly TrackedEvent[],
): Promise<RunOutcome> {
  const outcome: RunOutcome = { messages: 0, fired: 0, alreadyFired: 0 };
  const {
    rows: rules,
    compiled,
    byId,
  } = await switchedOnRules(db, (r) => eventKindOfTrigger(r.trigger) === 'tracked');
  if (rules.length === 0 || tracked.length === 0) return outcome;
  const rows = await ruleFactsRepository(db).messages([
    ...new Set(tracked.map((t) => t.messageId)),
  ]);
  const facts = await loadFacts(db, rows, compiled);
  const factsOf = new Map(rows.map((row, index) => [row.id, facts[index]!]));
  const firings = new Map<string, Firing>();
  for (const { messageId, action, url, at } of tracked) {
    const message = factsOf.get(messageId);
    if (!message) continue;
    const event = {
      kind: 'tracked' as const,
      facts: message,
      action,
      url: action === 'click' ? (url ?? null) : null,
    };
    const since = at && ((rule: CompiledRule) => at >= byId.get(rule.id)!.appliesFrom!);
    for (const firing of evaluateRules(compiled, event, since)) {
      firings.set(firingKey(firing), firing);
    }
  }
  const context = await loadAssignmentContext(db);
  await applyAll(db, [...firings.values()], context, byId, now, outcome);
  outcome.messages = rows.length;
  return outcome;
}

/** How far back a time-based check reads: its lookback, or the earliest rule's switch-on if later. */
function earliestLookback(rules: readonly WorkflowRuleRow[], now: Date, options: RunOptions): Date {
  const lookback = new Date(now.getTime() - (options.lookbackDays ?? 30) * 86_400_000);
  const earliest = new Date(Math.min(...rules.map((r) => r.appliesFrom!.getTime())));
  return earliest > lookback ? earliest : lookback;
}
