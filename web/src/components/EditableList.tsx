import { useId, useState, type FormEvent } from 'react';
import { errorMessage } from '../api';
import { useApiSend, useResource } from '../use-resource';
import { ErrorText, Loading, Section } from './ui';

/**
 * A panel over a list API of short values (addresses, domains): GET `path`
 * lists, POST `path` adds, DELETE `path/value` removes (or POST `removePath`
 * with the value's body, for values that must stay out of URLs); each value
 * has its own remove button.
 */
export function EditableList<T>(props: {
  title: string;
  description: string;
  path: string;
  /** Removes with POST and `bodyOf(value)` here instead of DELETE `path/value`. */
  removePath?: string;
  valuesOf: (answer: T) => string[];
  bodyOf: (value: string) => unknown;
  empty: string;
  listLabel: string;
  inputLabel: string;
  inputType: 'email' | 'text';
  placeholder: string;
  addLabel: string;
  onChanged?: () => void;
}) {
  const id = useId();
  const send = useApiSend();
  const list = useResource<T>(props.path);
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const values = list.data ? props.valuesOf(list.data) : null;

  async function change(action: () => Promise<unknown>) {
    setError(null);
    try {
      await action();
      list.reload();
      props.onChanged?.();
    } catch (caught) {
      setError(errorMessage(caught));
    }
  }

  async function add(event: FormEvent) {
    event.preventDefault();
    await change(async () => {
      await send('POST', props.path, props.bodyOf(value));
      setValue('');
    });
  }

  return (
    <Section title={props.title} count={values?.length}>
      <p className="muted">{props.description}</p>
      <ErrorText message={list.error ?? error} />
      {values === null ? (
        <Loading />
      ) : (
        <RemovableList
          items={values}
          empty={props.empty}
          label={props.listLabel}
          onRemove={(item) =>
            void change(() =>
              props.removePath
                ? send('POST', props.removePath, props.bodyOf(item))
                : send('DELETE', `${props.path}/${encodeURIComponent(item)}`),
            )
          }
        />
      )}
      <form className="search" onSubmit={(event) => void add(event)}>
        <label htmlFor={`${id}-value`}>{props.inputLabel}</label>
        <input
          id={`${id}-value`}
          type={props.inputType}
          required
          value={value}
          placeholder={props.placeholder}
          onChange={(event) => setValue(event.target.value)}
        />
        <button type="submit">{props.addLabel}</button>
      </form>
    </Section>
  );
}

/** A list of short values, each with its own remove button. */
export function RemovableList(props: {
  items: string[];
  empty: string;
  label: string;
  onRemove: (value: string) => void;
}) {
  if (props.items.length === 0) return <p className="muted">{props.empty}</p>;
  return (
    <ul className="plain removable" aria-label={props.label}>
      {props.items.map((item) => (
        <li key={item}>
          <span>{item}</span>
          <button
            type="button"
            className="link"
            aria-label={`Remove ${item}`}
            onClick={() => props.onRemove(item)}
          >
            Remove
          </button>
        </li>
      ))}
    </ul>
  );
}
