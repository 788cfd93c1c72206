import { useState } from 'react';
import { Link } from 'react-router-dom';
import {
  errorMessage,
  recordTables,
  type ActivitySummary,
  type LinkEdit,
  type RecordKind,
  type ThreadLink,
  type ThreadMessages,
  type TimelinePage,
  type TimelineThread,
} from '../api';
import { formatDateTime } from '../mail-words';
import { useApiPost, useResource } from '../use-resource';
import { RecordMeetings } from './RecordMeetings';
import { RecordPicker, typeWords } from './RecordPicker';
import { TrackingBadge, useThreadTracking, type TrackingCounts } from './Tracking';
import { ConfirmPanel, ErrorText, Loading, RecordLink, Section } from './ui';

/** New mail, changed links and an undone action change what a timeline shows. */
const liveTopics = ['mail', 'links', 'undo'] as const;

const percent = (confidence: number) => `${Math.round(confidence * 100)}%`;

/**
 * A record's captured conversations: the activity summary, then one entry
 * per thread, each expandable to its messages, with every link's reason
 * and confidence and the means to relink, unlink or add a link by hand.
 */
export function RecordTimeline(props: { type: RecordKind; id: string }) {
  const [subsidiaries, setSubsidiaries] = useState(false);
  const [cursor, setCursor] = useState<string | null>(null);
  const base = `/api/${recordTables[props.type]}/${encodeURIComponent(props.id)}`;
  const flag = `includeSubsidiaries=${subsidiaries ? 'true' : 'false'}`;
  const summary = useResource<ActivitySummary>(`${base}/activity-summary?${flag}`, {
    live: liveTopics,
  });
  const timeline = useResource<TimelinePage>(
    `${base}/timeline?${flag}&limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    { keepPrevious: true, live: liveTopics },
  );
  const tracking = useThreadTracking(timeline.data?.items.map((t) => t.threadId) ?? []);
  const refresh = () => {
    summary.reload();
    timeline.reload();
  };

  return (
    <>
      <Section title="Activity">
        <ErrorText message={summary.error} />
        {summary.data ? <SummaryFields summary={summary.data} /> : <Loading />}
      </Section>
      <RecordMeetings type={props.type} id={props.id} />
      <Section title="Conversations" count={summary.data?.threads}>
        {props.type === 'account' ? (
          <label className="check toolbar">
            <input
              type="checkbox"
              checked={subsidiaries}
              onChange={(event) => {
                setCursor(null);
                setSubsidiaries(event.target.checked);
              }}
            />
            Include subsidiaries
          </label>
        ) : null}
        <ErrorText message={timeline.error} />
        {timeline.data ? (
          timeline.data.items.length === 0 ? (
            <p className="muted">No captured conversations yet.</p>
          ) : (
            <ol className="timeline" aria-busy={timeline.loading}>
              {timeline.data.items.map((thread) => (
                <ThreadEntry
                  key={thread.threadId}
                  thread={thread}
                  tracking={tracking.get(thread.threadId)}
                  record={{ type: props.type, id: props.id }}
                  onChanged={refresh}
                />
              ))}
            </ol>
          )
        ) : (
          <Loading />
        )}
        <div className="pager">
          {cursor ? (
            <button type="button" onClick={() => setCursor(null)}>
              Newest
            </button>
          ) : null}
          {timeline.data?.next ? (
            <button type="button" onClick={() => setCursor(timeline.data?.next ?? null)}>
              Older
            </button>
          ) : null}
        </div>
      </Section>
    </>
  );
}

function SummaryFields({ summary }: { summary: ActivitySummary }) {
  if (summary.messages === 0) {
    // Said this way whether or not colleagues have private mail here: a count would reveal it.
    return (
      <p className="muted">
        No e-mail you can open is filed here. Mail your colleagues keep private is not shown.
      </p>
    );
  }
  return (
    <dl className="fields">
      <dt>Last interaction</dt>
      <dd>{formatDateTime(summary.lastInteractionAt)}</dd>
      <dt>Last inbound</dt>
      <dd>{formatDateTime(summary.lastInboundAt) || 'None'}</dd>
      <dt>Last outbound</dt>
      <dd>{formatDateTime(summary.lastOutboundAt) || 'None'}</dd>
      <dt>Messages</dt>
      <dd>
        {summary.messages} in {summary.threads} {summary.threads === 1 ? 'thread' : 'threads'} (
        {summary.inbound} in, {summary.outbound} out)
      </dd>
    </dl>
  );
}

type Editing =
  | { kind: 'add' }
  | { kind: 'relink'; link: ThreadLink }
  | { kind: 'unlink'; link: ThreadLink }
  | null;

function ThreadEntry(props: {
  thread: TimelineThread;
  tracking: TrackingCounts | undefined;
  record: { type: RecordKind; id: string };
  onChanged: () => void;
}) {
  const { thread } = props;
  const [open, setOpen] = useState(false);
  const [editing, setEditing] = useState<Editing>(null);
  const [error, setError] = useState<string | null>(null);
  const post = useApiPost();
  const threadPath = `/api/threads/${encodeURIComponent(thread.threadId)}`;

  async function apply(edit: LinkEdit) {
    setError(null);
    try {
      await post(`${threadPath}/links`, edit);
      setEditing(null);
      props.onChanged();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  return (
    <li className="thread">
      <article aria-label={thread.subject || '(no subject)'}>
        <header className="thread-head">
          <button
            type="button"
            className="link thread-toggle"
            aria-expanded={open}
            onClick={() => setOpen(!open)}
          >
            {thread.subject || '(no subject)'}
          </button>
          <span className="muted">
            {thread.messageCount} {thread.messageCount === 1 ? 'message' : 'messages'} ·{' '}
            {formatDateTime(thread.lastAt)}
          </span>
          <TrackingBadge counts={props.tracking} />
        </header>
        <p className="muted participants">{thread.participants.join(', ')}</p>
        <ul className="links" aria-label="Filed on">
          {thread.links.map((link) => (
            <li key={`${link.type}:${link.id}`} className="link-chip">
              <span className="kind-tag">{typeWords[link.type]}</span>
              <RecordLink type={link.type} id={link.id} name={link.name} />
              <span className="muted reason">
                {link.reason} · {percent(link.confidence)}
              </span>
              <button
                type="button"
                className="link"
                aria-label={`Relink from ${link.name ?? typeWords[link.type]}`}
                onClick={() => setEditing({ kind: 'relink', link })}
              >
                Relink
              </button>
              <button
                type="button"
                className="link"
                aria-label={`Unlink ${link.name ?? typeWords[link.type]}`}
                onClick={() => setEditing({ kind: 'unlink', link })}
              >
                Unlink
              </button>
            </li>
          ))}
          <li>
            <button type="button" className="link" onClick={() => setEditing({ kind: 'add' })}>
              Add link
            </button>
          </li>
        </ul>
        <ErrorText message={error} />
        {editing?.kind === 'unlink' ? (
          <ConfirmPanel
            label="Confirm the unlink"
            confirmLabel="Unlink"
            onCancel={() => setEditing(null)}
            onConfirm={() =>
              void apply({ action: 'remove', type: editing.link.type, recordId: editing.link.id })
            }
          >
            Unlink {editing.link.name ?? typeWords[editing.link.type]} from this conversation (
            {thread.messageCount} {thread.messageCount === 1 ? 'message' : 'messages'})? Later mail
            in the thread follows. You can undo it for five minutes.
          </ConfirmPanel>
        ) : null}
        {editing && editing.kind !== 'unlink' ? (
          <RecordPicker
            initialType={editing.kind === 'relink' ? editing.link.type : 'deal'}
            title={
              editing.kind === 'relink'
                ? `Move from ${editing.link.name ?? typeWords[editing.link.type]} to…`
                : 'Add a link to…'
            }
            onCancel={() => setEditing(null)}
            onPick={(type, record) =>
              void apply(
                editing.kind === 'relink'
                  ? {
                      action: 'relink',
                      type,
                      recordId: record.id,
                      from: { type: editing.link.type, recordId: editing.link.id },
                    }
                  : { action: 'add', type, recordId: record.id },
              )
            }
          />
        ) : null}
        {open ? <ThreadMessageList path={`${threadPath}/messages`} /> : null}
      </article>
    </li>
  );
}

function ThreadMessageList({ path }: { path: string }) {
  const { data, error } = useResource<ThreadMessages>(path);
  if (error) return <ErrorText message={error} />;
  if (!data) return <Loading />;
  return (
    <ol className="thread-messages">
      {data.messages.map((message) => (
        <li key={message.id}>
          <div className="thread-message-head">
            <Link to={`/messages/${encodeURIComponent(message.id)}`}>
              {message.subject || '(no subject)'}
            </Link>
            <span className="muted">
              {message.fromAddress ?? 'unknown sender'} · {formatDateTime(message.sentAt)}
            </span>
          </div>
          {message.bodyOpen ? (
            message.snippet ? (
              <p className="snippet">{message.snippet}</p>
            ) : null
          ) : (
            <p className="muted">Captured as metadata only.</p>
          )}
        </li>
      ))}
    </ol>
  );
}
