import type { Queryable } from '../database.js';
import {
  messageVisibleTo,
  readerCte,
  readerParams,
  type ReaderParams,
} from './message-visibility.js';
import { calendarVisible } from './record-meetings.js';

/** A meeting or an open as the relationship scores read it: when, and who took part. */
export interface EncounterRow {
  at: Date;
  people: string[];
}

/** When a meeting starts: all-day events at midnight UTC of their date. */
const meetingStart = `(CASE WHEN g.all_day THEN g.starts || 'T00:00:00Z' ELSE g.starts END)::timestamptz`;

/** An attendee who has not declined, or the organiser: someone who was there. */
const present = `(a.partstat IS NULL OR a.partstat <> 'DECLINED')`;

/**
 * Reads of what, besides mail, makes a connection: meetings and people's
 * opens of tracked mail, each filtered by what the reader may see, and
 * bounded like the mail the scores read.
 */
export function encountersRepository(db: Queryable) {
  return {
    /**
     * Meetings not cancelled, started by `now`, that any of `addresses`
     * organised or attended without declining, and that the reader may see
     * (by the mail that carried it, or the calendar that holds it), with
     * everyone who was there; latest first.
     */
    meetingsWith: (
      reader: ReaderParams,
      addresses: readonly string[],
      now: Date,
      limit: number,
    ): Promise<EncounterRow[]> =>
      db.query<EncounterRow>(
        `WITH ${readerCte}
         SELECT ${meetingStart} AS at,
           ARRAY(SELECT g.organizer WHERE g.organizer IS NOT NULL
                 UNION
                 SELECT a.email FROM meeting_attendees a
                 WHERE a.uid = g.uid AND a.recurrence_id = g.recurrence_id AND ${present}) AS people
         FROM meetings g
         LEFT JOIN messages m ON m.id = g.source_message_id
         LEFT JOIN dav_sources ds ON ds.id = g.source_dav_id
         WHERE g.starts IS NOT NULL
           AND g.status IS DISTINCT FROM 'CANCELLED' AND g.method IS DISTINCT FROM 'CANCEL'
           AND (g.organizer = ANY($4::text[])
                OR EXISTS (SELECT 1 FROM meeting_attendees a WHERE a.uid = g.uid
                           AND a.recurrence_id = g.recurrence_id AND a.email = ANY($4::text[])
                           AND ${present}))
           AND ${meetingStart} <= $5::timestamptz
           AND ((m.id IS NOT NULL AND ${messageVisibleTo('m')}) OR (ds.id IS NOT NULL AND ${calendarVisible}))
         ORDER BY at DESC LIMIT $6`,
        [...readerParams(reader), [...addresses], now, limit],
      ),

    /**
     * People's opens (not a machine's, not the sender's) of tracked mail
     * sent to one of `addresses` alone, whose stored copy the reader may
     * see, by `now`: the sender and that address, once per message and day
     * (a mail reader showing a message again is no new sign); latest first.
     */
    humanOpensOf: (
      reader: ReaderParams,
      addresses: readonly string[],
      now: Date,
      limit: number,
    ): Promise<EncounterRow[]> =>
      db.query<EncounterRow>(
        `WITH ${readerCte}, opens AS (
           SELECT DISTINCT ON (t.id, (e.at AT TIME ZONE 'UTC')::date) e.at,
             ARRAY[u.email, t.recipients[1]] AS people
           FROM tracked_messages t
           JOIN outbox o ON o.id = t.outbox_id
           JOIN users u ON u.id = o.sender_id
           JOIN tracking_events e ON e.tracked_message_id = t.id
           WHERE e.kind = 'open' AND e.verdict = 'human' AND e.at <= $5::timestamptz
             AND cardinality(t.recipients) = 1 AND t.recipients[1] = ANY($4::text[])
             AND EXISTS (SELECT 1 FROM messages m
                         WHERE m.message_id = o.message_id AND ${messageVisibleTo('m')})
           ORDER BY t.id, (e.at AT TIME ZONE 'UTC')::date, e.at)
         SELECT at, people FROM opens ORDER BY at DESC LIMIT $6`,
        [...readerParams(reader), [...addresses], now, limit],
      ),
  };
}
