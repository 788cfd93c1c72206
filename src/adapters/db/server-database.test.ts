import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { serverAdminUrl, testBackends } from '../../../test/support/backends.js';
import { openTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import type { Queryable } from './database.js';

const lost = expect.objectContaining({ code: 'DATABASE_UNAVAILABLE' });

describe.runIf(testBackends().includes('server'))('server store losing its connections', () => {
  let handle: TestDatabase;
  let admin: pg.Client;
  const unhandled: unknown[] = [];
  const record = (error: unknown) => unhandled.push(error);

  beforeAll(async () => {
    handle = await openTestDatabase('server');
    admin = new pg.Client(serverAdminUrl());
    await admin.connect();
    process.on('uncaughtException', record);
  });
  afterEach(() => {
    expect(unhandled).toEqual([]);
  });
  afterAll(async () => {
    process.off('uncaughtException', record);
    await admin?.end();
    await handle?.drop();
  });

  /** Ends every connection the store holds, as a failover or an administrator would. */
  const terminateStoreConnections = async () => {
    const name = new URL(handle.url!).pathname.slice(1);
    await admin.query(
      'SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE datname = $1',
      [name],
    );
  };
  /** Gives the client of a terminated connection time to hear of it. */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

  it('survives connections ended while idle in the pool, and opens new ones', async () => {
    await Promise.all([1, 2, 3].map(() => handle.database.query('SELECT pg_sleep(0.05)')));
    await terminateStoreConnections();
    await settle();
    expect(await handle.database.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('fails a transaction whose connection ends with DATABASE_UNAVAILABLE, and the next one runs', async () => {
    const inTransaction = handle.database.transaction(async (tx: Queryable) => {
      await tx.query(`INSERT INTO settings (key, value) VALUES ('lost', '1')`);
      await terminateStoreConnections();
      await settle();
      await tx.query('SELECT 1');
    });
    await expect(inTransaction).rejects.toEqual(lost);
    expect(await handle.database.query(`SELECT 1 FROM settings WHERE key = 'lost'`)).toEqual([]);
    await handle.database.transaction((tx) =>
      tx.query(`INSERT INTO settings (key, value) VALUES ('after', '1')`),
    );
    expect(await handle.database.query(`SELECT value FROM settings WHERE key = 'after'`)).toEqual([
      { value: 1 },
    ]);
  });

  it('fails a statement whose connection ends under it with DATABASE_UNAVAILABLE', async () => {
    const sleeping = handle.database.query('SELECT pg_sleep(5)').catch((error: unknown) => error);
    const name = new URL(handle.url!).pathname.slice(1);
    while (
      (
        await admin.query(
          `SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND query LIKE 'SELECT pg_sleep(5)%'`,
          [name],
        )
      ).rowCount === 0
    ) {
      await settle();
    }
    await terminateStoreConnections();
    expect(await sleeping).toEqual(lost);
  });

  it('fails with DATABASE_UNAVAILABLE while the server refuses connections', async () => {
    const { openServerDatabase } = await import('./server-database.js');
    const nowhere = openServerDatabase('postgres://postgres@127.0.0.1:1/none', 1);
    try {
      await expect(nowhere.query('SELECT 1')).rejects.toEqual(lost);
      await expect(nowhere.transaction((tx) => tx.query('SELECT 1'))).rejects.toEqual(lost);
    } finally {
      await nowhere.close();
    }
  });
});
