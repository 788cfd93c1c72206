import type { RecordKind } from '../../../core/records/record-kinds.js';
import type { Queryable } from '../database.js';
import {
  messageVisibleTo,
  readerCte,
  readerParams,
  type ReaderParams,
} from './message-visibility.js';

/** A meeting on a record's timeline, with everyone who takes part. */
export interface RecordMeetingRow {
  uid: string;
  recurrenceId: string;
  sequence: number;
  status: string | null;
  allDay: boolean;
  starts: string | null;
  ends: string | null;
  timeZone: string | null;
  summary: string | null;
  location: string | null;
  onlineUrl: string | null;
  organizer: string | null;
  /** Where it was learnt: a message, a connected calendar, or both. */
  fromMail: boolean;
  fromCalendar: boolean;
  attendees: { email: string; name: string | null; role: string | null; partstat: string | null }[];
}

/** The addresses of the people a record stands for: its own, its contacts', the deal's contacts'. */
const peopleOf: Readonly<Record<RecordKind, string>> = {
  contact: 'SELECT address FROM contact_emails WHERE contact_id = $5',
  lead: 'SELECT address FROM lead_emails WHERE lead_id = $5',
  account: `SELECT e.address FROM contacts c JOIN contact_emails e ON e.contact_id = c.id
            WHERE c.account_id = $5`,
  deal: `SELECT e.address FROM deal_contacts d JOIN contact_emails e ON e.contact_id = d.contact_id
         WHERE d.deal_id = $5`,
  case: `SELECT e.address FROM cases k JOIN contact_emails e ON e.contact_id = k.contact_id
         WHERE k.id = $5`,
};

/**
 * A meeting from a connected calendar shows where its owner's mail would:
 * to the owner, admins, and those the owner shares all their mail with.
 */
export const calendarVisible = `(ds.owner_id = $1::uuid OR $2::boolean OR EXISTS (
  SELECT 1 FROM sharing_settings s WHERE s.user_id = ds.owner_id AND (s.mode = 'public'
    OR (s.mode = 'custom' AND EXISTS (
      SELECT 1 FROM user_shares us WHERE us.owner_id = ds.owner_id AND us.user_id = $1::uuid)))))`;

export function recordMeetingsRepository(db: Queryable) {
  return {
    /**
     * The meetings one of the record's people attends or organises, that the
     * reader may see (by the mail that carried it, or the calendar that
     * holds it), latest start first.
     */
    list(
      reader: ReaderParams,
      query: { type: RecordKind; id: string; limit: number },
    ): Promise<RecordMeetingRow[]> {
      return db.query<RecordMeetingRow>(
        `WITH ${readerCte}, people AS (${peopleOf[query.type]})
         SELECT g.uid, g.recurrence_id AS "recurrenceId", g.sequence, g.status, g.all_day AS "allDay",
           g.starts, g.ends, g.time_zone AS "timeZone", g.summary, g.location,
           g.online_url AS "onlineUrl", g.organizer,
           g.source_message_id IS NOT NULL AS "fromMail", g.source_dav_id IS NOT NULL AS "fromCalendar",
           (SELECT coalesce(jsonb_agg(jsonb_build_object('email', a.email, 'name', a.name,
                'role', a.role, 'partstat', a.partstat) ORDER BY a.email), '[]')
            FROM meeting_attendees a WHERE a.uid = g.uid AND a.recurrence_id = g.recurrence_id) AS attendees
         FROM meetings g
         LEFT JOIN messages m ON m.id = g.source_message_id
         LEFT JOIN dav_sources ds ON ds.id = g.source_dav_id
         WHERE (g.organizer IN (SELECT address FROM people)
                OR EXISTS (SELECT 1 FROM meeting_attendees a WHERE a.uid = g.uid
                           AND a.recurrence_id = g.recurrence_id AND a.email IN (SELECT address FROM people)))
           AND ((m.id IS NOT NULL AND ${messageVisibleTo('m')}) OR (ds.id IS NOT NULL AND ${calendarVisible}))
         ORDER BY g.starts DESC NULLS LAST, g.uid, g.recurrence_id
         LIMIT $4`,
        [...readerParams(reader), query.limit, query.id],
      );
    },
  };
}
