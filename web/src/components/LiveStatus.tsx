import { useState } from 'react';
import { errorMessage, type LastAction, type RefileRuns } from '../api';
import { useApiPost, useInterval, useResource } from '../use-resource';

const count = (n: number) => n.toLocaleString('en');

/** "Re-filing 1,240 of 9,600 messages" while stored mail follows a CRM change. */
export function RefilingProgress() {
  const runs = useResource<RefileRuns>('/api/refiling', { keepPrevious: true, live: ['refiling'] });
  const open = (runs.data?.items ?? []).filter(
    (run) => run.state === 'queued' || run.state === 'running',
  );
  if (open.length === 0) return null;
  const total = open.reduce((sum, run) => sum + (run.total ?? 0), 0);
  const done = open.reduce((sum, run) => sum + run.done, 0);
  return (
    <p className="refiling" role="status">
      {total > 0
        ? `Re-filing ${count(done)} of ${count(total)} messages`
        : 'Re-filing stored mail…'}
    </p>
  );
}

/**
 * The user's last action on their mail while it may be undone, with an
 * Undo button; once undone, an "Undone" notice.
 */
export function UndoBar() {
  const post = useApiPost();
  const last = useResource<LastAction>('/api/undo', { keepPrevious: true, live: ['undo'] });
  const [undone, setUndone] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  // The window closes on its own: look again now and then.
  useInterval(last.reload, 30_000);
  const action = last.data?.action ?? null;

  async function undo() {
    setFailure(null);
    try {
      const answer = await post<{ summary: string }>('/api/undo');
      setUndone(answer.summary);
      last.reload();
    } catch (error) {
      setFailure(errorMessage(error));
    }
  }

  if (undone && !action) {
    return (
      <div className="toast" role="status">
        Undone: {undone}
        <button type="button" className="link" onClick={() => setUndone(null)}>
          Dismiss
        </button>
      </div>
    );
  }
  if (!action) return null;
  return (
    <div className="toast" role="status">
      {action.summary}
      <button type="button" onClick={() => void undo()}>
        Undo
      </button>
      {failure ? <span className="error"> {failure}</span> : null}
    </div>
  );
}
