import { useState } from 'react';
import { recordTables, type RecordKind, type RecordRef } from '../api';
import { useResource } from '../use-resource';

/** Chooses a record of one kind: a search box narrowing a list of names. */
export function RecordChoice(props: {
  id: string;
  type: RecordKind;
  label: string;
  value: string;
  name: string;
  onChange: (id: string, name: string) => void;
  'aria-invalid'?: boolean | undefined;
  'aria-describedby'?: string | undefined;
}) {
  const [search, setSearch] = useState('');
  const results = useResource<{ items: RecordRef[] }>(
    `/api/${recordTables[props.type]}?limit=20&search=${encodeURIComponent(search)}`,
    { keepPrevious: true },
  );
  const items = results.data?.items ?? [];
  const options =
    props.value && !items.some((item) => item.id === props.value)
      ? [{ id: props.value, name: props.name || 'Current' }, ...items]
      : items;
  return (
    <span className="record-choice">
      <input
        type="search"
        aria-label={`Find ${props.label.toLowerCase()}`}
        placeholder="Type to narrow"
        value={search}
        onChange={(event) => setSearch(event.target.value)}
      />
      <select
        id={props.id}
        aria-invalid={props['aria-invalid']}
        aria-describedby={props['aria-describedby']}
        value={props.value}
        onChange={(event) =>
          props.onChange(
            event.target.value,
            options.find((option) => option.id === event.target.value)?.name ?? '',
          )
        }
      >
        <option value="">None</option>
        {options.map((option) => (
          <option key={option.id} value={option.id}>
            {option.name || 'Untitled'}
          </option>
        ))}
      </select>
    </span>
  );
}
