import { useState, type FormEvent } from 'react';
import { isRecordKind, recordKinds, recordTables, type RecordKind, type RecordRef } from '../api';
import { useResource } from '../use-resource';
import { ErrorText, Loading } from './ui';

export const typeWords: Record<RecordKind, string> = {
  account: 'Account',
  contact: 'Contact',
  lead: 'Lead',
  deal: 'Deal',
  case: 'Case',
};

interface RecordOption extends RecordRef {
  accountName?: string | null;
}

/** Finds a record by name to link a thread to. */
export function RecordPicker(props: {
  initialType: RecordKind;
  title: string;
  onPick: (type: RecordKind, record: RecordRef) => void;
  onCancel: () => void;
}) {
  const [type, setType] = useState<RecordKind>(props.initialType);
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const results = useResource<{ items: RecordOption[] }>(
    `/api/${recordTables[type]}?limit=10&search=${encodeURIComponent(query)}`,
  );

  function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setQuery(text.trim());
  }

  return (
    <div className="picker" role="group" aria-label={props.title}>
      <p className="picker-title">{props.title}</p>
      <form className="search" onSubmit={search}>
        <select
          aria-label="Record type"
          value={type}
          onChange={(event) => {
            if (isRecordKind(event.target.value)) setType(event.target.value);
          }}
        >
          {recordKinds.map((t) => (
            <option key={t} value={t}>
              {typeWords[t]}
            </option>
          ))}
        </select>
        <input
          aria-label="Find a record"
          value={text}
          placeholder="Name"
          onChange={(event) => setText(event.target.value)}
        />
        <button type="submit">Find</button>
        <button type="button" className="link" onClick={props.onCancel}>
          Cancel
        </button>
      </form>
      <ErrorText message={results.error} />
      {results.data ? (
        results.data.items.length === 0 ? (
          <p className="muted">Nothing found.</p>
        ) : (
          <ul className="plain picker-results">
            {results.data.items.map((record) => (
              <li key={record.id}>
                <button type="button" onClick={() => props.onPick(type, record)}>
                  {record.name || 'Untitled'}
                </button>
                {record.accountName ? <span className="muted"> {record.accountName}</span> : null}
              </li>
            ))}
          </ul>
        )
      ) : (
        <Loading />
      )}
    </div>
  );
}
