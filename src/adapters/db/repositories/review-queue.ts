import type { Queryable } from '../database.js';
import {
  messageVisibleTo,
  readerCte,
  readerParams,
  type ReaderParams,
} from './message-visibility.js';
import { recordName } from './record-name.js';
import {
  afterThreadCursor,
  messageAt,
  newestOfThread,
  rowByRow,
  threadCursorParams,
} from './thread-walk.js';

export type ReviewAction = 'include' | 'exclude' | 'file';

export interface ReviewThreadRow {
  threadId: string;
  subject: string;
  lastAt: Date;
  messageCount: number;
  participants: string[];
  /** The filing the capture suggests: the links on the thread's messages. */
  suggested: {
    type: string;
    id: string;
    name: string | null;
    reason: string;
    confidence: number;
    source: string;
  }[];
  /** Why, as the user's mailboxes judged the messages. */
  reasons: string[];
  /** `lastAt` in PostgreSQL's own text form, for the next page's cursor. */
  cursorAt: string;
}

/**
 * Messages of user `owner` in their queue: held in one of their mailboxes,
 * arrived after their last File & Clear and after their last decision on the
 * thread. `m` is the messages row, `d` its held decision.
 */
const inQueue = (owner: string, m: string, d: string) => `${d}.held
    AND ${d}.mailbox_id IN (SELECT qb.id FROM mailboxes qb WHERE qb.owner_id = ${owner})
    AND ${m}.created_at > coalesce(
      (SELECT p.cleared_at FROM review_positions p WHERE p.user_id = ${owner}), '-infinity')
    AND ${m}.created_at > coalesce(
      (SELECT r.decided_at FROM review_decisions r WHERE r.user_id = ${owner} AND r.thread_id = ${m}.thread_id),
      '-infinity')`;

/** Message `m` has a copy in the reader's queue. */
const isQueued = (m: string) =>
  rowByRow(`EXISTS (
    SELECT 1 FROM message_decisions qd WHERE qd.message_id = ${m}.id AND ${inQueue('$1::uuid', m, 'qd')})`);

/** The reader's queued messages that `scope` (on `m`) accepts, once each. */
const queuedCte = (scope: string) => `queued AS (
    SELECT m.id, m.thread_id, m.participants, jsonb_agg(d.reasons) AS reasons
    FROM messages m
    JOIN message_decisions d ON d.message_id = m.id
    WHERE ${scope} AND ${inQueue('$1::uuid', 'm', 'd')}
    GROUP BY m.id)`;

/** Each queued thread's participants other than the reader, sorted: its address list. */
const addressSetsCte = `address_sets AS (
    SELECT q.thread_id, array_agg(DISTINCT p ORDER BY p) FILTER (WHERE NOT p = ANY($3::text[])) AS addresses
    FROM queued q, unnest(q.participants) AS p GROUP BY q.thread_id)`;

