import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openTestDatabase,
  testBackends,
  type TestDatabase,
} from '../../../../test/support/test-database.js';
import { recordName } from './record-name.js';

/** One record of each kind. */
const seed = `
WITH account AS (INSERT INTO accounts (name) VALUES ('Acme')),
contact AS (INSERT INTO contacts (first_name, last_name) VALUES ('Ada', 'Byron')),
lead AS (INSERT INTO leads (first_name) VALUES ('Lin')),
deal AS (INSERT INTO deals (name) VALUES ('Renewal'))
INSERT INTO cases (number, subject) VALUES ('C-7', 'Broken hinge')`;

/** The kind and id of each record, and of a deal that does not exist. */
const linked = `
SELECT 'account' AS record_type, id AS record_id FROM accounts
UNION ALL SELECT 'contact', id FROM contacts
UNION ALL SELECT 'lead', id FROM leads
UNION ALL SELECT 'deal', id FROM deals
UNION ALL SELECT 'case', id FROM cases
UNION ALL SELECT 'deal', gen_random_uuid()`;

describe.each(testBackends())('record names on the %s backend', (backend) => {
  let handle: TestDatabase;

  beforeAll(async () => {
    handle = await openTestDatabase(backend);
    await handle.database.query(seed);
  });
  afterAll(async () => {
    await handle.drop();
  });

  it('names each kind as its list shows it, and a record that is gone as null', async () => {
    const rows = await handle.database.query<{ type: string; name: string | null }>(
      `SELECT x.record_type AS type, ${recordName('x.record_type', 'x.record_id')} AS name
       FROM (${linked}) x ORDER BY x.record_type, name NULLS LAST`,
    );
    expect(rows).toEqual([
      { type: 'account', name: 'Acme' },
      { type: 'case', name: 'C-7 Broken hinge' },
      { type: 'contact', name: 'Ada Byron' },
      { type: 'deal', name: 'Renewal' },
      { type: 'deal', name: null },
      { type: 'lead', name: 'Lin' },
    ]);
  });
});
