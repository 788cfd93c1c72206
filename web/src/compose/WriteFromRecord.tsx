import { useState } from 'react';
import type { RecordKind } from '../api';
import { Compose } from './Compose';

/** The record page's "Write e-mail": to the record's first address, shared on the record. */
export function WriteFromRecord(props: {
  type: RecordKind;
  record: { id: string; name: string; emails?: unknown };
}) {
  const [open, setOpen] = useState(false);
  const emails = Array.isArray(props.record.emails) ? (props.record.emails as string[]) : [];
  if (!open) {
    return (
      <div className="actions">
        <button type="button" onClick={() => setOpen(true)}>
          Write e-mail
        </button>
      </div>
    );
  }
  return (
    <Compose
      title={`Write to ${props.record.name || 'this record'}`}
      context={{ record: { type: props.type, id: props.record.id }, answer: null }}
      initial={{ to: emails[0] ?? '' }}
      onClose={() => setOpen(false)}
    />
  );
}
