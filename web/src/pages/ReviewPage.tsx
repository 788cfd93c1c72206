import { useState } from 'react';
import { errorMessage, type FollowUp, type ReviewPage as ReviewAnswer } from '../api';
import { CursorPager, useCursorPages } from '../components/CursorPager';
import { ConfirmPanel, ErrorText, Loading, Section } from '../components/ui';
import { useApiPost, useDocumentTitle, useResource } from '../use-resource';
import { FollowUpList } from './review/FollowUpList';
import { ReviewRow } from './review/ReviewRow';

const pageSize = 20;

/**
 * The mail held back by mailboxes that file through review, 20 threads a
 * page with the suggested filing and why; include, exclude (one or many),
 * refile, file by subject, follow up, and File & Clear for the rest.
 */
export function ReviewPage() {
  useDocumentTitle('Review');
  const post = useApiPost();
  const pages = useCursorPages();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [notice, setNotice] = useState<string | null>(null);
  const [asking, setAsking] = useState<'exclude' | 'clear' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { cursor } = pages;
  const query = new URLSearchParams({ limit: String(pageSize) });
  if (cursor) query.set('cursor', cursor);
  const queue = useResource<ReviewAnswer>(`/api/review?${query}`, {
    keepPrevious: true,
    live: ['review', 'mail', 'links', 'undo'],
  });
  const followUps = useResource<{ items: FollowUp[] }>('/api/follow-ups?state=open');

  function done(message: string) {
    setNotice(message);
    setError(null);
    setSelected(new Set());
    queue.reload();
    followUps.reload();
  }

  async function run(action: () => Promise<string>) {
    setAsking(null);
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
          <button type="button" disabled={selected.size === 0} onClick={() => setAsking('exclude')}>
            Exclude selected ({selected.size})
          </button>
          <button type="button" disabled={items.length === 0} onClick={() => setAsking('clear')}>
            File &amp; Clear
          </button>
        </div>
      </div>
      <p className="muted">
        Mail from mailboxes that file through review waits here, seen by you alone, until you
        decide. File &amp; Clear files everything left as suggested.
      </p>
      {asking === 'clear' ? (
        <ConfirmPanel
          label="Confirm File & Clear"
          confirmLabel={`File ${conversations(queue.data?.total ?? 0)}`}
          onConfirm={() => void fileAndClear()}
          onCancel={() => setAsking(null)}
        >
          File all {conversations(queue.data?.total ?? 0)} in your queue as suggested, and empty it?
          You can undo it for five minutes.
        </ConfirmPanel>
      ) : null}
      {asking === 'exclude' ? (
        <ConfirmPanel
          label="Confirm the exclusion"
          confirmLabel={`Exclude ${conversations(selected.size)}`}
          onConfirm={() => void excludeSelected()}
          onCancel={() => setAsking(null)}
        >
          Exclude {conversations(selected.size)}? They are unfiled from their suggested records and
          stay seen by you alone. You can undo it for five minutes.
        </ConfirmPanel>
      ) : null}
      {notice ? <p role="status">{notice}</p> : null}
      <ErrorText message={error ?? queue.error} />
      <FollowUpList resource={followUps} onChange={done} />
      {!queue.data && !queue.error ? <Loading /> : null}
      {queue.data ? (
        <Section title="To review" count={queue.data.total}>
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

function conversations(count: number): string {
  return `${count.toLocaleString('en')} ${count === 1 ? 'conversation' : 'conversations'}`;
}
