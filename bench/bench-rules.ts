import { intents, type Intent } from '../src/core/intent/lexicon.js';
import type { Condition, OwnerChoice, Trigger, WorkflowRule } from '../src/core/rules/rule.js';

/** A rule's fields as a bench stores or evaluates them. */
export type BenchRuleFields = Pick<WorkflowRule, 'name' | 'trigger' | 'conditions' | 'actions'>;

const countries = ['DE', 'FR', 'ES', 'IT', 'NL', 'PT', 'GB'];

/**
 * Rule `n` of a bench's rule set: every trigger kind a message fires and
 * each condition field that narrows it, the way a team writes rules (an
 * intent from a country, an unknown sender from a territory, a project's
 * keywords), so that a message fires a few rules rather than all of them.
 */
export function benchRule(n: number, owner: OwnerChoice): BenchRuleFields {
  const triggers: Trigger[] = [
    { kind: 'intent_detected', intents: [intents[n % intents.length] as Intent] },
    { kind: 'unknown_sender' },
    { kind: 'sentiment_detected', sentiment: 'negative' },
    { kind: 'keyword', words: [`project ${n}`, `order ${n}`, 'invoice'] },
    { kind: 'message_captured', direction: 'inbound' },
  ];
  const conditions: Condition[] = [
    { field: 'country', op: 'in', values: [countries[n % countries.length]!] },
    { field: 'subject', op: 'contains', values: ['re', 'quote'] },
    { field: 'sender_domain', op: 'not_in', values: ['northwind.example'] },
  ];
  return {
    name: `rule ${n}`,
    trigger: triggers[n % triggers.length]!,
    conditions: conditions.slice(0, 1 + (n % 3)),
    actions: [
      { kind: 'create_task', title: 'Follow up', dueInBusinessHours: 8, owner },
      { kind: 'notify', to: owner, note: 'New mail' },
    ],
  };
}
