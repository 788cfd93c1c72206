import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openTestDatabase,
  testBackends,
  type TestDatabase,
} from '../../../test/support/test-database.js';
import { migrate } from './migrate.js';

describe.each(testBackends())('storage contract on the %s backend', (backend) => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await openTestDatabase(backend);
  });
  afterAll(async () => {
    await handle.drop();
  });

  it('returns counts and numerics as numbers and timestamps as Dates on every backend', async () => {
    const [row] = await handle.database.query<{
      n: unknown;
      amount: unknown;
      at: unknown;
      doc: unknown;
    }>(`SELECT count(*) AS n, 12.50::numeric AS amount, now() AS at, '{"a":1}'::jsonb AS doc`);
    expect(row).toEqual({ n: 1, amount: 12.5, at: expect.any(Date), doc: { a: 1 } });
  });

  it('has applied every migration, and applying again changes nothing', async () => {
    expect(await migrate(handle.database)).toEqual([]);
  });

  it('rolls a failed transaction back entirely', async () => {
    await expect(
      handle.database.transaction(async (tx) => {
        await tx.query(`INSERT INTO settings (key, value) VALUES ('probe', '1')`);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await handle.database.query(`SELECT 1 FROM settings WHERE key = 'probe'`)).toEqual([]);
  });

  it('commits a successful transaction', async () => {
    await handle.database.transaction(async (tx) => {
      await tx.query(`INSERT INTO settings (key, value) VALUES ('kept', '"yes"')`);
    });
    expect(await handle.database.query(`SELECT value FROM settings WHERE key = 'kept'`)).toEqual([
      { value: 'yes' },
    ]);
  });

  it.runIf(backend === 'server')('runs without JIT compilation on a server', async () => {
    expect(await handle.database.query('SHOW jit')).toEqual([{ jit: 'off' }]);
  });
});
