import type { ImapFlow } from 'imapflow';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import { startCyrus, type CyrusServer } from '../../../test/support/cyrus.js';
import { startDovecot, type DovecotServer } from '../../../test/support/dovecot.js';
import { plainImapClient } from '../../../test/support/plain-imap-client.js';
import { adminCredentials, openTestApp } from '../../../test/support/test-app.js';
import type { App } from '../../app/open-app.js';
import type { MailboxRow } from '../../adapters/db/repositories/mailboxes.js';
import { mailboxSessionOpener } from './open-mailbox-session.js';
import { syncMailboxOnce, type SyncDeps } from './sync-mailbox.js';

const testStart = Date.now();
const mail = (n: number) =>
  [
    'From: Grace Hopper <grace.hopper@acme.com>',
    'To: rita@threadline.example',
    `Subject: Question ${n}`,
    `Message-ID: <s${n}@acme.com>`,
    `Date: ${new Date(testStart - n * 60_000).toUTCString()}`,
    '',
    `Question number ${n}`,
    '',
  ].join('\r\n');
const password = 'imap-Pa55word!';

/** One real server as these tests fill it: folders named as on Dovecot, spelled as the server does. */
interface TestServer {
  readonly host: string;
  readonly port: number;
  folder(name: string): string;
  addUser(user: string): Promise<void>;
  append(user: string, folder: string, raw: string): Promise<void>;
  createFolder(user: string, folder: string): Promise<void>;
  resetFolder(user: string, folder: string): Promise<void>;
  stop(): Promise<void>;
}

function onDovecot(dovecot: DovecotServer): TestServer {
  return {
    ...dovecot,
    folder: (name) => name,
    addUser: (user) => dovecot.addUser(user, password),
    append: (user, folder, raw) => dovecot.appendMessage(user, folder, raw),
  };
}

function onCyrus(cyrus: CyrusServer): TestServer {
  return {
    ...cyrus,
    addUser: (user) => cyrus.addUser(user, password),
    append: (user, folder, raw) => cyrus.appendMessage(user, folder, raw),
  };
}

const servers: [string, () => Promise<TestServer>][] = [
  ['Dovecot', async () => onDovecot(await startDovecot())],
  ['Cyrus', async () => onCyrus(await startCyrus())],
];

