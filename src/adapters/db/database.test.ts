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

  describe('atomically', () => {
    it("runs statements in order in one transaction, each seeing the ones before, and returns each one's rows", async () => {
      const results = await handle.database.atomically([
        { sql: 'INSERT INTO settings (key, value) VALUES ($1, $2)', params: ['atomic-a', '"one"'] },
        {
          sql: 'UPDATE settings SET value = $2 WHERE key = $1 RETURNING key, value',
          params: ['atomic-a', { n: 2 }],
        },
        {
          sql: 'SELECT count(*) AS n FROM settings WHERE key = ANY($1)',
          params: [['atomic-a', 'x']],
        },
      ]);
      expect(results).toEqual([[], [{ key: 'atomic-a', value: { n: 2 } }], [{ n: 1 }]]);
    });

    it("rolls every statement back when one fails, with the database's reason as a refused value", async () => {
      await expect(
        handle.database.atomically([
          { sql: 'INSERT INTO settings (key, value) VALUES ($1, $2)', params: ['atomic-b', '1'] },
          { sql: 'SELECT 1 / $1::int', params: [0] },
        ]),
      ).rejects.toMatchObject({
        code: 'VALUE_REFUSED',
        message: expect.stringContaining('division by zero'),
        details: { cause: '22012' },
      });
      expect(await handle.database.query(`SELECT 1 FROM settings WHERE key = 'atomic-b'`)).toEqual(
        [],
      );
    });

    it('hands every kind of value over exactly as a parameter of a single query would', async () => {
      const values: [unknown, string][] = [
        ['it\'s \\ a "quote"', 'text'],
        ['closes early? $v$ $v0$ $$ $1', 'text'],
        ['ends in a tag start $v', 'text'],
        ['ends in a dollar $', 'text'],
        ['', 'text'],
        ['émoji 📨 and Ünïcode', 'text'],
        [null, 'text'],
        [42, 'int'],
        [-1.5, 'float8'],
        [true, 'boolean'],
        [new Date('2026-03-01T10:20:30.456Z'), 'timestamptz'],
        [['a', 'b "c"', 'd\\e', '{f,g}', null], 'text[]'],
        [new Uint8Array([0, 1, 254, 255]), 'bytea'],
        [{ nested: ['x', { y: "z'" }] }, 'jsonb'],
      ];
      for (const [value, type] of values) {
        const sql = `SELECT $1::${type} AS value`;
        const [[viaScript]] = (await handle.database.atomically([{ sql, params: [value] }])) as [
          unknown[],
        ];
        const [viaParameter] = await handle.database.query(sql, [value]);
        expect(viaParameter, String(value)).toEqual({
          value: value === null ? null : (expect.anything() as unknown),
        });
        expect(viaScript, String(value)).toEqual(viaParameter);
      }
    });

    describe('with bulk statements, whose parameters go apart', () => {
      const insert = (key: string, bulk: boolean) => ({
        sql: 'INSERT INTO settings (key, value) VALUES ($1, to_jsonb($2::text)) RETURNING key',
        params: [key, `a body of text\nwith 'quotes', $$ dollars $$ and émoji 📨`],
        bulk,
      });
      const stored = (prefix: string) =>
        handle.database.query<{ key: string; value: unknown }>(
          'SELECT key, value FROM settings WHERE key LIKE $1 ORDER BY key',
          [`${prefix}%`],
        );

      it("runs them in order with the others, in one transaction, and returns each one's rows", async () => {
        const results = await handle.database.atomically([
          insert('bulk-a1', false),
          insert('bulk-a2', true),
          insert('bulk-a3', false),
          { sql: `SELECT count(*) AS n FROM settings WHERE key LIKE 'bulk-a%'`, params: [] },
          insert('bulk-a4', true),
        ]);
        expect(results).toEqual([
          [{ key: 'bulk-a1' }],
          [{ key: 'bulk-a2' }],
          [{ key: 'bulk-a3' }],
          [{ n: 3 }],
          [{ key: 'bulk-a4' }],
        ]);
        const rows = await stored('bulk-a');
        expect(rows.map((row) => row.key)).toEqual(['bulk-a1', 'bulk-a2', 'bulk-a3', 'bulk-a4']);
        expect(new Set(rows.map((row) => row.value))).toEqual(
          new Set([insert('', true).params[1]]),
        );
      });

      it('rolls a bulk statement back when a statement after it fails', async () => {
        await expect(
          handle.database.atomically([
            insert('bulk-b1', false),
            insert('bulk-b2', true),
            { sql: 'SELECT 1 / $1::int', params: [0] },
          ]),
        ).rejects.toMatchObject({ code: 'VALUE_REFUSED', details: { cause: '22012' } });
        expect(await stored('bulk-b')).toEqual([]);
      });

      it('rolls the statements before a bulk statement back when it fails, and the next call runs', async () => {
        await expect(
          handle.database.atomically([
            insert('bulk-c1', false),
            { sql: 'SELECT $1::int / $2::int', params: [1, 0], bulk: true },
            insert('bulk-c2', false),
          ]),
        ).rejects.toMatchObject({ code: 'VALUE_REFUSED', details: { cause: '22012' } });
        expect(await stored('bulk-c')).toEqual([]);
        expect(await handle.database.atomically([insert('bulk-c3', true)])).toEqual([
          [{ key: 'bulk-c3' }],
        ]);
        expect((await stored('bulk-c')).map((row) => row.key)).toEqual(['bulk-c3']);
      });
    });

    it('does nothing for no statements', async () => {
      expect(await handle.database.atomically([])).toEqual([]);
    });
  });

  it.runIf(backend === 'server')('runs without JIT compilation on a server', async () => {
    expect(await handle.database.query('SHOW jit')).toEqual([{ jit: 'off' }]);
  });
});
