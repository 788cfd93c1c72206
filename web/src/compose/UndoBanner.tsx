import { useCallback, useState } from 'react';
import { errorMessage, type OutboxItem } from '../api';
import { ErrorText } from '../components/ui';
import { formatDateTime } from '../mail-words';
import { useApiPost, useInterval } from '../use-resource';

/**
 * After Send: the seconds left to undo, or when a scheduled message will
 * go, with the button that takes it back while the server still can.
 */
export function UndoBanner(props: { item: OutboxItem }) {
  const post = useApiPost();
  const [now, setNow] = useState(() => Date.now());
  const [error, setError] = useState<string | null>(null);
  const [item, setItem] = useState(props.item);
  useInterval(
    useCallback(() => setNow(Date.now()), []),
    1000,
  );
  const until = item.undoUntil ? new Date(item.undoUntil).getTime() : 0;
  const left = Math.ceil((until - now) / 1000);
  const scheduled = item.timeZone !== null;

  async function undo() {
    setError(null);
    try {
      setItem(await post<OutboxItem>(`/api/outbox/${encodeURIComponent(item.id)}/cancel`));
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  if (item.state === 'cancelled') {
    return (
      <p className="notice" role="status">
        Not sent: the message was taken back.
      </p>
    );
  }
  return (
    <div className="notice undo-banner" role="status">
      {left > 0 ? (
        <>
          <span>
            {scheduled
              ? `Scheduled for ${formatDateTime(item.sendAt)} (${item.timeZone}).`
              : `Sending in ${left} s.`}
          </span>{' '}
          <button type="button" onClick={() => void undo()}>
            {scheduled ? 'Cancel sending' : 'Undo'}
          </button>
        </>
      ) : (
        <span>Sent to the outbox: on its way.</span>
      )}
      <ErrorText message={error} />
    </div>
  );
}
