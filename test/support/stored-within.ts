import type { Database } from '../../src/adapters/db/database.js';

/** Waits until a message with this Message-ID is stored; how long it took, or an error after `ms`. */
export async function storedWithin(
  database: Database,
  messageId: string,
  ms: number,
): Promise<number> {
  const started = performance.now();
  for (;;) {
    const rows = await database.query('SELECT 1 FROM messages WHERE message_id = $1', [messageId]);
    if (rows.length > 0) return performance.now() - started;
    if (performance.now() - started > ms) {
      throw new Error(`${messageId} not stored within ${ms} ms`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}
