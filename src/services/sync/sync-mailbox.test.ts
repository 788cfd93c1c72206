import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import { startDovecot, type DovecotServer } from '../../../test/support/dovecot.js';
import { mailWithFile } from '../../../test/support/mail-fixtures.js';
import { plainImapClient } from '../../../test/support/plain-imap-client.js';
import { openTestApp } from '../../../test/support/test-app.js';
import type { App } from '../../app/open-app.js';
import type { Database } from '../../adapters/db/database.js';
import type { MailboxRow } from '../../adapters/db/repositories/mailboxes.js';
import { importCrmDirectory } from '../crm-csv/import-crm.js';
import { mailboxSessionOpener } from './open-mailbox-session.js';
import type { MailSession } from './mail-source.js';
import { syncMailboxOnce, type SyncDeps } from './sync-mailbox.js';
import { createIngestService } from '../capture/ingest.js';
import { inThreadParser, type MessageParser } from '../../adapters/mime/parse-pool.js';
import { ThreadlineError } from '../../core/errors.js';
import { createLogger } from '../../adapters/system/logger.js';

// One clock for the whole file: two copies of one message must carry the same Date header.
const testStart = Date.now();
const customerMail = (n: number, extra: string[] = []) =>
  [
    'From: Grace Hopper <grace.hopper@acme.com>',
    'To: rita@threadline.example',
    `Subject: Question ${n}`,
    `Message-ID: <q${n}@acme.com>`,
    `Date: ${new Date(testStart - n * 60_000).toUTCString()}`,
    ...extra,
    '',
    `Question number ${n}`,
    '',
  ].join('\r\n');

let dovecot: DovecotServer;
let userCount = 0;
beforeAll(async () => {
  dovecot = await startDovecot();
}, 30_000);
afterAll(async () => {
  await dovecot?.stop();
});

