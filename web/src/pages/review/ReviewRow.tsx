import { useState } from 'react';
import {
  errorMessage,
  type RecordKind,
  type RecordRef,
  type ReviewThread,
  type ThreadLink,
} from '../../api';
import { RecordPicker, typeWords } from '../../components/RecordPicker';
import { ErrorText, RecordLink } from '../../components/ui';
import { formatDateTime } from '../../mail-words';
import { useApiPost } from '../../use-resource';
import { ThreadAnswer } from '../../compose/AnswerActions';
import { FollowUpForm } from './FollowUpForm';
import { IncludeForm } from './IncludeForm';

const percent = (confidence: number) => `${Math.round(confidence * 100)}%`;
const threadPath = (threadId: string) => `/api/review/${encodeURIComponent(threadId)}`;

type Panel =
  | { kind: 'include' }
  | { kind: 'file-by-subject' }
  | { kind: 'refile'; link: ThreadLink }
  | { kind: 'follow-up' }
  | null;

/** One queued thread: its suggested filing and why, and what can be done with it. */
export function ReviewRow(props: {
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
        <ThreadAnswer threadId={thread.threadId} subject={thread.subject} />
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