describe.each(servers)('mailbox sync against %s', (_, start) => {
  let server: TestServer;
  let userCount = 0;
  beforeAll(async () => {
    server = await start();
  }, 30_000);
  afterAll(async () => {
    await server?.stop();
  });

  describe.each(testBackends())('on the %s store', (backend) => {
    let core: App;
    let deps: SyncDeps;
    let user: string;

    beforeEach(async () => {
      core = await openTestApp(backend);
      user = `rita${(userCount += 1)}${backend}`;
      await server.addUser(user);
      deps = {
        database: core.database,
        ingest: core.ingest,
        clock: core.clock,
        openSession: mailboxSessionOpener(core.mailboxes, () => Date.now()),
        batchSize: 2,
      };
    });
    afterEach(async () => {
      await core.close();
    });

    const connect = async (folders: string[] | null = null): Promise<MailboxRow> => {
      const owner = await core.auth.findUserByEmail(adminCredentials.email);
      return core.mailboxes.create(owner!.id, {
        label: `work ${user}`,
        imap: {
          host: server.host,
          port: server.port,
          security: 'none',
          user,
          allowSelfSigned: false,
        },
        auth: { kind: 'password', password },
        smtp: null,
        folders,
        activityWindowDays: 30,
        statsWindowDays: 180,
        dataScope: 'full',
        captureMode: 'auto',
        createContacts: false,
      });
    };
    const sync = async (mailbox: MailboxRow) => {
      const report = await syncMailboxOnce(deps, mailbox.id, { worker: 'test' });
      if (report.status !== 'done') throw new Error(`sync ended ${JSON.stringify(report)}`);
      return report;
    };
    const fetched = (report: Awaited<ReturnType<typeof sync>>) =>
      report.folders.reduce((sum, folder) => sum + folder.fetched, 0);
    const status = async (mailbox: MailboxRow) =>
      core.mailboxes.status(await core.mailboxes.get(mailbox.id));
    const count = async (sql: string) => (await core.database.query<{ n: number }>(sql))[0]!.n;
    const onServer = async <T>(work: (client: ImapFlow) => Promise<T>) => {
      const client = await plainImapClient(server.port, user, password);
      try {
        return await work(client);
      } finally {
        await client.logout();
      }
    };
    /** Where each message sits in the store, by Message-ID: folder paths of live locations. */
    const locations = async () =>
      Object.fromEntries(
        (
          await core.database.query<{ id: string; paths: string[] }>(
            `SELECT m.message_id AS id, array_agg(l.folder_path ORDER BY l.folder_path) AS paths
             FROM messages m
             JOIN message_locations l ON l.message_id = m.id AND l.deleted_at IS NULL
             GROUP BY m.message_id`,
          )
        ).map((row) => [row.id, row.paths]),
      );

    it('back-fills every folder, non-ASCII and & names included, finds Sent by its name, and goes live', async () => {
      const odd = server.folder('Pläne & Entwürfe');
      await server.createFolder(user, odd);
      for (const n of [1, 2, 3]) await server.append(user, 'INBOX', mail(n));
      await server.append(user, server.folder('Sent'), mail(4));
      await server.append(user, odd, mail(5));
      await server.append(user, odd, mail(1));
      const mailbox = await connect();

      const report = await sync(mailbox);
      expect(report.backfillEnded).toBe(true);
      expect(await locations()).toEqual({
        '<s1@acme.com>': ['INBOX', odd].sort(),
        '<s2@acme.com>': ['INBOX'],
        '<s3@acme.com>': ['INBOX'],
        '<s4@acme.com>': [server.folder('Sent')],
        '<s5@acme.com>': [odd],
      });
      const health = await status(mailbox);
      expect(health.state).toBe('live');
      expect(health.folders.find((f) => f.path === server.folder('Sent'))).toMatchObject({
        selected: true,
        onServer: 1,
      });
      expect(health.folders.find((f) => f.path === server.folder('Junk'))).toMatchObject({
        selected: false,
      });
    });

    it('fetches only what is new on each incremental pass', async () => {
      await server.append(user, 'INBOX', mail(1));
      const mailbox = await connect();
      await sync(mailbox);
      await server.append(user, 'INBOX', mail(2));
      expect(fetched(await sync(mailbox))).toBe(1);
      expect(fetched(await sync(mailbox))).toBe(0);
      expect(await count('SELECT count(*)::int AS n FROM messages')).toBe(2);
    });

    it('follows flags, deletions and moves made by another client', async () => {
      const archive = server.folder('Archive');
      await server.createFolder(user, archive);
      for (const n of [1, 2, 3]) await server.append(user, 'INBOX', mail(n));
      const mailbox = await connect();
      await sync(mailbox);

      await onServer(async (client) => {
        await client.mailboxOpen('INBOX');
        await client.messageFlagsAdd({ header: { 'message-id': '<s1@acme.com>' } }, ['\\Flagged']);
        await client.messageDelete({ header: { 'message-id': '<s2@acme.com>' } });
        await client.messageMove({ header: { 'message-id': '<s3@acme.com>' } }, archive);
      });
      await sync(mailbox);

      expect(await locations()).toEqual({
        '<s1@acme.com>': ['INBOX'],
        '<s3@acme.com>': [archive],
      });
      const [flags] = await core.database.query<{ flags: string[] }>(
        `SELECT l.flags FROM message_locations l JOIN messages m ON m.id = l.message_id
         WHERE m.message_id = '<s1@acme.com>'`,
      );
      expect(flags!.flags).toContain('\\Flagged');
      // Deleted on the server, kept in the CRM.
      expect(await count('SELECT count(*)::int AS n FROM messages')).toBe(3);
      expect((await status(mailbox)).state).toBe('live');
    });

    it('reads a folder again after a UIDVALIDITY reset without a duplicate', async () => {
      const projects = server.folder('Projects');
      await server.createFolder(user, projects);
      for (const n of [1, 2]) await server.append(user, projects, mail(n));
      const mailbox = await connect(['INBOX', projects]);
      await sync(mailbox);
      await server.resetFolder(user, projects);
      expect(fetched(await sync(mailbox))).toBe(2);
      expect(await count('SELECT count(*)::int AS n FROM messages')).toBe(2);
      expect(await locations()).toEqual({
        '<s1@acme.com>': [projects],
        '<s2@acme.com>': [projects],
      });
    });
    it('follows a renamed folder: its messages keep their place and nothing is read again', async () => {
      const projects = server.folder('Projects');
      const renamed = server.folder('Projekte & Pläne');
      await server.createFolder(user, projects);
      for (const n of [1, 2]) await server.append(user, projects, mail(n));
      const mailbox = await connect(['INBOX', projects]);
      await sync(mailbox);
      await onServer((client) => client.mailboxRename(projects, renamed));
      await server.append(user, renamed, mail(3));

      expect(fetched(await sync(mailbox))).toBe(1);
      expect(await locations()).toEqual({
        '<s1@acme.com>': [renamed],
        '<s2@acme.com>': [renamed],
        '<s3@acme.com>': [renamed],
      });
      const health = await status(mailbox);
      expect(health.state).toBe('live');
      expect(health.folders.find((f) => f.path === renamed)).toMatchObject({
        selected: true,
        state: 'live',
      });
      expect(health.folders.map((f) => f.path)).not.toContain(projects);
      expect((await core.mailboxes.get(mailbox.id)).folderChoice).toEqual(['INBOX', renamed]);
    });

    it('fails a deleted folder alone, the mailbox staying live, until the folders are chosen again', async () => {
      const projects = server.folder('Projects');
      await server.createFolder(user, projects);
      await server.append(user, projects, mail(1));
      const mailbox = await connect(['INBOX', projects]);
      await sync(mailbox);
      await onServer((client) => client.mailboxDelete(projects));
      await server.append(user, 'INBOX', mail(2));

      expect(fetched(await sync(mailbox))).toBe(1);
      const failing = await status(mailbox);
      expect(failing.state).toBe('live');
      expect(failing.folders.find((f) => f.path === projects)).toMatchObject({
        state: 'failed',
        code: 'FOLDER_MISSING',
      });

      await core.mailboxes.update(
        await core.mailboxes.get(mailbox.id),
        { folders: ['INBOX'] },
        () => Promise.resolve({ ok: true, folders: [] }),
      );
      await sync(mailbox);
      const chosen = await status(mailbox);
      expect(chosen.state).toBe('live');
      expect(chosen.folders.find((f) => f.path === projects)).toMatchObject({
        selected: false,
        state: 'not_synced',
      });
    });
  });
});
