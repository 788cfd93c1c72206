import type { ForwardOriginalQuery } from '../../../core/capture-address/forward-original.js';
import type { Queryable } from '../database.js';

/** A stored message that may be the one an inline forward quotes. */
export interface ForwardOriginalRow {
  readonly id: string;
  readonly textBody: string | null;
}

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
  };
}
