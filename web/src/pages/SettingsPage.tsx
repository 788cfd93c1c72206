import { useEffect, useId, useState, type FormEvent } from 'react';
import {
  errorMessage,
  type AuditEntry,
  type Colleague,
  type DoNotTrackEntry,
  type SharingMode,
  type SharingSettings,
} from '../api';
import { EditableList, RemovableList } from '../components/EditableList';
import {
  ErrorText,
  Loading,
  PersonSelect,
  RecordTable,
  Section,
  type Column,
} from '../components/ui';
import { formatDateTime } from '../mail-words';
import { useSession } from '../session';
import { useApiSend, useDocumentTitle, useResource } from '../use-resource';
import { SignaturePanel } from '../compose/SignaturePanel';
import { TemplatesPanel } from '../compose/TemplatesPanel';
import { BreakGlassPanel } from './BreakGlassPanel';
import { CaptureAddressPanel } from './CaptureAddressPanel';
import { FleetPanel } from './FleetPanel';
import { OAuthClientsPanel } from './OAuthClientsPanel';
import { OrganisationMailPanel } from './OrganisationMailPanel';
import { PrivateReadsPanel } from './PrivateReadsPanel';
import { SenderAddressPanel } from './SenderAddressPanel';
import { SendingDomainsPanel } from './SendingDomainsPanel';
import { StrengthWeightsPanel } from './StrengthWeightsPanel';
import { UsersPanel } from './UsersPanel';

const modes: [SharingMode, string, string][] = [
  [
    'private',
    'Private',
    'only me: not my managers, not even admins, unless an admin breaks the glass (an audited read with a reason, listed under “Who read my private mail”)',
  ],
  ['public', 'Public', 'everyone in the organisation'],
  ['custom', 'Custom', 'the colleagues I name, and my managers and admins for what I share'],
];

/**
 * Sharing and the capture address for everyone; users, do-not-track, the
 * sync workers and the audit log for admins.
 */
export function SettingsPage() {
  useDocumentTitle('Settings');
  const { state } = useSession();
  const isAdmin = state.status === 'signed-in' && state.session.user.role === 'admin';
  // Bumped after each change so the audit log shows it without a page reload.
  const [changes, setChanges] = useState(0);
  const changed = () => setChanges((n) => n + 1);
  return (
    <>
      <header className="page-head">
        <h1>Settings</h1>
      </header>
      <SharingPanel onSaved={changed} />
      <PrivateReadsPanel />
      <CaptureAddressPanel />
      <SenderAddressPanel />
      <SignaturePanel />
      <TemplatesPanel />
      {isAdmin ? (
        <>
          <UsersPanel onChanged={changed} />
          <BreakGlassPanel onChanged={changed} />
          <OAuthClientsPanel onChanged={changed} />
          <OrganisationMailPanel onChanged={changed} />
          <SendingDomainsPanel onChanged={changed} />
          <DoNotTrackPanel onChanged={changed} />
          <StrengthWeightsPanel onChanged={changed} />
          <FleetPanel />
          <AuditPanel changes={changes} />
        </>
      ) : null}
    </>
  );
}

function SharingPanel({ onSaved }: { onSaved: () => void }) {
  const current = useResource<SharingSettings>('/api/me/sharing');
  const colleagues = useResource<{ items: Colleague[] }>('/api/sharing/users');
  return (
    <Section title="Sharing">
      <ErrorText message={current.error ?? colleagues.error} />
      {current.data && colleagues.data ? (
        <SharingForm initial={current.data} colleagues={colleagues.data.items} onSaved={onSaved} />
      ) : (
        <Loading />
      )}
    </Section>
  );
}

