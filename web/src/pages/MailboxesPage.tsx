import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import {
  errorMessage,
  type CaptureMode,
  type ConnectionTest,
  type DataScope,
  type Mailbox,
  type MailboxInput,
  type MailboxStatus,
  type ProviderPreset,
  type Security,
  type SharingSettings,
} from '../api';
import { Link } from 'react-router-dom';
import { sampleOf, secondsLeft, type BackfillSample } from '../backfill-progress';
import { EditableList } from '../components/EditableList';
import { ErrorText, Loading, Section } from '../components/ui';
import { connectionProblem, durationWords, formatDateTime, syncStateWords } from '../mail-words';
import { useApiPost, useDocumentTitle, useInterval, useResource } from '../use-resource';

const pollMs = 3000;

export function MailboxesPage() {
  useDocumentTitle('Mailboxes');
  const mailboxes = useResource<Mailbox[]>('/api/mailboxes');
  const imapMailboxes = (mailboxes.data ?? []).filter((mailbox) => mailbox.kind === 'imap');
  return (
    <>
      <header className="page-head">
        <h1>Mailboxes</h1>
      </header>
      <ErrorText message={mailboxes.error} />
      {mailboxes.loading && !mailboxes.data ? <Loading /> : null}
      {imapMailboxes.map((mailbox) => (
        <HealthPanel key={mailbox.id} mailbox={mailbox} />
      ))}
      {mailboxes.data && imapMailboxes.length === 0 ? (
        <p className="muted">No mailbox connected yet.</p>
      ) : null}
      <ConnectForm onConnected={mailboxes.reload} />
      <EditableList<{ items: string[] }>
        title="Never capture"
        description="Mail to or from these addresses and domains is never captured from your mailboxes, whatever else it matches. Colleagues' mailboxes are not affected."
        path="/api/me/blocklist"
        valuesOf={(answer) => answer.items}
        bodyOf={(pattern) => ({ pattern })}
        empty="Nothing blocked."
        listLabel="Blocked addresses and domains"
        inputLabel="Address or domain"
        inputType="text"
        placeholder="friend@example.com or example.com"
        addLabel="Block"
      />
    </>
  );
}

/** One mailbox's sync health, polled: state, lag, last error in words, counts per folder. */
function HealthPanel({ mailbox }: { mailbox: Mailbox }) {
  const status = useResource<MailboxStatus>(
    `/api/mailboxes/${encodeURIComponent(mailbox.id)}/status`,
  );
  useInterval(status.reload, pollMs);
  const post = useApiPost();
  const [syncError, setSyncError] = useState<string | null>(null);
  const data = status.data;
  const problem = data?.code ? connectionProblem(data.code) : null;
  // The first sample seen while back-filling: the rate since then gives the time left.
  const firstSample = useRef<BackfillSample | null>(null);
  const latest = data ? sampleOf(data.folders, Date.now()) : null;
  if (data?.state !== 'backfilling') firstSample.current = null;
  else if (latest && !firstSample.current) firstSample.current = latest;
  const left = firstSample.current && latest ? secondsLeft(firstSample.current, latest) : null;

  async function syncNow() {
    setSyncError(null);
    try {
      await post(`/api/mailboxes/${encodeURIComponent(mailbox.id)}/sync`);
      status.reload();
    } catch (error) {
      setSyncError(errorMessage(error));
    }
  }

  return (
    <Section title={`Health: ${mailbox.label}`}>
      <ErrorText message={status.error ?? syncError} />
      {data ? (
        <>
          <div className="health-head">
            <span className={`state state-${data.state}`}>{syncStateWords[data.state]}</span>
            <span className="muted">
              {mailbox.imap ? `${mailbox.imap.user} on ${mailbox.imap.host}` : null}
            </span>
            <button type="button" onClick={() => void syncNow()}>
              Sync now
            </button>
          </div>
          <dl className="fields">
            <dt>Last synced</dt>
            <dd>
              {data.lagSeconds === null
                ? 'Not yet'
                : `${durationWords(data.lagSeconds)} ago (${formatDateTime(data.lastSuccessAt)})`}
            </dd>
            {data.state === 'backfilling' && latest ? (
              <>
                <dt>Back-fill</dt>
                <dd>
                  {latest.considered.toLocaleString()} of {latest.onServer.toLocaleString()}{' '}
                  messages on the server considered
                  {left === null ? '' : ` · at most ${durationWords(left)} left`}
                </dd>
              </>
            ) : null}
            {data.state === 'retrying' ? (
              <>
                <dt>Attempt</dt>
                <dd>{data.attempt}</dd>
              </>
            ) : null}
            {problem ? (
              <>
                <dt>Last error</dt>
                <dd role="status">
                  <strong>{problem.title}.</strong> {problem.advice}
                  {data.message ? (
                    <span className="muted"> Server said: {data.message}</span>
                  ) : null}
                </dd>
              </>
            ) : null}
          </dl>
          <FolderTable folders={data.folders} />
        </>
      ) : status.loading ? (
        <Loading />
      ) : null}
    </Section>
  );
}

