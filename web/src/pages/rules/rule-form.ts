import type { WorkflowRuleInput } from '../../../../src/api-shapes/workflow-rules';
import {
  conditionDraftOf,
  conditionErrors,
  conditionOf,
  list,
  type ConditionDraft,
} from './condition-form';
import { actionDraftOf, actionErrors, actionOf, type ActionDraft } from './action-form';

export { emptyCondition, type ConditionDraft } from './condition-form';
export { emptyAction, type ActionDraft } from './action-form';

/** What the rule form edits: one trigger, any number of conditions and actions. */
export interface RuleDraft {
  name: string;
  trigger: string;
  /** Intents, keywords, a sentiment, a direction or business hours, as the trigger needs. */
  triggerValue: string;
  /** Every condition must hold, or any one of them. */
  match: 'all' | 'any';
  conditions: ConditionDraft[];
  actions: ActionDraft[];
}

/** What is wrong with a draft, by the field it is about (`conditions.0.value`, `actions.1.owner`). */
export type DraftErrors = Readonly<Record<string, string>>;

export const emptyDraft: RuleDraft = {
  name: '',
  trigger: 'unknown_sender',
  triggerValue: '',
  match: 'all',
  conditions: [],
  actions: [
    {
      kind: 'create_lead',
      note: '',
      dueInBusinessHours: '8',
      owner: { kind: 'territory', value: '' },
      recordType: 'contact',
      target: '',
    },
  ],
};

function triggerOf(draft: RuleDraft): WorkflowRuleInput['trigger'] {
  switch (draft.trigger) {
    case 'message_captured':
      return {
        kind: 'message_captured',
        direction: (draft.triggerValue || 'any') as 'inbound' | 'outbound' | 'any',
      };
    case 'intent_detected':
      return { kind: 'intent_detected', intents: list(draft.triggerValue) as never };
    case 'keyword':
      return { kind: 'keyword', words: list(draft.triggerValue) };
    case 'sentiment_detected':
      return {
        kind: 'sentiment_detected',
        sentiment: (draft.triggerValue || 'negative') as 'negative' | 'neutral' | 'positive',
      };
    case 'thread_unanswered':
      return { kind: 'thread_unanswered', businessHours: Number(draft.triggerValue) || 8 };
    default:
      return { kind: draft.trigger } as WorkflowRuleInput['trigger'];
  }
}

const triggerChecks: Record<string, (value: string) => string | null> = {
  message_captured: (v) =>
    ['', 'inbound', 'outbound', 'any'].includes(v) ? null : 'Say inbound, outbound or any',
  intent_detected: (v) => (list(v).length > 0 ? null : 'Name at least one intent'),
  keyword: (v) =>
    list(v).length === 0
      ? 'Give at least one keyword'
      : list(v).some((w) => w.length < 2)
        ? 'A keyword has at least two letters'
        : null,
  sentiment_detected: (v) =>
    ['', 'negative', 'neutral', 'positive'].includes(v)
      ? null
      : 'Say negative, neutral or positive',
  thread_unanswered: (v) =>
    Number(v) > 0 && Number(v) <= 2000 ? null : 'Give business hours, from 1 to 2000',
};

/** Each field's problem, before the draft goes to the API; empty when it can go. */
export function draftErrors(draft: RuleDraft): DraftErrors {
  const errors: Record<string, string> = {};
  if (!draft.name.trim()) errors.name = 'Give the rule a name';
  const trigger = triggerChecks[draft.trigger]?.(draft.triggerValue.trim()) ?? null;
  if (trigger) errors.triggerValue = trigger;
  draft.conditions.forEach((condition, index) => {
    for (const [key, problem] of Object.entries(conditionErrors(condition))) {
      errors[`conditions.${index}.${key}`] = problem;
    }
  });
  if (draft.actions.length === 0) errors.actions = 'Add at least one action';
  draft.actions.forEach((action, index) => {
    for (const [key, problem] of Object.entries(actionErrors(action))) {
      errors[`actions.${index}.${key}`] = problem;
    }
  });
  return errors;
}

/** The rule the API takes, from what the form holds. */
export function ruleInputOf(draft: RuleDraft): WorkflowRuleInput {
  return {
    name: draft.name.trim(),
    trigger: triggerOf(draft),
    match: draft.match,
    conditions: draft.conditions.map(conditionOf),
    actions: draft.actions.map(actionOf),
  };
}

/** Trigger kinds with what each one's value means; empty when it takes none. */
export const triggerChoices: readonly [string, string, string][] = [
  ['message_captured', 'A message is captured', 'Direction: inbound, outbound or any'],
  ['unknown_sender', 'A message from an unknown sender at an unknown domain', ''],
  ['intent_detected', 'An intent is detected', 'Intents, comma separated (e.g. quote_request)'],
  ['keyword', 'A keyword is in the subject or text', 'Keywords, comma separated'],
  ['sentiment_detected', 'A sentiment is detected', 'negative, neutral or positive'],
  ['thread_unanswered', 'A thread is unanswered', 'Business hours'],
  ['follow_up_due', 'A follow-up falls due', ''],
  ['meeting_booked', 'A meeting is booked', ''],
  ['meeting_cancelled', 'A meeting is cancelled', ''],
  ['tracked_open', 'A sent message is opened', ''],
  ['tracked_click', 'A link in a sent message is clicked', ''],
];

function triggerValueOf(t: WorkflowRuleInput['trigger']): string {
  switch (t.kind) {
    case 'message_captured':
      return t.direction;
    case 'intent_detected':
      return t.intents.join(', ');
    case 'keyword':
      return t.words.join(', ');
    case 'sentiment_detected':
      return t.sentiment;
    case 'thread_unanswered':
      return String(t.businessHours);
    case 'unknown_sender':
    case 'follow_up_due':
    case 'meeting_booked':
    case 'meeting_cancelled':
    case 'tracked_open':
    case 'tracked_click':
      return '';
  }
}

/** The form's draft of a stored rule. */
export function draftOf(rule: WorkflowRuleInput): RuleDraft {
  return {
    name: rule.name,
    trigger: rule.trigger.kind,
    triggerValue: triggerValueOf(rule.trigger),
    match: rule.match ?? 'all',
    conditions: (rule.conditions ?? []).map(conditionDraftOf),
    actions: rule.actions.map(actionDraftOf),
  };
}
