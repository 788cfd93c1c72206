import type { RecordFile } from '../api';
import { recordTables } from '../api';
import { useResource } from '../use-resource';
import type { ComposeContext, StoredFile, Upload } from './draft';

const kilobytes = (size: number) => `${Math.max(1, Math.ceil(size / 1024))} KB`;

function readAsBase64(file: File): Promise<Upload> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error ?? new Error(`Could not read ${file.name}`));
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      resolve({
        filename: file.name,
        contentType: file.type || 'application/octet-stream',
        contentBase64: url.slice(url.indexOf(',') + 1),
        size: file.size,
      });
    };
    reader.readAsDataURL(file);
  });
}

/** Files from the computer, and files kept with the record's mail. */
export function AttachmentPicker(props: {
  record: ComposeContext['record'];
  uploads: Upload[];
  stored: StoredFile[];
  onUploads: (uploads: Upload[]) => void;
  onStored: (stored: StoredFile[]) => void;
}) {
  const isChosen = (file: RecordFile) =>
    props.stored.some((s) => s.messageId === file.messageId && s.position === file.position);
  const toggle = (file: RecordFile, on: boolean) =>
    props.onStored(
      on
        ? [...props.stored, { messageId: file.messageId, position: file.position }]
        : props.stored.filter(
            (s) => s.messageId !== file.messageId || s.position !== file.position,
          ),
    );

  return (
    <fieldset>
      <legend>Attachments</legend>
      <label className="field">
        From your computer
        <input
          type="file"
          multiple
          onChange={(event) => {
            const chosen = Array.from(event.target.files ?? []);
            void Promise.all(chosen.map(readAsBase64)).then((read) =>
              props.onUploads([...props.uploads, ...read]),
            );
            event.target.value = '';
          }}
        />
      </label>
      {props.uploads.length > 0 ? (
        <ul className="plain">
          {props.uploads.map((upload, index) => (
            <li key={`${upload.filename}-${index}`}>
              {upload.filename} ({kilobytes(upload.size)}){' '}
              <button
                type="button"
                className="link"
                onClick={() => props.onUploads(props.uploads.filter((_, i) => i !== index))}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {props.record ? (
        <RecordFiles record={props.record} isChosen={isChosen} onToggle={toggle} />
      ) : null}
    </fieldset>
  );
}

function RecordFiles(props: {
  record: NonNullable<ComposeContext['record']>;
  isChosen: (file: RecordFile) => boolean;
  onToggle: (file: RecordFile, on: boolean) => void;
}) {
  const { type, id } = props.record;
  const files = useResource<{ items: RecordFile[] }>(
    `/api/${recordTables[type]}/${encodeURIComponent(id)}/files`,
  );
  if (!files.data || files.data.items.length === 0) return null;
  return (
    <div>
      <p className="muted">Files kept with this record’s mail</p>
      <ul className="plain">
        {files.data.items.map((file) => (
          <li key={`${file.messageId}-${file.position}`}>
            <label className="check">
              <input
                type="checkbox"
                checked={props.isChosen(file)}
                onChange={(event) => props.onToggle(file, event.target.checked)}
              />
              {file.filename ?? 'unnamed'} ({kilobytes(file.size)})
            </label>
          </li>
        ))}
      </ul>
    </div>
  );
}
