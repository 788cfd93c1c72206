import { useRef, useState } from 'react';
import { errorMessage, type Mailbox, type MailboxStatus } from '../../api';
import { sampleOf, secondsLeft, type BackfillSample } from '../../backfill-progress';
import { ErrorText, Loading, Section } from '../../components/ui';
import { connectionProblem, durationWords, formatDateTime, syncStateWords } from '../../mail-words';
import { useApiPost, useInterval, useResource } from '../../use-resource';
import { MailboxActions } from './MailboxActions';
import { SignInAgainButton } from './SignInButtons';

const pollMs = 3000;

/**
 * One mailbox's sync health, polled: state, lag, last error in words, counts
 * per folder; and what its owner can do with it. `onChanged` reloads the list.
 */
export function HealthPanel({ mailbox, onChanged }: { mailbox: Mailbox; onChanged: () => void }) {
  const status = useResource<MailboxStatus>(
    `/api/mailboxes/${encodeURIComponent(mailbox.id)}/status`,
    { live: ['mailboxes'] },
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
            <span className={`state state-${data.state}`}>
              {/* A reading that says what to do ("needs new password") replaces the state’s words. */}
              {data.stateText === data.state ? syncStateWords[data.state] : data.stateText}
            </span>
            <span className="muted">
              {mailbox.imap ? `${mailbox.imap.user} on ${mailbox.imap.host}` : null}
            </span>
            <button type="button" onClick={() => void syncNow()}>
              Sync now
            </button>
            {data.code === 'SIGN_IN_AGAIN' ? <SignInAgainButton mailboxId={mailbox.id} /> : null}
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
          <MailboxActions
            mailbox={mailbox}
            onChanged={() => {
              status.reload();
              onChanged();
            }}
          />
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
                {folder.state === 'not_synced' ? '—' : syncStateWords[folder.state]}
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
