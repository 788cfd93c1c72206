import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openTestDatabase,
  testBackends,
  type TestDatabase,
} from '../../../../test/support/test-database.js';

const longBody = 'The renewal quote for the third quarter, as discussed on the call. '.repeat(400);

describe.each(testBackends())('message body compression on the %s backend', (backend) => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await openTestDatabase(backend);
  });
  afterAll(async () => {
    await handle.drop();
  });

  it('compresses bodies with LZ4 where the server has it, and with pglz where it does not', async () => {
    const [support] = await handle.database.query<{ lz4: boolean }>(
      `SELECT 'lz4' = ANY (enumvals) AS lz4 FROM pg_settings WHERE name = 'default_toast_compression'`,
    );
    await handle.database.query(
      `INSERT INTO messages (message_key, thread_id, subject, text_body, html_body, envelope, size, category, captured)
       VALUES ('<long@x>', 't', 'Quote', $1, $2, '{}', 1, 'human', true)`,
      [longBody, `<p>${longBody}</p>`],
    );
    const [row] = await handle.database.query<{ text: string; html: string; same: boolean }>(
      `SELECT pg_column_compression(text_body) AS text, pg_column_compression(html_body) AS html,
         text_body = $1 AS same
       FROM messages WHERE message_key = '<long@x>'`,
      [longBody],
    );
    const expected = support!.lz4 ? 'lz4' : 'pglz';
    expect(row).toEqual({ text: expected, html: expected, same: true });
    // The server the tests run on is Debian's, built with LZ4: the faster path is the one proved.
    if (backend === 'server') expect(support!.lz4).toBe(true);
  });
});
