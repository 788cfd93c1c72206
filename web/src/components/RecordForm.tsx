import { useId, useState, type FormEvent } from 'react';
import { ApiError, errorMessage, recordTables, type RecordKind, type RecordRef } from '../api';
import { initialDealParts, pathErrors, type DealParts } from '../deal-parts';
import { DealPartsFields } from './DealPartsFields';
import { RecordChoice } from './RecordChoice';
import { typeWords } from './RecordPicker';
import {
  bodyOf,
  fieldErrors,
  formFields,
  initialValues,
  type FieldSpec,
  type FormValues,
} from '../record-forms';
import { useApiSend } from '../use-resource';
import { ErrorText, SubmitOrCancel } from './ui';

/** A deal's lists, whose errors show on their rows. */
const partLists = ['contacts', 'team', 'products'];

/**
 * The create or edit form of a record. A refused field shows the server's
 * words beside it; an error naming no field shows above the buttons.
 */
export function RecordForm(props: {
  type: RecordKind;
  /** The record being edited; null for a new one. */
  record: (Record<string, unknown> & { id: string }) | null;
  onSaved: (record: RecordRef) => void;
  onCancel: () => void;
}) {
  const send = useApiSend();
  const [values, setValues] = useState<FormValues>(() => initialValues(props.type, props.record));
  const [parts, setParts] = useState<DealParts>(() => initialDealParts(props.record));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [partErrors, setPartErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const path = `/api/${recordTables[props.type]}`;
  const noun = typeWords[props.type].toLowerCase();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaving(true);
    setFailure(null);
    try {
      const body = bodyOf(props.type, values, parts);
      const saved = props.record
        ? await send<RecordRef>('PUT', `${path}/${props.record.id}`, body)
        : await send<RecordRef>('POST', path, body);
      setErrors({});
      setPartErrors({});
      props.onSaved(saved);
    } catch (error) {
      const byField = error instanceof ApiError ? fieldErrors(error.details) : {};
      const known = new Set([...formFields[props.type].map((field) => field.name), ...partLists]);
      setErrors(byField);
      setPartErrors(error instanceof ApiError ? pathErrors(error.details) : {});
      setFailure(
        Object.keys(byField).some((field) => known.has(field))
          ? 'Please correct the fields marked above.'
          : errorMessage(error),
      );
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="record-form panel" onSubmit={(event) => void submit(event)} noValidate>
      <h2>{props.record ? `Edit ${noun}` : `New ${noun}`}</h2>
      {formFields[props.type].map((field) => (
        <FormField
          key={field.name}
          field={field}
          values={values}
          error={errors[field.name] ?? null}
          onChange={(patch) => setValues((current) => ({ ...current, ...patch }))}
        />
      ))}
      {props.type === 'deal' ? (
        <DealPartsFields parts={parts} errors={partErrors} onChange={setParts} />
      ) : null}
      <ErrorText message={failure} />
      <SubmitOrCancel
        label={props.record ? 'Save' : `Create ${noun}`}
        busy={saving}
        onCancel={props.onCancel}
      />
    </form>
  );
}

function FormField(props: {
  field: FieldSpec;
  values: FormValues;
  error: string | null;
  onChange: (patch: FormValues) => void;
}) {
  const id = useId();
  const { field } = props;
  const value = props.values[field.name] ?? '';
  const described = [field.hint ? `${id}-hint` : '', props.error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  const common = {
    id,
    'aria-invalid': props.error ? true : undefined,
    'aria-describedby': described || undefined,
  };
  const set = (next: string) => props.onChange({ [field.name]: next });
  return (
    <div className={props.error ? 'form-field invalid' : 'form-field'}>
      <label htmlFor={id}>{field.label}</label>
      {field.kind === 'lines' ? (
        <textarea {...common} rows={3} value={value} onChange={(e) => set(e.target.value)} />
      ) : field.kind === 'select' ? (
        <select {...common} value={value} onChange={(e) => set(e.target.value)}>
          {(field.options ?? []).map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      ) : field.kind === 'record' && field.recordType ? (
        <RecordChoice
          {...common}
          type={field.recordType}
          label={field.label}
          value={value}
          name={props.values[`${field.name}:name`] ?? ''}
          onChange={(next, name) =>
            props.onChange({ [field.name]: next, [`${field.name}:name`]: name })
          }
        />
      ) : (
        <input
          {...common}
          type={field.kind === 'number' ? 'number' : field.kind === 'date' ? 'date' : 'text'}
          step={field.kind === 'number' ? 'any' : undefined}
          value={value}
          onChange={(e) => set(e.target.value)}
        />
      )}
      {field.hint ? (
        <p id={`${id}-hint`} className="hint">
          {field.hint}
        </p>
      ) : null}
      {props.error ? (
        <p id={`${id}-error`} className="field-error">
          {props.error}
        </p>
      ) : null}
    </div>
  );
}
