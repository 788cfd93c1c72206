import { useState, type FormEvent, type ReactNode } from 'react';
import {
  errorMessage,
  type Colleague,
  type FollowUp,
  type RecordRef,
  type RecordKind,
  type ReviewPage as ReviewAnswer,
  type ReviewThread,
  type ThreadLink,
} from '../api';
import { RecordPicker, typeWords } from '../components/RecordPicker';
import { CursorPager, useCursorPages } from '../components/CursorPager';
import { ErrorText, Loading, RecordLink, Section } from '../components/ui';
import { formatDateTime } from '../mail-words';
import { useApiPost, useDocumentTitle, useResource } from '../use-resource';

const pageSize = 20;
const percent = (confidence: number) => `${Math.round(confidence * 100)}%`;
const threadPath = (threadId: string) => `/api/review/${encodeURIComponent(threadId)}`;

/**
 * C6: the mail held back by mailboxes that file through review, 20 threads a
 * page with the suggested filing and why; include, exclude (one or many),
 * refile, file by subject, follow up, and File & Clear for the rest.
 */
export function ReviewPage() {
  useDocumentTitle('Review');
  const post = useApiPost();
  const pages = useCursorPages();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { cursor } = pages;
  const query = new URLSearchParams({ limit: String(pageSize) });
  if (cursor) query.set('cursor', cursor);
  const queue = useResource<ReviewAnswer>(`/api/review?${query}`, { keepPrevious: true });
  const followUps = useResource<{ items: FollowUp[] }>('/api/follow-ups?state=open');

  function done(message: string) {
    setNotice(message);
    setError(null);
    setSelected(new Set());
    queue.reload();
    followUps.reload();
  }

  async function run(action: () => Promise<string>) {
    try {
      done(await action());
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  const excludeSelected = () =>
    run(async () => {
      await post('/api/review/exclude', { threadIds: [...selected] });
      return `${selected.size} ${selected.size === 1 ? 'thread' : 'threads'} excluded.`;
    });

  const fileAndClear = () =>
    run(async () => {
      const { filed } = await post<{ filed: number }>('/api/review/clear');
      pages.reset();
      return `Filed ${filed} ${filed === 1 ? 'message' : 'messages'}; the queue is empty.`;
    });

  const items = queue.data?.items ?? [];
  return (
    <>
      <div className="page-head">
        <h1>Review</h1>
        <div className="actions">
          <button
            type="button"
            disabled={selected.size === 0}
            onClick={() => void excludeSelected()}
          >
            Exclude selected ({selected.size})
          </button>
          <button type="button" disabled={items.length === 0} onClick={() => void fileAndClear()}>
            File &amp; Clear
          </button>
        </div>
      </div>
      <p className="muted">
        Mail from mailboxes that file through review waits here, seen by you alone, until you
        decide. File &amp; Clear files everything left as suggested.
      </p>
      {notice ? <p role="status">{notice}</p> : null}
      <ErrorText message={error ?? queue.error} />
      <FollowUpList resource={followUps} onChange={done} />
      {!queue.data && !queue.error ? <Loading /> : null}
      {queue.data ? (
        <Section title="To review" count={items.length}>
          {items.length === 0 ? (
            <p className="muted">Nothing to review.</p>
          ) : (
            <ul className="plain review-list" aria-busy={queue.loading}>
              {items.map((thread) => (
                <ReviewRow
                  key={thread.threadId}
                  thread={thread}
                  selected={selected.has(thread.threadId)}
                  onSelect={(on) =>
                    setSelected((all) => {
                      const next = new Set(all);
                      if (on) next.add(thread.threadId);
                      else next.delete(thread.threadId);
                      return next;
                    })
                  }
                  onDone={done}
                />
              ))}
            </ul>
          )}
          <CursorPager pages={pages} next={queue.data.next} />
        </Section>
      ) : null}
    </>
  );
}

function FollowUpList(props: {
  resource: ReturnType<typeof useResource<{ items: FollowUp[] }>>;
  onChange: (notice: string) => void;
}) {
  const post = useApiPost();
  const [error, setError] = useState<string | null>(null);
  const rows = props.resource.data?.items ?? [];
  if (rows.length === 0 && !props.resource.error) return null;

  async function cancel(followUp: FollowUp) {
    try {
      await post(`/api/follow-ups/${followUp.id}/cancel`);
      props.onChange(`Follow-up on ${followUp.subject ?? 'the thread'} cancelled.`);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  return (
    <Section title="Follow-ups" count={rows.length}>
      <ErrorText message={error ?? props.resource.error} />
      <ul className="plain">
        {rows.map((followUp) => (
          <li key={followUp.id} aria-label={`Follow-up: ${followUp.subject ?? ''}`}>
            <span className={`badge badge-${followUp.state}`}>
              {followUp.state === 'due' ? 'Due' : 'Waiting'}
            </span>{' '}
            <strong>{followUp.subject || '(no subject)'}</strong>{' '}
            <span className="muted">
              {followUp.assigneeEmail} · {formatDateTime(followUp.remindAt)}
              {followUp.note ? ` · ${followUp.note}` : ''}
            </span>{' '}
            <button type="button" className="link" onClick={() => void cancel(followUp)}>
              Cancel
            </button>
          </li>
        ))}
      </ul>
    </Section>
  );
}

type Panel =
  | { kind: 'include' }
  | { kind: 'file-by-subject' }
  | { kind: 'refile'; link: ThreadLink }
  | { kind: 'follow-up' }
  | null;

function ReviewRow(props: {
  thread: ReviewThread;
  selected: boolean;
  onSelect: (on: boolean) => void;
  onDone: (notice: string) => void;
}) {
  const { thread } = props;
  const post = useApiPost();
  const [panel, setPanel] = useState<Panel>(null);
  const [error, setError] = useState<string | null>(null);
  const subject = thread.subject || '(no subject)';

  async function act(path: string, body: unknown, notice: string) {
    setError(null);
    try {
      await post(`${threadPath(thread.threadId)}/${path}`, body);
      setPanel(null);
      props.onDone(notice);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  const fileOn = (type: RecordKind, record: RecordRef) =>
    act(
      'file-by-subject',
      { recordType: type, recordId: record.id },
      `${subject} filed on ${record.name}, and future mail with its subject.`,
    );
  const refile = (from: ThreadLink, type: RecordKind, record: RecordRef) =>
    act(
      'refile',
      { from: { type: from.type, recordId: from.id }, to: { type, recordId: record.id } },
      `${subject} moved to ${record.name}.`,
    );

  return (
    <li>
      <article aria-label={subject} className="review-row">
        <div className="review-head">
          <label>
            <input
              type="checkbox"
              checked={props.selected}
              onChange={(event) => props.onSelect(event.target.checked)}
            />
            <span className="visually-hidden">Select {subject}</span>
          </label>
          <strong>{subject}</strong>
          <span className="muted">
            {formatDateTime(thread.lastAt)} · {thread.messageCount}{' '}
            {thread.messageCount === 1 ? 'message' : 'messages'}
          </span>
        </div>
        <div className="muted">{thread.participants.join(', ')}</div>
        {thread.suggested.length === 0 ? (
          <p className="muted">No suggested filing.</p>
        ) : (
          <ul className="plain links" aria-label="Suggested filing">
            {thread.suggested.map((link) => (
              <li key={`${link.type}:${link.id}`}>
                <span className="kind-tag">{typeWords[link.type]}</span>{' '}
                <RecordLink type={link.type} id={link.id} name={link.name} />{' '}
                <span className="muted">
                  {link.reason} · {percent(link.confidence)}
                </span>{' '}
                <button
                  type="button"
                  className="link"
                  aria-label={`Refile from ${link.name ?? typeWords[link.type]}`}
                  onClick={() => setPanel({ kind: 'refile', link })}
                >
                  Refile
                </button>
              </li>
            ))}
          </ul>
        )}
        {thread.reasons.length > 0 ? (
          <p className="muted">Why: {thread.reasons.join('; ')}</p>
        ) : null}
        <div className="actions">
          <button type="button" onClick={() => setPanel({ kind: 'include' })}>
            Include
          </button>
          <button
            type="button"
            onClick={() => void act('exclude', undefined, `${subject} excluded.`)}
          >
            Exclude
          </button>
          <button type="button" onClick={() => setPanel({ kind: 'file-by-subject' })}>
            File by subject
          </button>
          <button type="button" onClick={() => setPanel({ kind: 'follow-up' })}>
            Follow up
          </button>
        </div>
        <ErrorText message={error} />
        {panel?.kind === 'include' ? (
          <IncludeForm
            thread={thread}
            onCancel={() => setPanel(null)}
            onSubmit={(body) => act('include', body, `${subject} included.`)}
          />
        ) : null}
        {panel?.kind === 'file-by-subject' ? (
          <RecordPicker
            initialType="deal"
            title={`File “${subject}” and future mail with its subject on…`}
            onPick={(type, record) => void fileOn(type, record)}
            onCancel={() => setPanel(null)}
          />
        ) : null}
        {panel?.kind === 'refile' ? (
          <RecordPicker
            initialType={panel.link.type}
            title={`Move from ${panel.link.name ?? typeWords[panel.link.type]} to…`}
            onPick={(type, record) => void refile(panel.link, type, record)}
            onCancel={() => setPanel(null)}
          />
        ) : null}
        {panel?.kind === 'follow-up' ? (
          <FollowUpForm
            subject={subject}
            onCancel={() => setPanel(null)}
            onSubmit={(body) => act('follow-up', body, `Follow-up set on ${subject}.`)}
          />
        ) : null}
      </article>
    </li>
  );
}

type DealChoice = 'suggested' | 'existing' | 'new';

function IncludeForm(props: {
  thread: ReviewThread;
  onSubmit: (body: unknown) => Promise<void>;
  onCancel: () => void;
}) {
  const [kept, setKept] = useState<ReadonlySet<string>>(new Set(props.thread.participants));
  const [choice, setChoice] = useState<DealChoice>('suggested');
  const [deal, setDeal] = useState<RecordRef | null>(null);
  const [name, setName] = useState(props.thread.subject);
  const [stage, setStage] = useState('Qualification');
  const [product, setProduct] = useState('');
  const [sameAddresses, setSameAddresses] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    await props.onSubmit({
      addresses: [...kept],
      sameAddresses,
      ...(choice === 'existing' && deal ? { dealId: deal.id } : {}),
      ...(choice === 'new'
        ? { newDeal: { name, stage, ...(product.trim() ? { product: product.trim() } : {}) } }
        : {}),
    });
    setBusy(false);
  }

  return (
    <form
      className="picker"
      aria-label={`Include ${props.thread.subject || '(no subject)'}`}
      onSubmit={(event) => void submit(event)}
    >
      <fieldset>
        <legend>Address list</legend>
        {props.thread.participants.map((address) => (
          <label key={address} className="check">
            <input
              type="checkbox"
              checked={kept.has(address)}
              onChange={(event) =>
                setKept((all) => {
                  const next = new Set(all);
                  if (event.target.checked) next.add(address);
                  else next.delete(address);
                  return next;
                })
              }
            />{' '}
            {address}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Deal</legend>
        <Choice name="deal" value="suggested" current={choice} onPick={setChoice}>
          As suggested
        </Choice>
        <Choice name="deal" value="existing" current={choice} onPick={setChoice}>
          On a deal{deal ? `: ${deal.name}` : ''}
        </Choice>
        {choice === 'existing' && !deal ? (
          <RecordPicker
            initialType="deal"
            title="Find the deal"
            onPick={(_type, record) => setDeal(record)}
            onCancel={() => setChoice('suggested')}
          />
        ) : null}
        <Choice name="deal" value="new" current={choice} onPick={setChoice}>
          On a new deal
        </Choice>
        {choice === 'new' ? (
          <div className="form-row">
            <label>
              Deal name <input value={name} onChange={(event) => setName(event.target.value)} />
            </label>{' '}
            <label>
              Stage <input value={stage} onChange={(event) => setStage(event.target.value)} />
            </label>{' '}
            <label>
              Product <input value={product} onChange={(event) => setProduct(event.target.value)} />
            </label>
          </div>
        ) : null}
      </fieldset>
      <label className="check">
        <input
          type="checkbox"
          checked={sameAddresses}
          onChange={(event) => setSameAddresses(event.target.checked)}
        />{' '}
        Also include the other rows with the same addresses
      </label>
      <div className="actions">
        <button type="submit" disabled={busy || (choice === 'existing' && !deal)}>
          Include
        </button>
        <button type="button" className="link" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function Choice(props: {
  name: string;
  value: DealChoice;
  current: DealChoice;
  onPick: (value: DealChoice) => void;
  children: ReactNode;
}) {
  return (
    <label className="check">
      <input
        type="radio"
        name={props.name}
        checked={props.current === props.value}
        onChange={() => props.onPick(props.value)}
      />{' '}
      {props.children}
    </label>
  );
}

/** Tomorrow at nine, local time, as a datetime-local input wants it. */
function tomorrowMorning(): string {
  const at = new Date();
  at.setDate(at.getDate() + 1);
  at.setHours(9, 0, 0, 0);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T09:00`;
}

function FollowUpForm(props: {
  subject: string;
  onSubmit: (body: unknown) => Promise<void>;
  onCancel: () => void;
}) {
  const colleagues = useResource<{ items: Colleague[] }>('/api/follow-ups/assignees');
  const [remindAt, setRemindAt] = useState(tomorrowMorning);
  const [assigneeId, setAssigneeId] = useState('');
  const [note, setNote] = useState('');

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void props.onSubmit({
      remindAt: new Date(remindAt).toISOString(),
      ...(assigneeId ? { assigneeId } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
    });
  }

  return (
    <form className="picker" aria-label={`Follow up ${props.subject}`} onSubmit={submit}>
      <label>
        Remind at{' '}
        <input
          type="datetime-local"
          required
          value={remindAt}
          onChange={(event) => setRemindAt(event.target.value)}
        />
      </label>{' '}
      <label>
        Assign to{' '}
        <select value={assigneeId} onChange={(event) => setAssigneeId(event.target.value)}>
          <option value="">Me</option>
          {(colleagues.data?.items ?? []).map((colleague) => (
            <option key={colleague.id} value={colleague.id}>
              {colleague.name || colleague.email}
            </option>
          ))}
        </select>
      </label>{' '}
      <label>
        Note <input value={note} onChange={(event) => setNote(event.target.value)} />
      </label>
      <p className="muted">You are reminded until a reply goes out in the thread.</p>
      <div className="actions">
        <button type="submit">Set follow-up</button>
        <button type="button" className="link" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
