import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openTestDatabase,
  testBackends,
  type TestDatabase,
} from '../../../test/support/test-database.js';
import type { Database } from './database.js';
import { openServerDatabase } from './server-database.js';

describe.each(testBackends())('a request read on the %s backend', (backend) => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await openTestDatabase(backend);
  });
  afterAll(async () => {
    await handle.drop();
  });

  it('is not started once its client has gone away', async () => {
    await expect(
      handle.database.query('SELECT 1', [], { signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({ code: 'REQUEST_CANCELLED' });
  });

  it('answers like any query while its client waits', async () => {
    const signal = new AbortController().signal;
    expect(await handle.database.query('SELECT 1 AS one', [], { signal })).toEqual([{ one: 1 }]);
  });
});

describe.runIf(testBackends().includes('server'))('a request read on a PostgreSQL server', () => {
  let handle: TestDatabase;
  let database: Database;
  const running = async (sql: string) =>
    (
      await handle.database.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
         WHERE datname = current_database() AND state = 'active' AND query = $1`,
        [sql],
      )
    )[0]!.n;

  beforeAll(async () => {
    handle = await openTestDatabase('server');
    database = openServerDatabase(handle.url!, 2, 300);
  });
  afterAll(async () => {
    await database.close();
    await handle.drop();
  });

  it('ends with QUERY_TIMEOUT once the read timeout has passed', async () => {
    const started = performance.now();
    await expect(database.query('SELECT pg_sleep(5)', [], {})).rejects.toMatchObject({
      code: 'QUERY_TIMEOUT',
    });
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('is cancelled on the server when its client goes away', async () => {
    const sql = 'SELECT pg_sleep(0.25 * 20)';
    const patient = openServerDatabase(handle.url!, 2, 60_000);
    try {
      const client = new AbortController();
      const read = patient.query(sql, [], { signal: client.signal });
      await expect.poll(() => running(sql)).toBe(1);
      const started = performance.now();
      client.abort();
      await expect(read).rejects.toMatchObject({ code: 'REQUEST_CANCELLED' });
      expect(performance.now() - started).toBeLessThan(3000);
      await expect.poll(() => running(sql)).toBe(0);
    } finally {
      await patient.close();
    }
  });

  it('bounds request reads only: other statements, and later ones on the same connections, keep no timeout', async () => {
    await expect(database.query('SELECT pg_sleep(5)', [], {})).rejects.toMatchObject({
      code: 'QUERY_TIMEOUT',
    });
    expect(await database.query('SELECT pg_sleep(0.5) AS slept')).toEqual([{ slept: '' }]);
    const settings = await Promise.all([
      database.query<{ statement_timeout: string }>('SHOW statement_timeout'),
      database.query<{ statement_timeout: string }>('SHOW statement_timeout'),
    ]);
    expect(settings.flat()).toEqual([{ statement_timeout: '0' }, { statement_timeout: '0' }]);
  });
});
