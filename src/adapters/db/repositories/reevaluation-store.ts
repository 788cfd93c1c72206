import type { Queryable } from '../database.js';
import { messageVisibleTo, readerCte, readerParams } from './message-visibility.js';
import { heldOnArrival } from './review-hold.js';

export interface StoredMessageForDecision {
  id: string;
  threadId: string;
  messageId: string | null;
  subject: string;
  sentAt: Date | null;
  envelope: {
    from?: { address: string; name: string }[];
    to?: { address: string; name: string }[];
    cc?: { address: string; name: string }[];
    replyTo?: { address: string; name: string }[];
    inReplyTo?: string[];
    references?: string[];
    attachments?: { filename: string | null; contentType: string; size: number }[];
  };
  textBody: string | null;
  size: number;
  category: string;
  /** What was proven about the sender, as stored; null when nothing was checked. */
  senderAuth: unknown;
}

export interface StoredDecision {
  messageId: string;
  mailboxId: string;
  ownerId: string;
  captured: boolean;
  category: string;
  reasons: string[];
}

export interface StoredLink {
  messageId: string;
  type: string;
  recordId: string;
  reason: string;
  confidence: number;
  source: 'auto' | 'rule' | 'manual';
  ambiguous: boolean;
  alternatives: string[];
}

/**
 * Reads and batched writes for re-deciding stored messages after the CRM
 * changed. Writes take a whole page as one JSON parameter, like the capture
 * store, and never touch manual links.
 */
