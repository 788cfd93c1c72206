import { checkCondition } from './conditions.js';
import type { MessageFacts, RuleEvent } from './facts.js';
import type { Action, Trigger, WorkflowRule } from './rule.js';

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

/** The key of an event, the same for every copy of the message and every evaluation. */
export function eventKey(event: RuleEvent): string {
  return `${event.kind}:${event.facts.messageKey}`;
}

/** Why the trigger fires on the event, or null when it does not. */
export function triggerReason(trigger: Trigger, event: RuleEvent): string | null {
  const { facts } = event;
  if (trigger.kind === 'thread_unanswered') {
    if (event.kind !== 'unanswered') return null;
    return event.waitingBusinessHours >= trigger.businessHours
      ? `unanswered for ${event.waitingBusinessHours.toFixed(1)} business hours`
      : null;
  }
  if (event.kind !== 'message') return null;
  if (!facts.captured && trigger.kind !== 'unknown_sender') return null;
  switch (trigger.kind) {
    case 'message_captured':
      return trigger.direction === 'any' || trigger.direction === facts.direction
        ? `${facts.direction} message captured`
        : null;
    case 'unknown_sender':
      return facts.direction === 'inbound' && !facts.senderKnown && !facts.domainKnown
        ? `unknown sender ${facts.sender} at unknown domain ${facts.senderDomain}`
        : null;
    case 'intent_detected': {
      const hit = facts.intents.find((i) => trigger.intents.includes(i.intent));
      return hit ? `${hit.intent}: ${hit.reasons.join('; ')}` : null;
    }
    case 'keyword': {
      const haystack = `${facts.subject}\n${facts.text}`.toLowerCase();
      const word = trigger.words.find((w) => haystack.includes(w.toLowerCase()));
      return word === undefined ? null : `keyword "${word}"`;
    }
    case 'sentiment_detected':
      return facts.sentiment === trigger.sentiment ? `sentiment ${facts.sentiment}` : null;
  }
}

/**
 * The rules that fire on an event, in their order: switched-off rules are
 * skipped, the trigger must fire and every condition hold. Pure: the same
 * rules and event give the same firings, which is what makes a dry run
 * show what switching a rule on will do.
 *
 * @example
 * evaluateRules(rules, { kind: 'message', facts })
 * // [{ ruleId: 'r1', eventKey: 'message:<a@b>', reasons: ['quote_request: body "…"', 'country FR'], actions: [...] }]
 */
export function evaluateRules(rules: readonly WorkflowRule[], event: RuleEvent): Firing[] {
  const firings: Firing[] = [];
  const ordered = [...rules].sort((a, b) => a.position - b.position);
  for (const rule of ordered) {
    if (!rule.enabled) continue;
    const fired = triggerReason(rule.trigger, event);
    if (fired === null) continue;
    const checks = rule.conditions.map((c) => checkCondition(event.facts, c));
    if (!checks.every((c) => c.holds)) continue;
    firings.push({
      ruleId: rule.id,
      eventKey: eventKey(event),
      facts: event.facts,
      reasons: [fired, ...checks.map((c) => c.reason)],
      actions: rule.actions,
    });
  }
  return firings;
}
