import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverAdminUrl } from '../../../test/support/backends.js';
import {
  openTestDatabase,
  testBackends,
  type TestDatabase,
} from '../../../test/support/test-database.js';
import { migrate, migrations, type Migration } from './migrate.js';
import { openServerDatabase } from './server-database.js';

function creating(id: string, table: string, more = ''): Migration {
  return { id, sql: `CREATE TABLE ${table} (n int); INSERT INTO ${table} VALUES (1);${more}` };
}

describe.each(testBackends())('migrate on the %s backend', (backend) => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await openTestDatabase(backend);
  });
  afterAll(async () => {
    await handle.drop();
  });

  async function recorded(prefix: string): Promise<string[]> {
    const rows = await handle.database.query<{ id: string }>(
      'SELECT id FROM schema_migrations WHERE starts_with(id, $1) ORDER BY id',
      [prefix],
    );
    return rows.map((row) => row.id);
  }

  async function tables(names: readonly string[]): Promise<string[]> {
    const rows = await handle.database.query<{ name: string }>(
      'SELECT table_name AS name FROM information_schema.tables WHERE table_name = ANY($1) ORDER BY 1',
      [names],
    );
    return rows.map((row) => row.name);
  }

  it('keeps the migrations before a failing one applied and recorded, and names the one that failed', async () => {
    const good = [creating('901-a', 'probe_a'), creating('902-b', 'probe_b')];
    const broken = creating('903-broken', 'probe_c', 'SELECT 1 / 0;');
    const after = creating('904-d', 'probe_d');

    const failure = migrate(handle.database, [...migrations, ...good, broken, after]);

    await expect(failure).rejects.toMatchObject({
      code: 'INTERNAL',
      message: expect.stringMatching(
        /^Migration 903-broken failed \(the migrations before it are applied\): division by zero/,
      ),
      details: { migration: '903-broken' },
    });
    expect(await recorded('90')).toEqual(['901-a', '902-b']);
    expect(await tables(['probe_a', 'probe_b', 'probe_c', 'probe_d'])).toEqual([
      'probe_a',
      'probe_b',
    ]);

    const fixed = creating('903-broken', 'probe_c');
    expect(await migrate(handle.database, [...migrations, ...good, fixed, after])).toEqual([
      '903-broken',
      '904-d',
    ]);
  });

  it('applies each migration once when two migrators start together', async () => {
    const slow = ['911', '912', '913'].map((id) =>
      creating(id, `probe_${id}`, 'SELECT pg_sleep(0.05);'),
    );
    const list = [...migrations, ...slow];

    const [first, second] = await Promise.all([
      migrate(handle.database, list),
      migrate(handle.database, list),
    ]);

    expect([...first, ...second].sort()).toEqual(['911', '912', '913']);
    expect(await recorded('91')).toEqual(['911', '912', '913']);
  });
});

describe.runIf(testBackends().includes('server'))('migrate on a new PostgreSQL database', () => {
  it('sets up the store once when several processes start on it together', async () => {
    const name = `tl_new_${process.pid}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client(serverAdminUrl());
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const starters = Array.from({ length: 4 }, () => openServerDatabase(serverAdminUrl(name), 1));
    try {
      const applied = await Promise.all(starters.map((database) => migrate(database)));

      expect(applied.flat().sort()).toEqual(migrations.map((migration) => migration.id));
    } finally {
      await Promise.all(starters.map((database) => database.close()));
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});
