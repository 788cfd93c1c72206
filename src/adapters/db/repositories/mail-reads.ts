import type { RecordKind } from '../../../core/records/record-kinds.js';
import type { Queryable } from '../database.js';
import {
  messageBodyOpenTo,
  messageVisibleTo,
  readerCte,
  readerParams,
  type ReaderParams,
} from './message-visibility.js';
import { recordName } from './record-name.js';
import { messageFiled } from './review-hold.js';
import { storedHtmlColumns, type StoredHtml } from './safe-html.js';
import {
  afterThreadCursor,
  messageAt,
  densityCte,
  newestOfThread,
  rowByRow,
  threadCursorParams,
} from './thread-walk.js';

export interface TimelineLink {
  type: RecordKind;
  id: string;
  name: string | null;
  reason: string;
  confidence: number;
}

export interface TimelineThreadRow {
  threadId: string;
  subject: string;
  lastAt: Date;
  firstAt: Date;
  messageCount: number;
  participants: string[];
  links: TimelineLink[];
  /** `lastAt` in PostgreSQL's own text form, exact to the microsecond, for the next page's cursor. */
  cursorAt: string;
}

export interface RecordFileRow {
  messageId: string;
  position: number;
  filename: string | null;
  contentType: string;
  size: number;
  sentAt: Date;
}

export interface ActivitySummaryRow {
  messages: number;
  threads: number;
  inbound: number;
  outbound: number;
  lastInboundAt: Date | null;
  lastOutboundAt: Date | null;
  lastInteractionAt: Date | null;
}

export interface SearchHitRow {
  id: string;
  threadId: string;
  subject: string;
  sentAt: Date | null;
  fromAddress: string | null;
  snippet: string | null;
  /** The hit's date in PostgreSQL's own text form, exact to the microsecond, for the next page's cursor. */
  cursorAt: string;
}

export interface MessageRow extends StoredHtml {
  id: string;
  threadId: string;
  subject: string;
  sentAt: Date | null;
  fromAddress: string | null;
  participants: string[];
  envelope: {
    from?: { address: string; name: string }[];
    to?: { address: string; name: string }[];
    cc?: { address: string; name: string }[];
    attachments?: { filename: string | null; contentType: string; size: number }[];
  };
  textBody: string | null;
  /** The organisation's decision: captured for at least one mailbox, else why not. */
  captured: boolean;
  category: string;
  reasons: string[];
  /** What was proven about the sender, as stored; null when nothing was checked. */
  senderAuth: unknown;
  /** For a bounce: whom it says delivery failed to, and the status it gives. */
  failedRecipients: string[];
  deliveryStatus: string | null;
}

/**
 * The record and, for an account asked with its subsidiaries, every account
 * below it. Parameters: `$4` record type, `$5` record id, `$6` whether to walk down.
 */
const targetsCte = `targets(id, depth) AS (
    SELECT $5::uuid, 0
    UNION
    SELECT a.id, t.depth + 1 FROM accounts a JOIN targets t ON a.parent_id = t.id
    WHERE $6::boolean AND $4::text = 'account' AND t.depth < 50)`;

/** Link `l` is to one of the targets. */
const linkedToTargets = (l: string) =>
  `${l}.record_type = $4::text AND ${l}.record_id = ANY(ARRAY(SELECT id FROM targets))`;

/** Message `m` is filed on one of the targets, and the reader may see it. */
const isHit = (m: string) => `${rowByRow(`EXISTS (
      SELECT 1 FROM message_links l WHERE l.message_id = ${m}.id AND ${linkedToTargets('l')})`)}
    AND ${rowByRow(messageFiled(m))}
    AND ${rowByRow(messageVisibleTo(m))}`;

/**
 * A hit that makes a timeline entry: mail kept for statistics alone (older
 * than the activity window of every mailbox holding it) counts, but shows no entry.
 */
const isTimelineHit = (m: string) => `NOT ${m}.statistics_only AND ${isHit(m)}`;

