import { importRealisticCrm, mbox } from './mail-fixtures.js';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildHttpApp, type HttpApp } from '../../src/http/app.js';
import { breakGlassRoutes } from '../../src/http/routes/break-glass-routes.js';
import { exportRoutes } from '../../src/http/routes/export-routes.js';
import { inboxRoutes } from '../../src/http/routes/inbox-routes.js';
import { linkRoutes } from '../../src/http/routes/link-routes.js';
import { mailReadRoutes } from '../../src/http/routes/mail-read-routes.js';
import { reportRoutes } from '../../src/http/routes/report-routes.js';
import { reviewRoutes } from '../../src/http/routes/review-routes.js';
import { sharingRoutes } from '../../src/http/routes/sharing-routes.js';
import { taskRoutes } from '../../src/http/routes/task-routes.js';
import type { App } from '../../src/app/open-app.js';
import { importMailFiles } from '../../src/services/capture/import-mail-files.js';
import { createReaderExportService } from '../../src/services/export/export-messages.js';
import { createSalesInboxService } from '../../src/services/inbox/sales-inbox-service.js';
import { createLinkEditingService } from '../../src/services/links/link-editing-service.js';
import { createReviewQueueService } from '../../src/services/review/review-queue-service.js';
import { createRulesService } from '../../src/services/rules/rules-service.js';
import { createAuditLog } from '../../src/services/sharing/audit-log.js';
import { createBreakGlassService } from '../../src/services/sharing/break-glass.js';
import { createSharingService } from '../../src/services/sharing/sharing-service.js';
import { createMailReadsService } from '../../src/services/mail-reads/mail-reads-service.js';
import { createReporting } from '../../src/services/reports/report-export.js';
import { createTasksService } from '../../src/services/tasks/tasks-service.js';
import { openTestApp } from './test-app.js';
import type { Backend } from './test-database.js';

/**
 * The organisation of the realistic CRM fixture (Ada admin > Max manager >
 * Rita and Ravi reps) plus another team (Mona manager > Olga rep), each with
 * an API token, behind an app that serves every route that reads or files
 * mail: reads, export, reports, sharing and break-glass, thread links, the
 * sales inbox and the review queue with its follow-ups; and tasks.
 */
export interface SharingWorld {
  core: App;
  app: HttpApp;
  users: Record<Person, { id: string; token: string; email: string }>;
  accountId(externalId: string): Promise<string>;
  recordId(table: 'deals' | 'contacts' | 'accounts', externalId: string): Promise<string>;
  /** Imports raw messages into the person's import mailbox; returns nothing, query by Message-ID. */
  importMail(owner: Person, ...messages: string[]): Promise<void>;
  /**
   * Imports raw messages as a sync stores mail older than the mailbox's
   * activity window but inside its statistics window: from headers alone.
   */
  importStatisticsOnly(owner: Person, ...messages: string[]): Promise<void>;
  messageId(headerId: string): Promise<string>;
  as(person: Person): { authorization: string };
  /** Sets the person's own sharing mode through the API. */
  share(person: Person, mode: 'private' | 'public'): Promise<void>;
  /** Custom mode through the API: all mail shared with some users, or mail filed on some records. */
  shareCustom(
    person: Person,
    shares: {
      sharedWith?: string[];
      recordShares?: { recordType: string; recordId: string; userId: string }[];
    },
  ): Promise<void>;
  close(): Promise<void>;
}

export type Person = 'rita' | 'ravi' | 'max' | 'ada' | 'olga' | 'mona';

export const emails: Record<Person, string> = {
  rita: 'rita@threadline.example',
  ravi: 'ravi@threadline.example',
  max: 'max@threadline.example',
  ada: 'ada@threadline.example',
  olga: 'olga@threadline.example',
  mona: 'mona@threadline.example',
};

export function mail(fields: {
  id: string;
  from: string;
  to: string;
  cc?: string;
  subject: string;
  date: string;
  text?: string;
  html?: string;
  headers?: string[];
}): string {
  const head = [
    `From: ${fields.from}`,
    `To: ${fields.to}`,
    ...(fields.cc ? [`Cc: ${fields.cc}`] : []),
    `Subject: ${fields.subject}`,
    `Date: ${fields.date}`,
    `Message-ID: ${fields.id}`,
    ...(fields.headers ?? []),
    'MIME-Version: 1.0',
  ];
  const text = fields.text ?? 'Hello, see you soon.';
  if (!fields.html) {
    return [...head, 'Content-Type: text/plain; charset=utf-8', '', text, ''].join('\r\n');
  }
  return [
    ...head,
    'Content-Type: multipart/alternative; boundary="alt"',
    '',
    '--alt',
    'Content-Type: text/plain; charset=utf-8',
    '',
    text,
    '--alt',
    'Content-Type: text/html; charset=utf-8',
    '',
    fields.html,
    '--alt--',
    '',
  ].join('\r\n');
}

