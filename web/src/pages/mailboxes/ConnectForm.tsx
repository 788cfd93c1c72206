import { useId, useState, type FormEvent } from 'react';
import {
  errorMessage,
  type ConnectionTest,
  type Mailbox,
  type MailboxStatus,
  type ProviderPreset,
} from '../../api';
import { ErrorText, Section } from '../../components/ui';
import { connectionProblem } from '../../mail-words';
import { useApiPost, useInterval, useResource } from '../../use-resource';
import { CaptureChoices } from './CaptureChoices';
import {
  connectionKey,
  customForm,
  mailboxInputOf,
  withPreset,
  type FormState,
} from './connect-form-state';
import { Check, Field, SecuritySelect } from './form-fields';

/** The connect form: servers and credentials, a connection test, then what to capture. */
export function ConnectForm({ onConnected }: { onConnected: () => void }) {
  const presets = useResource<ProviderPreset[]>('/api/mailboxes/presets');
  const post = useApiPost();
  const [form, setForm] = useState<FormState>(customForm);
  const [test, setTest] = useState<{ key: string; result: ConnectionTest } | null>(null);
  const [folders, setFolders] = useState<string[]>([]);
  const [busy, setBusy] = useState<'testing' | 'connecting' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [connected, setConnected] = useState<Mailbox | null>(null);
  const id = useId();

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) =>
    setForm((current) => ({ ...current, [key]: value }));
  const preset = presets.data?.find((p) => p.id === form.provider) ?? null;
  const testHolds = test !== null && test.key === connectionKey(form);
  const passed = testHolds && test.result.ok ? test.result : null;

  function choosePreset(providerId: string) {
    const chosen = presets.data?.find((p) => p.id === providerId);
    setForm((current) => withPreset(current, providerId, chosen));
  }

  async function runTest() {
    setBusy('testing');
    setError(null);
    setConnected(null);
    const key = connectionKey(form);
    try {
      const result = await post<ConnectionTest>('/api/mailboxes/test', mailboxInputOf(form, null));
      setTest({ key, result });
      if (result.ok) {
        setFolders(result.folders.filter((f) => f.defaultSelected).map((f) => f.path));
      }
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(null);
    }
  }

  async function connect(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!passed) return;
    setBusy('connecting');
    setError(null);
    try {
      const mailbox = await post<Mailbox>('/api/mailboxes', mailboxInputOf(form, folders));
      setConnected(mailbox);
      setForm(customForm);
      setTest(null);
      onConnected();
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(null);
    }
  }

  const failed = testHolds && !test.result.ok ? test.result : null;
  const problem = failed ? connectionProblem(failed.code) : null;

  return (
    <Section title="Connect a mailbox">
      <form
        className="connect-form"
        onSubmit={(event) => void connect(event)}
        aria-busy={busy !== null}
        aria-label="Connect a mailbox"
      >
        <Field label="Provider" htmlFor={`${id}-provider`}>
          <select
            id={`${id}-provider`}
            value={form.provider}
            onChange={(event) => choosePreset(event.target.value)}
          >
            <option value="custom">Custom server</option>
            {(presets.data ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
          {preset ? <small className="muted">{preset.note}</small> : null}
        </Field>
        <Field label="Name shown in Threadline" htmlFor={`${id}-label`}>
          <input
            id={`${id}-label`}
            value={form.label}
            placeholder="Work mail"
            onChange={(event) => set('label', event.target.value)}
          />
        </Field>
        <Field label="User name" htmlFor={`${id}-user`}>
          <input
            id={`${id}-user`}
            required
            autoComplete="off"
            value={form.user}
            placeholder="you@example.com"
            onChange={(event) => set('user', event.target.value)}
          />
        </Field>
        <Field label="Password or app password" htmlFor={`${id}-password`}>
          <input
            id={`${id}-password`}
            type="password"
            required
            autoComplete="new-password"
            value={form.password}
            onChange={(event) => set('password', event.target.value)}
          />
        </Field>
        <fieldset>
          <legend>Incoming mail (IMAP)</legend>
          <Field label="IMAP server" htmlFor={`${id}-host`}>
            <input
              id={`${id}-host`}
              required
              value={form.host}
              placeholder="imap.example.com"
              onChange={(event) => set('host', event.target.value)}
            />
          </Field>
          <Field label="IMAP port" htmlFor={`${id}-port`}>
            <input
              id={`${id}-port`}
              type="number"
              min={1}
              max={65535}
              required
              value={form.port}
              onChange={(event) => set('port', event.target.value)}
            />
          </Field>
          <Field label="Security" htmlFor={`${id}-security`}>
            <SecuritySelect
              id={`${id}-security`}
              value={form.security}
              onChange={(value) => set('security', value)}
            />
          </Field>
          <Check
            label="Accept a self-signed certificate"
            checked={form.allowSelfSigned}
            onChange={(value) => set('allowSelfSigned', value)}
          />
        </fieldset>
        <fieldset>
          <legend>Outgoing mail (SMTP)</legend>
          <Check
            label="Send mail through this mailbox, with the same credentials as incoming"
            checked={form.smtpEnabled}
            onChange={(value) => set('smtpEnabled', value)}
          />
          {form.smtpEnabled ? (
            <>
              <Field label="SMTP server" htmlFor={`${id}-smtp-host`}>
                <input
                  id={`${id}-smtp-host`}
                  required
                  value={form.smtpHost}
                  onChange={(event) => set('smtpHost', event.target.value)}
                />
              </Field>
              <Field label="SMTP port" htmlFor={`${id}-smtp-port`}>
                <input
                  id={`${id}-smtp-port`}
                  type="number"
                  min={1}
                  max={65535}
                  required
                  value={form.smtpPort}
                  onChange={(event) => set('smtpPort', event.target.value)}
                />
              </Field>
              <Field label="SMTP security" htmlFor={`${id}-smtp-security`}>
                <SecuritySelect
                  id={`${id}-smtp-security`}
                  value={form.smtpSecurity}
                  onChange={(value) => set('smtpSecurity', value)}
                />
              </Field>
            </>
          ) : null}
        </fieldset>

        <div className="form-actions">
          <button
            type="button"
            disabled={busy !== null || !form.user || !form.password || !form.host}
            onClick={() => void runTest()}
          >
            {busy === 'testing' ? 'Testing…' : 'Test connection'}
          </button>
        </div>
        {failed && problem ? (
          <div className="error" role="alert">
            <strong>{problem.title}</strong>
            <p>{problem.advice}</p>
            <p className="muted">
              Server said: {failed.message} ({failed.code})
            </p>
          </div>
        ) : null}

        {passed ? (
          <CaptureChoices
            id={id}
            form={form}
            set={set}
            found={passed.folders}
            folders={folders}
            setFolders={setFolders}
            connecting={busy === 'connecting'}
            disabled={busy !== null}
          />
        ) : null}
        <ErrorText message={error} />
        {connected ? <ConnectedNotice mailbox={connected} /> : null}
      </form>
    </Section>
  );
}

/** What became of the mailbox just connected, as its health says, until it is up to date. */
function ConnectedNotice({ mailbox }: { mailbox: Mailbox }) {
  const status = useResource<MailboxStatus>(
    `/api/mailboxes/${encodeURIComponent(mailbox.id)}/status`,
    { live: ['mailboxes'] },
  );
  useInterval(status.reload, 3000);
  const state = status.data?.state;
  if (state !== 'connecting' && state !== 'backfilling' && state !== 'live') return null;
  return (
    <p className="notice" role="status">
      {state === 'live'
        ? `${mailbox.label} is connected and up to date.`
        : `${mailbox.label} is connected; its history is being imported.`}
    </p>
  );
}
