import type { WorkflowRuleInput } from '../../../../src/api-shapes/workflow-rules';
import { intents } from '../../../../src/core/intent/lexicon-parts';

type Condition = NonNullable<WorkflowRuleInput['conditions']>[number];

/** One condition as the form holds it: a field, a test and its value as typed or chosen. */
export interface ConditionDraft {
  field: string;
  op: 'in' | 'not_in' | 'contains' | 'at_least' | 'below';
  /** Comma separated values, or an amount for a deal amount. */
  value: string;
}

/**
 * How a condition's value is entered: typed words, one or more of a fixed
 * list, one or more people or teams, or an amount.
 */
export type ConditionKind = 'words' | 'choice' | 'person' | 'team' | 'amount';

/** Every field a condition can test, its label and how its value is entered. */
export const conditionFieldChoices: readonly {
  field: string;
  label: string;
  kind: ConditionKind;
  options?: readonly string[];
}[] = [
  { field: 'country', label: 'Country', kind: 'words' },
  { field: 'sender_domain', label: 'Sender domain', kind: 'words' },
  { field: 'sender', label: 'Sender', kind: 'words' },
  { field: 'subject', label: 'Subject', kind: 'words' },
  { field: 'direction', label: 'Direction', kind: 'choice', options: ['inbound', 'outbound'] },
  { field: 'intent', label: 'Intent', kind: 'choice', options: intents },
  {
    field: 'sentiment',
    label: 'Sentiment',
    kind: 'choice',
    options: ['negative', 'neutral', 'positive'],
  },
  { field: 'deal_stage', label: 'Deal stage', kind: 'words' },
  { field: 'deal_amount', label: 'Deal amount', kind: 'amount' },
  { field: 'case_status', label: 'Case status', kind: 'words' },
  { field: 'account_owner', label: 'Account owner', kind: 'person' },
  { field: 'mailbox_owner', label: 'Mailbox owner', kind: 'person' },
  { field: 'owner_team', label: 'Mailbox owner’s team', kind: 'team' },
];

export function conditionKindOf(field: string): ConditionKind {
  return conditionFieldChoices.find((c) => c.field === field)?.kind ?? 'words';
}

export const emptyCondition: ConditionDraft = { field: 'country', op: 'in', value: '' };

/** A comma-separated list as its trimmed, non-empty parts. */
export const list = (text: string) =>
  text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);

/** The condition the API takes. */
export function conditionOf(draft: ConditionDraft): Condition {
  if (draft.field === 'deal_amount') {
    return {
      field: 'deal_amount',
      op: draft.op === 'below' ? 'below' : 'at_least',
      amount: Number(draft.value),
    };
  }
  const op = draft.op === 'not_in' || draft.op === 'contains' ? draft.op : 'in';
  return { field: draft.field as never, op, values: list(draft.value) };
}

/** What is wrong with a condition, by the part of it (`value`). */
export function conditionErrors(draft: ConditionDraft): Record<string, string> {
  const kind = conditionKindOf(draft.field);
  if (kind === 'amount') {
    const amount = Number(draft.value);
    return draft.value.trim() === '' || !Number.isFinite(amount) || amount < 0
      ? { value: 'Give an amount of 0 or more' }
      : {};
  }
  const given = list(draft.value);
  if (given.length === 0) {
    return { value: kind === 'words' ? 'Give at least one value' : 'Choose at least one' };
  }
  if (draft.field === 'country' && given.some((code) => !/^[A-Za-z]{2}$/.test(code))) {
    return { value: 'Countries are two-letter codes, such as DE or FR' };
  }
  return {};
}

/** The form's draft of a stored condition. */
export function conditionDraftOf(condition: Condition): ConditionDraft {
  return 'amount' in condition
    ? { field: condition.field, op: condition.op, value: String(condition.amount) }
    : { field: condition.field, op: condition.op, value: condition.values.join(', ') };
}
