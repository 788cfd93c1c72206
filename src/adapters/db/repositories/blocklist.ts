import type { Queryable } from '../database.js';

/** A user's own block list: addresses and domains whose mail their mailboxes never capture. */
export function personalBlocklistRepository(db: Queryable) {
  return {
    async list(ownerId: string): Promise<string[]> {
      const rows = await db.query<{ pattern: string }>(
        'SELECT pattern FROM blocklist WHERE owner_id = $1 ORDER BY pattern',
        [ownerId],
      );
      return rows.map((row) => row.pattern);
    },
    /** False when the pattern was already on the list. */
    async add(ownerId: string, pattern: string): Promise<boolean> {
      const rows = await db.query(
        `INSERT INTO blocklist (owner_id, pattern) VALUES ($1, $2)
         ON CONFLICT (coalesce(owner_id::text, ''), pattern) DO NOTHING RETURNING id`,
        [ownerId, pattern],
      );
      return rows.length > 0;
    },
    /** False when the pattern was not on the list. */
    async remove(ownerId: string, pattern: string): Promise<boolean> {
      const rows = await db.query(
        'DELETE FROM blocklist WHERE owner_id = $1 AND pattern = $2 RETURNING id',
        [ownerId, pattern],
      );
      return rows.length > 0;
    },
  };
}
