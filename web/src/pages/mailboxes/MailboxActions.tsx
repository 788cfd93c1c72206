import { useId, useState, type FormEvent } from 'react';
import { errorMessage, type CaptureMode, type DataScope, type Mailbox } from '../../api';
import { ErrorText } from '../../components/ui';
import { useApiSend } from '../../use-resource';
import { captureModeOptions, dataScopeOptions, WindowFields } from './CaptureChoices';
import { Check, Field, Radio } from './form-fields';

interface EditState {
  label: string;
  password: string;
  activityWindowDays: string;
  statsWindowDays: string;
  dataScope: DataScope;
  captureMode: CaptureMode;
  createContacts: boolean;
}

const editStateOf = (mailbox: Mailbox): EditState => ({
  label: mailbox.label,
  password: '',
  activityWindowDays: String(mailbox.activityWindowDays),
  statsWindowDays: String(mailbox.statsWindowDays),
  dataScope: mailbox.dataScope,
  captureMode: mailbox.captureMode,
  createContacts: mailbox.createContacts,
});

/** Edit, pause or resume, and disconnect one mailbox; `onChanged` reloads the list. */
export function MailboxActions(props: { mailbox: Mailbox; onChanged: () => void }) {
  const { mailbox } = props;
  const send = useApiSend();
  const [open, setOpen] = useState<'edit' | 'disconnect' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const path = `/api/mailboxes/${encodeURIComponent(mailbox.id)}`;
  const toggle = (form: 'edit' | 'disconnect') => {
    setError(null);
    setOpen(open === form ? null : form);
  };

  async function run(method: 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) {
    setBusy(true);
    setError(null);
    try {
      await send(method, url, body);
      setOpen(null);
      props.onChanged();
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="mailbox-actions">
      <div className="form-actions">
        <button type="button" onClick={() => toggle('edit')}>
          Edit
        </button>
        <button
          type="button"
          disabled={busy}
          onClick={() => void run('POST', `${path}/${mailbox.pausedAt ? 'resume' : 'pause'}`)}
        >
          {mailbox.pausedAt ? 'Resume' : 'Pause'}
        </button>
        <button type="button" onClick={() => toggle('disconnect')}>
          Disconnect
        </button>
      </div>
      <ErrorText message={error} />
      {open === 'edit' ? (
        <EditForm mailbox={mailbox} busy={busy} onSave={(body) => void run('PATCH', path, body)} />
      ) : null}
      {open === 'disconnect' ? (
        <DisconnectForm
          label={mailbox.label}
          busy={busy}
          onConfirm={(keepMail) => void run('DELETE', `${path}?keepMail=${String(keepMail)}`)}
        />
      ) : null}
    </div>
  );
}

function EditForm(props: { mailbox: Mailbox; busy: boolean; onSave: (body: object) => void }) {
  const id = useId();
  const [form, setForm] = useState<EditState>(() => editStateOf(props.mailbox));
  const set = <K extends keyof EditState>(key: K, value: EditState[K]) =>
    setForm((current) => ({ ...current, [key]: value }));

  function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    props.onSave({
      label: form.label,
      // Left empty, the stored password stays; a new one is tried on the server first.
      ...(form.password ? { auth: { kind: 'password', password: form.password } } : {}),
      activityWindowDays: Number(form.activityWindowDays),
      statsWindowDays: Number(form.statsWindowDays),
      dataScope: form.dataScope,
      captureMode: form.captureMode,
      createContacts: form.createContacts,
    });
  }

  return (
    <form className="connect-form" onSubmit={save} aria-busy={props.busy}>
      <Field label="Name shown in Threadline" htmlFor={`${id}-label`}>
        <input
          id={`${id}-label`}
          value={form.label}
          onChange={(event) => set('label', event.target.value)}
        />
      </Field>
      {props.mailbox.imap?.authKind === 'oauth2' ? null : (
        <Field label="New password or app password (leave empty to keep)" htmlFor={`${id}-pw`}>
          <input
            id={`${id}-pw`}
            type="password"
            autoComplete="new-password"
            value={form.password}
            onChange={(event) => set('password', event.target.value)}
          />
        </Field>
      )}
      <WindowFields
        id={id}
        activity={form.activityWindowDays}
        stats={form.statsWindowDays}
        set={set}
      />
      <fieldset>
        <legend>What to keep</legend>
        <Radio
          name={`${id}-scope`}
          options={dataScopeOptions}
          value={form.dataScope}
          onChange={(value) => set('dataScope', value)}
        />
      </fieldset>
      <fieldset>
        <legend>Filing</legend>
        <Radio
          name={`${id}-mode`}
          options={captureModeOptions}
          value={form.captureMode}
          onChange={(value) => set('captureMode', value)}
        />
        <Check
          label="Create contacts for new people on known accounts’ domains"
          checked={form.createContacts}
          onChange={(value) => set('createContacts', value)}
        />
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={props.busy}>
          {props.busy ? 'Saving…' : 'Save changes'}
        </button>
      </div>
    </form>
  );
}

function DisconnectForm(props: {
  label: string;
  busy: boolean;
  onConfirm: (keepMail: boolean) => void;
}) {
  const id = useId();
  const [keep, setKeep] = useState<'keep' | 'delete'>('keep');
  return (
    <form
      className="connect-form"
      onSubmit={(event) => {
        event.preventDefault();
        props.onConfirm(keep === 'keep');
      }}
    >
      <fieldset>
        <legend>Disconnect “{props.label}”?</legend>
        <Radio
          name={`${id}-keep`}
          options={[
            ['keep', 'Keep the mail already captured'],
            ['delete', 'Delete the mail only this mailbox captured'],
          ]}
          value={keep}
          onChange={setKeep}
        />
      </fieldset>
      <div className="form-actions">
        <button type="submit" disabled={props.busy}>
          Disconnect
        </button>
      </div>
    </form>
  );
}