export function reevaluationStoreRepository(db: Queryable) {
  const json = (rows: readonly object[]) => JSON.stringify(rows);
  return {
    /** Messages (of the given threads, when given) after `afterId` in id order (keyset: memory stays flat). */
    page(
      afterId: string,
      limit: number,
      threadIds: readonly string[] | null = null,
    ): Promise<StoredMessageForDecision[]> {
      return db.query(
        `SELECT id, thread_id AS "threadId", message_id AS "messageId", subject, sent_at AS "sentAt",
           envelope, text_body AS "textBody", size, category, sender_auth AS "senderAuth"
         FROM messages WHERE id > $1::uuid AND ($3::text[] IS NULL OR thread_id = ANY($3::text[]))
         ORDER BY id LIMIT $2`,
        [afterId, limit, threadIds],
      );
    },
    /**
     * Threads with a message the scope concerns: a participant at one of its
     * addresses (the participants index) or in one of its domains or their
     * subdomains, or a subject naming one of its terms.
     */
    /** How many stored messages the threads hold; every stored message when `threadIds` is null. */
    async messageCount(threadIds: readonly string[] | null): Promise<number> {
      const rows = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM messages WHERE $1::text[] IS NULL OR thread_id = ANY($1::text[])`,
        [threadIds],
      );
      return rows[0]?.n ?? 0;
    },
    async threadsConcerning(scope: {
      addresses: readonly string[];
      domains: readonly string[];
      subjectTerms: readonly string[];
    }): Promise<string[]> {
      // Only the conditions the scope needs, so an address-only scope keeps to the index.
      const conditions = [
        scope.addresses.length > 0 ? 'participants && $1::text[]' : null,
        scope.domains.length > 0
          ? `EXISTS (SELECT 1 FROM unnest(participants) p, unnest($2::text[]) d
               WHERE substring(p from '@([^@]*)$') = d OR substring(p from '@([^@]*)$') LIKE '%.' || d)`
          : null,
        scope.subjectTerms.length > 0
          ? 'EXISTS (SELECT 1 FROM unnest($3::text[]) t WHERE strpos(lower(subject), t) > 0)'
          : null,
      ].filter((condition) => condition !== null);
      if (conditions.length === 0) return [];
      // Each parameter appears once unconditionally: the server needs a type for every one.
      const rows = await db.query<{ threadId: string }>(
        `SELECT DISTINCT thread_id AS "threadId" FROM messages
         WHERE ($1::text[] IS NOT NULL AND $2::text[] IS NOT NULL AND $3::text[] IS NOT NULL)
           AND (${conditions.join(' OR ')})`,
        [scope.addresses, scope.domains, scope.subjectTerms],
      );
      return rows.map((row) => row.threadId);
    },
    /**
     * What each message's thread carried when the message was captured, as
     * the owner sees it: the deals and cases linked to the thread's messages
     * stored before it (in an earlier batch, or sent earlier in the same
     * batch, the order a batch is decided in), and the thread's manual links.
     * Neither the message's own links nor those of later replies count: they
     * did not exist when it was decided.
     */
    contextLinks(
      messageIds: readonly string[],
      ownerId: string,
    ): Promise<
      {
        messageId: string;
        recordType: string;
        recordId: string;
        action: string | null;
        by: string | null;
      }[]
    > {
      return db.query(
        `WITH ${readerCte}
         SELECT DISTINCT p.id AS "messageId", l.record_type AS "recordType", l.record_id AS "recordId",
           NULL AS action, NULL AS by
         FROM messages p
         JOIN messages m ON m.thread_id = p.thread_id AND m.id <> p.id
           AND (m.created_at < p.created_at OR (m.created_at = p.created_at AND m.sent_at < p.sent_at))
         JOIN message_links l ON l.message_id = m.id
         WHERE p.id = ANY($4::uuid[]) AND l.record_type IN ('deal', 'case') AND ${messageVisibleTo('m')}
         UNION ALL
         SELECT p.id, o.record_type, o.record_id, o.action, u.email
         FROM messages p JOIN thread_link_overrides o ON o.thread_id = p.thread_id
           LEFT JOIN users u ON u.id = o.user_id
         WHERE p.id = ANY($4::uuid[]) AND $1::uuid = ANY(o.owner_ids)`,
        // Not as an admin: private mail stays private to admins too, as at capture.
        [...readerParams({ id: ownerId, isAdmin: false, addresses: [] }), messageIds],
      );
    },
    decisions(messageIds: readonly string[]): Promise<StoredDecision[]> {
      return db.query(
        `SELECT md.message_id AS "messageId", md.mailbox_id AS "mailboxId", mb.owner_id AS "ownerId",
           md.captured, md.category, md.reasons
         FROM message_decisions md JOIN mailboxes mb ON mb.id = md.mailbox_id
         WHERE md.message_id = ANY($1::uuid[]) ORDER BY md.message_id, mb.created_at, mb.id`,
        [messageIds],
      );
    },
    links(messageIds: readonly string[]): Promise<StoredLink[]> {
      return db.query(
        `SELECT message_id AS "messageId", record_type AS type, record_id AS "recordId", reason, confidence,
           source, ambiguous, alternatives
         FROM message_links WHERE message_id = ANY($1::uuid[])`,
        [messageIds],
      );
    },
    async removeLinks(rows: readonly { messageId: string; type: string; recordId: string }[]) {
      if (rows.length === 0) return;
      await db.query(
        `DELETE FROM message_links l
         USING jsonb_to_recordset($1::jsonb) AS r("messageId" uuid, type text, "recordId" uuid)
         WHERE l.message_id = r."messageId" AND l.record_type = r.type AND l.record_id = r."recordId"
           AND l.source <> 'manual'`,
        [json(rows)],
      );
    },
    /** Inserts new links and rewrites changed ones, except where a user's link stands. */
    async upsertLinks(rows: readonly StoredLink[]) {
      if (rows.length === 0) return;
      await db.query(
        `INSERT INTO message_links (message_id, record_type, record_id, reason, confidence, source, ambiguous, alternatives)
         SELECT r."messageId", r.type, r."recordId", r.reason, r.confidence, r.source, r.ambiguous, r.alternatives
         FROM jsonb_to_recordset($1::jsonb) AS r("messageId" uuid, type text, "recordId" uuid, reason text,
           confidence real, source text, ambiguous boolean, alternatives jsonb)
         ON CONFLICT (message_id, record_type, record_id) DO UPDATE SET
           reason = EXCLUDED.reason, confidence = EXCLUDED.confidence, source = EXCLUDED.source,
           ambiguous = EXCLUDED.ambiguous, alternatives = EXCLUDED.alternatives
         WHERE message_links.source <> 'manual'`,
        [json(rows)],
      );
    },
    async updateDecisions(rows: readonly Omit<StoredDecision, 'ownerId'>[]) {
      if (rows.length === 0) return;
      await db.query(
        `UPDATE message_decisions md SET captured = r.captured, category = r.category, reasons = r.reasons,
           held = CASE WHEN md.captured THEN md.held
             ELSE ${heldOnArrival({ messageId: 'md.message_id', captured: 'r.captured', mailbox: 'mb' })} END
         FROM jsonb_to_recordset($1::jsonb) AS r("messageId" uuid, "mailboxId" uuid, captured boolean,
           category text, reasons jsonb), mailboxes mb
         WHERE md.message_id = r."messageId" AND md.mailbox_id = r."mailboxId" AND mb.id = md.mailbox_id`,
        [json(rows)],
      );
    },
    async updateMessages(
      rows: readonly { id: string; captured: boolean; category: string; reasons: string[] }[],
    ) {
      if (rows.length === 0) return;
      await db.query(
        `UPDATE messages m SET captured = r.captured, category = r.category, reasons = r.reasons
         FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, captured boolean, category text, reasons jsonb)
         WHERE m.id = r.id`,
        [json(rows)],
      );
    },
  };
}
