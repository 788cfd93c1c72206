import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { errorMessage, recordTables, recordUrl, type RecordKind, type RecordRef } from '../api';
import { useApiSend } from '../use-resource';
import { ConvertLeadForm, MergeForm } from './RecordMerge';
import { RecordForm } from './RecordForm';
import { typeWords } from './RecordPicker';
import { ErrorText, RecordLink } from './ui';

type Editable = RecordRef &
  Record<string, unknown> & {
    archivedAt?: string | null;
    mergedIntoId?: string | null;
    convertedContactId?: string | null;
  };

type Open = 'edit' | 'archive' | 'merge' | 'convert' | null;

/**
 * What can be done to a record from its page: edit it, archive it after a
 * confirmation, merge another record into it (contacts and accounts),
 * convert it (leads). An archived record says so, and where it went.
 */
export function RecordActions(props: {
  type: RecordKind;
  record: Editable;
  onChanged: () => void;
}) {
  const { type, record } = props;
  const [open, setOpen] = useState<Open>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const send = useApiSend();
  const navigate = useNavigate();
  const noun = typeWords[type].toLowerCase();
  const done = () => {
    setOpen(null);
    props.onChanged();
  };

  if (record.archivedAt) return <ArchivedNote type={type} record={record} />;

  async function archive() {
    try {
      await send('POST', `/api/${recordTables[type]}/${record.id}/archive`);
      done();
    } catch (error) {
      setFailure(errorMessage(error));
    }
  }

  return (
    <div className="record-actions">
      <div className="actions">
        <button type="button" onClick={() => setOpen(open === 'edit' ? null : 'edit')}>
          Edit
        </button>
        {type === 'lead' ? (
          <button type="button" onClick={() => setOpen('convert')}>
            Convert…
          </button>
        ) : null}
        {type === 'contact' || type === 'account' ? (
          <button type="button" onClick={() => setOpen('merge')}>
            Merge…
          </button>
        ) : null}
        <button type="button" className="danger" onClick={() => setOpen('archive')}>
          Archive…
        </button>
      </div>
      {open === 'edit' ? (
        <RecordForm type={type} record={record} onSaved={done} onCancel={() => setOpen(null)} />
      ) : null}
      {open === 'archive' ? (
        <div className="confirm panel" role="alertdialog" aria-label={`Archive this ${noun}`}>
          <p>
            Archive “{record.name || 'Untitled'}”? It leaves lists and no new mail is filed on it;
            the mail already filed and its history stay.
          </p>
          <ErrorText message={failure} />
          <div className="actions">
            <button type="button" className="danger" onClick={() => void archive()}>
              Archive {noun}
            </button>
            <button type="button" className="link" onClick={() => setOpen(null)}>
              Cancel
            </button>
          </div>
        </div>
      ) : null}
      {open === 'merge' && (type === 'contact' || type === 'account') ? (
        <MergeForm type={type} survivor={record} onMerged={done} onCancel={() => setOpen(null)} />
      ) : null}
      {open === 'convert' ? (
        <ConvertLeadForm
          lead={record}
          onConverted={(contactId) => void navigate(recordUrl('contact', contactId))}
          onCancel={() => setOpen(null)}
        />
      ) : null}
    </div>
  );
}

function ArchivedNote(props: { type: RecordKind; record: Editable }) {
  const { record } = props;
  const target = record.mergedIntoId
    ? { type: props.type, id: record.mergedIntoId, words: 'Merged into' }
    : record.convertedContactId
      ? { type: 'contact' as const, id: record.convertedContactId, words: 'Converted into' }
      : null;
  return (
    <p className="notice" role="status">
      Archived on {new Date(String(record.archivedAt)).toLocaleDateString()}.{' '}
      {target ? (
        <>
          {target.words} <RecordLink type={target.type} id={target.id} name="this record" />.
        </>
      ) : null}
    </p>
  );
}

/** The "New …" button of a list page, opening the create form; a created record opens its page. */
export function NewRecordButton(props: { type: RecordKind }) {
  const [open, setOpen] = useState(false);
  const navigate = useNavigate();
  const noun = typeWords[props.type].toLowerCase();
  if (!open)
    return (
      <button type="button" onClick={() => setOpen(true)}>
        New {noun}
      </button>
    );
  return (
    <RecordForm
      type={props.type}
      record={null}
      onSaved={(saved) => void navigate(recordUrl(props.type, saved.id))}
      onCancel={() => setOpen(false)}
    />
  );
}
