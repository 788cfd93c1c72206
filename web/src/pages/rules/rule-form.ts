import type { WorkflowRuleInput } from '../../../../src/api-shapes/workflow-rules';

/** What the rule form edits: one trigger, at most one condition, one action. */
export interface RuleDraft {
  name: string;
  trigger: string;
  /** Intents, keywords, a sentiment, a direction or business hours, as the trigger needs. */
  triggerValue: string;
  conditionField: string;
  conditionOp: 'in' | 'not_in' | 'contains';
  conditionValues: string;
  action: 'create_lead' | 'create_contact' | 'create_task' | 'notify' | 'escalate';
  note: string;
  dueInBusinessHours: number;
  ownerKind: 'user' | 'role' | 'round_robin' | 'territory' | 'mailbox_owner';
  /** A user id, a role or a team id, as the owner kind needs. */
  ownerValue: string;
}

export const emptyDraft: RuleDraft = {
  name: '',
  trigger: 'unknown_sender',
  triggerValue: '',
  conditionField: '',
  conditionOp: 'in',
  conditionValues: '',
  action: 'create_lead',
  note: '',
  dueInBusinessHours: 8,
  ownerKind: 'territory',
  ownerValue: '',
};

const list = (text: string) =>
  text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);

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

function ownerOf(draft: RuleDraft) {
  switch (draft.ownerKind) {
    case 'user':
      return { kind: 'user' as const, userId: draft.ownerValue };
    case 'role':
      return {
        kind: 'role' as const,
        role: (draft.ownerValue || 'rep') as 'admin' | 'manager' | 'rep',
      };
    case 'round_robin':
      return { kind: 'round_robin' as const, teamId: draft.ownerValue };
    case 'territory':
      return draft.ownerValue
        ? { kind: 'territory' as const, fallbackUserId: draft.ownerValue }
        : { kind: 'territory' as const };
    case 'mailbox_owner':
      return { kind: 'mailbox_owner' as const };
  }
}

function actionOf(draft: RuleDraft): WorkflowRuleInput['actions'][number] {
  const owner = ownerOf(draft);
  switch (draft.action) {
    case 'create_lead':
    case 'create_contact':
      return { kind: draft.action, owner };
    case 'create_task':
      return {
        kind: 'create_task',
        title: draft.note || 'Follow up',
        dueInBusinessHours: draft.dueInBusinessHours,
        owner,
      };
    case 'notify':
      return { kind: 'notify', to: owner, note: draft.note || 'New mail' };
    case 'escalate':
      return { kind: 'escalate', note: draft.note || 'Needs attention' };
  }
}

/** The rule the API takes, from what the form holds. */
export function ruleInputOf(draft: RuleDraft): WorkflowRuleInput {
  const values = list(draft.conditionValues);
  return {
    name: draft.name.trim(),
    trigger: triggerOf(draft),
    conditions:
      draft.conditionField && values.length > 0
        ? [{ field: draft.conditionField as never, op: draft.conditionOp, values }]
        : [],
    actions: [actionOf(draft)],
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

/** The form's draft of a stored rule (its first condition and action). */
export function draftOf(rule: WorkflowRuleInput): RuleDraft {
  const t = rule.trigger;
  const triggerValue =
    t.kind === 'message_captured'
      ? t.direction
      : t.kind === 'intent_detected'
        ? t.intents.join(', ')
        : t.kind === 'keyword'
          ? t.words.join(', ')
          : t.kind === 'sentiment_detected'
            ? t.sentiment
            : t.kind === 'thread_unanswered'
              ? String(t.businessHours)
              : '';
  const condition = rule.conditions?.[0];
  const action = rule.actions[0]!;
  const owner = 'owner' in action ? action.owner : 'to' in action ? action.to : null;
  const ownerValue = !owner
    ? ''
    : owner.kind === 'user'
      ? owner.userId
      : owner.kind === 'role'
        ? owner.role
        : owner.kind === 'round_robin'
          ? owner.teamId
          : owner.kind === 'territory'
            ? (owner.fallbackUserId ?? '')
            : '';
  return {
    ...emptyDraft,
    name: rule.name,
    trigger: t.kind,
    triggerValue,
    conditionField: condition ? condition.field : '',
    conditionOp: condition && 'values' in condition ? condition.op : 'in',
    conditionValues: condition && 'values' in condition ? condition.values.join(', ') : '',
    action: action.kind as RuleDraft['action'],
    note: 'note' in action ? action.note : 'title' in action ? action.title : '',
    dueInBusinessHours: 'dueInBusinessHours' in action ? action.dueInBusinessHours : 8,
    ownerKind: owner?.kind ?? 'mailbox_owner',
    ownerValue,
  };
}
