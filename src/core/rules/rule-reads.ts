import { compileCondition } from './conditions.js';
import type { MessageFacts } from './facts.js';
import type { Condition, Trigger, TriggerKind, WorkflowRule } from './rule.js';

/**
 * How much of a message's body a rule reads, from least to most costly:
 * nothing, the new text (cut of quoted history and signature), or the new
 * text read for intents and sentiment.
 */
export type BodyRead = 'none' | 'text' | 'reading';

const cost: Record<BodyRead, number> = { none: 0, text: 1, reading: 2 };

/** The costlier of two reads. */
export function moreOf(a: BodyRead, b: BodyRead): BodyRead {
  return cost[a] >= cost[b] ? a : b;
}

const triggerReads: Record<TriggerKind, BodyRead> = {
  message_captured: 'none',
  unknown_sender: 'none',
  intent_detected: 'reading',
  keyword: 'text',
  sentiment_detected: 'reading',
  thread_unanswered: 'none',
  follow_up_due: 'none',
  meeting_booked: 'none',
  meeting_cancelled: 'none',
  tracked_open: 'none',
  tracked_click: 'none',
};

function triggerRead(trigger: Trigger): BodyRead {
  return triggerReads[trigger.kind];
}

function conditionRead(condition: Condition): BodyRead {
  return condition.field === 'intent' || condition.field === 'sentiment' ? 'reading' : 'none';
}

/** A rule's read of the body, and what a message must show before that read is worth it. */
export interface RuleRead {
  readonly read: BodyRead;
  /**
   * Whether the rule can fire on the message, judged on what costs nothing
   * to know (direction, sender, country, records…): false means the body
   * read would be wasted on this rule.
   */
  readonly mayFire: (facts: MessageFacts) => boolean;
}

/**
 * What reading a rule's trigger and conditions take, and the cheap checks
 * that come first: a trigger on intents, sentiment or keywords reads only
 * captured mail, and every condition that does not read the body must
 * hold (unless any one condition is enough and one reads the body). A rule reading nothing of the body has nothing to gate.
 *
 * @example
 * ruleRead({ trigger: { kind: 'intent_detected', intents: ['complaint'] },
 *   conditions: [{ field: 'direction', op: 'in', values: ['inbound'] }] })
 * // { read: 'reading', mayFire: (facts) => facts.captured && facts.direction === 'inbound' }
 */
export function ruleRead(rule: Pick<WorkflowRule, 'trigger' | 'conditions' | 'match'>): RuleRead {
  const read = rule.conditions.map(conditionRead).reduce(moreOf, triggerRead(rule.trigger));
  if (read === 'none') return { read, mayFire: () => true };
  const cheap = rule.conditions.filter((c) => conditionRead(c) === 'none').map(compileCondition);
  const capturedOnly = triggerRead(rule.trigger) !== 'none';
  const conditionsMayHold = (facts: MessageFacts) => {
    if (rule.match !== 'any' || cheap.length === 0)
      return cheap.every((check) => check(facts).holds);
    // Any one condition is enough: one on the body may be it, unless there is none.
    return cheap.length < rule.conditions.length || cheap.some((check) => check(facts).holds);
  };
  return {
    read,
    mayFire: (facts) => (!capturedOnly || facts.captured) && conditionsMayHold(facts),
  };
}

/**
 * The read of the body that a set of rules needs for one message: the
 * costliest among the rules that may fire on it.
 */
export function bodyReadFor(rules: readonly RuleRead[], facts: MessageFacts): BodyRead {
  let read: BodyRead = 'none';
  for (const rule of rules) {
    if (cost[rule.read] <= cost[read] || !rule.mayFire(facts)) continue;
    read = rule.read;
    if (read === 'reading') break;
  }
  return read;
}
