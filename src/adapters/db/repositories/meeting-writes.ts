import type { Meeting } from '../../../core/meetings/read-meetings.js';
import type { Statement } from '../database.js';

/** A calendar object a stored message carried, to apply to the meetings it names. */
export interface MeetingUpdateRow {
  /** The message's key (`messages.message_key`), stored before these statements run. */
  readonly key: string;
  /** The message was captured: only a captured invitation may add a meeting. */
  readonly captured: boolean;
  readonly meeting: Meeting;
}

// iTIP methods that state a meeting (RFC 5546); a calendar without METHOD is read as one too.
const stating = new Set(['REQUEST', 'ADD', 'PUBLISH']);

/** A meeting's own columns, in the order the meetings table's writes list them. */
export function meetingFields(meeting: Meeting): unknown[] {
  return [
    meeting.sequence,
    meeting.method,
    meeting.status,
    meeting.allDay,
    meeting.start,
    meeting.end,
    meeting.timeZone,
    meeting.summary,
    meeting.location,
    meeting.onlineUrl,
    meeting.organizer,
    meeting.rrule,
  ];
}

/**
 * The statements that bring the stored meetings up to date with the calendar
 * objects of a batch's messages, in message order (one object may build on
 * the one before):
 *
 * - an invitation (REQUEST, ADD, PUBLISH, or no method) adds the meeting when
 *   its message was captured, and replaces a stored one when its SEQUENCE is
 *   higher, attendees included;
 * - a REPLY sets the status of the attendees it names, unless it answers an
 *   older SEQUENCE than the one stored;
 * - a CANCEL marks the meeting, or the one occurrence it names, cancelled,
 *   unless the stored meeting is newer;
 * - anything else (COUNTER, REFRESH, DECLINECOUNTER) changes nothing.
 *
 * Nothing but a captured invitation adds a meeting, so mail that was not
 * captured only ever updates meetings already stored.
 */
export function meetingStatements(rows: readonly MeetingUpdateRow[]): Statement[] {
  return rows.flatMap((row) => {
    const method = row.meeting.method;
    if (method === null || stating.has(method)) return invitation(row);
    if (method === 'REPLY') return [reply(row)];
    if (method === 'CANCEL') return [cancellation(row)];
    return [];
  });
}

function keyOf({ meeting }: MeetingUpdateRow): [string, string] {
  return [meeting.uid, meeting.recurrenceId ?? ''];
}

function invitation(row: MeetingUpdateRow): Statement[] {
  const { meeting } = row;
  const [uid, recurrenceId] = keyOf(row);
  // The attendees follow only when this message's version is the one now stored.
  const shown = `EXISTS (SELECT 1 FROM meetings g JOIN messages m ON m.id = g.source_message_id
    WHERE g.uid = $1 AND g.recurrence_id = $2 AND m.message_key = $3)`;
  return [
    {
      sql: `INSERT INTO meetings (uid, recurrence_id, sequence, method, status, all_day, starts, ends,
              time_zone, summary, location, online_url, organizer, rrule, source_message_id)
            SELECT $1, $2, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, m.id
            FROM messages m
            WHERE m.message_key = $3
              AND ($16 OR EXISTS (SELECT 1 FROM meetings g WHERE g.uid = $1 AND g.recurrence_id = $2))
            ON CONFLICT (uid, recurrence_id) DO UPDATE SET
              sequence = EXCLUDED.sequence, method = EXCLUDED.method, status = EXCLUDED.status,
              all_day = EXCLUDED.all_day, starts = EXCLUDED.starts, ends = EXCLUDED.ends,
              time_zone = EXCLUDED.time_zone, summary = EXCLUDED.summary, location = EXCLUDED.location,
              online_url = EXCLUDED.online_url, organizer = EXCLUDED.organizer, rrule = EXCLUDED.rrule,
              source_message_id = EXCLUDED.source_message_id
            WHERE EXCLUDED.sequence > meetings.sequence`,
      params: [uid, recurrenceId, row.key, ...meetingFields(meeting), row.captured],
    },
    {
      sql: `DELETE FROM meeting_attendees a
            WHERE a.uid = $1 AND a.recurrence_id = $2 AND ${shown}
              AND NOT a.email = ANY(ARRAY(SELECT jsonb_array_elements_text($4::jsonb)))`,
      params: [uid, recurrenceId, row.key, JSON.stringify(meeting.attendees.map((a) => a.email))],
    },
    {
      sql: `INSERT INTO meeting_attendees (uid, recurrence_id, email, name, role, partstat)
            SELECT DISTINCT ON (r.email) $1, $2, r.email, r.name, r.role, r.partstat
            FROM jsonb_to_recordset($4::jsonb) AS r(email text, name text, role text, partstat text)
            WHERE ${shown}
            ON CONFLICT (uid, recurrence_id, email) DO UPDATE SET
              name = EXCLUDED.name, role = EXCLUDED.role, partstat = EXCLUDED.partstat`,
      params: [uid, recurrenceId, row.key, JSON.stringify(meeting.attendees)],
    },
  ];
}

function reply(row: MeetingUpdateRow): Statement {
  const [uid, recurrenceId] = keyOf(row);
  return {
    sql: `INSERT INTO meeting_attendees (uid, recurrence_id, email, name, role, partstat)
          SELECT DISTINCT ON (r.email) g.uid, g.recurrence_id, r.email, r.name, r.role, r.partstat
          FROM meetings g, jsonb_to_recordset($3::jsonb) AS r(email text, name text, role text, partstat text)
          WHERE g.uid = $1 AND g.recurrence_id = $2 AND g.sequence <= $4 AND r.partstat IS NOT NULL
          ON CONFLICT (uid, recurrence_id, email) DO UPDATE SET partstat = EXCLUDED.partstat`,
    params: [uid, recurrenceId, JSON.stringify(row.meeting.attendees), row.meeting.sequence],
  };
}

function cancellation(row: MeetingUpdateRow): Statement {
  const { meeting } = row;
  const [uid, recurrenceId] = keyOf(row);
  // An occurrence of a stored series gets a row of its own, cancelled.
  return {
    sql: `INSERT INTO meetings (uid, recurrence_id, sequence, method, status, all_day, starts, ends,
            time_zone, summary, location, online_url, organizer, rrule, source_message_id)
          SELECT $1, $2, $4, 'CANCEL', 'CANCELLED', $5, $6, $7, $8, $9, $10, $11, $12, NULL, m.id
          FROM messages m
          WHERE m.message_key = $3
            AND EXISTS (SELECT 1 FROM meetings g WHERE g.uid = $1 AND g.recurrence_id IN ($2, ''))
          ON CONFLICT (uid, recurrence_id) DO UPDATE SET
            sequence = EXCLUDED.sequence, method = 'CANCEL', status = 'CANCELLED',
            source_message_id = EXCLUDED.source_message_id
          WHERE EXCLUDED.sequence >= meetings.sequence`,
    params: [
      uid,
      recurrenceId,
      row.key,
      meeting.sequence,
      meeting.allDay,
      meeting.start,
      meeting.end,
      meeting.timeZone,
      meeting.summary,
      meeting.location,
      meeting.onlineUrl,
      meeting.organizer,
    ],
  };
}