describe.each(testBackends())('mailbox sync on the %s backend', (backend) => {
  let core: App;
  let deps: SyncDeps;
  let user: string;
  const password = 'imap-Pa55word!';

  beforeEach(async () => {
    core = await openTestApp(backend);
    expect(
      (
        await importCrmDirectory(core.database, 'test/fixtures/crm/realistic', {
          now: () => new Date(),
        })
      ).errors,
    ).toEqual([]);
    await core.directory.invalidate();
    user = `rita${(userCount += 1)}`;
    await dovecot.addUser(user, password);
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

  const connect = async (
    overrides: {
      password?: string;
      folders?: string[];
      server?: DovecotServer;
      label?: string;
    } = {},
  ): Promise<MailboxRow> => {
    const rita = await core.auth.findUserByEmail('rita@threadline.example');
    return core.mailboxes.create(rita!.id, {
      label: overrides.label ?? `work ${user}`,
      imap: {
        host: (overrides.server ?? dovecot).host,
        port: (overrides.server ?? dovecot).port,
        security: 'none',
        user,
        allowSelfSigned: false,
      },
      auth: { kind: 'password', password: overrides.password ?? password },
      smtp: null,
      folders: overrides.folders ?? null,
      activityWindowDays: 30,
      statsWindowDays: 180,
      dataScope: 'full',
      captureMode: 'auto',
      createContacts: false,
    });
  };
  const sync = (mailbox: MailboxRow) => syncMailboxOnce(deps, mailbox.id, { worker: 'test' });
  /** The sync's deps with `commitBatch` standing in for the store's; it is told the batch's number. */
  const committing = (
    commitBatch: (
      batch: number,
      ...args: Parameters<SyncDeps['ingest']['commitBatch']>
    ) => ReturnType<SyncDeps['ingest']['commitBatch']>,
  ): SyncDeps => {
    let batches = 0;
    return {
      ...deps,
      ingest: {
        prepareBatch: core.ingest.prepareBatch,
        commitBatch: (...args) => commitBatch((batches += 1), ...args),
      },
    };
  };
  const count = async (sql: string) => (await core.database.query<{ n: number }>(sql))[0]!.n;

  it('back-fills INBOX and Sent, stores a message found in both once with both locations, and goes live', async () => {
    for (const n of [1, 2, 3]) await dovecot.appendMessage(user, 'INBOX', customerMail(n));
    await dovecot.appendMessage(user, 'Sent', customerMail(3));
    await dovecot.appendMessage(user, 'Junk', customerMail(9));
    const mailbox = await connect();

    const report = await sync(mailbox);
    expect(report).toMatchObject({ status: 'done', backfillEnded: true });
    expect(await count('SELECT count(*)::int AS n FROM messages')).toBe(3);
    expect(
      await count(
        "SELECT count(*)::int AS n FROM message_locations l JOIN messages m ON m.id = l.message_id WHERE m.message_id = '<q3@acme.com>'",
      ),
    ).toBe(2);

    const status = await core.mailboxes.status(await core.mailboxes.get(mailbox.id));
    expect(status.state).toBe('live');
    const inbox = status.folders.find((f) => f.path === 'INBOX');
    expect(inbox).toMatchObject({ state: 'live', onServer: 3, captured: 3, ignored: 0, failed: 0 });
    expect(status.folders.find((f) => f.path === 'Junk')).toMatchObject({
      selected: false,
      state: 'not_synced',
    });
    const [captured] = await core.database.query<{ text: string | null }>(
      "SELECT text_body AS text FROM messages WHERE message_id = '<q1@acme.com>'",
    );
    expect(captured?.text).toContain('Question number 1');
    const notices = await core.database.query<{ text: string }>(
      "SELECT text FROM notices WHERE kind = 'backfill_done'",
    );
    expect(notices).toHaveLength(1);
    expect(notices[0]!.text).toContain('4 messages read');
    // The planner learns what the back-fill stored (nothing else analyses the embedded store).
    expect(await count("SELECT reltuples::int AS n FROM pg_class WHERE relname = 'messages'")).toBe(
      3,
    );
  });

  it('keeps a live mailbox reading live while a pass it was asked for connects', async () => {
    await dovecot.appendMessage(user, 'INBOX', customerMail(1));
    const mailbox = await connect();
    await sync(mailbox);
    let stateWhileConnecting: string | null = null;
    const watching: SyncDeps = {
      ...deps,
      openSession: async (row) => {
        stateWhileConnecting = (await core.mailboxes.status(await core.mailboxes.get(row.id)))
          .state;
        return deps.openSession(row);
      },
    };
    await syncMailboxOnce(watching, mailbox.id, { worker: 'test' });
    expect(stateWhileConnecting).toBe('live');
  });

  it('stores once, with both locations, a message a folder holds twice in one batch', async () => {
    await dovecot.appendMessage(user, 'INBOX', customerMail(1));
    await dovecot.appendMessage(user, 'INBOX', customerMail(1));
    const mailbox = await connect({ folders: ['INBOX'] });

    const report = await sync(mailbox);
    expect(report).toMatchObject({
      status: 'done',
      folders: [{ path: 'INBOX', fetched: 2, captured: 2, error: null }],
    });
    expect(await count('SELECT count(*)::int AS n FROM messages')).toBe(1);
    expect(await count('SELECT count(*)::int AS n FROM message_locations')).toBe(2);
    expect(await count('SELECT count(*)::int AS n FROM message_decisions')).toBe(1);
    const status = await core.mailboxes.status(await core.mailboxes.get(mailbox.id));
    expect(status.folders.find((f) => f.path === 'INBOX')).toMatchObject({
      state: 'live',
      onServer: 2,
      captured: 2,
      ignored: 0,
      failed: 0,
    });
  });
  it('renews its lease with every stored batch, and stops without writing once another worker holds it', async () => {
    for (const n of [1, 2, 3, 4, 5, 6]) await dovecot.appendMessage(user, 'INBOX', customerMail(n));
    const mailbox = await connect({ folders: ['INBOX'] });
    const leaseExpiry = async () =>
      (
        await core.database.query<{ at: Date }>(
          'SELECT lease_expires_at AS at FROM mailboxes WHERE id = $1',
          [mailbox.id],
        )
      )[0]!.at.getTime();
    const expiries: number[] = [];
    const report = await syncMailboxOnce(
      {
        ...deps,
        ingest: {
          prepareBatch: core.ingest.prepareBatch,
          commitBatch: async function* (prepared, options) {
            const stored = yield* core.ingest.commitBatch(prepared, options);
            expiries.push(await leaseExpiry());
            if (expiries.length === 2) {
              await core.database.query(
                "UPDATE mailboxes SET lease_owner = 'elsewhere:1' WHERE id = $1",
                [mailbox.id],
              );
            }
            return stored;
          },
        },
      },
      mailbox.id,
      { worker: 'test' },
    );
    expect(report).toEqual({ status: 'leased' });
    expect(expiries).toHaveLength(2);
    expect(expiries[1]).toBeGreaterThan(expiries[0]!);
    expect(await count('SELECT count(*)::int AS n FROM messages')).toBe(4);
  });

  it('syncs INBOX before the folders that sort ahead of it, and takes in a folder made since the last pass', async () => {
    await dovecot.createFolder(user, 'Archive');
    await dovecot.appendMessage(user, 'Archive', customerMail(1));
    await dovecot.appendMessage(user, 'INBOX', customerMail(2));
    const mailbox = await connect();

    const first = await sync(mailbox);
    expect(first.status === 'done' && first.folders.map((f) => f.path)).toEqual([
      'INBOX',
      'Archive',
      'Sent',
    ]);

    await dovecot.createFolder(user, 'Customers');
    await dovecot.appendMessage(user, 'Customers', customerMail(3));
    const second = await sync(mailbox);
    expect(second.status === 'done' && second.folders.map((f) => [f.path, f.fetched])).toEqual([
      ['INBOX', 0],
      ['Archive', 0],
      ['Customers', 1],
      ['Sent', 0],
    ]);
  });

  it('syncs INBOX alone when asked (pushed mail), leaving the other folders and the back-fill to the next full pass', async () => {
    await dovecot.appendMessage(user, 'INBOX', customerMail(1));
    await dovecot.appendMessage(user, 'Sent', customerMail(2));
    const mailbox = await connect();
    const inboxOnly = () => syncMailboxOnce(deps, mailbox.id, { worker: 'test', only: ['INBOX'] });

    // Folders never listed yet: the pass lists them and visits them all.
    const unknown = await inboxOnly();
    expect(unknown.status === 'done' && unknown.folders.map((f) => f.path)).toEqual([
      'INBOX',
      'Sent',
    ]);

    await core.database.query('UPDATE mailboxes SET backfill_done_at = NULL WHERE id = $1', [
      mailbox.id,
    ]);
    await dovecot.appendMessage(user, 'INBOX', customerMail(3));
    await dovecot.appendMessage(user, 'Sent', customerMail(4));
    const pushed = await inboxOnly();
    expect(pushed).toMatchObject({ status: 'done', backfillEnded: false });
    expect(pushed.status === 'done' && pushed.folders.map((f) => [f.path, f.fetched])).toEqual([
      ['INBOX', 1],
    ]);
    expect((await core.mailboxes.get(mailbox.id)).backfillDoneAt).toBeNull();

    const full = await sync(mailbox);
    expect(full).toMatchObject({ status: 'done', backfillEnded: true });
    expect(full.status === 'done' && full.folders.map((f) => [f.path, f.fetched])).toEqual([
      ['INBOX', 0],
      ['Sent', 1],
    ]);
  });

  it('decides noise and strangers from headers and fetches whole only what may be captured', async () => {
    const newsletter = [
      'From: news@shop.example',
      'To: rita@threadline.example',
      'Subject: Deals of the week',
      'Message-ID: <news1@shop.example>',
      'List-Unsubscribe: <mailto:unsubscribe@shop.example>',
      '',
      'x'.repeat(20_000),
      '',
    ].join('\r\n');
    await dovecot.appendMessage(user, 'INBOX', newsletter);
    await dovecot.appendMessage(user, 'INBOX', customerMail(1));
    const mailbox = await connect({ folders: ['INBOX'] });
    const fetchedWhole: number[] = [];
    const watching: SyncDeps = {
      ...deps,
      openSession: async (m) => {
        const session = await deps.openSession(m);
        return {
          ...session,
          fetchWhole: (path, uids, options) => {
            fetchedWhole.push(...uids);
            return session.fetchWhole(path, uids, options);
          },
        };
      },
    };
    await syncMailboxOnce(watching, mailbox.id, { worker: 'test' });
    expect(fetchedWhole).toEqual([2]);
    const rows = await core.database.query<{
      id: string;
      category: string;
      size: number;
      text: string | null;
    }>(
      'SELECT message_id AS id, category, size, text_body AS text FROM messages ORDER BY message_id',
    );
    expect(rows).toEqual([
      { id: '<news1@shop.example>', category: 'newsletter', size: expect.any(Number), text: null },
      {
        id: '<q1@acme.com>',
        category: 'human',
        size: expect.any(Number),
        text: expect.stringContaining('Question number 1'),
      },
    ]);
    expect(rows[0]!.size).toBeGreaterThan(20_000);
  });

  it("sends a batch's writes only once the next batch has sent its reads, so those never queue behind them", async () => {
    for (const n of [1, 2, 3, 4, 5]) await dovecot.appendMessage(user, 'INBOX', customerMail(n));
    const mailbox = await connect({ folders: ['INBOX'] });
    const sent: string[] = [];
    const recording: Database = {
      ...core.database,
      query: (sql, params) => {
        // The batch's first read: which of its messages are stored already.
        if (sql.includes('WHERE message_key = w.key')) sent.push('reads');
        return core.database.query(sql, params);
      },
      atomically: (statements) => {
        sent.push('writes');
        return core.database.atomically(statements);
      },
    };
    const ingest = createIngestService({
      database: recording,
      directory: core.directory,
      clock: core.clock,
    });

    const report = await syncMailboxOnce({ ...deps, ingest }, mailbox.id, { worker: 'test' });
    expect(report.status === 'done' && report.folders[0]).toMatchObject({ captured: 5 });
    // Three batches of two, two and one: the last one's writes have no reads to wait for.
    expect(sent).toEqual(['reads', 'reads', 'writes', 'reads', 'writes', 'writes']);
  });

  it('fetches only what is new on the next pass, and nothing twice', async () => {
    await dovecot.appendMessage(user, 'INBOX', customerMail(1));
    const mailbox = await connect();
    await sync(mailbox);
    await dovecot.appendMessage(user, 'INBOX', customerMail(2));
    const second = await sync(mailbox);
    expect(
      second.status === 'done' && second.folders.find((f) => f.path === 'INBOX')?.fetched,
    ).toBe(1);
    const third = await sync(mailbox);
    expect(third.status === 'done' && third.folders.every((f) => f.fetched === 0)).toBe(true);
    expect(await count('SELECT count(*)::int AS n FROM messages')).toBe(2);
  });

  it('resumes after a crash mid-batch without a gap or a duplicate', async () => {
    for (const n of [1, 2, 3, 4, 5]) await dovecot.appendMessage(user, 'INBOX', customerMail(n));
    const mailbox = await connect({ folders: ['INBOX'] });
    const crashing = committing(async function* (batch, ...args) {
      if (batch === 2) throw new Error('process killed');
      return yield* core.ingest.commitBatch(...args);
    });
    const crashed = await syncMailboxOnce(crashing, mailbox.id, { worker: 'test' });
    expect(crashed.status === 'done' && crashed.folders[0]?.error?.code).toBe('INTERNAL');
    expect(await count('SELECT count(*)::int AS n FROM messages')).toBe(2);

    const resumed = await sync(mailbox);
    expect(resumed.status === 'done' && resumed.folders[0]?.fetched).toBe(3);
    expect(await count('SELECT count(*)::int AS n FROM messages')).toBe(5);
    expect(await count('SELECT count(*)::int AS n FROM message_locations')).toBe(5);
  });

  it('commits a batch again when the store connection is lost, even after the batch was stored', async () => {
    for (const n of [1, 2, 3, 4, 5]) await dovecot.appendMessage(user, 'INBOX', customerMail(n));
    const mailbox = await connect({ folders: ['INBOX'] });
    let batches = 0;
    const losing = committing(async function* (batch, ...args) {
      batches = batch;
      // The second batch is stored, but its answer is lost with the connection.
      const stored = yield* core.ingest.commitBatch(...args);
      if (batch === 2) throw new ThreadlineError('DATABASE_UNAVAILABLE');
      return stored;
    });
    const report = await syncMailboxOnce(losing, mailbox.id, { worker: 'test' });
    expect(report).toMatchObject({
      status: 'done',
      folders: [{ path: 'INBOX', fetched: 5, captured: 5, error: null }],
    });
    expect(batches).toBe(4);
    expect(await count('SELECT count(*)::int AS n FROM messages')).toBe(5);
    expect(await count('SELECT count(*)::int AS n FROM message_locations')).toBe(5);
  });

  it('records a folder whose store stays out of reach as retrying, and resumes where it stopped', async () => {
    for (const n of [1, 2, 3, 4, 5]) await dovecot.appendMessage(user, 'INBOX', customerMail(n));
    const mailbox = await connect({ folders: ['INBOX'] });
    const unreachable = committing(async function* (batch, ...args) {
      if (batch >= 2) throw new ThreadlineError('DATABASE_UNAVAILABLE');
      return yield* core.ingest.commitBatch(...args);
    });
    const failed = await syncMailboxOnce(unreachable, mailbox.id, { worker: 'test' });
    expect(failed.status === 'done' && failed.folders[0]?.error?.code).toBe('DATABASE_UNAVAILABLE');
    const status = await core.mailboxes.status(await core.mailboxes.get(mailbox.id));
    expect(status.folders.find((f) => f.path === 'INBOX')).toMatchObject({
      state: 'retrying',
      code: 'DATABASE_UNAVAILABLE',
    });
    expect(status.state).toBe('retrying');

    const resumed = await sync(mailbox);
    expect(resumed.status === 'done' && resumed.folders[0]?.fetched).toBe(3);
    expect(await count('SELECT count(*)::int AS n FROM messages')).toBe(5);
    expect(await count('SELECT count(*)::int AS n FROM message_locations')).toBe(5);
  }, 20_000);

  it('re-lists a folder whose UIDVALIDITY changed without duplicating a message', async () => {
    for (const n of [1, 2]) await dovecot.appendMessage(user, 'INBOX', customerMail(n));
    const mailbox = await connect({ folders: ['INBOX'] });
    await sync(mailbox);
    const [before] = await core.database.query<{ v: number }>(
      'SELECT uid_validity AS v FROM mail_folders WHERE path = $1',
      ['INBOX'],
    );
    await dovecot.resetFolder(user, 'INBOX');
    const relisted = await sync(mailbox);
    const [after] = await core.database.query<{ v: number }>(
      'SELECT uid_validity AS v FROM mail_folders WHERE path = $1',
      ['INBOX'],
    );
    expect(after!.v).not.toBe(before!.v);
    expect(relisted.status === 'done' && relisted.folders[0]?.fetched).toBe(2);
    expect(await count('SELECT count(*)::int AS n FROM messages')).toBe(2);
    expect(
      await count('SELECT count(*)::int AS n FROM message_locations WHERE deleted_at IS NULL'),
    ).toBe(2);
    const status = await core.mailboxes.status(await core.mailboxes.get(mailbox.id));
    expect(status.folders.find((f) => f.path === 'INBOX')).toMatchObject({
      onServer: 2,
      captured: 2,
      ignored: 0,
    });
  });

  it('re-lists a folder whose UIDVALIDITY changed within the back-fill window, as a new folder is read', async () => {
    const longAgo = new Date(testStart - 400 * 86_400_000);
    await dovecot.appendMessage(user, 'INBOX', customerMail(1));
    await dovecot.appendMessage(user, 'INBOX', customerMail(2), [], longAgo);
    const mailbox = await connect({ folders: ['INBOX'] });
    const backfill = await sync(mailbox);
    expect(backfill.status === 'done' && backfill.folders[0]?.fetched).toBe(1);

    await dovecot.resetFolder(user, 'INBOX');
    await dovecot.createFolder(user, 'Projects');
    await dovecot.appendMessage(user, 'Projects', customerMail(3), [], longAgo);
    await dovecot.appendMessage(user, 'Projects', customerMail(4));
    await core.database.query(
      `UPDATE mailboxes SET folder_choice = '["INBOX","Projects"]' WHERE id = $1`,
      [mailbox.id],
    );
    const relisted = await sync(mailbox);
    expect(relisted.status === 'done' && relisted.folders.map((f) => [f.path, f.fetched])).toEqual([
      ['INBOX', 1],
      ['Projects', 1],
    ]);
    const stored = await core.database.query<{ id: string }>(
      'SELECT message_id AS id FROM messages ORDER BY message_id',
    );
    expect(stored.map((row) => row.id)).toEqual(['<q1@acme.com>', '<q4@acme.com>']);
  });

  /** Flags UID 1 and deletes UID 2 of INBOX from another client. */
  async function flagOneDeleteTwoOnServer(server = dovecot) {
    const client = new ImapFlow({
      host: server.host,
      port: server.port,
      secure: false,
      doSTARTTLS: false,
      auth: { user, pass: password },
      logger: false,
    });
    await client.connect();
    try {
      await client.mailboxOpen('INBOX');
      await client.messageFlagsAdd('1', ['\\Flagged'], { uid: true });
      await client.messageDelete('2', { uid: true });
    } finally {
      await client.logout();
    }
  }

  /** UID 1 is flagged and UID 2 gone in the store, the messages above stay. */
  async function expectOneFlaggedTwoGone(messages: number) {
    const rows = await core.database.query<{ uid: number; flags: string[]; gone: boolean }>(
      'SELECT uid, flags, deleted_at IS NOT NULL AS gone FROM message_locations ORDER BY uid',
    );
    expect(rows.slice(0, 2)).toEqual([
      { uid: 1, flags: expect.arrayContaining(['\\Flagged']), gone: false },
      { uid: 2, flags: expect.any(Array), gone: true },
    ]);
    expect(rows.slice(2).every((row) => !row.gone)).toBe(true);
    expect(await count('SELECT count(*)::int AS n FROM messages')).toBe(messages);
  }

  /** Flags 1 and deletes 2 from another client, then syncs through `session`'s wrapper. */
  async function flagOneDeleteTwo(wrap: (session: MailSession) => MailSession) {
    for (const n of [1, 2]) await dovecot.appendMessage(user, 'INBOX', customerMail(n));
    const mailbox = await connect({ folders: ['INBOX'] });
    await sync(mailbox);
    await flagOneDeleteTwoOnServer();
    await syncMailboxOnce(
      { ...deps, openSession: async (m) => wrap(await deps.openSession(m)) },
      mailbox.id,
      { worker: 'test' },
    );
    await expectOneFlaggedTwoGone(2);
    const status = await core.mailboxes.status(await core.mailboxes.get(mailbox.id));
    expect(status.folders.find((f) => f.path === 'INBOX')).toMatchObject({
      onServer: 1,
      captured: 1,
    });
  }

  /** The session as a server without QRESYNC shows it: flag changes, but no deletions named. */
  const withoutQresync = (session: MailSession): MailSession => ({
    ...session,
    changedSince: async (path, modseq) => ({
      flags: (await session.changedSince!(path, modseq)).flags,
      vanished: null,
    }),
  });

  it('follows flag changes and deletions that QRESYNC names, without listing every UID', async () => {
    const listed: string[] = [];
    await flagOneDeleteTwo((session) => ({
      ...session,
      listUids: (path) => {
        listed.push(path);
        return session.listUids(path);
      },
    }));
    expect(listed).toEqual([]);
  });

  it('without QRESYNC, finds the deleted message by listing the UIDs; it stays in the CRM', async () => {
    const listed: string[] = [];
    await flagOneDeleteTwo((session) => ({
      ...withoutQresync(session),
      listUids: (path) => {
        listed.push(path);
        return session.listUids(path);
      },
    }));
    expect(listed).toEqual(['INBOX']);
  });

  it.each([
    ['with QRESYNC', (session: MailSession) => session],
    ['without QRESYNC', withoutQresync],
  ])(
    '%s, follows on the next pass the flag changes and deletions of a pass cut short after storing its batches',
    async (_, server) => {
      for (const n of [1, 2]) await dovecot.appendMessage(user, 'INBOX', customerMail(n));
      const mailbox = await connect({ folders: ['INBOX'] });
      await sync(mailbox);
      await flagOneDeleteTwoOnServer();
      for (const n of [3, 4, 5]) await dovecot.appendMessage(user, 'INBOX', customerMail(n));
      const droppedBeforeChanges: SyncDeps = {
        ...deps,
        openSession: async (m) => ({
          ...server(await deps.openSession(m)),
          changedSince: () => Promise.reject(new ThreadlineError('HOST_UNREACHABLE', 'dropped')),
        }),
      };
      const cut = await syncMailboxOnce(droppedBeforeChanges, mailbox.id, { worker: 'test' });
      expect(cut.status === 'done' && cut.folders[0]).toMatchObject({
        fetched: 3,
        error: { code: 'HOST_UNREACHABLE' },
      });
      const unapplied = await core.mailboxes.status(await core.mailboxes.get(mailbox.id));
      expect(unapplied.state).not.toBe('live');
      expect(unapplied.folders.find((f) => f.path === 'INBOX')?.state).toBe('retrying');

      const resumed = await syncMailboxOnce(
        { ...deps, openSession: async (m) => server(await deps.openSession(m)) },
        mailbox.id,
        { worker: 'test' },
      );
      expect(resumed.status === 'done' && resumed.folders[0]).toMatchObject({
        fetched: 0,
        error: null,
      });
      await expectOneFlaggedTwoGone(5);
      const applied = await core.mailboxes.status(await core.mailboxes.get(mailbox.id));
      expect(applied.state).toBe('live');
    },
  );

  it('without CONDSTORE, follows flags by comparing every flag, and deletions by listing the UIDs', async () => {
    const plain = await startDovecot({ withoutCapabilities: ['CONDSTORE', 'QRESYNC'] });
    try {
      await plain.addUser(user, password);
      for (const n of [1, 2, 3]) await plain.appendMessage(user, 'INBOX', customerMail(n));
      const mailbox = await connect({ folders: ['INBOX'], server: plain });
      await sync(mailbox);
      await flagOneDeleteTwoOnServer(plain);
      const report = await sync(mailbox);
      expect(report.status === 'done' && report.folders[0]).toMatchObject({ error: null });
      await expectOneFlaggedTwoGone(3);
      const [folder] = await core.database.query<{ modseq: string | null }>(
        "SELECT highest_modseq AS modseq FROM mail_folders WHERE path = 'INBOX'",
      );
      expect(folder!.modseq).toBeNull();
    } finally {
      await plain.stop();
    }
  }, 30_000);

  /**
   * Syncs a good message, `bad`, and another good one: the sync goes on past
   * `bad`, which is quarantined. Returns its quarantine row.
   */
  const syncPastOneBadMessage = async (bad: string | Buffer) => {
    await dovecot.appendMessage(user, 'INBOX', customerMail(1));
    await dovecot.appendMessage(user, 'INBOX', bad);
    await dovecot.appendMessage(user, 'INBOX', customerMail(3));
    const mailbox = await connect({ folders: ['INBOX'] });
    const report = await sync(mailbox);
    expect(report.status === 'done' && report.folders[0]).toMatchObject({
      fetched: 3,
      captured: 2,
      quarantined: 1,
      error: null,
    });
    const rows = await core.database.query<{ source: string; reason: string; raw: Uint8Array }>(
      'SELECT source, reason, raw FROM quarantine',
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.source).toBe('INBOX:2');
    return { mailbox, quarantined: rows[0]! };
  };

  it('quarantines a message that cannot be parsed and goes on', async () => {
    const { quarantined } = await syncPastOneBadMessage(
      Buffer.from('\u0000\u0001garbage without headers'),
    );
    expect(quarantined.reason).not.toBe('');
  });

  it('reads a message whose headers follow lines the server’s header section stops at, and quarantines headerless mail whole', async () => {
    const junkFirst = await readFile('test/fixtures/mail/malformed/junk-before-headers.eml');
    const headerless = 'garbage without headers\r\n\r\nand a body after a blank line\r\n';
    await dovecot.appendMessage(user, 'INBOX', junkFirst);
    await dovecot.appendMessage(user, 'INBOX', headerless);
    const mailbox = await connect({ folders: ['INBOX'] });
    const report = await sync(mailbox);
    expect(report.status === 'done' && report.folders[0]).toMatchObject({
      fetched: 2,
      quarantined: 1,
      error: null,
    });
    const stored = await core.database.query<{ subject: string }>(
      'SELECT subject FROM messages WHERE message_id = $1',
      ['<junk-before-headers-01@contoso-logistics.example>'],
    );
    expect(stored).toEqual([{ subject: 'Headers pasted with the line Outlook writes above them' }]);
    const quarantined = await core.database.query<{ raw: Uint8Array; reason: string }>(
      'SELECT raw, reason FROM quarantine',
    );
    expect(quarantined).toHaveLength(1);
    expect(quarantined[0]!.reason).toBe('no header block: no header field in the first 16 lines');
    expect(Buffer.from(quarantined[0]!.raw).toString()).toBe(headerless);
  });

  it('stores a message whose subject and text carry NUL characters, which PostgreSQL text cannot hold', async () => {
    // Encoded, as a server that stores NUL bytes (Dovecot replaces them) is not needed for this.
    const withNul = customerMail(7, ['Content-Transfer-Encoding: quoted-printable'])
      .replace('Subject: Question 7', 'Subject: =?utf-8?Q?Question=007?=')
      .replace('Question number 7', 'Question=00number 7');
    await dovecot.appendMessage(user, 'INBOX', withNul);
    await dovecot.appendMessage(user, 'INBOX', customerMail(8));
    const mailbox = await connect({ folders: ['INBOX'] });
    const report = await sync(mailbox);
    expect(report.status === 'done' && report.folders[0]).toMatchObject({
      fetched: 2,
      captured: 2,
      error: null,
    });
    const [row] = await core.database.query<{ subject: string; text: string }>(
      "SELECT subject, text_body AS text FROM messages WHERE message_id = '<q7@acme.com>'",
    );
    expect(row).toEqual({
      subject: 'Question\uFFFD7',
      text: expect.stringContaining('Question\uFFFDnumber 7'),
    });
  });

  it('quarantines a message the database refuses, whole and with its reason, and stores the rest of its batch', async () => {
    // Stands for any value PostgreSQL refuses (SQLSTATE class 22) that parsing let through.
    await core.database.exec(`
      CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.subject LIKE '%poison%' THEN
          RAISE EXCEPTION 'value refused for the test' USING ERRCODE = '22023';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER refuse_poison BEFORE INSERT ON messages
        FOR EACH ROW EXECUTE FUNCTION refuse_poison();`);
    const { mailbox, quarantined } = await syncPastOneBadMessage(
      customerMail(2).replace('Subject: Question 2', 'Subject: poison'),
    );
    const stored = await core.database.query<{ id: string }>(
      'SELECT message_id AS id FROM messages ORDER BY message_id',
    );
    expect(stored.map((row) => row.id)).toEqual(['<q1@acme.com>', '<q3@acme.com>']);
    expect(quarantined.reason).toContain('value refused for the test');
    expect(Buffer.from(quarantined.raw).toString()).toContain('Question number 2');
    const again = await sync(mailbox);
    expect(again.status === 'done' && again.folders[0]?.fetched).toBe(0);
  });

  it('quarantines a message whose files came apart with the files back in it, when its parse fails', async () => {
    const drawing = Buffer.from(Array.from({ length: 40_000 }, (_, n) => (n * 7) % 256));
    const withFile = mailWithFile(
      [
        'From: grace.hopper@acme.com',
        'To: rita@threadline.example',
        'Subject: Drawing',
        'Message-ID: <drawing@acme.com>',
        `Date: ${new Date().toUTCString()}`,
      ],
      'The drawing.',
      { name: 'drawing.bin', content: drawing },
    );
    await dovecot.appendMessage(user, 'INBOX', withFile);
    // The parser gives up on the whole message (a worker that ran out of memory, say).
    const refusing: MessageParser = {
      parse: (raw, options) =>
        options?.headerOnly
          ? inThreadParser.parse(raw, options)
          : Promise.reject(new ThreadlineError('MALFORMED_MESSAGE', 'refused for the test')),
      close: async () => undefined,
    };
    const ingest = createIngestService({
      database: core.database,
      directory: core.directory,
      clock: core.clock,
      parser: refusing,
    });
    const mailbox = await connect({ folders: ['INBOX'] });
    const report = await syncMailboxOnce({ ...deps, ingest }, mailbox.id, { worker: 'test' });
    expect(report.status === 'done' && report.folders[0]).toMatchObject({ quarantined: 1 });
    const [row] = await core.database.query<{ raw: Uint8Array; reason: string }>(
      'SELECT raw, reason FROM quarantine',
    );
    expect(row?.reason).toBe('refused for the test');
    const kept = await inThreadParser.parse(row!.raw);
    expect(kept.message.attachments).toMatchObject([{ filename: 'drawing.bin', size: 40_000 }]);
    expect(Buffer.from(kept.attachmentContents[0]!).equals(drawing)).toBe(true);
  });

  it('takes a folder of malformed mail and a 20 MB attachment: each stored or quarantined with its reason, nothing lost', async () => {
    const dir = 'test/fixtures/mail/malformed';
    const malformed = await Promise.all(
      (await readdir(dir)).map((file) => readFile(join(dir, file))),
    );
    const huge = Buffer.from(
      mailWithFile(
        [
          'From: grace.hopper@acme.com',
          'To: rita@threadline.example',
          'Subject: Big drawing',
          'Message-ID: <huge@acme.com>',
        ],
        'See attached.',
        { name: 'drawing.bin', content: Buffer.alloc(15 * 1024 * 1024, 7) },
      ),
    );
    await dovecot.writeMaildirMessages(user, 'INBOX', [
      ...malformed,
      huge,
      Buffer.from(customerMail(1)),
    ]);
    const mailbox = await connect({ folders: ['INBOX'] });
    const report = await sync(mailbox);
    const total = malformed.length + 2;
    expect(report.status === 'done' && report.folders[0]).toMatchObject({
      fetched: total,
      error: null,
    });
    const [stored] = await core.database.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM message_locations',
    );
    const quarantined = await core.database.query<{ reason: string }>(
      'SELECT reason FROM quarantine',
    );
    expect(stored!.n + quarantined.length).toBe(total);
    for (const row of quarantined) expect(row.reason.length).toBeGreaterThan(5);
    const [big] = await core.database.query<{ captured: boolean; size: number }>(
      "SELECT captured, size FROM messages WHERE message_id = '<huge@acme.com>'",
    );
    expect(big).toEqual({ captured: true, size: expect.any(Number) });
    expect(big!.size).toBeGreaterThan(20_000_000);
    expect(
      await count(
        "SELECT count(*)::int AS n FROM messages WHERE message_id = '<q1@acme.com>' AND captured",
      ),
    ).toBe(1);
  });

  describe('messages over the size limit', () => {
    const bigMail = (id: string, ...files: { name: string; content: Uint8Array }[]) =>
      mailWithFile(
        [
          'From: grace.hopper@acme.com',
          'To: rita@threadline.example',
          `Subject: Files ${id}`,
          `Message-ID: <${id}@acme.com>`,
          `Date: ${new Date().toUTCString()}`,
        ],
        `The files of ${id}.`,
        ...files,
      );
    const sha256 = (content: Uint8Array) => createHash('sha256').update(content).digest('hex');
    const storedFiles = (messageId: string) =>
      core.database.query<{ filename: string; size: number; sha256: string | null }>(
        `SELECT a.filename, a.size, a.sha256 FROM message_attachments a
           JOIN messages m ON m.id = a.message_id
          WHERE m.message_id = $1 ORDER BY a.position`,
        [messageId],
      );
    const storedText = async (messageId: string) =>
      (
        await core.database.query<{ text_body: string | null }>(
          'SELECT text_body FROM messages WHERE message_id = $1',
          [messageId],
        )
      )[0]?.text_body;
    const limited = () => ({ ...deps, maxMessageBytes: core.config.attachmentMaxBytes });

    it('keeps both 12 MB files of a 30 MB message, with their sizes and hashes, downloadable', async () => {
      const files = [
        { name: 'plans.bin', content: randomBytes(12_000_000) },
        { name: 'photos.bin', content: randomBytes(12_000_000) },
      ];
      const raw = bigMail('two-files', ...files);
      expect(raw.length).toBeGreaterThan(30_000_000);
      expect(raw.length).toBeGreaterThan(core.config.attachmentMaxBytes);
      await dovecot.appendMessage(user, 'INBOX', raw);
      const mailbox = await connect({ folders: ['INBOX'] });

      const report = await syncMailboxOnce(limited(), mailbox.id, { worker: 'test' });
      expect(report).toMatchObject({ status: 'done' });
      expect(await storedText('<two-files@acme.com>')).toContain('The files of two-files.');
      const stored = await storedFiles('<two-files@acme.com>');
      expect(stored).toEqual(
        files.map((file) => ({
          filename: file.name,
          size: file.content.length,
          sha256: sha256(file.content),
        })),
      );
      for (const [i, file] of files.entries()) {
        const chunks: Buffer[] = [];
        for await (const chunk of await core.attachments.open(stored[i]!.sha256!)) {
          chunks.push(chunk as Buffer);
        }
        expect(sha256(Buffer.concat(chunks))).toBe(sha256(file.content));
      }
    });

    it('stores the text of a message with a 30 MB file, the file recorded as too large by name and size and not kept', async () => {
      const big = randomBytes(30_000_000);
      await dovecot.appendMessage(
        user,
        'INBOX',
        bigMail('too-large', { name: 'video.bin', content: big }),
      );
      const mailbox = await connect({ folders: ['INBOX'] });
      const report = await syncMailboxOnce(limited(), mailbox.id, { worker: 'test' });
      expect(report).toMatchObject({ status: 'done' });
      expect(await storedText('<too-large@acme.com>')).toContain('The files of too-large.');
      const [video] = await storedFiles('<too-large@acme.com>');
      expect(video).toMatchObject({ filename: 'video.bin', sha256: null });
      expect(video!.size).toBeGreaterThan(core.config.attachmentMaxBytes);
      expect(Math.abs(video!.size - big.length)).toBeLessThan(8);
      expect(await core.attachments.has(sha256(big))).toBe(false);
    });

    it('keeps a message under the limits as it was: text and file', async () => {
      const drawing = randomBytes(40_000);
      await dovecot.appendMessage(
        user,
        'INBOX',
        bigMail('small', { name: 'drawing.bin', content: drawing }),
      );
      const mailbox = await connect({ folders: ['INBOX'] });
      expect(await syncMailboxOnce(limited(), mailbox.id, { worker: 'test' })).toMatchObject({
        status: 'done',
      });
      expect(await storedText('<small@acme.com>')).toContain('The files of small.');
      expect(await storedFiles('<small@acme.com>')).toEqual([
        { filename: 'drawing.bin', size: 40_000, sha256: sha256(drawing) },
      ]);
      expect(await core.attachments.has(sha256(drawing))).toBe(true);
    });
  });

  it('records a wrong password as AUTH_FAILED and never reports live', async () => {
    const mailbox = await connect({ password: 'not-the-password' });
    const report = await sync(mailbox);
    expect(report).toMatchObject({ status: 'failed', code: 'AUTH_FAILED' });
    const status = await core.mailboxes.status(await core.mailboxes.get(mailbox.id));
    expect(status).toMatchObject({ state: 'failed', code: 'AUTH_FAILED' });
    expect(status.message).not.toContain('not-the-password');
  });

  it('logs every pass, batch and failure with its mailbox and folder, and never a password', async () => {
    for (const n of [1, 2, 3]) await dovecot.appendMessage(user, 'INBOX', customerMail(n));
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger({
      level: 'debug',
      stream: {
        write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>),
      },
    });
    const good = await connect({ folders: ['INBOX'] });
    const wrong = await connect({ label: 'wrong', password: 'not-the-password' });
    await syncMailboxOnce({ ...deps, logger }, good.id, { worker: 'test' });
    await syncMailboxOnce({ ...deps, logger }, wrong.id, { worker: 'test' });

    const of = (mailboxId: string) =>
      lines.filter((line) => line.mailboxId === mailboxId).map((line) => line.msg);
    expect(of(good.id)).toEqual([
      'sync pass started',
      'batch stored',
      'batch stored',
      'folder synced',
      'sync pass ended',
    ]);
    expect(lines.find((line) => line.msg === 'batch stored')).toMatchObject({
      folder: 'INBOX',
      messages: 2,
    });
    expect(lines.find((line) => line.msg === 'sync pass ended')).toMatchObject({
      status: 'done',
      fetched: 3,
    });
    expect(of(wrong.id)).toEqual([
      'sync pass started',
      'sync connection failed',
      'sync pass ended',
    ]);
    expect(lines.find((line) => line.msg === 'sync connection failed')).toMatchObject({
      code: 'AUTH_FAILED',
    });
    expect(JSON.stringify(lines)).not.toContain('not-the-password');
    expect(JSON.stringify(lines)).not.toContain(password);
  });

  it('marks a chosen folder that is missing as FOLDER_MISSING while the others sync and the mailbox stays live', async () => {
    await dovecot.appendMessage(user, 'INBOX', customerMail(1));
    await dovecot.createFolder(user, 'Projects');
    const mailbox = await connect({ folders: ['INBOX', 'Projects'] });
    await sync(mailbox);
    const client = await plainImapClient(dovecot.port, user, password);
    await client.mailboxDelete('Projects').finally(() => client.logout());
    await sync(mailbox);
    const status = await core.mailboxes.status(await core.mailboxes.get(mailbox.id));
    expect(status.state).toBe('live');
    expect(status.folders.find((f) => f.path === 'Projects')).toMatchObject({
      state: 'failed',
      code: 'FOLDER_MISSING',
    });
    expect(status.folders.find((f) => f.path === 'INBOX')).toMatchObject({
      state: 'live',
      captured: 1,
    });
  });
});
