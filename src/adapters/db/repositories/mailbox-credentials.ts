import type { Queryable } from '../database.js';

/** A mailbox's sealed credentials, as renewals replace them. */
export function mailboxCredentialsRepository(db: Queryable) {
  return {
    /**
     * Saves rotated credentials only if nobody changed them since `expected`
     * was read, leaving the sync state alone; false when someone had.
     */
    async swap(id: string, expected: string, next: string): Promise<boolean> {
      const rows = await db.query<{ id: string }>(
        'UPDATE mailboxes SET credentials = $3 WHERE id = $1 AND credentials = $2 RETURNING id',
        [id, expected, next],
      );
      return rows.length === 1;
    },
  };
}
