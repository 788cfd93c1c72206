import { compileRules, type CompiledRule, type CompiledRules } from './compile-rules.js';
import type { MessageFacts, RuleEvent } from './facts.js';
import type { Action, WorkflowRule } from './rule.js';

/** A rule that fires on an event: what it will do and why. */
export interface Firing {
  readonly ruleId: string;
  /**
   * The idempotency key: a rule fires at most once per key, whichever
   * worker, restart or re-sync sees the event again.
   */
  readonly eventKey: string;
  readonly facts: MessageFacts;
  readonly reasons: readonly string[];
  readonly actions: readonly Action[];
}

/**
 * The key of an event, the same for every copy of the message and every
 * evaluation: a meeting is booked or cancelled once per UID and occurrence,
 * a message is opened once and each of its links clicked once.
 */
export function eventKey(event: RuleEvent): string {
  switch (event.kind) {
    case 'message':
    case 'unanswered':
      return `${event.kind}:${event.facts.messageKey}`;
    case 'follow_up_due':
      return `follow_up_due:${event.followUpId}`;
    case 'meeting':
      return `meeting_${event.meeting.change}:${event.meeting.uid}|${event.meeting.recurrenceId}`;
    case 'tracked':
      return `tracked_${event.action}:${event.facts.messageKey}${event.url === null ? '' : `|${event.url}`}`;
  }
}

/**
 * The events a stored message makes: its arrival (unless it only changed a
 * meeting), and each meeting it booked or cancelled.
 */
export function eventsOfMessage(facts: MessageFacts, meetingOnly = false): RuleEvent[] {
  const meetings = facts.meetings.map((meeting) => ({ kind: 'meeting' as const, facts, meeting }));
  return meetingOnly ? meetings : [{ kind: 'message', facts }, ...meetings];
}

/**
 * The rules that fire on an event, in their order: switched-off rules are
 * skipped, the trigger must fire and every condition hold. Pure: the same
 * rules and event give the same firings, which is what makes a dry run
 * show what switching a rule on will do. A caller evaluating many events
 * compiles the rules once (`compileRules`) and passes the compiled set.
 *
 * @example
 * evaluateRules(rules, { kind: 'message', facts })
 * // [{ ruleId: 'r1', eventKey: 'message:<a@b>', reasons: ['quote_request: body "…"', 'country FR'], actions: [...] }]
 */
export function evaluateRules(
  rules: readonly WorkflowRule[] | CompiledRules,
  event: RuleEvent,
  only?: (rule: CompiledRule) => boolean,
): Firing[] {
  const compiled = 'candidates' in rules ? rules : compileRules(rules);
  const firings: Firing[] = [];
  for (const rule of compiled.candidates(event)) {
    if (only && !only(rule)) continue;
    // The cheaper of the two first: a trigger that searches the text goes after the conditions.
    const early = rule.searchesText ? undefined : rule.trigger(event);
    if (early === null) continue;
    const held = rule.conditions(event.facts);
    if (held === null) continue;
    const fired = early ?? rule.trigger(event);
    if (fired === null) continue;
    const reasons = [fired, ...held];
    firings.push({
      ruleId: rule.id,
      eventKey: eventKey(event),
      facts: event.facts,
      reasons,
      actions: rule.actions,
    });
  }
  return firings;
}