function SharingForm(props: {
  initial: SharingSettings;
  colleagues: Colleague[];
  onSaved: () => void;
}) {
  const id = useId();
  const send = useApiSend();
  const [settings, setSettings] = useState(props.initial);
  const [domain, setDomain] = useState('');
  const [pick, setPick] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const locked = settings.imposedByAdmin;
  const chosen = new Set(settings.sharedWith.map((user) => user.id));
  const candidates = props.colleagues.filter((user) => !chosen.has(user.id));

  function update(change: Partial<SharingSettings>) {
    setSettings((current) => ({ ...current, ...change }));
    setSaved(false);
  }

  function addDomain() {
    const value = domain.trim().toLowerCase();
    if (!value) return;
    if (!settings.excludedDomains.includes(value)) {
      update({ excludedDomains: [...settings.excludedDomains, value] });
    }
    setDomain('');
  }

  function addColleague() {
    const user = props.colleagues.find((candidate) => candidate.id === pick);
    if (user) update({ sharedWith: [...settings.sharedWith, user] });
    setPick('');
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const answer = await send<SharingSettings>('PUT', '/api/me/sharing', {
        mode: settings.mode,
        excludedDomains: settings.excludedDomains,
        sharedWith: settings.sharedWith.map((user) => user.id),
        // Shares of single records are kept as they are; this page does not edit them.
        recordShares: settings.recordShares,
      });
      setSettings(answer);
      setSaved(true);
      props.onSaved();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="connect-form" onSubmit={(event) => void save(event)}>
      {locked ? (
        <p className="notice" role="note">
          An admin has set your sharing mode and excluded domains; only an admin can change them.
          You can still choose whom you share with.
        </p>
      ) : null}
      <fieldset disabled={locked}>
        <legend>Who may read my captured mail</legend>
        {modes.map(([mode, label, meaning]) => (
          <label key={mode} className="check">
            <input
              type="radio"
              name={`${id}-mode`}
              checked={settings.mode === mode}
              onChange={() => update({ mode })}
            />
            <span>
              <strong>{label}</strong>: {meaning}
            </span>
          </label>
        ))}
      </fieldset>
      <fieldset disabled={locked}>
        <legend>Excluded domains</legend>
        <p className="muted">
          Mail from or to these domains, or below them, stays private whatever the mode, as does
          mail waiting in your review queue.
        </p>
        <RemovableList
          items={settings.excludedDomains}
          empty="No domain is excluded."
          label="Excluded domains"
          onRemove={(value) =>
            update({ excludedDomains: settings.excludedDomains.filter((d) => d !== value) })
          }
        />
        <div className="field">
          <label htmlFor={`${id}-domain`}>Domain to exclude</label>
          <div className="form-actions">
            <input
              id={`${id}-domain`}
              value={domain}
              placeholder="example.com"
              onChange={(event) => setDomain(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') {
                  event.preventDefault();
                  addDomain();
                }
              }}
            />
            <button type="button" onClick={addDomain}>
              Add domain
            </button>
          </div>
        </div>
      </fieldset>
      {settings.mode === 'custom' ? (
        <fieldset>
          <legend>Share all my mail with</legend>
          <RemovableList
            items={settings.sharedWith.map((user) => user.email)}
            empty="Nobody yet."
            label="Colleagues I share with"
            onRemove={(email) =>
              update({ sharedWith: settings.sharedWith.filter((user) => user.email !== email) })
            }
          />
          <div className="field">
            <label htmlFor={`${id}-colleague`}>Colleague</label>
            <div className="form-actions">
              <PersonSelect
                id={`${id}-colleague`}
                people={candidates}
                value={pick}
                onChange={setPick}
                placeholder="Choose a colleague…"
              />
              <button type="button" onClick={addColleague} disabled={!pick}>
                Add colleague
              </button>
            </div>
          </div>
          {settings.recordShares.length > 0 ? (
            <p className="muted">
              You also share the mail filed on {settings.recordShares.length} record
              {settings.recordShares.length === 1 ? '' : 's'} with chosen colleagues.
            </p>
          ) : null}
        </fieldset>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save sharing'}
        </button>
      </div>
      <ErrorText message={error} />
      {saved ? (
        <p className="notice" role="status">
          Sharing saved.
        </p>
      ) : null}
    </form>
  );
}

function DoNotTrackPanel({ onChanged }: { onChanged: () => void }) {
  return (
    <EditableList<{ items: DoNotTrackEntry[] }>
      title="Do not track"
      description="Nothing of mail from or to these people is kept, for anyone in the organisation: adding a person adds every address of their contact or lead, and reduces their mail already stored to what marks it as seen."
      path="/api/privacy/do-not-track"
      removePath="/api/privacy/do-not-track/remove"
      valuesOf={(answer) => answer.items.map((entry) => entry.address)}
      bodyOf={(address) => ({ address })}
      empty="Nobody has asked not to be tracked."
      listLabel="Addresses not tracked"
      inputLabel="Address"
      inputType="email"
      placeholder="person@example.com"
      addLabel="Add address"
      onChanged={onChanged}
    />
  );
}

/** The table keys its rows by a string id. */
type AuditItem = Omit<AuditEntry, 'id'> & { id: string };

const auditColumns: Column<AuditItem>[] = [
  { header: 'When', cell: (entry) => formatDateTime(entry.at) },
  { header: 'Who', cell: (entry) => entry.actorEmail },
  { header: 'Action', cell: (entry) => entry.action },
  { header: 'What', cell: auditTarget },
];

function AuditPanel({ changes }: { changes: number }) {
  const log = useResource<{ items: AuditEntry[] }>('/api/audit?limit=25');
  const { reload } = log;
  useEffect(() => {
    if (changes > 0) reload();
  }, [changes, reload]);
  return (
    <Section title="Audit log">
      <p className="muted">
        The latest views and changes, newest first.{' '}
        <a href="/api/audit/export" download>
          Export the whole audit log
        </a>{' '}
        (JSON lines).
      </p>
      <ErrorText message={log.error} />
      {log.data ? (
        <RecordTable
          caption="Audit log"
          columns={auditColumns}
          items={log.data.items.map((entry) => ({ ...entry, id: String(entry.id) }))}
          empty="Nothing recorded yet."
        />
      ) : (
        <Loading />
      )}
    </Section>
  );
}

/** The entry's target, with the change it made where the log says so. */
function auditTarget(entry: AuditItem): string {
  const { before, after } = entry.details as {
    before?: { mode?: string };
    after?: { mode?: string };
  };
  const target = `${entry.targetType} ${entry.targetId.slice(0, 12)}`;
  if (before?.mode && after?.mode) return `${target}: ${before.mode} → ${after.mode}`;
  return target;
}
