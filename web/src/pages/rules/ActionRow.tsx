import type { ReactNode } from 'react';
import { actionChoices, partsOf, type ActionDraft, type OwnerDraft } from './action-form';
import type { Choices } from './ConditionRow';
import { RuleRow, SelectField, TextField, type RowProps } from './form-fields';
import type { DraftErrors } from './rule-form';

/** People, teams and webhook endpoints an action can name. */
export type ActionChoices = Choices & { endpoints: readonly (readonly [string, string])[] };

interface PartProps extends RowProps<ActionDraft, ActionChoices> {
  /** This action's problems, by part. */
  errors: DraftErrors;
}

const ownerKinds = [
  ['territory', 'The sender’s territory rep'],
  ['user', 'A named user'],
  ['role', 'A role, in turn'],
  ['round_robin', 'A team, round robin'],
  ['mailbox_owner', 'The mailbox’s owner'],
] as const;

const roles = [
  ['rep', 'rep'],
  ['manager', 'manager'],
  ['admin', 'admin'],
] as const;

function OwnerFields({ draft, name, errors, choices, set }: PartProps) {
  const owner = draft.owner;
  const setOwner = (fields: Partial<OwnerDraft>) => set({ owner: { ...owner, ...fields } });
  const valueField: Record<OwnerDraft['kind'], [string, readonly (readonly [string, string])[]]> = {
    user: ['User', [['', '(choose)'], ...choices.people]],
    territory: ['Fallback user', [['', '(none)'], ...choices.people]],
    role: ['Role', roles],
    round_robin: ['Team', [['', '(choose)'], ...choices.teams]],
    mailbox_owner: ['', []],
  };
  const [label, options] = valueField[owner.kind];
  return (
    <>
      <SelectField
        label="Owner"
        name={`${name} owner`}
        value={owner.kind}
        options={ownerKinds}
        onChange={(kind) =>
          setOwner({ kind: kind as OwnerDraft['kind'], value: kind === 'role' ? 'rep' : '' })
        }
      />
      {label ? (
        <SelectField
          label={label}
          name={`${name} ${label.toLowerCase()}`}
          value={owner.value}
          options={options}
          error={errors.owner}
          onChange={(value) => setOwner({ value })}
        />
      ) : null}
    </>
  );
}

const parts: Record<ReturnType<typeof partsOf>[number], (props: PartProps) => ReactNode> = {
  note: ({ draft, name, errors, set }) => (
    <TextField
      label={draft.kind === 'create_task' ? 'Task title' : 'Note'}
      name={`${name} ${draft.kind === 'create_task' ? 'task title' : 'note'}`}
      value={draft.note}
      error={errors.note}
      onChange={(note) => set({ note })}
    />
  ),
  due: ({ draft, name, errors, set }) => (
    <TextField
      label="Due in business hours"
      name={`${name} due in business hours`}
      type="number"
      value={draft.dueInBusinessHours}
      error={errors.due}
      onChange={(dueInBusinessHours) => set({ dueInBusinessHours })}
    />
  ),
  owner: OwnerFields,
  recordType: ({ draft, name, set }) => (
    <SelectField
      label="Records"
      name={`${name} records`}
      value={draft.recordType}
      options={(['account', 'contact', 'lead', 'deal'] as const).map((t) => [t, `${t}s`] as const)}
      onChange={(recordType) => set({ recordType: recordType as ActionDraft['recordType'] })}
    />
  ),
  deal: ({ draft, name, errors, set }) => (
    <TextField
      label="Deal id"
      name={`${name} deal id`}
      value={draft.target}
      error={errors.target}
      onChange={(target) => set({ target })}
    />
  ),
  endpoint: ({ draft, name, errors, choices, set }) => (
    <SelectField
      label="Webhook"
      name={`${name} webhook`}
      value={draft.target}
      options={[['', '(choose)'], ...choices.endpoints]}
      error={errors.target}
      onChange={(target) => set({ target })}
    />
  ),
};

/** An action: its kind, then the parts that kind takes (a title, an owner, a deal…). */
export function ActionRow(props: PartProps & { onRemove: (() => void) | null }) {
  return (
    <RuleRow
      name={props.name}
      kind={{
        label: 'Do',
        name: `${props.name} kind`,
        value: props.draft.kind,
        options: actionChoices.map((c) => [c.kind, c.label] as const),
      }}
      onKind={(kind) => props.set({ kind: kind as ActionDraft['kind'] })}
      onRemove={props.onRemove}
    >
      {partsOf(props.draft.kind).map((part) => {
        const Part = parts[part];
        return <Part key={part} {...props} />;
      })}
    </RuleRow>
  );
}
