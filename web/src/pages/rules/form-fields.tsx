import { useId, type ReactNode } from 'react';

/** What the parts of one condition or action of a rule take. */
export interface RowProps<Draft, Choices> {
  draft: Draft;
  /** "Condition 2", "Action 1": what each control's accessible name starts with. */
  name: string;
  choices: Choices;
  set: (fields: Partial<Draft>) => void;
}

/**
 * A condition or an action of a rule: the choice of its kind first (the
 * field a condition tests, what an action does), then the parts that kind
 * takes, then its remove button when it may go.
 */
export function RuleRow(props: {
  name: string;
  /** The kind's select: `name` is its accessible name ("Action 1 kind"). */
  kind: {
    label: string;
    name: string;
    value: string;
    options: readonly (readonly [string, string])[];
  };
  onKind: (kind: string) => void;
  onRemove: (() => void) | null;
  children: ReactNode;
}) {
  return (
    <div role="group" aria-label={props.name} className="rule-row">
      <SelectField {...props.kind} onChange={props.onKind} />
      {props.children}
      {props.onRemove ? (
        <button type="button" onClick={props.onRemove}>
          Remove {props.name.toLowerCase()}
        </button>
      ) : null}
    </div>
  );
}

/** What every control of the rule form takes: its accessible name and its problem, if any. */
interface FieldProps {
  /** The visible label. */
  label: string;
  /** The accessible name, when the visible label repeats on the page ("Condition 2 values"). */
  name?: string;
  error?: string | undefined;
}

/** A labelled control with its problem shown beneath it and announced with it. */
function Field(props: FieldProps & { control: (aria: Record<string, unknown>) => ReactNode }) {
  const errorId = useId();
  const aria = {
    'aria-label': props.name ?? props.label,
    'aria-invalid': props.error ? true : undefined,
    'aria-describedby': props.error ? errorId : undefined,
  };
  return (
    <label className="field">
      {props.label}
      {props.control(aria)}
      {props.error ? (
        <span id={errorId} className="field-error" role="alert">
          {props.error}
        </span>
      ) : null}
    </label>
  );
}

export function TextField(
  props: FieldProps & {
    value: string;
    onChange: (value: string) => void;
    type?: 'text' | 'number' | 'date' | 'time';
  },
) {
  return (
    <Field
      {...props}
      control={(aria) => (
        <input
          {...aria}
          type={props.type ?? 'text'}
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
        />
      )}
    />
  );
}

/** One choice, or several with `multiple` (their values joined with commas). */
export function SelectField(
  props: FieldProps & {
    value: string;
    onChange: (value: string) => void;
    options: readonly (readonly [value: string, label: string])[];
    multiple?: boolean;
  },
) {
  const chosen = props.value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  return (
    <Field
      {...props}
      control={(aria) => (
        <select
          {...aria}
          multiple={props.multiple}
          value={props.multiple ? chosen : props.value}
          onChange={(e) =>
            props.onChange(
              props.multiple
                ? [...e.target.selectedOptions].map((o) => o.value).join(', ')
                : e.target.value,
            )
          }
        >
          {props.options.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      )}
    />
  );
}
