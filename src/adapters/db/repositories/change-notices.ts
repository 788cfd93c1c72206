import type { Queryable } from '../database.js';

/** The channel every Threadline process listens on for changes made by any of them. */
export const changeChannel = 'threadline_changes';

/** Announcing a change to every process listening on the PostgreSQL server. */
export function changeNoticesRepository(db: Queryable) {
  return {
    async announce(payload: string): Promise<void> {
      await db.query('SELECT pg_notify($1, $2)', [changeChannel, payload]);
    },
  };
}
