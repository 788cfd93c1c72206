import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { inject } from 'vitest';
import type { Database } from '../../src/adapters/db/database.js';
import { openServerDatabase } from '../../src/adapters/db/server-database.js';
import { serverAdminUrl, testBackends, type Backend } from './backends.js';
import { loadEmbeddedModule } from './embedded-module.js';

export { testBackends, type Backend };

export interface TestDatabase {
  readonly database: Database;
  /** For server mode: the connection string of this suite's own database. */
  readonly url: string | null;
  drop(): Promise<void>;
}

/** A fresh, migrated database of the given backend, owned by one test suite. */
export async function openTestDatabase(backend: Backend): Promise<TestDatabase> {
  if (backend === 'embedded') {
    const template = await readFile(inject('embeddedTemplatePath'));
    const { openEmbeddedDatabase } = await loadEmbeddedModule();
    const database = await openEmbeddedDatabase({ loadDataDir: new Blob([template]) });
    return { database, url: null, drop: () => database.close() };
  }
  const name = `tl_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client(serverAdminUrl());
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('serverTemplateDatabase')}`);
  await admin.end();
  const url = serverAdminUrl(name);
  const database = openServerDatabase(url, 4);
  return {
    database,
    url,
    async drop() {
      await database.close();
      const cleanup = new pg.Client(serverAdminUrl());
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}
