import type { Queryable } from '../database.js';
import { isParticipant } from './people.js';

/** People who asked not to be tracked, and what is kept of their mail. */
export function doNotTrackRepository(db: Queryable) {
  return {
    /** The addresses that were not on the list yet. */
    async add(addresses: readonly string[], createdBy: string | null, at: Date): Promise<string[]> {
      const rows = await db.query<{ address: string }>(
        `INSERT INTO do_not_track (address, created_by, created_at)
         SELECT a, $2, $3 FROM unnest($1::text[]) AS a
         ON CONFLICT (address) DO NOTHING RETURNING address`,
        [[...addresses], createdBy, at],
      );
      return rows.map((row) => row.address);
    },

    list: () =>
      db.query<{ address: string; createdAt: Date }>(
        'SELECT address, created_at AS "createdAt" FROM do_not_track ORDER BY address',
      ),

    async remove(address: string): Promise<boolean> {
      const rows = await db.query('DELETE FROM do_not_track WHERE address = $1 RETURNING address', [
        address,
      ]);
      return rows.length > 0;
    },

    /**
     * Stored mail any of the addresses (`$1`) took part in, made what capture
     * stores of untracked mail (services/capture/batch-rows.ts, `untrackedMessage`):
     * its key and locations, in the untracked thread, with no decision, link
     * or attachment. Returns the threads it left and the attachment hashes it dropped.
     */
    async untrackMessagesWith(
      addresses: readonly string[],
      untracked: { threadId: string; category: string; reasons: readonly string[] },
    ): Promise<{ messages: number; threads: string[]; hashes: string[] }> {
      const [row] = await db.query<{ messages: number; threads: string[]; hashes: string[] }>(
        `WITH hit AS (SELECT m.id, m.thread_id FROM messages m WHERE ${isParticipant('m')}),
           decisions AS (DELETE FROM message_decisions d USING hit WHERE d.message_id = hit.id),
           links AS (DELETE FROM message_links l USING hit WHERE l.message_id = hit.id),
           attachments AS (DELETE FROM message_attachments a USING hit WHERE a.message_id = hit.id
             RETURNING a.sha256),
           meetings AS (DELETE FROM meetings g USING hit WHERE g.source_message_id = hit.id),
           attendees AS (DELETE FROM meeting_attendees a WHERE a.email = ANY($1)),
           untracked AS (
             UPDATE messages m SET
               thread_id = $4,
               message_id = NULL, thread_root = NULL, subject = '', sent_at = NULL,
               from_address = NULL, participants = '{}', envelope = '{}', text_body = NULL,
               html_body = NULL, search = ''::tsvector, category = $2, captured = false,
               reasons = $3::jsonb, failed_recipients = '{}', meetings = NULL
             FROM hit WHERE m.id = hit.id RETURNING hit.thread_id)
         SELECT (SELECT count(*)::int FROM untracked) AS messages,
           ARRAY(SELECT DISTINCT thread_id FROM untracked) AS threads,
           ARRAY(SELECT DISTINCT sha256 FROM attachments WHERE sha256 IS NOT NULL) AS hashes`,
        [[...addresses], untracked.category, JSON.stringify(untracked.reasons), untracked.threadId],
      );
      return row ?? { messages: 0, threads: [], hashes: [] };
    },
  };
}
