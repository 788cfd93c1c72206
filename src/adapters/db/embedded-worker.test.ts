import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { Queryable } from './database.js';
import type { EmbeddedDatabase } from './embedded-database.js';

// Worker threads load compiled JavaScript: this test drives the built store (`npm test` builds first).
const compiled = (path: string): string =>
  fileURLToPath(new URL(`../../../dist/src/adapters/db/${path}`, import.meta.url));
type DatabaseModule = typeof import('./embedded-database.js');
type ClientModule = typeof import('./embedded-client.js');

describe('embedded database on its worker thread', () => {
  let open: DatabaseModule['openEmbeddedDatabase'];
  let killWorkerForTests: ClientModule['killWorkerForTests'];
  let template: Blob;
  let database: EmbeddedDatabase;

  beforeAll(async () => {
    for (const path of ['embedded-database.js', 'embedded-worker.js']) {
      if (!existsSync(compiled(path))) {
        throw new Error(`${compiled(path)} is missing: run npm run build first`);
      }
    }
    open = ((await import(compiled('embedded-database.js'))) as DatabaseModule)
      .openEmbeddedDatabase;
    killWorkerForTests = ((await import(compiled('embedded-client.js'))) as ClientModule)
      .killWorkerForTests;
    template = new Blob([await readFile(inject('embeddedTemplatePath'))]);
    database = await open({ loadDataDir: template });
    await database.exec(`
      CREATE TABLE probe (id int PRIMARY KEY, note text);
      CREATE TABLE sample (at timestamptz, amount numeric, total bigint, doc jsonb, raw bytea)`);
  });
  afterAll(async () => {
    await database?.close();
  });

  it('rolls back everything when work throws, and rethrows the very error', async () => {
    const boom = new Error('boom');
    await expect(
      database.transaction(async (tx) => {
        await tx.query(`INSERT INTO probe (id, note) VALUES (1, 'rolled back')`);
        await tx.exec(`INSERT INTO probe (id, note) VALUES (2, 'rolled back')`);
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(await database.query(`SELECT id FROM probe WHERE id IN (1, 2)`)).toEqual([]);
  });

  it('makes a statement from outside wait for a running transaction, first come first served', async () => {
    let openGate!: () => void;
    const gate = new Promise<void>((resolve) => {
      openGate = resolve;
    });
    let began!: () => void;
    const inside = new Promise<void>((resolve) => {
      began = resolve;
    });
    const order: string[] = [];
    const transaction = database.transaction(async (tx) => {
      await tx.query(`INSERT INTO probe (id, note) VALUES (10, 'first')`);
      began();
      await gate;
      await tx.query(`INSERT INTO probe (id, note) VALUES (11, 'second')`);
      order.push('transaction');
    });
    await inside;
    const outside = database
      .query<{ n: number }>(`SELECT count(*) AS n FROM probe WHERE id IN (10, 11)`)
      .then((rows) => {
        order.push('outside');
        return rows;
      });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(order).toEqual([]);
    openGate();
    await transaction;
    expect(await outside).toEqual([{ n: 2 }]);
    expect(order).toEqual(['transaction', 'outside']);
  });

  it('carries PostgreSQL error fields across the thread', async () => {
    await database.query(`INSERT INTO probe (id, note) VALUES (20, 'taken')`);
    const failure = database.query(`INSERT INTO probe (id, note) VALUES ($1, $2)`, [20, 'again']);
    await expect(failure).rejects.toBeInstanceOf(Error);
    await expect(failure).rejects.toMatchObject({
      code: '23505',
      constraint: 'probe_pkey',
      table: 'probe',
      schema: 'public',
      severity: 'ERROR',
      message: expect.stringContaining('duplicate key value violates unique constraint'),
      detail: 'Key (id)=(20) already exists.',
    });
    await expect(database.exec(`SELEC 1`)).rejects.toMatchObject({
      code: '42601',
      position: '1',
    });
  });

  it('reports errors that are not SQL with their message', async () => {
    let kept: Queryable | undefined;
    await database.transaction(async (tx) => {
      kept = tx;
    });
    await expect(kept!.query(`SELECT 1`)).rejects.toThrow('Transaction is closed');
    await expect(database.query(`SELECT $1::text AS x`, [() => 1])).rejects.toThrow(/clone/);
  });

  it('returns Dates, numbers, jsonb and bytea as the in-process store did', async () => {
    const at = new Date('2026-03-04T05:06:07.089Z');
    const pooled = Buffer.from('a slice of a larger buffer');
    const raw = pooled.subarray(2, 7);
    await database.query(
      `INSERT INTO sample (at, amount, total, doc, raw) VALUES ($1, $2, $3, $4, $5)`,
      [at, 12.5, 9_007_199_254_740_991, { nested: { list: [1, 'two', null] } }, raw],
    );
    const [row] = await database.query(`SELECT * FROM sample`);
    expect(row).toEqual({
      at,
      amount: 12.5,
      total: 9_007_199_254_740_991,
      doc: { nested: { list: [1, 'two', null] } },
      raw: new Uint8Array(Buffer.from('slice')),
    });
    expect(row!.at).toBeInstanceOf(Date);
    expect(row!.raw).toBeInstanceOf(Uint8Array);
  });

  it('dumps a data directory that opens again with its data', async () => {
    await database.query(`INSERT INTO probe (id, note) VALUES (30, 'dumped')`);
    const dump = await database.dump();
    expect(dump).toBeInstanceOf(Blob);
    const reopened = await open({ loadDataDir: dump });
    try {
      expect(await reopened.query(`SELECT note FROM probe WHERE id = 30`)).toEqual([
        { note: 'dumped' },
      ]);
    } finally {
      await reopened.close();
    }
  });

  it('closes once however often it is asked, and refuses work afterwards', async () => {
    const other = await open({ loadDataDir: template });
    const pending = other.query<{ x: number }>(`SELECT 1 AS x`);
    await Promise.all([other.close(), other.close()]);
    await other.close();
    expect(await pending).toEqual([{ x: 1 }]);
    await expect(other.query(`SELECT 1`)).rejects.toThrow('The embedded database is closed');
  });

  it('fails pending and later calls when the worker dies, instead of hanging', async () => {
    const doomed = await open({ loadDataDir: template });
    const pending = doomed.query(`SELECT count(*) FROM generate_series(1, 20000000)`);
    await killWorkerForTests(doomed);
    await expect(pending).rejects.toThrow(/embedded database worker stopped/);
    await expect(doomed.query(`SELECT 1`)).rejects.toThrow(/embedded database worker stopped/);
    await expect(doomed.transaction(async (tx) => tx.query(`SELECT 1`))).rejects.toThrow(
      /embedded database worker stopped/,
    );
    await doomed.close();
  });

  it('keeps a process alive while it waits for an answer, and not once idle', async () => {
    const script = `
      const { openEmbeddedDatabase } = await import(process.argv[2]);
      const { readFile } = await import('node:fs/promises');
      const database = await openEmbeddedDatabase({
        loadDataDir: new Blob([await readFile(process.argv[3])]),
      });
      const [row] = await database.query('SELECT 41 + 1 AS answer');
      console.log(row.answer);
      // Not closed on purpose: an idle store must not hold the process open.
    `;
    // A file, not `--input-type=module -e`: workers inherit the flags, and that one refuses files.
    const file = join(await mkdtemp(join(tmpdir(), 'threadline-')), 'idle.mjs');
    await writeFile(file, script);
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [file, compiled('embedded-database.js'), inject('embeddedTemplatePath')],
      { timeout: 20_000 },
    );
    await rm(dirname(file), { recursive: true });
    expect(stdout.trim()).toBe('42');
  });
});
