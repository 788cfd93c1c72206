import { formatDateTime } from '../mail-words';
import { useResource } from '../use-resource';
import { ErrorText, Section } from './ui';

/** People's opens and clicks; proxies', scanners' and the sender's are not counted. */
export interface TrackingCounts {
  opens: number;
  clicks: number;
}

interface TrackingEvent {
  kind: 'open' | 'click';
  target: string | null;
  at: string;
  verdict: 'human' | 'machine' | 'sender';
  reason: string;
}

interface BestTime {
  timeZone: string;
  basedOn: number;
  best: { weekday: number; hour: number; count: number }[];
}

const weekdays = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const verdictWords = { human: 'person', machine: 'machine', sender: 'sender' } as const;

/** "opened 2× · clicked 1×"; nothing when no person opened or clicked. */
export function TrackingBadge({ counts }: { counts: TrackingCounts | undefined }) {
  if (!counts || counts.opens + counts.clicks === 0) return null;
  return (
    <span className="badge badge-tracking" title="Opens and clicks by people, not by machines">
      opened {counts.opens}× · clicked {counts.clicks}×
    </span>
  );
}

/** People's opens and clicks of the tracked mail in each of the threads listed. */
export function useThreadTracking(threadIds: readonly string[]): Map<string, TrackingCounts> {
  const ids = threadIds.join(',');
  const found = useResource<{ items: (TrackingCounts & { threadId: string })[] }>(
    `/api/tracking/threads?ids=${encodeURIComponent(ids)}`,
  );
  return new Map((found.data?.items ?? []).map((item) => [item.threadId, item]));
}

/** A message's opens and clicks, each with who made it and why it was judged so. */
export function MessageTracking({ messageId }: { messageId: string }) {
  const found = useResource<TrackingCounts & { events: TrackingEvent[] }>(
    `/api/messages/${encodeURIComponent(messageId)}/tracking`,
  );
  if (!found.data || found.data.events.length === 0) return null;
  return (
    <section className="panel" aria-label="Tracking">
      <TrackingBadge counts={found.data} />
      <details>
        <summary>
          {found.data.events.length} requests to the pixel and links, people’s counted
        </summary>
        <ul className="plain">
          {found.data.events.map((event, index) => (
            <li key={index}>
              {event.kind === 'open' ? 'Opened' : `Clicked ${event.target ?? ''}`} ·{' '}
              {formatDateTime(event.at)} · {verdictWords[event.verdict]}:{' '}
              <span className="muted">{event.reason}</span>
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}

/** When the contact tends to read and answer mail, from their replies and people's opens. */
export function BestTimeToContact({ contactId }: { contactId: string }) {
  const found = useResource<BestTime>(`/api/contacts/${encodeURIComponent(contactId)}/best-time`);
  return (
    <Section title="Best time to contact">
      <ErrorText message={found.error} />
      {found.data && found.data.best.length > 0 ? (
        <p>
          {found.data.best
            .map((slot) => `${weekdays[slot.weekday]} ${slot.hour}:00–${slot.hour + 1}:00`)
            .join(', ')}{' '}
          <span className="muted">
            ({found.data.timeZone}, from {found.data.basedOn} replies and opens)
          </span>
        </p>
      ) : found.data ? (
        <p className="muted">No replies or opens yet.</p>
      ) : null}
    </Section>
  );
}