function FolderTable({ folders }: { folders: MailboxStatus['folders'] }) {
  if (folders.length === 0) return <p className="muted">No folders read yet.</p>;
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">Folders and what was captured from them</caption>
        <thead>
          <tr>
            <th scope="col">Folder</th>
            <th scope="col">State</th>
            <th scope="col">On server</th>
            <th scope="col">Captured</th>
            <th scope="col">Ignored</th>
            <th scope="col">Failed</th>
            <th scope="col">Last success</th>
          </tr>
        </thead>
        <tbody>
          {folders.map((folder) => (
            <tr key={folder.path} className={folder.selected ? undefined : 'muted'}>
              <td>
                {folder.path}
                {folder.selected ? null : <span className="muted"> (skipped)</span>}
              </td>
              <td>
                {folder.selected ? syncStateWords[folder.state] : '—'}
                {folder.code ? (
                  <span className="muted"> · {connectionProblem(folder.code).title}</span>
                ) : null}
              </td>
              <td className="number">{folder.onServer ?? '—'}</td>
              <td className="number">{folder.captured}</td>
              <td className="number">{folder.ignored}</td>
              <td className="number">{folder.failed}</td>
              <td>{formatDateTime(folder.lastSuccessAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface FormState {
  provider: string;
  label: string;
  user: string;
  password: string;
  host: string;
  port: string;
  security: Security;
  allowSelfSigned: boolean;
  smtpEnabled: boolean;
  smtpHost: string;
  smtpPort: string;
  smtpSecurity: Security;
  activityWindowDays: string;
  statsWindowDays: string;
  dataScope: DataScope;
  captureMode: CaptureMode;
  createContacts: boolean;
}

const customForm: FormState = {
  provider: 'custom',
  label: '',
  user: '',
  password: '',
  host: '',
  port: '993',
  security: 'tls',
  allowSelfSigned: false,
  smtpEnabled: false,
  smtpHost: '',
  smtpPort: '587',
  smtpSecurity: 'starttls',
  activityWindowDays: '30',
  statsWindowDays: '180',
  dataScope: 'full',
  captureMode: 'auto',
  createContacts: false,
};

/** The settings that decide whether a connection test still holds. */
const connectionKey = (form: FormState) =>
  JSON.stringify([
    form.user,
    form.password,
    form.host,
    form.port,
    form.security,
    form.allowSelfSigned,
  ]);

function ConnectForm({ onConnected }: { onConnected: () => void }) {
  const presets = useResource<ProviderPreset[]>('/api/mailboxes/presets');
  const post = useApiPost();
  const [form, setForm] = useState<FormState>(customForm);
  const [test, setTest] = useState<{ key: string; result: ConnectionTest } | null>(null);
  const [folders, setFolders] = useState<string[]>([]);
  const [busy, setBusy] = useState<'testing' | 'connecting' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [connected, setConnected] = useState<string | null>(null);
  const id = useId();

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) =>
    setForm((current) => ({ ...current, [key]: value }));
  const preset = presets.data?.find((p) => p.id === form.provider) ?? null;
  const testHolds = test !== null && test.key === connectionKey(form);
  const passed = testHolds && test.result.ok ? test.result : null;

  function choosePreset(providerId: string) {
    const chosen = presets.data?.find((p) => p.id === providerId);
    setForm((current) =>
      chosen
        ? {
            ...current,
            provider: providerId,
            host: chosen.imap.host,
            port: String(chosen.imap.port),
            security: chosen.imap.security,
            smtpEnabled: true,
            smtpHost: chosen.smtp.host,
            smtpPort: String(chosen.smtp.port),
            smtpSecurity: chosen.smtp.security,
          }
        : { ...current, provider: 'custom', smtpEnabled: false },
    );
  }

  function input(withFolders: string[] | null): MailboxInput {
    return {
      label: form.label.trim() || form.user.trim(),
      imap: {
        host: form.host.trim(),
        port: Number(form.port),
        security: form.security,
        user: form.user.trim(),
        allowSelfSigned: form.allowSelfSigned,
      },
      auth: { kind: 'password', password: form.password },
      smtp: form.smtpEnabled
        ? {
            host: form.smtpHost.trim(),
            port: Number(form.smtpPort),
            security: form.smtpSecurity,
            sameCredentialsAsIncoming: true,
          }
        : null,
      folders: withFolders,
      activityWindowDays: Number(form.activityWindowDays),
      statsWindowDays: Number(form.statsWindowDays),
      dataScope: form.dataScope,
      captureMode: form.captureMode,
      createContacts: form.createContacts,
    };
  }

  async function runTest() {
    setBusy('testing');
    setError(null);
    setConnected(null);
    const key = connectionKey(form);
    try {
      const result = await post<ConnectionTest>('/api/mailboxes/test', input(null));
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
      const mailbox = await post<Mailbox>('/api/mailboxes', input(folders));
      setConnected(mailbox.label);
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
          <>
            <p className="notice" role="status">
              Connected. The server has {passed.folders.length} folders.
            </p>
            <fieldset>
              <legend>Folders to capture</legend>
              <p className="muted">
                Spam, Trash, Drafts and Junk are left out unless you tick them.
              </p>
              <ul className="plain folder-list">
                {passed.folders.map((folder) => (
                  <li key={folder.path}>
                    <Check
                      label={
                        folder.specialUse
                          ? `${folder.path} (${folder.specialUse.replace('\\', '')})`
                          : folder.path
                      }
                      checked={folders.includes(folder.path)}
                      onChange={(value) =>
                        setFolders((current) =>
                          value
                            ? [...current, folder.path]
                            : current.filter((p) => p !== folder.path),
                        )
                      }
                    />
                  </li>
                ))}
              </ul>
            </fieldset>
            <fieldset>
              <legend>History to import</legend>
              <Field label="Conversations from the last (days)" htmlFor={`${id}-activity`}>
                <input
                  id={`${id}-activity`}
                  type="number"
                  min={0}
                  max={3650}
                  value={form.activityWindowDays}
                  onChange={(event) => set('activityWindowDays', event.target.value)}
                />
              </Field>
              <Field label="Statistics from the last (days)" htmlFor={`${id}-stats`}>
                <input
                  id={`${id}-stats`}
                  type="number"
                  min={0}
                  max={3650}
                  value={form.statsWindowDays}
                  onChange={(event) => set('statsWindowDays', event.target.value)}
                />
              </Field>
            </fieldset>
            <fieldset>
              <legend>What to keep</legend>
              <Radio
                name={`${id}-scope`}
                options={[
                  ['full', 'Full e-mail with attachments'],
                  ['no_attachments', 'Full e-mail without attachments'],
                  [
                    'metadata',
                    'Subject, date and participants only (only participants open the mail)',
                  ],
                ]}
                value={form.dataScope}
                onChange={(value) => set('dataScope', value)}
              />
              <p className="muted">
                Who else sees this mail follows your sharing setting: <SharingWords /> (
                <Link to="/settings">change it in Settings</Link>).
              </p>
            </fieldset>
            <fieldset>
              <legend>Filing</legend>
              <Radio
                name={`${id}-mode`}
                options={[
                  ['auto', 'File conversations automatically'],
                  ['review', 'Let me review before filing (in Review)'],
                ]}
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
              <button
                type="submit"
                className="primary"
                disabled={busy !== null || folders.length === 0}
              >
                {busy === 'connecting' ? 'Connecting…' : 'Connect mailbox'}
              </button>
            </div>
          </>
        ) : null}
        <ErrorText message={error} />
        {connected ? (
          <p className="notice" role="status">
            {connected} is connected; its history is being imported.
          </p>
        ) : null}
      </form>
    </Section>
  );
}

function Field(props: { label: string; htmlFor: string; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={props.htmlFor}>{props.label}</label>
      {props.children}
    </div>
  );
}

function Check(props: { label: string; checked: boolean; onChange: (value: boolean) => void }) {
  return (
    <label className="check">
      <input
        type="checkbox"
        checked={props.checked}
        onChange={(event) => props.onChange(event.target.checked)}
      />
      {props.label}
    </label>
  );
}

function Radio<T extends string>(props: {
  name: string;
  options: [T, string][];
  value: T;
  onChange: (value: T) => void;
}) {
  return (
    <>
      {props.options.map(([value, label]) => (
        <label key={value} className="check">
          <input
            type="radio"
            name={props.name}
            checked={props.value === value}
            onChange={() => props.onChange(value)}
          />
          {label}
        </label>
      ))}
    </>
  );
}

function SecuritySelect(props: {
  id: string;
  value: Security;
  onChange: (value: Security) => void;
}) {
  return (
    <select
      id={props.id}
      value={props.value}
      onChange={(event) => props.onChange(event.target.value as Security)}
    >
      <option value="tls">TLS (usually port 993 / 465)</option>
      <option value="starttls">STARTTLS (usually port 143 / 587)</option>
      <option value="none">None (unencrypted; local servers only)</option>
    </select>
  );
}

const sharingWords: Record<SharingSettings['mode'], string> = {
  private: 'private, only you',
  public: 'public, everyone in the organisation',
  custom: 'custom, the colleagues you named',
};

/** The user's sharing mode in a few words, as the mailbox form reminds it. */
function SharingWords() {
  const sharing = useResource<SharingSettings>('/api/me/sharing');
  if (!sharing.data) return <>…</>;
  return (
    <strong>
      {sharingWords[sharing.data.mode]}
      {sharing.data.imposedByAdmin ? ', set by an admin' : ''}
    </strong>
  );
}
