import type { Queryable } from '../database.js';

/** Organisation settings, one JSON value per key. */
export function settingsRepository(db: Queryable) {
  return {
    async setting(key: string): Promise<unknown> {
      const [row] = await db.query<{ value: unknown }>(
        'SELECT value FROM settings WHERE key = $1',
        [key],
      );
      return row?.value;
    },

    async saveSetting(key: string, value: unknown): Promise<void> {
      await db.query(
        `INSERT INTO settings (key, value) VALUES ($1, $2::jsonb)
         ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
        [key, JSON.stringify(value)],
      );
    },
  };
}
