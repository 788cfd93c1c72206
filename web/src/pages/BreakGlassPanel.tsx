import { useState, type FormEvent } from 'react';
import { errorMessage, type BreakGlassGrant, type User } from '../api';
import { ErrorText, PersonSelect, Section } from '../components/ui';
import { formatDateTime } from '../mail-words';
import { useApiPost, useResource } from '../use-resource';

/** An admin's break-glass read of a user's private mail: a reason, a duration, audited. */
export function BreakGlassPanel({ onChanged }: { onChanged: () => void }) {
  const users = useResource<{ items: User[] }>('/api/users');
  const post = useApiPost();
  const [ownerId, setOwnerId] = useState('');
  const [reason, setReason] = useState('');
  const [minutes, setMinutes] = useState('60');
  const [granted, setGranted] = useState<{ email: string; grant: BreakGlassGrant } | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    try {
      const grant = await post<BreakGlassGrant>('/api/break-glass', {
        ownerId,
        reason,
        minutes: Number(minutes),
      });
      const email = users.data?.items.find((user) => user.id === ownerId)?.email ?? '';
      setGranted({ email, grant });
      setReason('');
      onChanged();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  return (
    <Section title="Break glass">
      <p className="muted">
        Private mail, and mail held in review, is hidden from admins. To read a user’s private mail,
        give a reason: the read lasts the minutes you choose, is audited, and the user sees it under
        “Who read my private mail”.
      </p>
      <form className="connect-form" onSubmit={(event) => void submit(event)}>
        <label htmlFor="break-glass-user">User</label>
        <PersonSelect
          id="break-glass-user"
          required
          people={users.data?.items ?? []}
          value={ownerId}
          onChange={setOwnerId}
          placeholder="Choose a user…"
        />
        <label htmlFor="break-glass-reason">Reason</label>
        <input
          id="break-glass-reason"
          required
          minLength={10}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
        />
        <label htmlFor="break-glass-minutes">Minutes</label>
        <input
          id="break-glass-minutes"
          type="number"
          min={5}
          max={480}
          value={minutes}
          onChange={(event) => setMinutes(event.target.value)}
        />
        <button type="submit">Read their private mail</button>
      </form>
      <ErrorText message={error ?? users.error} />
      {granted ? (
        <p className="notice" role="status">
          You may read {granted.email}’s mail until {formatDateTime(granted.grant.expiresAt)}; they
          see this read on their settings page.
        </p>
      ) : null}
    </Section>
  );
}
