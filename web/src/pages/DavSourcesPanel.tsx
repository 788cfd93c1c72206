import { useId, useState, type FormEvent } from 'react';
import { errorMessage, type DavSource, type Mailbox } from '../api';
import { ErrorText, Section } from '../components/ui';
import { formatDateTime } from '../mail-words';
import { useApiSend, useResource } from '../use-resource';
import { Field } from './mailboxes/form-fields';

const kindWords = { caldav: 'Calendar', carddav: 'Address book' } as const;

/**
 * Calendars and address books: connect one (the server is asked before
 * anything is stored, so a wrong password is refused at once), and each
 * one's health with what its owner can do with it.
 */
export function DavSourcesPanel({ mailboxes }: { mailboxes: readonly Mailbox[] }) {
  const sources = useResource<{ items: DavSource[] }>('/api/dav-sources');
  return (
    <Section title="Calendars and address books">
      <ErrorText message={sources.error} />
      {(sources.data?.items ?? []).map((source) => (
        <DavSourceHealth key={source.id} source={source} onChanged={sources.reload} />
      ))}
      {sources.data && sources.data.items.length === 0 ? (
        <p className="muted">No calendar or address book connected yet.</p>
      ) : null}
      <DavConnectForm mailboxes={mailboxes} onConnected={sources.reload} />
    </Section>
  );
}

function DavSourceHealth({ source, onChanged }: { source: DavSource; onChanged: () => void }) {
  const send = useApiSend();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<string | null>(null);
  const path = `/api/dav-sources/${encodeURIComponent(source.id)}`;

  async function act(run: () => Promise<string | null>) {
    setBusy(true);
    try {
      setOutcome(await run());
    } catch (error) {
      setOutcome(errorMessage(error));
    } finally {
      setBusy(false);
      onChanged();
    }
  }
  const syncNow = () =>
    act(async () => {
      const result = await send<{ ok: boolean; fetched?: number; message?: string }>(
        'POST',
        `${path}/sync`,
      );
      return result.ok ? `Synced: ${result.fetched ?? 0} changed.` : (result.message ?? null);
    });
  const remove = () =>
    act(async () => {
      await send('DELETE', path);
      return null;
    });

  return (
    <article className="dav-source" aria-label={`${kindWords[source.kind]} ${source.label}`}>
      <h3>
        {kindWords[source.kind]}: {source.label}{' '}
        <span className={`state state-${source.state}`}>{source.state}</span>
      </h3>
      <p className="muted">
        {source.url} · signed in {source.mailboxId ? 'with the mailbox' : 'as'} {source.username}
      </p>
      <p>
        Last sync: {source.lastSyncAt ? formatDateTime(String(source.lastSyncAt)) : 'never'} ·{' '}
        {source.serverCount ?? '?'} on the server, {source.handledCount} handled,{' '}
        {source.failedCount} failed
      </p>
      <ErrorText message={source.stateMessage} />
      {outcome ? <p role="status">{outcome}</p> : null}
      <button type="button" disabled={busy} onClick={() => void syncNow()}>
        Sync now
      </button>{' '}
      <button type="button" disabled={busy} onClick={() => void remove()}>
        Remove
      </button>
    </article>
  );
}

function DavConnectForm(props: { mailboxes: readonly Mailbox[]; onConnected: () => void }) {
  const send = useApiSend();
  const id = useId();
  const [form, setForm] = useState({
    kind: 'caldav' as DavSource['kind'],
    label: '',
    url: '',
    username: '',
    password: '',
    mailboxId: '',
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const set = (key: keyof typeof form, value: string) =>
    setForm((current) => ({ ...current, [key]: value }));
  const text = (
    label: string,
    key: 'label' | 'url' | 'username' | 'password',
    type?: 'url' | 'password',
  ) => (
    <TextField
      label={label}
      id={`${id}-${key}`}
      {...(type ? { type } : {})}
      value={form[key]}
      onChange={(value) => set(key, value)}
    />
  );

  async function connect(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const { mailboxId, username, password, ...rest } = form;
    try {
      await send('POST', '/api/dav-sources', {
        ...rest,
        ...(mailboxId ? { mailboxId } : { username, password }),
      });
      setForm((current) => ({ ...current, label: '', url: '', password: '' }));
      props.onConnected();
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(event) => void connect(event)} aria-label="Connect a calendar or address book">
      <h3>Connect a calendar or address book</h3>
      <Field label="Kind" htmlFor={`${id}-kind`}>
        <select
          id={`${id}-kind`}
          value={form.kind}
          onChange={(event) => set('kind', event.target.value)}
        >
          <option value="caldav">Calendar (CalDAV)</option>
          <option value="carddav">Address book (CardDAV)</option>
        </select>
      </Field>
      {text('Name', 'label')}
      {text('Collection URL', 'url', 'url')}
      <Field label="Sign in with" htmlFor={`${id}-mailbox`}>
        <select
          id={`${id}-mailbox`}
          value={form.mailboxId}
          onChange={(event) => set('mailboxId', event.target.value)}
        >
          <option value="">A user name and password</option>
          {props.mailboxes.map((mailbox) => (
            <option key={mailbox.id} value={mailbox.id}>
              The sign-in of mailbox {mailbox.label}
            </option>
          ))}
        </select>
      </Field>
      {form.mailboxId ? null : (
        <>
          {text('User name', 'username')}
          {text('Password', 'password', 'password')}
        </>
      )}
      <ErrorText message={error} />
      <button type="submit" disabled={busy}>
        {busy ? 'Testing the connection…' : 'Test and connect'}
      </button>
    </form>
  );
}

function TextField(props: {
  label: string;
  id: string;
  type?: 'url' | 'password';
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <Field label={props.label} htmlFor={props.id}>
      <input
        id={props.id}
        type={props.type ?? 'text'}
        required
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
      />
    </Field>
  );
}
