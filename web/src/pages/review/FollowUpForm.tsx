import { useState, type FormEvent } from 'react';
import type { Colleague } from '../../api';
import { useResource } from '../../use-resource';

/** Tomorrow at nine, local time, as a datetime-local input wants it. */
function tomorrowMorning(): string {
  const at = new Date();
  at.setDate(at.getDate() + 1);
  at.setHours(9, 0, 0, 0);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T09:00`;
}

/** When to be reminded of a thread, and who is. */
export function FollowUpForm(props: {
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