/** The visible messages filed on the targets, once each. */
const hitsCte = `hits AS (
    SELECT m.id, m.thread_id, m.from_address, ${messageAt('m')} AS at
    FROM messages m
    WHERE ${isHit('m')})`;

/**
 * One page of search hits after the cursor, from messages `m` in `from` that
 * `where` accepts; their order is the messages_at index's.
 */
const searchPage = (from: string, where: string) => `
    SELECT m.id, m.thread_id, m.subject, m.sent_at, m.from_address, m.text_body, b.open, ${messageAt('m')} AS at
    FROM ${from}
    CROSS JOIN LATERAL (SELECT ${rowByRow(messageBodyOpenTo('m'))} AS open) AS b
    WHERE ${where} AND (${messageAt('m')}, m.thread_id, m.id) < ($5::timestamptz, $6::text, $7::uuid)
      AND ${rowByRow(messageVisibleTo('m'))}
      AND (b.open OR ts_filter(m.search, '{a}') @@ $4::tsquery)
    ORDER BY ${messageAt('m')} DESC, m.thread_id DESC, m.id DESC
    LIMIT $8 OFFSET $9`;

/** Any id: with no cursor, the date alone already sorts every hit after it. */
const maxUuid = 'ffffffff-ffff-ffff-ffff-ffffffffffff';

