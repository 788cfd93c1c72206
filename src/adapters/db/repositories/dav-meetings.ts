import type { Meeting } from '../../../core/meetings/read-meetings.js';
import type { Statement } from '../database.js';
import { meetingFields } from './meeting-writes.js';

/**
 * The statements that store an event read from a calendar as a meeting, one
 * per UID and occurrence whichever way it came: the calendar's copy replaces
 * the stored meeting unless that one carries a higher SEQUENCE (a newer
 * invitation by mail), attendees included; the mail it came with stays its
 * source too.
 */
export function calendarMeetingStatements(sourceId: string, meeting: Meeting): Statement[] {
  const recurrenceId = meeting.recurrenceId ?? '';
  const applied = `EXISTS (SELECT 1 FROM meetings g WHERE g.uid = $1 AND g.recurrence_id = $2
    AND g.source_dav_id = $3 AND g.sequence = $4)`;
  return [
    {
      sql: `INSERT INTO meetings (uid, recurrence_id, sequence, method, status, all_day, starts, ends,
              time_zone, summary, location, online_url, organizer, rrule, source_dav_id)
            VALUES ($1, $2, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $3)
            ON CONFLICT (uid, recurrence_id) DO UPDATE SET
              sequence = EXCLUDED.sequence, status = EXCLUDED.status,
              all_day = EXCLUDED.all_day, starts = EXCLUDED.starts, ends = EXCLUDED.ends,
              time_zone = EXCLUDED.time_zone, summary = EXCLUDED.summary, location = EXCLUDED.location,
              online_url = EXCLUDED.online_url, organizer = EXCLUDED.organizer, rrule = EXCLUDED.rrule,
              source_dav_id = EXCLUDED.source_dav_id
            WHERE EXCLUDED.sequence >= meetings.sequence`,
      params: [meeting.uid, recurrenceId, sourceId, ...meetingFields(meeting)],
    },
    {
      sql: `DELETE FROM meeting_attendees a
            WHERE a.uid = $1 AND a.recurrence_id = $2 AND ${applied}
              AND NOT a.email = ANY(ARRAY(SELECT jsonb_array_elements_text($5::jsonb)))`,
      params: [
        meeting.uid,
        recurrenceId,
        sourceId,
        meeting.sequence,
        JSON.stringify(meeting.attendees.map((a) => a.email)),
      ],
    },
    {
      sql: `INSERT INTO meeting_attendees (uid, recurrence_id, email, name, role, partstat)
            SELECT DISTINCT ON (r.email) $1, $2, r.email, r.name, r.role, r.partstat
            FROM jsonb_to_recordset($5::jsonb) AS r(email text, name text, role text, partstat text)
            WHERE ${applied}
            ON CONFLICT (uid, recurrence_id, email) DO UPDATE SET
              name = EXCLUDED.name, role = EXCLUDED.role,
              partstat = coalesce(EXCLUDED.partstat, meeting_attendees.partstat)`,
      params: [
        meeting.uid,
        recurrenceId,
        sourceId,
        meeting.sequence,
        JSON.stringify(meeting.attendees),
      ],
    },
  ];
}

/** An event deleted from the calendar: its meeting, every occurrence, is cancelled, not kept as it was. */
export function calendarRemovalStatement(sourceId: string, uid: string): Statement {
  return {
    sql: `UPDATE meetings SET status = 'CANCELLED'
          WHERE uid = $2 AND source_dav_id = $1`,
    params: [sourceId, uid],
  };
}
