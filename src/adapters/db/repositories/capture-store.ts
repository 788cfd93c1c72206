import type { ThreadSummary } from '../../../core/threading/place-batch.js';
import type { Queryable } from '../database.js';
import { json } from './capture-writes.js';
import { messageVisibleTo, readerCte, readerParams } from './message-visibility.js';

/** A stored message a batch's copy has the key of. */
export interface StoredCopyRow {
  key: string;
  id: string;
  threadId: string;
  /** The digest of the body the message stored; null when it stored none. */
  bodySha256: string | null;
  /** The batch's mailbox already holds a copy. */
  heldHere: boolean;
  /** Set when found under a key of the old form, to be given `key`. */
  legacyKey: string | null;
}

/** A thread as a batch reads and writes it. */
export type ThreadRow = ThreadSummary;

/** Batched reads of the capture pipeline; its writes are `captureWrites` (capture-writes.ts). */
export function captureStoreRepository(db: Queryable) {
  return {
    /**
     * The stored messages with these keys, with the body digest each stored
     * and whether `mailboxId` already holds a copy. A key that finds nothing
     * also finds a message stored before keys held a header digest, under
     * its bare Message-ID (`legacyKeys`, in the same order), when this
     * mailbox already holds that message: its own copy vouches for it.
     */
    async existingMessages(
      keys: readonly string[],
      legacyKeys: readonly (string | null)[],
      mailboxId: string,
    ): Promise<StoredCopyRow[]> {
      if (keys.length === 0) return [];
      return db.query<StoredCopyRow>(
        `WITH wanted AS (SELECT * FROM unnest($1::text[], $2::text[]) AS w(key, legacy))
         SELECT w.key, m.id, m.thread_id AS "threadId", m.body_sha256 AS "bodySha256",
           EXISTS (SELECT 1 FROM message_decisions d WHERE d.message_id = m.id AND d.mailbox_id = $3) AS "heldHere",
           CASE WHEN m.message_key = w.key THEN NULL ELSE m.message_key END AS "legacyKey"
         FROM wanted w
         CROSS JOIN LATERAL (
           SELECT id, thread_id, body_sha256, message_key FROM messages WHERE message_key = w.key
           UNION ALL
           SELECT id, thread_id, body_sha256, message_key FROM messages WHERE message_key = w.legacy
             AND EXISTS (SELECT 1 FROM message_decisions d WHERE d.message_id = messages.id AND d.mailbox_id = $3)
           LIMIT 1
         ) AS m`,
        [keys, legacyKeys, mailboxId],
      );
    },
    /**
     * Thread ids of already stored messages, by Message-ID (for replies
     * finding their parents). One index probe per id: `= ANY` on the hash
     * index becomes a scan of every message whenever the table has no
     * statistics (the embedded store never runs autovacuum), a cost that would
     * grow with the store in every batch (`OFFSET 0` keeps the planner from
     * folding it back into that join).
     */
    async threadsByMessageId(
      messageIds: readonly string[],
      ownerId: string,
    ): Promise<{ messageId: string; threadId: string }[]> {
      if (messageIds.length === 0) return [];
      return db.query(
        `WITH ${readerCte}
         SELECT m.message_id AS "messageId", m.thread_id AS "threadId"
         FROM unnest($4::text[]) AS k(id)
         CROSS JOIN LATERAL (
           SELECT m.message_id, m.thread_id FROM messages m
           WHERE m.message_id = k.id AND ${messageVisibleTo('m')} OFFSET 0
         ) AS m`,
        [...ownerAsReader(ownerId), messageIds],
      );
    },
    /**
     * Threads a message may join by subject: same subject key, active since
     * `since` (the subject window), sharing someone with the batch's messages
     * of that subject, the most recent few per subject — a subject every
     * newsletter repeats must not load thousands of threads. Threads that
     * share nobody could never be joined, and were most of what was read.
     * Only threads holding mail the owner may see: a subject and an address
     * are no reason to join someone else's private conversation.
     */
    async threadsBySubject(
      subjects: readonly { key: string; participants: readonly string[] }[],
      since: Date,
      ownerId: string,
    ): Promise<ThreadRow[]> {
      if (subjects.length === 0) return [];
      // Participants as JSON, times as the batch's own thread rows hold them
      // (toISOString's form), so the two merge and compare: JSON.parse reads
      // arrays faster than the driver's array parser, and no Date is made to
      // be turned back into text.
      return db.query<ThreadRow>(
        `WITH ${readerCte}
         SELECT t.id, t."subjectKey", to_json(t.participants) AS participants,
           ${isoText('t.first_at')} AS "firstAt", ${isoText('t.last_at')} AS "lastAt"
         FROM jsonb_to_recordset($4::jsonb) AS k(key text, participants text[])
         CROSS JOIN LATERAL (
           SELECT th.id, th.subject_key AS "subjectKey", th.participants, th.first_at, th.last_at
           FROM threads th WHERE th.subject_key = k.key AND (th.last_at IS NULL OR th.last_at >= $5)
             AND th.participants && k.participants
             AND EXISTS (SELECT 1 FROM messages m WHERE m.thread_id = th.id AND ${messageVisibleTo('m')})
           ORDER BY th.last_at DESC NULLS LAST LIMIT 20
         ) AS t`,
        [...ownerAsReader(ownerId), json(subjects), since],
      );
    },
    /**
     * What these threads carry for the owner's next message: the deals and
     * cases of the thread's mail the owner may see (they carry over to
     * replies), and the manual choices made for the owner's mail.
     */
    async threadLinks(
      threadIds: readonly string[],
      ownerId: string,
    ): Promise<
      {
        threadId: string;
        recordType: string;
        recordId: string;
        source: string;
        action: string | null;
        at: Date | null;
        by: string | null;
      }[]
    > {
      if (threadIds.length === 0) return [];
      return db.query(
        `WITH ${readerCte}
         SELECT DISTINCT m.thread_id AS "threadId", l.record_type AS "recordType", l.record_id AS "recordId",
           l.source, NULL AS action, NULL::timestamptz AS at, NULL AS by
         FROM messages m JOIN message_links l ON l.message_id = m.id
         WHERE m.thread_id = ANY($4) AND l.record_type IN ('deal', 'case') AND ${messageVisibleTo('m')}
         UNION ALL
         SELECT o.thread_id, o.record_type, o.record_id, 'manual', o.action, o.created_at, u.email
         FROM thread_link_overrides o LEFT JOIN users u ON u.id = o.user_id
         WHERE o.thread_id = ANY($4) AND $1::uuid = ANY(o.owner_ids)`,
        [...ownerAsReader(ownerId), threadIds],
      );
    },
    /**
     * Fresh planner statistics for the tables a capture fills: the embedded
     * store never runs autovacuum, and a server may not either, so without
     * this the planner goes on guessing sizes from an empty store.
     */
    async refreshStatistics(): Promise<void> {
      // Bodies and the search vector are left out: reading them is most of the cost, and no plan needs them.
      await db.exec(
        `ANALYZE messages (message_key, message_id, thread_id, thread_root, sent_at, created_at,
           from_address, participants, captured, category),
         message_locations, message_decisions, message_links, threads`,
      );
    },
  };
}

/** The mailbox owner as the reader whose visibility a capture read applies. */
function ownerAsReader(ownerId: string): unknown[] {
  // Not as an admin: private mail stays private to admins too.
  return readerParams({ id: ownerId, isAdmin: false, addresses: [] });
}

/** A timestamp as JavaScript's toISOString writes it (UTC, milliseconds, `Z`). */
function isoText(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}
