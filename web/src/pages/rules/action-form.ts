import type { WorkflowRuleInput } from '../../../../src/api-shapes/workflow-rules';

type Action = WorkflowRuleInput['actions'][number];
type Owner = Extract<Action, { kind: 'create_lead' }>['owner'];

export type OwnerKind = Owner['kind'];

/** Who an action gives its record, task or notification to: a user, a role, a team… */
export interface OwnerDraft {
  kind: OwnerKind;
  /** A user id, a role or a team id, as the kind needs; the territory's fallback user. */
  value: string;
}

export type ActionKind = Action['kind'];

/** One action as the form holds it; each kind reads the parts it needs. */
export interface ActionDraft {
  kind: ActionKind;
  /** A task's title, a note. */
  note: string;
  dueInBusinessHours: string;
  owner: OwnerDraft;
  recordType: 'account' | 'contact' | 'lead' | 'deal';
  /** A deal's id, a webhook endpoint's id. */
  target: string;
}

/** The parts each kind of action has, in the order the form shows them. */
export const actionChoices: readonly {
  kind: ActionKind;
  label: string;
  parts: readonly ('note' | 'due' | 'owner' | 'recordType' | 'deal' | 'endpoint')[];
}[] = [
  { kind: 'create_lead', label: 'Create a lead', parts: ['owner'] },
  { kind: 'create_contact', label: 'Create a contact', parts: ['owner'] },
  { kind: 'create_task', label: 'Create a task', parts: ['note', 'due', 'owner'] },
  { kind: 'assign_record', label: 'Assign linked records', parts: ['recordType', 'owner'] },
  { kind: 'add_to_deal', label: 'Add the thread to a deal', parts: ['deal'] },
  { kind: 'notify', label: 'Notify in the app', parts: ['note', 'owner'] },
  { kind: 'escalate', label: 'Escalate to the manager', parts: ['note'] },
  { kind: 'webhook', label: 'Call a webhook', parts: ['endpoint'] },
];

export const partsOf = (kind: ActionKind) =>
  actionChoices.find((c) => c.kind === kind)?.parts ?? [];

export const emptyAction: ActionDraft = {
  kind: 'create_task',
  note: '',
  dueInBusinessHours: '8',
  owner: { kind: 'mailbox_owner', value: '' },
  recordType: 'contact',
  target: '',
};

function ownerOf({ kind, value }: OwnerDraft): Owner {
  switch (kind) {
    case 'user':
      return { kind, userId: value };
    case 'role':
      return { kind, role: (value || 'rep') as 'admin' | 'manager' | 'rep' };
    case 'round_robin':
      return { kind, teamId: value };
    case 'territory':
      return value ? { kind, fallbackUserId: value } : { kind };
    case 'mailbox_owner':
      return { kind };
  }
}

/** The action the API takes. */
export function actionOf(draft: ActionDraft): Action {
  const owner = ownerOf(draft.owner);
  switch (draft.kind) {
    case 'create_lead':
    case 'create_contact':
      return { kind: draft.kind, owner };
    case 'create_task':
      return {
        kind: 'create_task',
        title: draft.note.trim(),
        dueInBusinessHours: Number(draft.dueInBusinessHours),
        owner,
      };
    case 'assign_record':
      return { kind: 'assign_record', recordType: draft.recordType, owner };
    case 'add_to_deal':
      return { kind: 'add_to_deal', dealId: draft.target.trim() };
    case 'notify':
      return { kind: 'notify', to: owner, note: draft.note.trim() };
    case 'escalate':
      return { kind: 'escalate', note: draft.note.trim() };
    case 'webhook':
      return { kind: 'webhook', endpointId: draft.target };
  }
}

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const ownerProblem: Partial<Record<OwnerKind, string>> = {
  user: 'Choose a user',
  round_robin: 'Choose a team',
};

/** What is wrong with an action, by the part of it (`note`, `due`, `owner`, `target`). */
export function actionErrors(draft: ActionDraft): Record<string, string> {
  const parts = partsOf(draft.kind);
  const errors: Record<string, string> = {};
  if (parts.includes('note') && !draft.note.trim()) {
    errors.note = draft.kind === 'create_task' ? 'Give the task a title' : 'Write a note';
  }
  const due = Number(draft.dueInBusinessHours);
  if (
    parts.includes('due') &&
    (draft.dueInBusinessHours.trim() === '' || !(due >= 0 && due <= 2000))
  ) {
    errors.due = 'Give business hours, from 0 to 2000';
  }
  const owner = ownerProblem[draft.owner.kind];
  if (parts.includes('owner') && owner && !draft.owner.value) errors.owner = owner;
  if (parts.includes('deal') && !guid.test(draft.target.trim())) errors.target = 'Give a deal’s id';
  if (parts.includes('endpoint') && !draft.target) errors.target = 'Choose a webhook';
  return errors;
}

function ownerDraftOf(owner: Owner): OwnerDraft {
  switch (owner.kind) {
    case 'user':
      return { kind: owner.kind, value: owner.userId };
    case 'role':
      return { kind: owner.kind, value: owner.role };
    case 'round_robin':
      return { kind: owner.kind, value: owner.teamId };
    case 'territory':
      return { kind: owner.kind, value: owner.fallbackUserId ?? '' };
    case 'mailbox_owner':
      return { kind: owner.kind, value: '' };
  }
}

/** The form's draft of a stored action. */
export function actionDraftOf(action: Action): ActionDraft {
  const owner = 'owner' in action ? action.owner : 'to' in action ? action.to : null;
  return {
    ...emptyAction,
    kind: action.kind,
    note: 'note' in action ? action.note : 'title' in action ? action.title : '',
    dueInBusinessHours: 'dueInBusinessHours' in action ? String(action.dueInBusinessHours) : '8',
    owner: owner ? ownerDraftOf(owner) : emptyAction.owner,
    recordType: 'recordType' in action ? action.recordType : 'contact',
    target: 'dealId' in action ? action.dealId : 'endpointId' in action ? action.endpointId : '',
  };
}