export async function openSharingWorld(
  backend: Backend,
  env: Record<string, string> = {},
): Promise<SharingWorld> {
  const core = await openTestApp(backend, env);
  const dir = await mkdtemp(join(tmpdir(), 'threadline-sharing-'));
  await importRealisticCrm(core);
  await core.auth.addUser({
    email: emails.mona,
    name: 'Mona Manager',
    role: 'manager',
    password: null,
  });
  await core.auth.addUser({ email: emails.olga, name: 'Olga Other', role: 'rep', password: null });
  await core.database.query(
    `UPDATE users SET manager_id = (SELECT id FROM users WHERE email = $1) WHERE email = $2`,
    [emails.mona, emails.olga],
  );
  await core.directory.invalidate();

  const users = {} as SharingWorld['users'];
  for (const [person, email] of Object.entries(emails) as [Person, string][]) {
    const user = await core.auth.findUserByEmail(email);
    if (!user) throw new Error(`fixture user ${email} is missing`);
    users[person] = {
      id: user.id,
      email,
      token: (await core.auth.createApiToken(email, 'tests')).token,
    };
  }

  const audit = createAuditLog(core.database, core.clock);
  const links = createLinkEditingService({ database: core.database, clock: core.clock, audit });
  const app = await buildHttpApp(core, {
    webRoot: null,
    secureCookies: false,
    localCliToken: null,
    logLevel: 'silent',
    plugins: [
      mailReadRoutes(
        createMailReadsService({ database: core.database, audit, attachments: core.attachments }),
      ),
      sharingRoutes(
        createSharingService({ database: core.database, clock: core.clock, audit }),
        audit,
      ),
      breakGlassRoutes(
        createBreakGlassService({ database: core.database, clock: core.clock, audit }),
      ),
      exportRoutes(createReaderExportService({ database: core.database, audit })),
      reportRoutes(createReporting(core)),
      linkRoutes(links),
      taskRoutes(createTasksService({ ...core, audit })),
      inboxRoutes(
        createSalesInboxService({
          database: core.database,
          clock: core.clock,
          directory: core.directory,
        }),
      ),
      reviewRoutes(
        createReviewQueueService({
          database: core.database,
          clock: core.clock,
          links,
          rules: createRulesService(core),
          audit,
        }),
      ),
    ],
  });

  let files = 0;
  const importAs = async (owner: Person, messages: string[], statisticsOnly: boolean) => {
    const mailbox = await core.mailboxes.importMailboxOf(emails[owner]);
    const path = join(dir, `mail-${(files += 1)}.mbox`);
    await writeFile(path, mbox(messages));
    await importMailFiles(
      [path],
      mailbox,
      (m, items) =>
        core.ingest.ingestBatch(
          m,
          items.map((item) => ({ ...item, statisticsOnly })),
        ),
      {},
    );
  };
  return {
    core,
    app,
    users,
    accountId: (externalId) => idOf(core, 'accounts', externalId),
    recordId: (table, externalId) => idOf(core, table, externalId),
    importMail: (owner, ...messages) => importAs(owner, messages, false),
    importStatisticsOnly: (owner, ...messages) => importAs(owner, messages, true),
    async messageId(headerId) {
      const [row] = await core.database.query<{ id: string }>(
        'SELECT id FROM messages WHERE message_id = $1',
        [headerId],
      );
      if (!row) throw new Error(`no message ${headerId}`);
      return row.id;
    },
    as: (person) => ({ authorization: `Bearer ${users[person].token}` }),
    share: (person, mode) => putSharing(app, users[person].token, { mode }),
    shareCustom: (person, shares) =>
      putSharing(app, users[person].token, { mode: 'custom', ...shares }),
    async close() {
      await app.close();
      await core.close();
      await rm(dir, { recursive: true });
    },
  };
}

async function putSharing(app: HttpApp, token: string, payload: object): Promise<void> {
  const response = await app.inject({
    method: 'PUT',
    url: '/api/me/sharing',
    headers: { authorization: `Bearer ${token}` },
    payload,
  });
  if (response.statusCode !== 200) throw new Error(`sharing: ${response.body}`);
}

async function idOf(core: App, table: string, externalId: string): Promise<string> {
  const [row] = await core.database.query<{ id: string }>(
    `SELECT id FROM ${table} WHERE external_id = $1`,
    [externalId],
  );
  if (!row) throw new Error(`no ${table} ${externalId}`);
  return row.id;
}
