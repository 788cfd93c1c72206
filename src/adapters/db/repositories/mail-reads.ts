import type { RecordType } from '../../../core/sharing/access.js';
import type { Queryable } from '../database.js';
import {
  messageBodyOpenTo,
  messageVisibleTo,
  readerCte,
  readerParams,
  type ReaderParams,
} from './message-visibility.js';
import { messageFiled } from './review-hold.js';
import { storedHtmlColumns, type StoredHtml } from './safe-html.js';

export interface TimelineLink {
  type: RecordType;
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
}

const tables: Record<RecordType, string> = {
  account: 'accounts',
  contact: 'contacts',
  lead: 'leads',
  deal: 'deals',
  case: 'cases',
};

const recordName = (type: string, id: string) => `CASE ${type}
    WHEN 'account' THEN (SELECT a.name FROM accounts a WHERE a.id = ${id})
    WHEN 'contact' THEN (SELECT trim(c.first_name || ' ' || c.last_name) FROM contacts c WHERE c.id = ${id})
    WHEN 'lead' THEN (SELECT trim(l.first_name || ' ' || l.last_name) FROM leads l WHERE l.id = ${id})
    WHEN 'deal' THEN (SELECT d.name FROM deals d WHERE d.id = ${id})
    WHEN 'case' THEN (SELECT k.number || ' ' || k.subject FROM cases k WHERE k.id = ${id})
  END`;

/**
 * The record and, for an account asked with its subsidiaries, every account
 * below it. Parameters: `$4` record type, `$5` record id, `$6` whether to walk down.
 */
const targetsCte = `targets(id, depth) AS (
    SELECT $5::uuid, 0
    UNION
    SELECT a.id, t.depth + 1 FROM accounts a JOIN targets t ON a.parent_id = t.id
    WHERE $6::boolean AND $4::text = 'account' AND t.depth < 50)`;

/** The visible messages filed on the targets, once each. */
const hitsCte = `hits AS (
    SELECT m.id, m.thread_id, m.subject, m.participants, m.from_address,
      coalesce(m.sent_at, m.created_at) AS at
    FROM messages m
    WHERE EXISTS (
        SELECT 1 FROM message_links l
        WHERE l.message_id = m.id AND l.record_type = $4::text AND l.record_id IN (SELECT id FROM targets))
      AND ${messageFiled('m')}
      AND ${messageVisibleTo('m')})`;

/** Reads of captured mail, each filtered by what the reader may see. */
export function mailReadsRepository(db: Queryable) {
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
    async recordExists(type: RecordType, id: string): Promise<boolean> {
      const rows = await db.query(`SELECT 1 FROM ${tables[type]} WHERE id = $1`, [id]);
      return rows.length > 0;
    },

    /** One row per thread, newest activity first, after the `(at, threadId)` cursor. */
    async timeline(
      reader: ReaderParams,
      query: {
        type: RecordType;
        id: string;
        includeSubsidiaries: boolean;
        after: { at: string; threadId: string } | null;
        limit: number;
      },
    ): Promise<TimelineThreadRow[]> {
      return db.query<TimelineThreadRow>(
        `WITH RECURSIVE ${readerCte}, ${targetsCte}, ${hitsCte},
         threads AS (
           SELECT h.thread_id, max(h.at) AS last_at, min(h.at) AS first_at, count(*)::int AS n,
             (array_agg(h.subject ORDER BY h.at DESC, h.id))[1] AS subject
           FROM hits h GROUP BY h.thread_id)
         SELECT t.thread_id AS "threadId", t.subject, t.last_at AS "lastAt", t.first_at AS "firstAt",
           t.n AS "messageCount", t.last_at::text AS "cursorAt",
           ARRAY(SELECT DISTINCT p FROM hits h, unnest(h.participants) AS p
                 WHERE h.thread_id = t.thread_id ORDER BY p) AS participants,
           (SELECT coalesce(jsonb_agg(jsonb_build_object('type', best.record_type, 'id', best.record_id,
                'name', ${recordName('best.record_type', 'best.record_id')},
                'reason', best.reason, 'confidence', best.confidence)
                ORDER BY best.confidence DESC, best.record_type, best.record_id), '[]')
            FROM (SELECT DISTINCT ON (l.record_type, l.record_id) l.record_type, l.record_id, l.reason, l.confidence
                  FROM message_links l JOIN hits h ON h.id = l.message_id
                  WHERE h.thread_id = t.thread_id
                  ORDER BY l.record_type, l.record_id, l.confidence DESC, l.reason) AS best) AS links
         FROM threads t
         WHERE $7::timestamptz IS NULL OR (t.last_at, t.thread_id) < ($7::timestamptz, $8::text)
         ORDER BY t.last_at DESC, t.thread_id DESC
         LIMIT $9`,
        [
          ...readerParams(reader),
          query.type,
          query.id,
          query.includeSubsidiaries,
          query.after?.at ?? null,
          query.after?.threadId ?? null,
          query.limit,
        ],
      );
    },

    /**
     * Counts and last dates over the visible messages filed on the record.
     * Outbound means sent by one of our users (an address or alias of theirs).
     */
    async activitySummary(
      reader: ReaderParams,
      query: { type: RecordType; id: string; includeSubsidiaries: boolean },
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
     * (core/search/search-terms.ts). The body only matches, and only gives a
     * snippet, where the reader may open the body; otherwise the subject
     * alone (the A-weighted words) is searched, so a hit never reveals hidden words.
     */
    async search(
      reader: ReaderParams,
      query: { terms: string; limit: number; offset: number },
    ): Promise<SearchHitRow[]> {
      return db.query<SearchHitRow>(
        `WITH ${readerCte},
         q AS (SELECT $4::tsquery AS query),
         matches AS (
           SELECT m.id, m.thread_id, m.subject, m.sent_at, m.from_address, m.text_body, m.search, m.created_at,
             ${messageBodyOpenTo('m')} AS body_open
           FROM messages m, q
           WHERE m.search @@ q.query AND ${messageVisibleTo('m')})
         SELECT x.id, x.thread_id AS "threadId", x.subject, x.sent_at AS "sentAt",
           x.from_address AS "fromAddress",
           CASE WHEN x.body_open AND x.text_body IS NOT NULL
             THEN ts_headline('simple', x.text_body, q.query, 'MaxWords=25, MinWords=8, MaxFragments=1')
           END AS snippet
         FROM matches x, q
         WHERE x.body_open OR ts_filter(x.search, '{a}') @@ q.query
         ORDER BY ts_rank(x.search, q.query) DESC, coalesce(x.sent_at, x.created_at) DESC, x.id
         LIMIT $5 OFFSET $6`,
        [...readerParams(reader), query.terms, query.limit, query.offset],
      );
    },

    /** The message, or null when it does not exist or the reader may not see it. */
    async visibleMessage(reader: ReaderParams, id: string): Promise<MessageRow | null> {
      const [row] = await db.query<MessageRow>(
        `WITH ${readerCte}
         SELECT m.id, m.thread_id AS "threadId", m.subject, m.sent_at AS "sentAt",
           m.from_address AS "fromAddress", m.participants, m.envelope,
           m.text_body AS "textBody", ${storedHtmlColumns('m', 's')}
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
