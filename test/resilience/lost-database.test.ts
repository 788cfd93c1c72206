import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { loopbackMailServers } from '../support/loopback-mail-servers.js';
import { openApp, type App } from '../../src/app/open-app.js';
import { startServer } from '../../src/http/start-server.js';
import { serverAdminUrl, testBackends } from '../support/backends.js';
import { startDovecot, type DovecotServer } from '../support/dovecot.js';
import {
  customerQuestion,
  imapMailboxInput,
  importRealisticCrm,
} from '../support/mail-fixtures.js';
import { openTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * `threadline start` on a PostgreSQL server whose connections are ended
 * under it, as a failover, a restart or an administrator would: the process
 * stays up, a sync goes on and stores the mailbox exactly once, and a request
 * that lost its connection fails with DATABASE_UNAVAILABLE while the next one
 * is served.
 */
const messages = 2000;
const user = 'lost';
const password = 'pw-lost-1';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.runIf(testBackends().includes('server'))('a PostgreSQL server losing connections', () => {
  let dovecot: DovecotServer;
  let handle: TestDatabase;
  let dataDir: string;
  let core: App;
  let server: Awaited<ReturnType<typeof startServer>>;
  let admin: pg.Client;
  let databaseName: string;
  let ritasToken: string;
  const unhandled: unknown[] = [];
  const record = (error: unknown) => unhandled.push(error);

  beforeAll(async () => {
    process.on('uncaughtException', record);
    process.on('unhandledRejection', record);
    dovecot = await startDovecot();
    await dovecot.addUser(user, password);
    await dovecot.writeMaildirMessages(
      user,
      'INBOX',
      Array.from({ length: messages }, (_, n) => customerQuestion(user, n)),
    );
    handle = await openTestDatabase('server');
    databaseName = new URL(handle.url!).pathname.slice(1);
    dataDir = await mkdtemp(join(tmpdir(), 'tl-lost-'));
    // The product's own pool, as `threadline start` opens it.
    core = await openApp(
      loadConfig({
        THREADLINE_DATA_DIR: dataDir,
        THREADLINE_LOG_LEVEL: 'silent',
        DATABASE_URL: handle.url!,
        PORT: '0',
        ...loopbackMailServers,
      }),
    );
    await importRealisticCrm(core);
    const rita = await core.auth.findUserByEmail('rita@threadline.example');
    ritasToken = (await core.auth.createApiToken('rita@threadline.example', 'tests')).token;
    await core.mailboxes.create(
      rita!.id,
      imapMailboxInput({ host: dovecot.host, port: dovecot.port, user, password }),
    );
    admin = new pg.Client(serverAdminUrl(databaseName));
    await admin.connect();
  }, 60_000);
  afterAll(async () => {
    await admin?.end();
    await server?.close();
    await handle?.drop();
    await dovecot?.stop();
    await rm(dataDir, { recursive: true, force: true });
    process.off('uncaughtException', record);
    process.off('unhandledRejection', record);
  });

  /** Ends every connection of the product to its database; the count ended. */
  const terminateProductConnections = async () => {
    const { rows } = await admin.query<{ ended: number }>(
      `SELECT count(pg_terminate_backend(pid))::int AS ended FROM pg_stat_activity
       WHERE datname = $1 AND pid <> pg_backend_pid()`,
      [databaseName],
    );
    return rows[0]!.ended;
  };
  const stored = async () => {
    const { rows } = await admin.query<{
      messages: number;
      distinct: number;
      locations: number;
      uids: number;
    }>(
      `SELECT (SELECT count(*)::int FROM messages) AS messages,
         (SELECT count(DISTINCT message_id)::int FROM messages) AS distinct,
         (SELECT count(*)::int FROM message_locations) AS locations,
         (SELECT count(DISTINCT uid)::int FROM message_locations) AS uids`,
    );
    return rows[0]!;
  };
  const inboxFolder = async () =>
    (
      await admin.query<{ state: string; lastUid: number }>(
        `SELECT state, last_uid::int AS "lastUid" FROM mail_folders WHERE path = 'INBOX'`,
      )
    ).rows[0];

  it('syncs the whole mailbox exactly once while its connections are ended again and again', async () => {
    server = await startServer(core, { webRoot: null });
    const kills: number[] = [];
    const deadline = Date.now() + 45_000;
    let done = false;
    while (!done && Date.now() < deadline) {
      // Often enough to end connections several times even when the back-fill is quick.
      await pause(250);
      const { messages: sofar } = await stored();
      const folder = await inboxFolder();
      done = sofar === messages && folder?.state === 'live' && folder.lastUid === messages;
      // Once the back-fill is under way, and a few times over it.
      if (!done && sofar > 0 && kills.length < 6 && (await terminateProductConnections()) > 0) {
        kills.push(Date.now());
      }
    }
    const finished = Date.now();

    expect(unhandled).toEqual([]);
    expect(kills.length).toBeGreaterThanOrEqual(3);
    expect(done).toBe(true);
    expect(finished - kills.at(-1)!).toBeLessThan(20_000);
    expect(await stored()).toEqual({
      messages,
      distinct: messages,
      locations: messages,
      uids: messages,
    });
  }, 60_000);

  it('fails a sales inbox request whose connection is ended with 503, and serves the next', async () => {
    const asRita = { authorization: `Bearer ${ritasToken}` };
    // The request's query waits for this lock, so its connection is ended mid-request.
    await admin.query('BEGIN');
    await admin.query('LOCK TABLE messages IN ACCESS EXCLUSIVE MODE');
    const request = server.http.inject({ url: '/api/inbox', headers: asRita });
    let waiting = 0;
    while (waiting === 0) {
      await pause(50);
      const { rows } = await admin.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity
         WHERE datname = $1 AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'`,
        [databaseName],
      );
      for (const { pid } of rows) await admin.query('SELECT pg_terminate_backend($1)', [pid]);
      waiting = rows.length;
    }
    await admin.query('ROLLBACK');

    const failed = await request;
    expect(failed.statusCode).toBe(503);
    expect(failed.json()).toMatchObject({ error: { code: 'DATABASE_UNAVAILABLE' } });
    const next = await server.http.inject({ url: '/api/inbox', headers: asRita });
    expect(next.statusCode).toBe(200);
    expect(next.json<{ columns: { crm?: unknown[] } }>().columns.crm?.length).toBeGreaterThan(0);
    expect(unhandled).toEqual([]);
  }, 30_000);
});
