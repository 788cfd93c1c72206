import { useId, useState, type FormEvent } from 'react';
import { errorMessage, type SendingDomain } from '../api';
import { ColumnHeads, ErrorText, Loading, Section } from '../components/ui';
import { formatDateTime } from '../mail-words';
import { useAction, useApiSend, useResource } from '../use-resource';

type Verdict = SendingDomain['verdicts'][number];

const statusWords: Record<Verdict['status'], string> = {
  verified: 'Verified',
  missing: 'Missing',
  mismatch: 'Mismatch',
  unreachable: 'DNS unreachable',
};

/**
 * Admins add the domains the organisation sends from, publish the records
 * shown, and check them: mail from a domain is DKIM-signed while all are found.
 */
export function SendingDomainsPanel({ onChanged }: { onChanged: () => void }) {
  const domains = useResource<{ items: SendingDomain[] }>('/api/sending-domains');
  const send = useApiSend();
  const id = useId();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await send<SendingDomain>('POST', '/api/sending-domains', { domain: name });
      setName('');
      domains.reload();
      onChanged();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  const changed = () => {
    domains.reload();
    onChanged();
  };
  return (
    <Section title="Sending domains">
      <p className="muted">
        Add each domain your team sends from, publish its records in the domain’s DNS, then check
        them. Mail from a domain is signed with its DKIM key while every record is found.
      </p>
      <ErrorText message={domains.error} />
      {domains.data ? (
        domains.data.items.length === 0 ? (
          <p className="muted">No sending domain yet: mail leaves unsigned by Threadline.</p>
        ) : (
          domains.data.items.map((domain) => (
            <DomainCard key={domain.id} domain={domain} onChanged={changed} />
          ))
        )
      ) : (
        <Loading />
      )}
      <form className="connect-form" onSubmit={(event) => void add(event)}>
        <label htmlFor={`${id}-domain`}>Domain to send from</label>
        <div className="form-actions">
          <input
            id={`${id}-domain`}
            required
            value={name}
            placeholder="example.com"
            onChange={(event) => setName(event.target.value)}
          />
          <button type="submit" disabled={busy}>
            {busy ? 'Adding…' : 'Add domain'}
          </button>
        </div>
      </form>
      <ErrorText message={error} />
    </Section>
  );
}

function DomainCard(props: { domain: SendingDomain; onChanged: () => void }) {
  const { domain } = props;
  const send = useApiSend();
  const [shown, setShown] = useState(domain);
  const [confirming, setConfirming] = useState(false);
  const { busy, error, run: act } = useAction();
  const check = () =>
    act(async () =>
      setShown(await send<SendingDomain>('POST', `/api/sending-domains/${domain.id}/check`)),
    );
  const remove = () =>
    act(async () => {
      await send('DELETE', `/api/sending-domains/${domain.id}`);
      props.onChanged();
    });

  return (
    <article className="panel" aria-label={`Sending domain ${shown.domain}`}>
      <h3>
        {shown.domain}{' '}
        <span className="muted">
          {shown.verifiedAt
            ? `signing since ${formatDateTime(shown.verifiedAt)}`
            : 'not verified: mail leaves unsigned'}
        </span>
      </h3>
      <RecordsTable domain={shown} />
      <p className="muted">
        {shown.checkedAt ? `Last checked ${formatDateTime(shown.checkedAt)}.` : 'Not checked yet.'}
      </p>
      <div className="form-actions">
        <button type="button" disabled={busy} onClick={() => void check()}>
          {busy ? 'Checking…' : 'Check now'}
        </button>
        <button type="button" className="danger" onClick={() => setConfirming(true)}>
          Remove…
        </button>
      </div>
      {confirming ? (
        <div className="confirm panel" role="alertdialog" aria-label={`Remove ${shown.domain}`}>
          <p>
            Remove {shown.domain} and its DKIM key? Mail from it leaves unsigned, and a key
            published in DNS no longer matches any Threadline signature.
          </p>
          <div className="actions">
            <button type="button" className="danger" onClick={() => void remove()}>
              Remove domain
            </button>
            <button type="button" className="link" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : null}
      <ErrorText message={error} />
    </article>
  );
}

function RecordsTable({ domain }: { domain: SendingDomain }) {
  return (
    <table className="records">
      <caption>Records to publish for {domain.domain}</caption>
      <ColumnHeads names={['Name', 'Type', 'Value', 'Last check']} />
      <tbody>
        {domain.records.map((record) => {
          const verdict = domain.verdicts.find((found) => found.name === record.name);
          return (
            <tr key={`${record.kind}-${record.name}`}>
              <td>
                <code>{record.name}</code>{' '}
                <CopyButton what={`${record.kind} name`} text={record.name} />
              </td>
              <td>{record.type}</td>
              <td>
                <code className="record-value">{record.value}</code>{' '}
                <CopyButton what={`${record.kind} value`} text={record.value} />
              </td>
              <td>{verdict ? <VerdictWords verdict={verdict} /> : 'Not checked'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function VerdictWords({ verdict }: { verdict: Verdict }) {
  return (
    <span className={`verdict verdict-${verdict.status}`}>
      <strong>{statusWords[verdict.status]}</strong>: {verdict.words}
    </span>
  );
}

/** Record values are long base64 keys; copying them whole avoids a broken key in DNS. */
function CopyButton(props: { what: string; text: string }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(props.text);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  }
  return (
    <button
      type="button"
      className="link"
      aria-label={`Copy ${props.what}`}
      onClick={() => void copy()}
    >
      {copied === 'yes' ? 'Copied' : copied === 'failed' ? 'Copy failed: select it' : 'Copy'}
    </button>
  );
}
