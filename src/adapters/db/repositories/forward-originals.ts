import {
  unwrappedForwardDomain,
  type ForwardOriginalQuery,
  type QuotableMessage,
  type QuotingForwardsQuery,
} from '../../../core/capture-address/forward-original.js';
import type { Queryable } from '../database.js';

/** A stored message that may be the one an inline forward quotes. */
export interface ForwardOriginalRow {
  readonly id: string;
  readonly textBody: string | null;
}

/** A message rebuilt from an inline forward, and the capture mailbox that filed it. */
export interface QuotingForwardRow extends QuotableMessage {
  readonly id: string;
  readonly mailboxId: string;
}

// The predicate of the partial index messages_unwrapped_forwards (migration 041), word for word.
const unwrapped = `m.message_id LIKE '<forwarded.%@${unwrappedForwardDomain}>'`;

export function forwardOriginalsRepository(db: Queryable) {
  return {
    /**
     * Messages from the sender with the subject, sent in the window, that
     * one of the owner's mailboxes already holds: the owner filed them
     * already, so a forward of one is no new message.
     */
    async candidates(ownerId: string, query: ForwardOriginalQuery): Promise<ForwardOriginalRow[]> {
      return db.query<ForwardOriginalRow>(
        `SELECT m.id, m.text_body AS "textBody" FROM messages m
         WHERE m.participants @> ARRAY[$2::text] AND m.from_address = $2 AND m.subject = $3
           AND m.sent_at BETWEEN $4 AND $5
           AND EXISTS (SELECT 1 FROM message_decisions d JOIN mailboxes mb ON mb.id = d.mailbox_id
                       WHERE d.message_id = m.id AND mb.owner_id = $1)
         ORDER BY m.sent_at LIMIT 20`,
        [ownerId, query.fromAddress, query.subject, query.sentAfter, query.sentBefore],
      );
    },

    /** Messages rebuilt from inline forwards the owner's capture mailbox holds, from the senders in the window. */
    async quotingForwards(
      ownerId: string,
      query: QuotingForwardsQuery,
    ): Promise<QuotingForwardRow[]> {
      return db.query<QuotingForwardRow>(
        `SELECT m.id, d.mailbox_id AS "mailboxId", m.from_address AS "fromAddress", m.subject,
           m.sent_at AS "sentAt", m.text_body AS text
         FROM messages m JOIN message_decisions d ON d.message_id = m.id
           JOIN mailboxes mb ON mb.id = d.mailbox_id
         WHERE ${unwrapped} AND m.sent_at BETWEEN $3 AND $4
           AND lower(m.from_address) = ANY($2) AND mb.owner_id = $1 AND mb.kind = 'capture'`,
        [ownerId, [...query.fromAddresses], query.sentAfter, query.sentBefore],
      );
    },

    /** Takes each forward out of the capture mailbox that filed it. */
    async forgetFilings(forwards: readonly QuotingForwardRow[]): Promise<void> {
      await db.query(
        `DELETE FROM message_decisions d USING unnest($1::uuid[], $2::uuid[]) AS f(message_id, mailbox_id)
         WHERE d.message_id = f.message_id AND d.mailbox_id = f.mailbox_id`,
        [forwards.map((f) => f.id), forwards.map((f) => f.mailboxId)],
      );
    },

    /** Deletes the messages no mailbox files any more; the threads they were in. */
    async deleteUnfiled(ids: readonly string[]): Promise<string[]> {
      const rows = await db.query<{ threadId: string }>(
        `DELETE FROM messages m WHERE m.id = ANY($1)
           AND NOT EXISTS (SELECT 1 FROM message_decisions d WHERE d.message_id = m.id)
         RETURNING m.thread_id AS "threadId"`,
        [[...ids]],
      );
      return [...new Set(rows.map((row) => row.threadId))];
    },
  };
}
