import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import pg from 'pg';
import { openServerDatabase } from '../../src/adapters/db/server-database.js';
import { migrate } from '../../src/adapters/db/migrate.js';
import { serverAdminUrl, testBackends } from './backends.js';
import { loadEmbeddedModule } from './embedded-module.js';

declare module 'vitest' {
  export interface ProvidedContext {
    embeddedTemplatePath: string;
    serverTemplateDatabase: string;
  }
}

/**
 * Prepares migrated templates once per run, so each test suite gets a fresh
 * database in well under the 5–7 s an embedded initdb costs: a dumped PGlite
 * data directory, and a PostgreSQL template database.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const backends = testBackends();
  const templateDir = resolve('.test-data');
  await mkdir(templateDir, { recursive: true });
  const embeddedTemplatePath = join(templateDir, `template-${process.pid}.tgz`);
  const serverTemplateDatabase = `tl_template_${process.pid}`;
  project.provide('embeddedTemplatePath', embeddedTemplatePath);
  project.provide('serverTemplateDatabase', serverTemplateDatabase);

  if (backends.includes('embedded')) {
    const { openEmbeddedDatabase } = await loadEmbeddedModule();
    const database = await openEmbeddedDatabase({});
    await migrate(database);
    await writeFile(embeddedTemplatePath, Buffer.from(await (await database.dump()).arrayBuffer()));
    await database.close();
  }
  if (backends.includes('server')) {
    const admin = new pg.Client(serverAdminUrl());
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${serverTemplateDatabase}`);
    await admin.query(`CREATE DATABASE ${serverTemplateDatabase}`);
    await admin.end();
    const database = openServerDatabase(serverAdminUrl(serverTemplateDatabase), 1);
    await migrate(database);
    await database.close();
  }
  return async () => {
    if (backends.includes('server')) {
      const admin = new pg.Client(serverAdminUrl());
      await admin.connect();
      const leftovers = await admin.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE datname LIKE 'tl\\_${process.pid}\\_%' OR datname = $1`,
        [serverTemplateDatabase],
      );
      for (const { datname } of leftovers.rows) {
        await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
      }
      await admin.end();
    }
  };
}
