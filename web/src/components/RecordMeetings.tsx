import { recordTables, type RecordKind, type RecordMeeting } from '../api';
import { formatDateTime } from '../mail-words';
import { useResource } from '../use-resource';
import { ErrorText, Loading, Section, StatusBadge } from './ui';

const answers: Record<string, string> = {
  ACCEPTED: 'accepted',
  DECLINED: 'declined',
  TENTATIVE: 'maybe',
  'NEEDS-ACTION': 'no answer yet',
  DELEGATED: 'delegated',
};

/**
 * The meetings the record's people attend or organise, from invitations by
 * mail and connected calendars, latest first: when, what, where, and each
 * attendee's answer.
 */
export function RecordMeetings(props: { type: RecordKind; id: string }) {
  const meetings = useResource<{ items: RecordMeeting[] }>(
    `/api/${recordTables[props.type]}/${encodeURIComponent(props.id)}/meetings?limit=20`,
  );
  const items = meetings.data?.items ?? [];
  return (
    <Section title="Meetings" count={meetings.data ? items.length : undefined}>
      <ErrorText message={meetings.error} />
      {meetings.loading && !meetings.data ? <Loading /> : null}
      {meetings.data && items.length === 0 ? <p className="muted">No meetings.</p> : null}
      {items.length > 0 ? (
        <ul className="meetings">
          {items.map((meeting) => (
            <li key={`${meeting.uid}/${meeting.recurrenceId}`}>
              <p>
                <strong>{meeting.summary ?? 'Untitled meeting'}</strong>{' '}
                {meeting.status === 'CANCELLED' ? <StatusBadge status="Cancelled" /> : null}
              </p>
              <p className="muted">
                {when(meeting)}
                {meeting.location ? ` · ${meeting.location}` : ''}
                {meeting.onlineUrl ? (
                  <>
                    {' · '}
                    <a href={meeting.onlineUrl} rel="noreferrer noopener" target="_blank">
                      Join online
                    </a>
                  </>
                ) : null}
              </p>
              <p className="muted">
                {meeting.attendees
                  .map(
                    (a) => `${a.name ?? a.email}: ${answers[a.partstat ?? ''] ?? 'no answer yet'}`,
                  )
                  .join(', ')}
              </p>
            </li>
          ))}
        </ul>
      ) : null}
    </Section>
  );
}

function when(meeting: RecordMeeting): string {
  if (!meeting.starts) return 'Time not given';
  return meeting.allDay ? `${meeting.starts} (all day)` : formatDateTime(meeting.starts);
}
