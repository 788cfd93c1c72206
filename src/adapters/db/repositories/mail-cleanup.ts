import type { Queryable } from '../database.js';

/** What is left consistent after messages were deleted or redacted: threads and attachment blobs. */
export function mailCleanupRepository(db: Queryable) {
  return {
    /** Blobs no message refers to any more; their files can go once this commits. */
    async deleteUnreferencedBlobs(hashes: readonly string[]): Promise<string[]> {
      if (hashes.length === 0) return [];
      const rows = await db.query<{ sha256: string }>(
        `DELETE FROM attachment_blobs b WHERE b.sha256 = ANY($1)
           AND NOT EXISTS (SELECT 1 FROM message_attachments a WHERE a.sha256 = b.sha256)
         RETURNING b.sha256`,
        [[...hashes]],
      );
      return rows.map((row) => row.sha256);
    },

    /** Participants and first/last dates from the messages left; threads left empty go. */
    async recomputeThreads(threadIds: readonly string[]): Promise<void> {
      if (threadIds.length === 0) return;
      await db.query(
        `UPDATE threads t SET
           participants = coalesce((SELECT array_agg(DISTINCT p ORDER BY p)
             FROM messages m, unnest(m.participants) AS p WHERE m.thread_id = t.id), '{}'),
           first_at = (SELECT min(m.sent_at) FROM messages m WHERE m.thread_id = t.id),
           last_at = (SELECT max(m.sent_at) FROM messages m WHERE m.thread_id = t.id)
         WHERE t.id = ANY($1)`,
        [[...threadIds]],
      );
      await db.query(
        `DELETE FROM threads t WHERE t.id = ANY($1)
           AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.thread_id = t.id)`,
        [[...threadIds]],
      );
      await db.query(
        `DELETE FROM thread_link_overrides o WHERE o.thread_id = ANY($1)
           AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.thread_id = o.thread_id)`,
        [[...threadIds]],
      );
    },

    /**
     * Each thread's first subject that says something: a redacted subject,
     * or none (mail nothing is kept of), is skipped; null when no message has one.
     */
    threadSubjects: (threadIds: readonly string[]) =>
      db.query<{ id: string; subject: string | null }>(
        `SELECT t.id, (SELECT m.subject FROM messages m
             WHERE m.thread_id = t.id AND m.subject NOT IN ('', '[redacted]')
             ORDER BY m.sent_at NULLS LAST, m.id LIMIT 1) AS subject
         FROM threads t WHERE t.id = ANY($1)`,
        [[...threadIds]],
      ),

    async saveSubjectKeys(rows: readonly { id: string; subjectKey: string }[]): Promise<void> {
      if (rows.length === 0) return;
      await db.query(
        `UPDATE threads t SET subject_key = r."subjectKey"
         FROM jsonb_to_recordset($1::jsonb) AS r(id text, "subjectKey" text) WHERE t.id = r.id`,
        [JSON.stringify(rows)],
      );
    },
  };
}
