import type { TrackingKind, TrackingVerdict } from '../../../core/tracking/judge-event.js';
import type { Queryable } from '../database.js';
import {
  messageVisibleTo,
  readerCte,
  readerParams,
  type ReaderParams,
} from './message-visibility.js';

/** What the tracking endpoints need to know of a tracked message, in one read. */
export interface TrackedMessageRow {
  id: string;
  links: string[];
  senderIp: string | null;
  senderId: string;
  sentAt: Date | null;
  /** The latest events, oldest first: what a new event is judged against. */
  earlier: { kind: TrackingKind; link: number | null; at: Date }[];
}

export interface TrackingEventRow {
  kind: TrackingKind;
  link: number | null;
  at: Date;
  verdict: TrackingVerdict;
  reason: string;
}

/** People's opens and clicks of the tracked mail in a thread or message. */
export interface TrackingCounts {
  opens: number;
  clicks: number;
}

/** Events a new one is judged against: enough for a burst of clicks on every link. */
const earlierEvents = 50;

const humanCounts = `count(*) FILTER (WHERE e.kind = 'open' AND e.verdict = 'human')::int AS opens,
  count(*) FILTER (WHERE e.kind = 'click' AND e.verdict = 'human')::int AS clicks`;

/** Tracked messages a reader may see, with the thread and message they were captured as. */
const visibleTracked = `SELECT DISTINCT t.id, m.id AS message_id, m.thread_id
  FROM messages m JOIN outbox o ON o.message_id = m.message_id
  JOIN tracked_messages t ON t.outbox_id = o.id
  WHERE ${messageVisibleTo('m')}`;