/** The review queue's reads and its state: one query each. */
export function reviewQueueRepository(db: Queryable) {
  return {
    /** How many threads the reader has queued, whatever page they are on. */
    async threadCount(reader: ReaderParams, signal?: AbortSignal): Promise<number> {
      const [row] = await db.query<{ n: number }>(
        `WITH ${readerCte}
         SELECT count(DISTINCT m.thread_id)::int AS n FROM messages m WHERE ${isQueued('m')}`,
        readerParams(reader),
        { signal },
      );
      return row?.n ?? 0;
    },

    /**
     * Queued threads, newest first, after the `(at, threadId)` cursor; or
     * just `threadId`'s. The walk keeps each thread's newest queued message;
     * the page's threads alone are then read whole.
     */
    async threads(
      reader: ReaderParams,
      query: {
        threadId: string | null;
        after: { at: string; threadId: string } | null;
        limit: number;
      },
      signal?: AbortSignal,
    ): Promise<ReviewThreadRow[]> {
      return db.query<ReviewThreadRow>(
        `WITH ${readerCte},
         page AS (
           SELECT m.thread_id, m.subject, ${messageAt('m')} AS last_at
           FROM messages m
           WHERE ($4::text IS NULL OR m.thread_id = $4::text) AND ${afterThreadCursor('m', '$5', '$6')}
             AND ${isQueued('m')} AND ${newestOfThread('m', isQueued)}
           ORDER BY ${messageAt('m')} DESC, m.thread_id DESC
           LIMIT $7),
         ${queuedCte('m.thread_id IN (SELECT thread_id FROM page)')}
         SELECT g.thread_id AS "threadId", g.subject, g.last_at AS "lastAt",
           (SELECT count(*)::int FROM queued q WHERE q.thread_id = g.thread_id) AS "messageCount",
           g.last_at::text AS "cursorAt",
           ARRAY(SELECT DISTINCT p FROM queued q, unnest(q.participants) AS p
                 WHERE q.thread_id = g.thread_id ORDER BY p) AS participants,
           ARRAY(SELECT DISTINCT r FROM queued q, jsonb_array_elements(q.reasons) AS per(list),
                   jsonb_array_elements_text(per.list) AS r
                 WHERE q.thread_id = g.thread_id ORDER BY r) AS reasons,
           (SELECT coalesce(jsonb_agg(jsonb_build_object('type', b.record_type, 'id', b.record_id,
                'name', ${recordName('b.record_type', 'b.record_id')}, 'reason', b.reason,
                'confidence', b.confidence, 'source', b.source)
                ORDER BY b.confidence DESC, b.record_type, b.record_id), '[]')
            FROM (SELECT DISTINCT ON (l.record_type, l.record_id) l.record_type, l.record_id, l.reason,
                    l.confidence, l.source
                  FROM message_links l JOIN messages m ON m.id = l.message_id
                  WHERE m.thread_id = g.thread_id AND ${messageVisibleTo('m')}
                  ORDER BY l.record_type, l.record_id, l.confidence DESC, l.reason) AS b) AS suggested
         FROM page g
         ORDER BY g.last_at DESC, g.thread_id DESC`,
        [...readerParams(reader), query.threadId, ...threadCursorParams(query.after), query.limit],
        { signal },
      );
    },

    /** Takes the thread out of the user's queue until newer mail arrives in it. */
    async decide(userId: string, threadId: string, action: ReviewAction, at: Date): Promise<void> {
      await db.query(
        `INSERT INTO review_decisions (user_id, thread_id, action, decided_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_id, thread_id) DO UPDATE SET action = EXCLUDED.action, decided_at = EXCLUDED.decided_at`,
        [userId, threadId, action, at],
      );
    },

    /**
     * The other queued threads with exactly the same address list as
     * `threadId`, the reader's own addresses aside.
     */
    async sameAddressThreads(reader: ReaderParams, threadId: string): Promise<string[]> {
      const rows = await db.query<{ threadId: string }>(
        `WITH ${readerCte}, ${queuedCte('($4::text IS NULL OR m.thread_id = $4::text)')}, ${addressSetsCte}
         SELECT o.thread_id AS "threadId"
         FROM address_sets o JOIN address_sets t ON t.thread_id = $5 AND t.addresses = o.addresses
         WHERE o.thread_id <> $5 ORDER BY o.thread_id`,
        [...readerParams(reader), null, threadId],
      );
      return rows.map((row) => row.threadId);
    },

    /**
     * Files the user's queued mail, of one thread or (`threadId` null) all of
     * it: their copies are held no longer. Returns how many copies moved.
     */
    async release(userId: string, threadId: string | null): Promise<number> {
      const rows = await db.query<{ n: number }>(
        `WITH released AS (
           UPDATE message_decisions d SET held = false FROM messages m
           WHERE m.id = d.message_id AND ($2::text IS NULL OR m.thread_id = $2::text)
             AND ${inQueue('$1::uuid', 'm', 'd')}
           RETURNING 1)
         SELECT count(*)::int AS n FROM released`,
        [userId, threadId],
      );
      return rows[0]?.n ?? 0;
    },

    /** Empties the user's queue: the next scan lists only mail that arrives after `at`. */
    async clear(userId: string, at: Date): Promise<void> {
      await db.query(
        `INSERT INTO review_positions (user_id, cleared_at) VALUES ($1, $2)
         ON CONFLICT (user_id) DO UPDATE SET cleared_at = EXCLUDED.cleared_at`,
        [userId, at],
      );
    },

    /** The addresses of the contacts and leads among `links`, for editing a thread's address list. */
    async recordAddresses(
      links: readonly { type: string; id: string }[],
    ): Promise<{ type: string; id: string; addresses: string[] }[]> {
      return db.query(
        `SELECT r.type, r.id,
           CASE r.type
             WHEN 'contact' THEN coalesce((SELECT array_agg(e.address) FROM contact_emails e WHERE e.contact_id = r.id), '{}')
             WHEN 'lead' THEN coalesce((SELECT array_agg(e.address) FROM lead_emails e WHERE e.lead_id = r.id), '{}')
             ELSE '{}'::text[]
           END AS addresses
         FROM jsonb_to_recordset($1::jsonb) AS r(type text, id uuid)`,
        [JSON.stringify(links)],
      );
    },
  };
}
