import { useId, useState, type FormEvent } from 'react';
import { errorMessage, type OAuthRegistration, type OAuthRegistrationInput } from '../api';
import { ClientCredentialFields, ErrorText, NamedSelect, Section } from '../components/ui';
import { useApiSend, useResource } from '../use-resource';

type Provider = OAuthRegistration['provider'];

const providerNames: Record<Provider, string> = {
  google: 'Google Workspace',
  microsoft: 'Microsoft 365',
  oidc: 'Other OpenID Connect provider',
};

/**
 * Admins register the organisation's OAuth client once per provider; users
 * then connect their own mailboxes with one sign-in each.
 */
export function OAuthClientsPanel({ onChanged }: { onChanged: () => void }) {
  const registered = useResource<OAuthRegistration[]>('/api/oauth/clients');
  const send = useApiSend();
  const id = useId();
  const [provider, setProvider] = useState<Provider>('google');
  const [form, setForm] = useState({ clientId: '', clientSecret: '', tenant: '', issuer: '' });
  const [imap, setImap] = useState({ host: '', port: '993' });
  const [error, setError] = useState<string | null>(null);
  const set = (key: keyof typeof form, value: string) =>
    setForm((current) => ({ ...current, [key]: value }));

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    const body: OAuthRegistrationInput = {
      clientId: form.clientId,
      ...(form.clientSecret ? { clientSecret: form.clientSecret } : {}),
      ...(provider === 'microsoft' ? { tenant: form.tenant } : {}),
      ...(provider === 'oidc'
        ? {
            issuer: form.issuer,
            imap: { host: imap.host, port: Number(imap.port), security: 'tls' },
          }
        : {}),
    };
    try {
      await send('PUT', `/api/oauth/clients/${provider}`, body);
      setForm({ clientId: '', clientSecret: '', tenant: '', issuer: '' });
      registered.reload();
      onChanged();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  return (
    <Section title="Mail sign-in (OAuth)">
      <p className="muted">
        Register Threadline as an application at your provider once. Each user then connects their
        own mailbox by signing in and allowing Threadline to read and keep their mail; they can
        withdraw that at the provider at any time. The client secret is stored encrypted and never
        shown again.
      </p>
      <ul>
        {(registered.data ?? []).map((entry) => (
          <li key={entry.provider}>
            {entry.label}: client {entry.clientId}, mail at {entry.imap.host}
          </li>
        ))}
      </ul>
      <form onSubmit={(event) => void save(event)} className="connect-form">
        <NamedSelect
          label="Provider"
          names={providerNames}
          value={provider}
          onChange={setProvider}
        />
        <ClientCredentialFields idLabel="Client ID" required form={form} set={set} />
        {provider === 'microsoft' ? (
          <>
            <label htmlFor={`${id}-tenant`}>Directory (tenant) ID</label>
            <input
              id={`${id}-tenant`}
              value={form.tenant}
              onChange={(event) => set('tenant', event.target.value)}
            />
          </>
        ) : null}
        {provider === 'oidc' ? (
          <>
            <label htmlFor={`${id}-issuer`}>Issuer URL</label>
            <input
              id={`${id}-issuer`}
              value={form.issuer}
              onChange={(event) => set('issuer', event.target.value)}
            />
            <label htmlFor={`${id}-imap`}>IMAP server (TLS)</label>
            <input
              id={`${id}-imap`}
              value={imap.host}
              onChange={(event) => setImap({ ...imap, host: event.target.value })}
            />
            <label htmlFor={`${id}-port`}>Port</label>
            <input
              id={`${id}-port`}
              inputMode="numeric"
              value={imap.port}
              onChange={(event) => setImap({ ...imap, port: event.target.value })}
            />
          </>
        ) : null}
        <button type="submit">Register</button>
      </form>
      <ErrorText message={registered.error ?? error} />
    </Section>
  );
}
