import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openTestDatabase,
  testBackends,
  type TestDatabase,
} from '../../../../test/support/test-database.js';
import { bodyDigest } from '../../../services/capture/message-key.js';
import { storedBodyDigests } from './012-copy-content.js';

const bodies: [string | null, string | null][] = [
  ['Hello Ada,\r\nthe quote is attached.\r\n', '<p>Hello Ada,</p>\r\n<p>the quote</p>'],
  [`${'Grüße 😀 '.repeat(400)}\r\nend`, null],
  [null, `<div>${'x\r\n'.repeat(3000)}</div>`],
  ['', ''],
];

describe.each(testBackends())('stored body digests on the %s backend', (backend) => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await openTestDatabase(backend);
  });
  afterAll(async () => {
    await handle.drop();
  });

  it('are what the capture pipeline computes for the same bodies, so old rows compare with new copies', async () => {
    for (const [n, [text, html]] of bodies.entries()) {
      await handle.database.query(
        `INSERT INTO messages (message_key, thread_id, subject, text_body, html_body, envelope, size, category, captured)
         VALUES ($1, 't', 'Quote', $2, $3, '{}', 1, 'human', true)`,
        [`<old-${n}@x>`, text, html],
      );
    }
    await handle.database.query(
      `INSERT INTO messages (message_key, thread_id, subject, envelope, size, category, captured)
       VALUES ('<no-body@x>', 't', 'Quote', '{}', 1, 'human', false)`,
    );

    await handle.database.exec(storedBodyDigests);

    const rows = await handle.database.query<{ key: string; digest: string | null }>(
      `SELECT message_key AS key, body_sha256 AS digest FROM messages ORDER BY message_key`,
    );
    expect(rows).toEqual([
      { key: '<no-body@x>', digest: null },
      ...bodies.map(([text, html], n) => ({ key: `<old-${n}@x>`, digest: bodyDigest(text, html) })),
    ]);
  });
});
