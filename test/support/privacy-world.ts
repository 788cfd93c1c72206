import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Queryable } from '../../src/adapters/db/database.js';
import { loadConfig } from '../../src/config/config.js';
import { buildHttpApp, type HttpApp } from '../../src/http/app.js';
import { privacyRoutes } from '../../src/http/routes/privacy-routes.js';
import { openApp, type App } from '../../src/app/open-app.js';
import { importMailFiles } from '../../src/services/capture/import-mail-files.js';
import { importCrmDirectory } from '../../src/services/crm-csv/import-crm.js';
import type { PeopleService } from '../../src/services/privacy/people.js';
import { adminCredentials } from './test-app.js';
import { openTestDatabase, type Backend } from './test-database.js';

/**
 * The realistic CRM fixture on a fresh database, with a data directory of its
 * own (so the attachment store holds this suite's files only), Rita's import
 * mailbox, and an app serving the privacy routes.
 */
export interface PrivacyWorld {
  core: App;
  app: HttpApp;
  people: PeopleService;
  dataDir: string;
  /** Bearer headers of the first admin and of Rita, a rep. */
  admin: { authorization: string };
  rep: { authorization: string };
  importMail(...messages: string[]): Promise<void>;
  /** Every file in the attachment store, by path. */
  attachmentFiles(): Promise<{ path: string; content: Buffer }[]>;
  close(): Promise<void>;
}

const mbox = (messages: string[]) =>
  messages
    .map((m) => `From sender@example Mon Mar  3 10:00:00 2025\n${m.replace(/\r\n/g, '\n')}`)
    .join('\n');

export async function openPrivacyWorld(backend: Backend): Promise<PrivacyWorld> {
  const handle = await openTestDatabase(backend);
  const dataDir = await mkdtemp(join(tmpdir(), 'threadline-privacy-'));
  const config = loadConfig({
    THREADLINE_DATA_DIR: dataDir,
    THREADLINE_LOG_LEVEL: 'silent',
    THREADLINE_ADMIN_EMAIL: adminCredentials.email,
    THREADLINE_ADMIN_PASSWORD: adminCredentials.password,
  });
  const core = await openApp(config, { database: handle.database });
  const report = await importCrmDirectory(core.database, 'test/fixtures/crm/realistic', {
    now: () => new Date(),
  });
  if (report.errors.length > 0) throw new Error(JSON.stringify(report.errors));
  await core.directory.invalidate();

  const people = core.people;
  const app = await buildHttpApp(core, {
    webRoot: null,
    secureCookies: false,
    localCliToken: null,
    logLevel: 'silent',
    plugins: [privacyRoutes(core)],
  });
  const token = async (email: string) =>
    `Bearer ${(await core.auth.createApiToken(email, 'tests')).token}`;

  let files = 0;
  return {
    core,
    app,
    people,
    dataDir,
    admin: { authorization: await token(adminCredentials.email) },
    rep: { authorization: await token('rita@threadline.example') },
    async importMail(...messages) {
      const mailbox = await core.mailboxes.importMailboxOf('rita@threadline.example');
      const path = join(dataDir, `mail-${(files += 1)}.mbox`);
      await writeFile(path, mbox(messages));
      await importMailFiles([path], mailbox, (m, items) => core.ingest.ingestBatch(m, items), {});
    },
    async attachmentFiles() {
      const root = join(dataDir, 'attachments');
      const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
      const found: { path: string; content: Buffer }[] = [];
      for (const entry of entries) {
        if (!entry.isFile()) continue;
        const path = join(entry.parentPath, entry.name);
        found.push({ path, content: await readFile(path) });
      }
      return found;
    },
    async close() {
      await app.close();
      // As openTestApp does: the handle owns the database and drops it.
      await handle.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A message with one attached file, as a mail client would send it. */
export function mailWithAttachment(fields: {
  id: string;
  from: string;
  to: string;
  cc?: string;
  subject: string;
  date: string;
  text: string;
  filename: string;
  content: string;
  headers?: string[];
}): string {
  return [
    `From: ${fields.from}`,
    `To: ${fields.to}`,
    ...(fields.cc ? [`Cc: ${fields.cc}`] : []),
    `Subject: ${fields.subject}`,
    `Date: ${fields.date}`,
    `Message-ID: ${fields.id}`,
    ...(fields.headers ?? []),
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="mixed"',
    '',
    '--mixed',
    'Content-Type: text/plain; charset=utf-8',
    '',
    fields.text,
    '--mixed',
    `Content-Type: text/plain; name="${fields.filename}"`,
    `Content-Disposition: attachment; filename="${fields.filename}"`,
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from(fields.content).toString('base64'),
    '--mixed--',
    '',
  ].join('\r\n');
}

/**
 * Every column of every table in the schema that can hold text — text,
 * JSON, arrays, full-text vectors, raw bytes — searched for the address
 * without regard to case. Written independently of the erasure's own list.
 */
export async function tablesMentioning(db: Queryable, address: string): Promise<string[]> {
  const columns = await db.query<{ table: string; column: string; type: string }>(
    `SELECT c.table_name AS "table", c.column_name AS "column", c.data_type AS type
     FROM information_schema.columns c
     JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
     WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
       AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'tsvector',
         'bytea', 'ARRAY', 'USER-DEFINED')`,
  );
  expect(columns.length).toBeGreaterThan(50);
  const found: string[] = [];
  for (const { table, column, type } of columns) {
    const value = type === 'bytea' ? `encode("${column}", 'escape')` : `"${column}"::text`;
    const [row] = await db.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM "${table}" WHERE strpos(lower(${value}), $1) > 0`,
      [address],
    );
    if ((row?.count ?? 0) > 0) found.push(`${table}.${column}`);
  }
  return found.sort();
}
