import { compileCondition } from './conditions.js';
import type { MessageFacts, RuleEvent } from './facts.js';
import type {
  Action,
  Condition,
  ConditionMatch,
  Trigger,
  TriggerKind,
  WorkflowRule,
} from './rule.js';
import { bodyReadFor, ruleRead, type BodyRead } from './rule-reads.js';

/** A rule made ready to evaluate many events: its trigger and conditions as functions. */
export interface CompiledRule {
  readonly id: string;
  readonly name: string;
  readonly position: number;
  readonly actions: readonly Action[];
  readonly source: WorkflowRule;
  /** Why the trigger fires on the event, or null when it does not. */
  readonly trigger: (event: RuleEvent) => string | null;
  /** Why the conditions hold (all, or any as the rule says), or null when they do not. */
  readonly conditions: (facts: MessageFacts) => string[] | null;
  /** Whether the trigger searches the message's text (keywords): costlier than the conditions. */
  readonly searchesText: boolean;
}

/** Switched-on rules compiled once and indexed by the kind of event their trigger waits for. */
export interface CompiledRules {
  readonly rules: readonly CompiledRule[];
  /** The rules an event of this kind can fire, in order of position. */
  candidates(event: RuleEvent): readonly CompiledRule[];
  /**
   * How much of a message's body these rules need read, judged on its
   * facts without the body: see `ruleRead`.
   */
  readonly bodyRead: (facts: MessageFacts) => BodyRead;
}

/** The kind of event each trigger waits for. */
const eventKindOf: Record<TriggerKind, RuleEvent['kind']> = {
  message_captured: 'message',
  unknown_sender: 'message',
  intent_detected: 'message',
  keyword: 'message',
  sentiment_detected: 'message',
  thread_unanswered: 'unanswered',
  follow_up_due: 'follow_up_due',
  meeting_booked: 'meeting',
  meeting_cancelled: 'meeting',
  tracked_open: 'tracked',
  tracked_click: 'tracked',
};

/** The kind of event a trigger waits for. */
export function eventKindOfTrigger(trigger: Trigger): RuleEvent['kind'] {
  return eventKindOf[trigger.kind];
}

/**
 * Compiles the switched-on rules once for a pass over many events: each
 * trigger and condition becomes a function with its words and values
 * lower-cased ahead, and rules are grouped by the event kind they wait for,
 * so an event only meets the rules that can fire on it.
 */
export function compileRules(rules: readonly WorkflowRule[]): CompiledRules {
  const compiled = rules
    .filter((r) => r.enabled)
    .sort((a, b) => a.position - b.position)
    .map(compileRule);
  const byKind = new Map<RuleEvent['kind'], CompiledRule[]>();
  for (const rule of compiled) {
    const kind = eventKindOf[rule.source.trigger.kind];
    byKind.set(kind, [...(byKind.get(kind) ?? []), rule]);
  }
  const reads = compiled.map((rule) => ruleRead(rule.source));
  return {
    rules: compiled,
    candidates: (event) => byKind.get(event.kind) ?? [],
    bodyRead: (facts) => bodyReadFor(reads, facts),
  };
}

function compileRule(rule: WorkflowRule): CompiledRule {
  return {
    id: rule.id,
    name: rule.name,
    position: rule.position,
    actions: rule.actions,
    source: rule,
    trigger: compileTrigger(rule.trigger),
    conditions: compileConditions(rule.conditions, rule.match ?? 'all'),
    searchesText: rule.trigger.kind === 'keyword',
  };
}

function compileConditions(
  conditions: readonly Condition[],
  match: ConditionMatch,
): CompiledRule['conditions'] {
  const checks = conditions.map(compileCondition);
  if (match === 'any' && checks.length > 0) {
    return (facts) => {
      const held = checks.map((check) => check(facts)).filter((outcome) => outcome.holds);
      return held.length > 0 ? held.map((outcome) => outcome.reason) : null;
    };
  }
  return (facts) => {
    const reasons: string[] = [];
    for (const check of checks) {
      const outcome = check(facts);
      if (!outcome.holds) return null;
      reasons.push(outcome.reason);
    }
    return reasons;
  };
}

/** The subject and new text of a message, lower-cased once however many keyword rules read it. */
const lowerText = new WeakMap<MessageFacts, string>();
function searchableText(facts: MessageFacts): string {
  let text = lowerText.get(facts);
  if (text === undefined) {
    text = `${facts.subject}\n${facts.text}`.toLowerCase();
    lowerText.set(facts, text);
  }
  return text;
}

function compileTrigger(trigger: Trigger): (event: RuleEvent) => string | null {
  switch (trigger.kind) {
    case 'thread_unanswered':
      return (event) =>
        event.kind === 'unanswered' && event.waitingBusinessHours >= trigger.businessHours
          ? `unanswered for ${event.waitingBusinessHours.toFixed(1)} business hours`
          : null;
    case 'follow_up_due':
      return (event) => (event.kind === 'follow_up_due' ? 'follow-up due' : null);
    case 'meeting_booked':
    case 'meeting_cancelled': {
      const change = trigger.kind === 'meeting_booked' ? 'booked' : 'cancelled';
      return (event) =>
        event.kind === 'meeting' && event.meeting.change === change
          ? `meeting ${change}: ${event.meeting.summary ?? event.meeting.uid}`
          : null;
    }
    case 'tracked_open':
    case 'tracked_click': {
      const action = trigger.kind === 'tracked_open' ? 'open' : 'click';
      return (event) =>
        event.kind === 'tracked' && event.action === action
          ? action === 'open'
            ? 'opened'
            : `clicked ${event.url ?? ''}`.trim()
          : null;
    }
    case 'message_captured':
    case 'unknown_sender':
    case 'intent_detected':
    case 'keyword':
    case 'sentiment_detected': {
      const onMessage = compileMessageTrigger(trigger);
      return (event) => (event.kind === 'message' ? onMessage(event.facts) : null);
    }
  }
}

type MessageTrigger = Extract<
  Trigger,
  {
    kind:
      'message_captured' | 'unknown_sender' | 'intent_detected' | 'keyword' | 'sentiment_detected';
  }
>;

/** Mail capture left out (no CRM participant) is read only by the unknown-sender trigger. */
function compileMessageTrigger(trigger: MessageTrigger): (facts: MessageFacts) => string | null {
  switch (trigger.kind) {
    case 'message_captured':
      return (facts) =>
        facts.captured && (trigger.direction === 'any' || trigger.direction === facts.direction)
          ? `${facts.direction} message captured`
          : null;
    case 'unknown_sender':
      return (facts) =>
        facts.direction === 'inbound' && !facts.senderKnown && !facts.domainKnown
          ? `unknown sender ${facts.sender} at unknown domain ${facts.senderDomain}`
          : null;
    case 'intent_detected': {
      const wanted = new Set<string>(trigger.intents);
      return (facts) => {
        const hit = facts.captured ? facts.intents.find((i) => wanted.has(i.intent)) : undefined;
        return hit ? `${hit.intent}: ${hit.reasons.join('; ')}` : null;
      };
    }
    case 'keyword': {
      const words = trigger.words.map((w) => ({ word: w, lower: w.toLowerCase() }));
      return (facts) => {
        if (!facts.captured) return null;
        const haystack = searchableText(facts);
        const hit = words.find((w) => haystack.includes(w.lower));
        return hit === undefined ? null : `keyword "${hit.word}"`;
      };
    }
    case 'sentiment_detected':
      return (facts) =>
        facts.captured && facts.sentiment === trigger.sentiment
          ? `sentiment ${facts.sentiment}`
          : null;
  }
}
