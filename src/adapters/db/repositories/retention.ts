import type { Queryable } from '../database.js';

export interface RetentionCounts {
  messages: number;
  threads: string[];
}

/** Removing mail content by age. */
export function retentionRepository(db: Queryable) {
  return {
    /**
     * A message's age runs from when it was sent, or stored when it carries
     * no date. The body's words leave the search index; the subject's stay.
     */
    async dropBodiesBefore(cutoff: Date): Promise<number> {
      const rows = await db.query(
        `UPDATE messages SET text_body = NULL, html_body = NULL, search = ts_filter(search, '{a}')
         WHERE coalesce(sent_at, created_at) < $1 AND (text_body IS NOT NULL OR html_body IS NOT NULL)
         RETURNING id`,
        [cutoff],
      );
      return rows.length;
    },

    async dropAttachmentsBefore(cutoff: Date): Promise<{ count: number; hashes: string[] }> {
      const rows = await db.query<{ sha256: string | null }>(
        `DELETE FROM message_attachments a USING messages m
         WHERE m.id = a.message_id AND coalesce(m.sent_at, m.created_at) < $1
         RETURNING a.sha256`,
        [cutoff],
      );
      return {
        count: rows.length,
        hashes: [...new Set(rows.flatMap((row) => (row.sha256 ? [row.sha256] : [])))],
      };
    },

    async attachmentHashesBefore(cutoff: Date): Promise<string[]> {
      const rows = await db.query<{ sha256: string }>(
        `SELECT DISTINCT a.sha256 FROM message_attachments a JOIN messages m ON m.id = a.message_id
         WHERE a.sha256 IS NOT NULL AND coalesce(m.sent_at, m.created_at) < $1`,
        [cutoff],
      );
      return rows.map((row) => row.sha256);
    },

    async deleteMessagesBefore(cutoff: Date): Promise<RetentionCounts> {
      const rows = await db.query<{ threadId: string }>(
        `DELETE FROM messages WHERE coalesce(sent_at, created_at) < $1 RETURNING thread_id AS "threadId"`,
        [cutoff],
      );
      return { messages: rows.length, threads: [...new Set(rows.map((row) => row.threadId))] };
    },
  };
}
