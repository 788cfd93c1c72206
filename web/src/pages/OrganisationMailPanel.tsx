import { useId, useState, type ChangeEvent, type FormEvent } from 'react';
import {
  errorMessage,
  type DelegatedOutcome,
  type Delegation,
  type DelegationInput,
  type User,
} from '../api';
import {
  ClientCredentialFields,
  ErrorText,
  LabelledInput,
  NamedSelect,
  Section,
} from '../components/ui';
import { useApiSend, useResource } from '../use-resource';

type Provider = Delegation['provider'];

const providerNames: Record<Provider, string> = {
  google: 'Google Workspace (domain-wide delegation)',
  microsoft: 'Microsoft 365 (application permission)',
};

/** What the admin grants, in the words the panel states it. */
export const grantStatement =
  'Threadline will read the mail of every user you select, without asking them.';

/**
 * Whole-organisation onboarding: an admin registers the organisation's
 * delegation (a service account key, or an application's credentials) and
 * connects the mailboxes of the users they pick, without each user's consent.
 */
export function OrganisationMailPanel({ onChanged }: { onChanged: () => void }) {
  const delegations = useResource<Delegation[]>('/api/oauth/delegations');
  const users = useResource<{ items: User[] }>('/api/users');
  const send = useApiSend();
  const id = useId();
  const [provider, setProvider] = useState<Provider>('google');
  const [form, setForm] = useState({
    serviceAccountKey: '',
    clientId: '',
    clientSecret: '',
    tenant: '',
  });
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const [understood, setUnderstood] = useState(false);
  const [outcomes, setOutcomes] = useState<DelegatedOutcome[]>([]);
  const [error, setError] = useState<string | null>(null);
  const set = (key: keyof typeof form, value: string) =>
    setForm((current) => ({ ...current, [key]: value }));
  const registered = (delegations.data ?? []).some((entry) => entry.provider === provider);

  async function readKeyFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (file) set('serviceAccountKey', await file.text());
  }

  async function run(action: () => Promise<void>) {
    setError(null);
    try {
      await action();
      onChanged();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  const register = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const body: DelegationInput =
      provider === 'google'
        ? { serviceAccountKey: form.serviceAccountKey }
        : {
            clientId: form.clientId,
            tenant: form.tenant,
            ...(form.clientSecret ? { clientSecret: form.clientSecret } : {}),
          };
    void run(async () => {
      await send('PUT', `/api/oauth/delegations/${provider}`, body);
      setForm({ serviceAccountKey: '', clientId: '', clientSecret: '', tenant: '' });
      delegations.reload();
    });
  };

  const connect = () =>
    void run(async () => {
      setOutcomes(
        await send<DelegatedOutcome[]>('POST', `/api/oauth/delegations/${provider}/mailboxes`, {
          userIds: [...picked],
        }),
      );
      setPicked(new Set());
      setUnderstood(false);
    });

  const toggle = (userId: string) =>
    setPicked((current) => {
      const next = new Set(current);
      if (!next.delete(userId)) next.add(userId);
      return next;
    });

  return (
    <Section title="Whole organisation">
      <p>
        <strong>{grantStatement}</strong> Their mailboxes connect through your organisation’s grant
        at the provider; users are not asked and cannot withdraw it themselves. The key or secret is
        stored encrypted and never shown again.
      </p>
      <ul>
        {(delegations.data ?? []).map((entry) => (
          <li key={entry.provider}>
            {entry.label}: {entry.principal}, mail at {entry.imap.host}
          </li>
        ))}
      </ul>
      <form onSubmit={register} className="connect-form">
        <NamedSelect
          label="Provider"
          names={providerNames}
          value={provider}
          onChange={setProvider}
        />
        {provider === 'google' ? (
          <>
            <label htmlFor={`${id}-key`}>Service account key (JSON file)</label>
            <input
              id={`${id}-key`}
              type="file"
              accept=".json,application/json"
              onChange={(event) => void readKeyFile(event)}
            />
          </>
        ) : (
          <>
            <ClientCredentialFields idLabel="Application (client) ID" form={form} set={set} />
            <LabelledInput
              label="Directory (tenant) ID"
              value={form.tenant}
              onChange={(value) => set('tenant', value)}
            />
          </>
        )}
        <button type="submit">Register</button>
      </form>
      {registered ? (
        <div className="connect-form">
          <fieldset>
            <legend>Users whose mailboxes to connect</legend>
            {(users.data?.items ?? [])
              .filter((user) => !user.deactivatedAt)
              .map((user) => (
                <label key={user.id} className="check">
                  <input
                    type="checkbox"
                    checked={picked.has(user.id)}
                    onChange={() => toggle(user.id)}
                  />
                  {user.name} ({user.email})
                </label>
              ))}
            <label className="check">
              <input
                type="checkbox"
                checked={understood}
                onChange={(event) => setUnderstood(event.target.checked)}
              />
              I understand: {grantStatement}
            </label>
            <button type="button" disabled={picked.size === 0 || !understood} onClick={connect}>
              Connect {picked.size} mailbox{picked.size === 1 ? '' : 'es'}
            </button>
          </fieldset>
        </div>
      ) : null}
      <ul aria-label="Connection outcomes">
        {outcomes.map((outcome) => (
          <li key={outcome.userId}>
            {outcome.email ?? outcome.userId}:{' '}
            {outcome.status === 'connected' ? 'connected, syncing' : outcome.message}
          </li>
        ))}
      </ul>
      <ErrorText message={delegations.error ?? users.error ?? error} />
    </Section>
  );
}
