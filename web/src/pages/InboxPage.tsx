import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import {
  errorMessage,
  type CreatedLead,
  type InboxColumn,
  type InboxPage as InboxAnswer,
  type InboxThread,
} from '../api';
import { CursorPager, useCursorPages } from '../components/CursorPager';
import { GoingColdPanel } from '../components/InsightPanels';
import { ErrorText, Loading, RecordLink, Section } from '../components/ui';
import { formatDateTime } from '../mail-words';
import { useApiPost, useDocumentTitle, useResource } from '../use-resource';
import { ThreadAnswer } from '../compose/AnswerActions';

const pageSize = 50;
const periods = [7, 30, 90, 365] as const;

const titles: Record<InboxColumn, string> = {
  crm: 'Deals, contacts and leads',
  unknown: 'Unknown senders',
  colleagues: 'Colleagues',
  noise: 'Automatic mail',
};

const viaWords = {
  deal: 'Deal',
  contact: 'Contact',
  lead: 'Lead',
  case: 'Case',
  account: 'Account',
} as const;

/** The user's own mail of a chosen period, sorted into columns; unknown senders can become leads. */
export function InboxPage() {
  useDocumentTitle('Inbox');
  const [showNoise, setShowNoise] = useState(false);
  const [days, setDays] = useState<number>(30);
  const pages = useCursorPages();
  const columns: InboxColumn[] = showNoise
    ? ['crm', 'unknown', 'colleagues', 'noise']
    : ['crm', 'unknown', 'colleagues'];
  const { cursor } = pages;
  const query = new URLSearchParams({
    columns: columns.join(','),
    days: String(days),
    limit: String(pageSize),
  });
  if (cursor) query.set('cursor', cursor);
  const { data, error, loading, reload } = useResource<InboxAnswer>(`/api/inbox?${query}`, {
    keepPrevious: true,
    live: ['mail', 'links', 'undo'],
  });

  return (
    <>
      <div className="page-head">
        <h1>Inbox</h1>
        <label>
          <input
            type="checkbox"
            checked={showNoise}
            onChange={(event) => {
              setShowNoise(event.target.checked);
              pages.reset();
            }}
          />{' '}
          Show automatic mail
        </label>
        <label>
          Period{' '}
          <select
            value={days}
            onChange={(event) => {
              setDays(Number(event.target.value));
              pages.reset();
            }}
          >
            {periods.map((period) => (
              <option key={period} value={period}>
                last {period} days
              </option>
            ))}
          </select>
        </label>
      </div>
      <GoingColdPanel />
      <p className="muted">Your own mail of the last {days} days, newest first.</p>
      <ErrorText message={error} />
      {!data && !error ? <Loading /> : null}
      {data ? (
        <div aria-busy={loading}>
          <div className="columns">
            {columns.map((column) => (
              <InboxColumnPanel
                key={column}
                column={column}
                rows={data.columns[column] ?? []}
                onLeadCreated={reload}
              />
            ))}
          </div>
          <CursorPager pages={pages} next={data.next} />
        </div>
      ) : null}
    </>
  );
}

function InboxColumnPanel(props: {
  column: InboxColumn;
  rows: InboxThread[];
  onLeadCreated: () => void;
}) {
  return (
    <Section title={titles[props.column]} count={props.rows.length}>
      {props.rows.length === 0 ? (
        <p className="muted">Nothing here.</p>
      ) : (
        <ul className="search-results">
          {props.rows.map((row) => (
            <InboxRow key={row.threadId} row={row} onLeadCreated={props.onLeadCreated} />
          ))}
        </ul>
      )}
    </Section>
  );
}

function InboxRow(props: { row: InboxThread; onLeadCreated: () => void }) {
  const { row } = props;
  const who = row.counterpart
    ? row.counterpart.name
      ? `${row.counterpart.name} <${row.counterpart.address}>`
      : row.counterpart.address
    : '';
  return (
    <li>
      <article aria-label={row.subject || '(no subject)'}>
        <strong>
          <Link to={`/messages/${encodeURIComponent(row.messageId)}`}>
            {row.subject || '(no subject)'}
          </Link>
        </strong>
        <div className="muted">
          {who} · {formatDateTime(row.lastAt)} · {row.messageCount}{' '}
          {row.messageCount === 1 ? 'message' : 'messages'}
        </div>
        {row.via ? (
          <div>
            {viaWords[row.via]}:{' '}
            {row.links
              .filter((link) => link.type === row.via)
              .map((link, index) => (
                <span key={link.id}>
                  {index > 0 ? ', ' : ''}
                  <RecordLink type={link.type} id={link.id} name={link.name} />
                </span>
              ))}
          </div>
        ) : null}
        {row.column === 'unknown' && row.counterpart ? (
          row.counterpartLead ? (
            <div>
              Lead:{' '}
              <Link to={`/leads/${encodeURIComponent(row.counterpartLead.id)}`}>
                {row.counterpartLead.name || row.counterpart.address}
              </Link>
            </div>
          ) : (
            <CreateLead counterpart={row.counterpart} onCreated={props.onLeadCreated} />
          )
        ) : null}
        <ThreadAnswer threadId={row.threadId} subject={row.subject} />
      </article>
    </li>
  );
}

function CreateLead(props: {
  counterpart: { address: string; name: string | null };
  onCreated: () => void;
}) {
  const post = useApiPost();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(props.counterpart.name ?? '');
  const [company, setCompany] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)}>
        Create lead
      </button>
    );
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await post<CreatedLead>('/api/inbox/leads', {
        address: props.counterpart.address,
        name,
        ...(company.trim() ? { company: company.trim() } : {}),
      });
      props.onCreated();
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      aria-label={`Create a lead for ${props.counterpart.address}`}
      onSubmit={(event) => void submit(event)}
    >
      <label>
        Name <input value={name} onChange={(event) => setName(event.target.value)} />
      </label>{' '}
      <label>
        Company <input value={company} onChange={(event) => setCompany(event.target.value)} />
      </label>{' '}
      <button type="submit" disabled={busy}>
        Save lead
      </button>{' '}
      <button type="button" onClick={() => setOpen(false)}>
        Cancel
      </button>
      <ErrorText message={error} />
    </form>
  );
}
