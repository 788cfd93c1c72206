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

/**
 * Whether one condition holds, and a reason naming what matched. Text is
 * compared without regard to case; `not_in` holds when no value is listed
 * (so "country not in DE" holds for a message of unknown country).
 *
 * @example
 * checkCondition(facts, { field: 'country', op: 'in', values: ['DE', 'AT', 'CH'] })
 * // { holds: true, reason: 'country DE' }
 */
export function checkCondition(
  facts: MessageFacts,
  condition: Condition,
): { holds: boolean; reason: string } {
  if (condition.field === 'deal_amount') {
    const amounts = facts.records.flatMap((r) =>
      r.type === 'deal' && r.amount !== null ? [r.amount] : [],
    );
    const hit = amounts.find((a) =>
      condition.op === 'at_least' ? a >= condition.amount : a < condition.amount,
    );
    return { holds: hit !== undefined, reason: `deal amount ${hit ?? 'none'}` };
  }
  const values = fieldValues(facts, condition.field).map((v) => v.toLowerCase());
  const wanted = condition.values.map((v) => v.toLowerCase());
  const hit =
    condition.op === 'contains'
      ? values.find((v) => wanted.some((w) => v.includes(w)))
      : values.find((v) => wanted.includes(v));
  const holds = condition.op === 'not_in' ? hit === undefined : hit !== undefined;
  return { holds, reason: `${condition.field.replace('_', ' ')} ${hit ?? values.join(', ')}` };
}
