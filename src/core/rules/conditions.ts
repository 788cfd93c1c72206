import type { MessageFacts } from './facts.js';
import type { Condition, ConditionField } from './rule.js';

/** The values a field has for a message; a condition holds when one of them matches. */
export function fieldValues(facts: MessageFacts, field: ConditionField): readonly string[] {
  const linked = (type: string) => facts.records.filter((r) => r.type === type);
  switch (field) {
    case 'direction':
      return [facts.direction];
    case 'sender':
      return [facts.sender];
    case 'sender_domain':
      return [facts.senderDomain];
    case 'country':
      return facts.country ? [facts.country] : [];
    case 'intent':
      return facts.intents.map((i) => i.intent);
    case 'sentiment':
      return [facts.sentiment];
    case 'subject':
      return [facts.subject];
    case 'account_owner':
      return linked('account').flatMap((r) => (r.ownerId ? [r.ownerId] : []));
    case 'deal_stage':
      return linked('deal').map((r) => r.stage);
    case 'case_status':
      return linked('case').map((r) => r.stage);
    case 'mailbox_owner':
      return [facts.mailboxOwnerId];
    case 'owner_team':
      return facts.ownerTeamIds;
  }
}

/** A condition made ready to test: its wanted values lower-cased once. */
export type CompiledCondition = (facts: MessageFacts) => { holds: boolean; reason: string };

/**
 * A condition as a function, compiled once per rule set: it tells whether
 * the condition holds, and a reason naming what matched. Text is compared
 * without regard to case; `not_in` holds when no value is listed (so
 * "country not in DE" holds for a message of unknown country).
 *
 * @example
 * compileCondition({ field: 'country', op: 'in', values: ['DE', 'AT', 'CH'] })(facts)
 * // { holds: true, reason: 'country de' }
 */
export function compileCondition(condition: Condition): CompiledCondition {
  if (condition.field === 'deal_amount') {
    const { op, amount } = condition;
    return (facts) => {
      const hit = facts.records.find(
        (r) =>
          r.type === 'deal' &&
          r.amount !== null &&
          (op === 'at_least' ? r.amount >= amount : r.amount < amount),
      );
      return { holds: hit !== undefined, reason: `deal amount ${hit?.amount ?? 'none'}` };
    };
  }
  const { field, op } = condition;
  const label = field.replace('_', ' ');
  const wanted = condition.values.map((v) => v.toLowerCase());
  const wantedSet = new Set(wanted);
  return (facts) => {
    const values = fieldValues(facts, field).map((v) => v.toLowerCase());
    const hit =
      op === 'contains'
        ? values.find((v) => wanted.some((w) => v.includes(w)))
        : values.find((v) => wantedSet.has(v));
    const holds = op === 'not_in' ? hit === undefined : hit !== undefined;
    return { holds, reason: `${label} ${hit ?? values.join(', ')}` };
  };
}
