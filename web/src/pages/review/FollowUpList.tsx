import { useState } from 'react';
import { errorMessage, type FollowUp } from '../../api';
import { ErrorText, Section } from '../../components/ui';
import { formatDateTime } from '../../mail-words';
import { useApiPost, type useResource } from '../../use-resource';

/** The open follow-ups the reader set or was given, each cancellable. */
export function FollowUpList(props: {
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
