import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openTestDatabase,
  testBackends,
  type TestDatabase,
} from '../../../../test/support/test-database.js';
import { searchQuery, searchVector } from '../../../core/search/search-terms.js';
import { searchTermsSchema } from './009-search-terms.js';

const subject = 'RE: Angebot Q3 — naïve café';
const body = 'Write to anna@acme.example, "price-list" v2.1\nGrüße';

describe.each(testBackends())('the search-terms migration on the %s backend', (backend) => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await openTestDatabase(backend);
    await handle.database.query(
      `INSERT INTO messages (message_key, thread_id, subject, text_body, envelope, size, category, captured)
       VALUES ('<m@x>', 't', $1, $2, '{}', 1, 'human', true)`,
      [subject, body],
    );
    // Applied again to a stored row, as it was to rows stored before it shipped.
    await handle.database.transaction((tx) => tx.exec(searchTermsSchema));
  });
  afterAll(async () => {
    await handle.drop();
  });

  it('re-indexes stored rows with the same words the capture pipeline makes', async () => {
    const [row] = await handle.database.query<{ same: boolean }>(
      'SELECT search = $1::tsvector AS same FROM messages',
      [searchVector(subject, body)],
    );
    expect(row).toEqual({ same: true });
  });

  it('finds them by the queries users type', async () => {
    const hits = async (typed: string) =>
      (
        await handle.database.query<{ hit: boolean }>(
          'SELECT search @@ $1::tsquery AS hit FROM messages',
          [searchQuery(typed)],
        )
      )[0]!.hit;
    expect(await hits('anna@acme.example')).toBe(true);
    expect(await hits('"price list" grüße')).toBe(true);
    expect(await hits('café -missing')).toBe(true);
    expect(await hits('angebot -grüße')).toBe(false);
  });
});