export function trackingRepository(db: Queryable) {
  return {
    async insertTrackedMessage(row: {
      id: string;
      outboxId: string;
      links: readonly string[];
      recipients: readonly string[];
      senderIp: string | null;
    }): Promise<void> {
      await db.query(
        `INSERT INTO tracked_messages (id, outbox_id, links, recipients, sender_ip)
         VALUES ($1, $2, $3, $4, $5)`,
        [row.id, row.outboxId, [...row.links], [...row.recipients], row.senderIp],
      );
    },

    /**
     * The stored copy (the Sent copy, once captured) of each tracked message
     * given, by tracked id; those not captured yet are left out.
     */
    async storedMessagesOf(trackedIds: readonly string[]): Promise<Map<string, string>> {
      const rows = await db.query<{ trackedId: string; id: string }>(
        `SELECT DISTINCT ON (t.id) t.id AS "trackedId", m.id
         FROM tracked_messages t JOIN outbox o ON o.id = t.outbox_id
           JOIN messages m ON m.message_id = o.message_id
         WHERE t.id = ANY($1::uuid[]) ORDER BY t.id, m.id`,
        [trackedIds],
      );
      return new Map(rows.map((row) => [row.trackedId, row.id]));
    },

    /** Tracked messages by id, each with its latest events, in one statement; unknown ids left out. */
    async trackedMessages(ids: readonly string[]): Promise<TrackedMessageRow[]> {
      const rows = await db.query<Omit<TrackedMessageRow, 'earlier'> & { earlier: unknown }>(
        `SELECT t.id, t.links, t.sender_ip AS "senderIp", o.sender_id AS "senderId",
           o.sent_at AS "sentAt",
           coalesce((SELECT json_agg(json_build_object('kind', e.kind, 'link', e.link, 'at', e.at)
                       ORDER BY e.at)
                     FROM (SELECT kind, link, at FROM tracking_events
                           WHERE tracked_message_id = t.id ORDER BY at DESC LIMIT ${earlierEvents}) e),
             '[]'::json) AS earlier
         FROM tracked_messages t JOIN outbox o ON o.id = t.outbox_id WHERE t.id = ANY($1::uuid[])`,
        [[...ids]],
      );
      return rows.map((row) => {
        const earlier = row.earlier as { kind: TrackingKind; link: number | null; at: string }[];
        return { ...row, earlier: earlier.map((e) => ({ ...e, at: new Date(e.at) })) };
      });
    },

    /** Stores a batch of events in one statement. */
    async insertEvents(
      events: readonly (TrackingEventRow & { trackedMessageId: string; userAgent: string })[],
    ): Promise<void> {
      const column = <T>(pick: (e: (typeof events)[number]) => T) => events.map(pick);
      await db.query(
        `INSERT INTO tracking_events (tracked_message_id, kind, link, at, verdict, reason, user_agent)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::int[], $4::timestamptz[], $5::text[],
           $6::text[], $7::text[])`,
        [
          column((e) => e.trackedMessageId),
          column((e) => e.kind),
          column((e) => e.link),
          column((e) => e.at),
          column((e) => e.verdict),
          column((e) => e.reason),
          column((e) => e.userAgent),
        ],
      );
    },

    /** People's opens and clicks per thread, for the threads given that the reader may see. */
    threadCounts(
      reader: ReaderParams,
      threadIds: readonly string[],
    ): Promise<(TrackingCounts & { threadId: string })[]> {
      return db.query(
        `WITH ${readerCte}, tracked AS (${visibleTracked} AND m.thread_id = ANY($4::text[]))
         SELECT tr.thread_id AS "threadId", ${humanCounts}
         FROM tracked tr LEFT JOIN tracking_events e ON e.tracked_message_id = tr.id
         GROUP BY tr.thread_id`,
        [...readerParams(reader), [...threadIds]],
      );
    },

    /** Every event of a message the reader may see, with the link each click went to. */
    messageEvents(
      reader: ReaderParams,
      messageId: string,
    ): Promise<(TrackingEventRow & { target: string | null })[]> {
      return db.query(
        `WITH ${readerCte}, tracked AS (${visibleTracked} AND m.id = $4::uuid)
         SELECT e.kind, e.link, e.at, e.verdict, e.reason,
           CASE WHEN e.link IS NULL THEN NULL ELSE t.links[e.link + 1] END AS target
         FROM tracked tr JOIN tracked_messages t ON t.id = tr.id
         JOIN tracking_events e ON e.tracked_message_id = t.id
         ORDER BY e.at, e.id`,
        [...readerParams(reader), messageId],
      );
    },

    /**
     * When a contact was active: the mail they sent that the reader may see,
     * and people's opens of tracked mail that went to them alone.
     */
    async contactActivity(reader: ReaderParams, contactId: string): Promise<Date[]> {
      const rows = await db.query<{ at: Date }>(
        `WITH ${readerCte}, addresses AS (
           SELECT address FROM contact_emails WHERE contact_id = $4::uuid)
         SELECT m.sent_at AS at FROM messages m
         WHERE m.from_address IN (SELECT address FROM addresses) AND m.sent_at IS NOT NULL
           AND ${messageVisibleTo('m')}
         UNION ALL
         SELECT e.at FROM tracked_messages t
         JOIN tracking_events e ON e.tracked_message_id = t.id
         WHERE e.kind = 'open' AND e.verdict = 'human' AND cardinality(t.recipients) = 1
           AND t.recipients[1] IN (SELECT address FROM addresses)`,
        [...readerParams(reader), contactId],
      );
      return rows.map((row) => row.at);
    },

    /** The time zone mail to the contact was last scheduled in, if any. */
    async contactTimeZone(contactId: string): Promise<string | null> {
      const [row] = await db.query<{ timeZone: string }>(
        `SELECT o.time_zone AS "timeZone" FROM outbox o
         WHERE o.time_zone IS NOT NULL AND EXISTS (
           SELECT 1 FROM jsonb_array_elements(o.message->'to') AS r(value)
           JOIN contact_emails ce ON ce.address = r.value->>'address' AND ce.contact_id = $1::uuid)
         ORDER BY o.created_at DESC LIMIT 1`,
        [contactId],
      );
      return row?.timeZone ?? null;
    },
  };
}
