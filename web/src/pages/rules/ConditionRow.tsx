import {
  conditionFieldChoices,
  conditionKindOf,
  type ConditionDraft,
  type ConditionKind,
} from './condition-form';
import { RuleRow, SelectField, TextField, type RowProps as FieldRow } from './form-fields';
import type { ReactNode } from 'react';

/** People and teams a condition or an action can name. */
export interface Choices {
  people: readonly (readonly [id: string, name: string])[];
  teams: readonly (readonly [id: string, name: string])[];
}

interface RowProps extends FieldRow<ConditionDraft, Choices> {
  error: string | undefined;
}

const listOps = [
  ['in', 'is one of'],
  ['not_in', 'is none of'],
  ['contains', 'contains'],
] as const;

/** How the condition tests its field's values: one of, none of, contains, at least… */
function TestField(props: RowProps & { options: readonly (readonly [string, string])[] }) {
  return (
    <SelectField
      label="Test"
      name={`${props.name} test`}
      value={props.draft.op}
      options={props.options}
      onChange={(op) => props.set({ op: op as ConditionDraft['op'] })}
    />
  );
}

function WordsCondition(props: RowProps) {
  const { draft, name, error, set } = props;
  return (
    <>
      <TestField {...props} options={listOps} />
      <TextField
        label="Values, comma separated"
        name={`${name} values`}
        value={draft.value}
        error={error}
        onChange={(value) => set({ value })}
      />
    </>
  );
}

/** One or more of a fixed list: directions, intents, sentiments, people or teams. */
function ChoiceCondition(props: RowProps & { options: readonly (readonly [string, string])[] }) {
  const { draft, name, error, set } = props;
  return (
    <>
      <TestField {...props} options={listOps.slice(0, 2)} />
      <SelectField
        label="Values"
        name={`${name} values`}
        multiple
        value={draft.value}
        error={error}
        options={props.options}
        onChange={(value) => set({ value })}
      />
    </>
  );
}

function AmountCondition(props: RowProps) {
  const { draft, name, error, set } = props;
  return (
    <>
      <TestField
        {...props}
        options={[
          ['at_least', 'is at least'],
          ['below', 'is below'],
        ]}
      />
      <TextField
        label="Amount"
        name={`${name} amount`}
        type="number"
        value={draft.value}
        error={error}
        onChange={(value) => set({ value })}
      />
    </>
  );
}

const fixedOptions = (field: string) =>
  (conditionFieldChoices.find((c) => c.field === field)?.options ?? []).map(
    (o) => [o, o.replace('_', ' ')] as const,
  );

const valueFields: Record<ConditionKind, (props: RowProps) => ReactNode> = {
  words: WordsCondition,
  choice: (props) => <ChoiceCondition {...props} options={fixedOptions(props.draft.field)} />,
  person: (props) => <ChoiceCondition {...props} options={props.choices.people} />,
  team: (props) => <ChoiceCondition {...props} options={props.choices.teams} />,
  amount: AmountCondition,
};

/** A condition: the field it tests, then the test and value that field's kind takes. */
export function ConditionRow(props: RowProps & { onRemove: () => void }) {
  const kind = conditionKindOf(props.draft.field);
  const ValueFields = valueFields[kind];
  return (
    <RuleRow
      name={props.name}
      kind={{
        label: 'Field',
        name: `${props.name} field`,
        value: props.draft.field,
        options: conditionFieldChoices.map((c) => [c.field, c.label] as const),
      }}
      onKind={(field) =>
        props.set({ field, op: conditionKindOf(field) === 'amount' ? 'at_least' : 'in', value: '' })
      }
      onRemove={props.onRemove}
    >
      <ValueFields {...props} />
    </RuleRow>
  );
}
