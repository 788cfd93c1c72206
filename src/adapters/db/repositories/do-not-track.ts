import type { Queryable } from '../database.js';

/** People who asked not to be tracked (C14). */
export function doNotTrackRepository(db: Queryable) {
  return {
    async add(address: string, createdBy: string | null, at: Date): Promise<boolean> {
      const rows = await db.query(
        `INSERT INTO do_not_track (address, created_by, created_at) VALUES ($1, $2, $3)
         ON CONFLICT (address) DO NOTHING RETURNING address`,
        [address, createdBy, at],
      );
      return rows.length > 0;
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
  };
}