/** Reads of captured mail, each filtered by what the reader may see. */
export function mailReadsRepository(
  db: Queryable,
  /**
   * Up to this many messages holding the searched words, the search starts
   * from the word index and sorts what it finds: cheaper than walking the
   * date index past every message that does not hold them.
   */
  { rareWordHits = 1000 }: { rareWordHits?: number } = {},
) {
  return {
    /** A message's attachments in order; `downloadable` when their content was kept. */
    async attachmentsOf(messageId: string) {
      const rows = await db.query<{
        position: number;
        filename: string | null;
        contentType: string;
        size: number;
        sha256: string | null;
      }>(
        `SELECT position, filename, content_type AS "contentType", size, sha256
         FROM message_attachments WHERE message_id = $1 ORDER BY position`,
        [messageId],
      );
      return rows.map((row) => ({ ...row, downloadable: row.sha256 !== null }));
    },
    /** The stored content of the message's part with this Content-ID, if it was kept. */
    async inlinePart(messageId: string, contentId: string) {
      const [row] = await db.query<{ position: number; contentType: string; sha256: string }>(
        `SELECT position, content_type AS "contentType", sha256 FROM message_attachments
         WHERE message_id = $1 AND content_id = $2 AND sha256 IS NOT NULL
         ORDER BY position LIMIT 1`,
        [messageId, contentId],
      );
      return row ?? null;
    },

    /**
     * One row per thread, newest activity first, after the `(at, threadId)`
     * cursor. The walk keeps each thread's newest hit; the page's threads
     * alone are then read whole (by the thread index).
     */
    async timeline(
      reader: ReaderParams,
      query: {
        type: RecordKind;
        id: string;
        includeSubsidiaries: boolean;
        after: { at: string; threadId: string } | null;
        limit: number;
      },
      signal?: AbortSignal,
    ): Promise<TimelineThreadRow[]> {
      return db.query<TimelineThreadRow>(
        `WITH RECURSIVE ${readerCte}, ${targetsCte},
         ${densityCte(`FROM message_links l WHERE ${linkedToTargets('l')}`)},
         page AS (
           (SELECT m.thread_id, m.subject, ${messageAt('m')} AS last_at
            FROM messages m
            WHERE (SELECT dense FROM density) AND ${afterThreadCursor('m', '$7', '$8')}
              AND ${isTimelineHit('m')} AND ${newestOfThread('m', isTimelineHit)}
            ORDER BY ${messageAt('m')} DESC, m.thread_id DESC
            LIMIT $9)
           UNION ALL
           (SELECT m.thread_id, m.subject, ${messageAt('m')}
            FROM (SELECT m.* FROM (SELECT DISTINCT l.message_id FROM message_links l
                                   WHERE NOT (SELECT dense FROM density) AND ${linkedToTargets('l')}) AS f
                  JOIN messages m ON m.id = f.message_id
                  WHERE ${afterThreadCursor('m', '$7', '$8')}
                  ORDER BY ${messageAt('m')} DESC, m.thread_id DESC
                  OFFSET 0) AS m
            WHERE ${isTimelineHit('m')} AND ${newestOfThread('m', isTimelineHit)}
            ORDER BY ${messageAt('m')} DESC, m.thread_id DESC
            LIMIT $9)),
         hits AS (
           SELECT m.id, m.thread_id, m.participants, ${messageAt('m')} AS at
           FROM page p JOIN messages m ON m.thread_id = p.thread_id
           WHERE ${isTimelineHit('m')}),
         threads AS (
           SELECT h.thread_id, min(h.at) AS first_at, count(*)::int AS n FROM hits h GROUP BY h.thread_id)
         SELECT p.thread_id AS "threadId", p.subject, p.last_at AS "lastAt", t.first_at AS "firstAt",
           t.n AS "messageCount", p.last_at::text AS "cursorAt",
           ARRAY(SELECT DISTINCT a FROM hits h, unnest(h.participants) AS a
                 WHERE h.thread_id = p.thread_id ORDER BY a) AS participants,
           (SELECT coalesce(jsonb_agg(jsonb_build_object('type', best.record_type, 'id', best.record_id,
                'name', ${recordName('best.record_type', 'best.record_id')},
                'reason', best.reason, 'confidence', best.confidence)
                ORDER BY best.confidence DESC, best.record_type, best.record_id), '[]')
            FROM (SELECT DISTINCT ON (l.record_type, l.record_id) l.record_type, l.record_id, l.reason, l.confidence
                  FROM message_links l JOIN hits h ON h.id = l.message_id
                  WHERE h.thread_id = p.thread_id
                  ORDER BY l.record_type, l.record_id, l.confidence DESC, l.reason) AS best) AS links
         FROM page p JOIN threads t ON t.thread_id = p.thread_id
         ORDER BY p.last_at DESC, p.thread_id DESC`,
        [
          ...readerParams(reader),
          query.type,
          query.id,
          query.includeSubsidiaries,
          ...threadCursorParams(query.after),
          query.limit,
        ],
        { signal },
      );
    },

    /**
     * The kept files of the mail filed on a record whose bodies the reader
     * may open, newest first: what a reply can attach without a download.
     */
    async recordFiles(reader: ReaderParams, query: { type: RecordKind; id: string }) {
      return db.query<RecordFileRow>(
        `WITH RECURSIVE ${readerCte}, ${targetsCte}, ${hitsCte}
         SELECT a.message_id AS "messageId", a.position, a.filename, a.content_type AS "contentType",
           a.size, h.at AS "sentAt"
         FROM hits h JOIN messages m ON m.id = h.id JOIN message_attachments a ON a.message_id = h.id
         WHERE a.sha256 IS NOT NULL AND ${rowByRow(messageBodyOpenTo('m'))}
         ORDER BY h.at DESC, a.message_id, a.position LIMIT 100`,
        [...readerParams(reader), query.type, query.id, false],
      );
    },

    /**
     * Counts and last dates over the visible messages filed on the record.
     * Outbound means sent by one of our users (an address or alias of theirs).
     */
    async activitySummary(
      reader: ReaderParams,
      query: { type: RecordKind; id: string; includeSubsidiaries: boolean },
    ): Promise<ActivitySummaryRow> {
      const [row] = await db.query<ActivitySummaryRow>(
        `WITH RECURSIVE ${readerCte}, ${targetsCte}, ${hitsCte},
         directed AS (
           SELECT h.thread_id, h.at, (
             EXISTS (SELECT 1 FROM users u WHERE u.email = h.from_address)
             OR EXISTS (SELECT 1 FROM user_aliases ua WHERE ua.address = h.from_address)) AS outbound
           FROM hits h)
         SELECT count(*)::int AS messages, count(DISTINCT thread_id)::int AS threads,
           (count(*) FILTER (WHERE NOT outbound))::int AS inbound,
           (count(*) FILTER (WHERE outbound))::int AS outbound,
           max(at) FILTER (WHERE NOT outbound) AS "lastInboundAt",
           max(at) FILTER (WHERE outbound) AS "lastOutboundAt",
           max(at) AS "lastInteractionAt"
         FROM directed`,
        [...readerParams(reader), query.type, query.id, query.includeSubsidiaries],
      );
      return row!;
    },

    /**
     * Full-text hits the reader may see, for a `tsquery` literal
     * (core/search/search-terms.ts), newest first, after the `(at, threadId,
     * id)` cursor. The body only matches, and only gives a snippet, where the
     * reader may open the body; otherwise the subject alone (the A-weighted
     * words) is searched, so a hit never reveals hidden words. Snippets are
     * cut for the page's hits alone. A word in many messages is found by
     * walking the date index, which fills a page at once where the word
     * index would hand over every message to check and sort; a word in few
     * (at most `rareWordHits` messages, counted through the word index) is
     * found through the word index, which spares that walk the whole date
     * index when few or none of its rows match.
     */
    async search(
      reader: ReaderParams,
      query: {
        terms: string;
        after: { at: string; threadId: string; id: string } | null;
        limit: number;
        offset: number;
      },
      signal?: AbortSignal,
    ): Promise<SearchHitRow[]> {
      const [matches] = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM (
           SELECT 1 FROM messages m WHERE m.search @@ $1::tsquery LIMIT ${rareWordHits + 1}) AS x`,
        [query.terms],
        { signal },
      );
      const page =
        (matches?.n ?? 0) > rareWordHits
          ? searchPage('messages m', rowByRow('m.search @@ $4::tsquery'))
          : searchPage(
              'messages m',
              'm.id = ANY(ARRAY(SELECT w.id FROM messages w WHERE w.search @@ $4::tsquery))',
            );
      return db.query<SearchHitRow>(
        `WITH ${readerCte},
         page AS (${page})
         SELECT x.id, x.thread_id AS "threadId", x.subject, x.sent_at AS "sentAt",
           x.from_address AS "fromAddress", x.at::text AS "cursorAt",
           CASE WHEN x.open AND x.text_body IS NOT NULL
             THEN ts_headline('simple', x.text_body, $4::tsquery, 'MaxWords=25, MinWords=8, MaxFragments=1')
           END AS snippet
         FROM page x
         ORDER BY x.at DESC, x.thread_id DESC, x.id DESC`,
        [
          ...readerParams(reader),
          query.terms,
          ...threadCursorParams(query.after),
          query.after?.id ?? maxUuid,
          query.limit,
          query.offset,
        ],
        { signal },
      );
    },

    /** The message, or null when it does not exist or the reader may not see it. */
    async visibleMessage(reader: ReaderParams, id: string): Promise<MessageRow | null> {
      const [row] = await db.query<MessageRow>(
        `WITH ${readerCte}
         SELECT m.id, m.thread_id AS "threadId", m.subject, m.sent_at AS "sentAt",
           m.from_address AS "fromAddress", m.participants, m.envelope,
           m.text_body AS "textBody", m.captured, m.category, m.reasons, m.sender_auth AS "senderAuth",
           m.failed_recipients AS "failedRecipients", m.delivery_status AS "deliveryStatus",
           ${storedHtmlColumns('m', 's')}
         FROM messages m LEFT JOIN message_safe_html s ON s.message_id = m.id
         WHERE m.id = $4 AND ${messageVisibleTo('m')}`,
        [...readerParams(reader), id],
      );
      return row ?? null;
    },

    /** Whether the reader may open the body, by the SQL rules (for checks against the core). */
    async bodyOpen(reader: ReaderParams, id: string): Promise<boolean> {
      const rows = await db.query(
        `WITH ${readerCte} SELECT 1 FROM messages m WHERE m.id = $4 AND ${messageBodyOpenTo('m')}`,
        [...readerParams(reader), id],
      );
      return rows.length > 0;
    },
  };
}
