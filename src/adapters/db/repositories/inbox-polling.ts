import type { Queryable } from '../database.js';

/** How often a mailbox's INBOX is polled because its server does not push new mail. */
export function inboxPollingRepository(db: Queryable) {
  return {
    /** Seconds between polls, or null when the server pushes (or is not known not to). */
    async pollSeconds(mailboxId: string): Promise<number | null> {
      const rows = await db.query<{ seconds: number | null }>(
        'SELECT inbox_poll_seconds AS seconds FROM mailboxes WHERE id = $1',
        [mailboxId],
      );
      return rows[0]?.seconds ?? null;
    },

    async setPollSeconds(mailboxId: string, seconds: number | null): Promise<void> {
      await db.query('UPDATE mailboxes SET inbox_poll_seconds = $2 WHERE id = $1', [
        mailboxId,
        seconds,
      ]);
    },
  };
}
