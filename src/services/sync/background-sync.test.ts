import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import { storedWithin as waitForStored } from '../../../test/support/stored-within.js';
import { startDovecot, type DovecotServer } from '../../../test/support/dovecot.js';
import { openTestApp } from '../../../test/support/test-app.js';
import type { App } from '../../app/open-app.js';
import { importCrmDirectory } from '../crm-csv/import-crm.js';
import { refusedConnectionTries } from '../../core/sync/health.js';
import { startBackgroundSync } from './background-sync.js';

const customerMail = (id: string) =>
  [
    'From: Grace Hopper <grace.hopper@acme.com>',
    'To: rita@threadline.example',
    `Subject: Live ${id}`,
    `Message-ID: <${id}@acme.com>`,
    `Date: ${new Date().toUTCString()}`,
    '',
    'Are you there?',
    '',
  ].join('\r\n');

/** Waits until `check` holds, polling; fails after `ms`. */
async function until(check: () => Promise<boolean>, ms: number): Promise<void> {
  const started = performance.now();
  while (!(await check())) {
    if (performance.now() - started > ms) throw new Error(`not reached within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

let dovecot: DovecotServer;
let users = 0;
beforeAll(async () => {
  dovecot = await startDovecot();
}, 30_000);
afterAll(async () => {
  await dovecot?.stop();
});

describe.each(testBackends())('live sync through IDLE on the %s backend', (backend) => {
  let core: App;
  let background: Awaited<ReturnType<typeof startBackgroundSync>>;
  let sessionsOpened = 0;
  let user: string;

  beforeEach(async () => {
    core = await openTestApp(backend);
    await importCrmDirectory(core.database, 'test/fixtures/crm/realistic', {
      now: () => new Date(),
    });
    await core.directory.invalidate();
    user = `live${(users += 1)}`;
    await dovecot.addUser(user, 'pw-live-123');
    await dovecot.appendMessage(user, 'INBOX', customerMail(`${user}-first`));
    const rita = await core.auth.findUserByEmail('rita@threadline.example');
    await core.mailboxes.create(rita!.id, {
      label: 'live',
      imap: {
        host: dovecot.host,
        port: dovecot.port,
        security: 'none',
        user,
        allowSelfSigned: false,
      },
      auth: { kind: 'password', password: 'pw-live-123' },
      smtp: null,
      folders: ['INBOX', 'Sent'],
      activityWindowDays: 30,
      statsWindowDays: 180,
      dataScope: 'full',
      captureMode: 'auto',
      createContacts: false,
    });
    sessionsOpened = 0;
    background = await startBackgroundSync({
      ...core,
      // Every new IMAP session reads the mailbox's credentials once.
      mailboxes: {
        ...core.mailboxes,
        secretsOf: (mailbox) => {
          sessionsOpened += 1;
          return core.mailboxes.secretsOf(mailbox);
        },
      },
      queue: 'in-process',
      maxMessageBytes: 1e7,
      pollSeconds: 3600,
    });
    await storedWithin(`<${user}-first@acme.com>`, 15_000);
  });
  afterEach(async () => {
    await background.stop();
    await core.close();
  });

  /** Waits until `sql` returns a row. */
  async function waitUntil(sql: string): Promise<void> {
    while ((await core.database.query(sql)).length === 0) {
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  const waitUntilBackfilled = () =>
    waitUntil('SELECT 1 FROM mailboxes WHERE backfill_done_at IS NOT NULL');

  const storedWithin = (messageId: string, ms: number) =>
    waitForStored(core.database, messageId, ms);

  it('stores new mail delivered during IDLE within 2 seconds', async () => {
    await new Promise((r) => setTimeout(r, 300));
    const started = performance.now();
    await dovecot.appendMessage(user, 'INBOX', customerMail(`${user}-new`));
    await storedWithin(`<${user}-new@acme.com>`, 5_000);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it("passes asked for by IDLE run on the watcher's session: no new connection per message", async () => {
    await new Promise((r) => setTimeout(r, 500));
    const before = sessionsOpened;
    for (const n of [1, 2, 3]) {
      await dovecot.appendMessage(user, 'INBOX', customerMail(`${user}-live-${n}`));
      await storedWithin(`<${user}-live-${n}@acme.com>`, 5_000);
      await new Promise((r) => setTimeout(r, 300));
    }
    expect(sessionsOpened - before).toBe(0);
    const [count] = await core.database.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM messages',
    );
    expect(count?.n).toBe(4);
  });

  it('syncs INBOX alone for pushed mail; the other folders wait for their poll', async () => {
    await waitUntilBackfilled();
    await dovecot.appendMessage(user, 'Sent', customerMail(`${user}-sent`));
    await dovecot.appendMessage(user, 'INBOX', customerMail(`${user}-pushed`));
    await storedWithin(`<${user}-pushed@acme.com>`, 5_000);
    // INBOX comes first in any pass: let this one end before looking at Sent.
    await waitUntil('SELECT 1 FROM mailboxes WHERE lease_owner IS NULL');
    const sent = await core.database.query('SELECT 1 FROM messages WHERE message_id = $1', [
      `<${user}-sent@acme.com>`,
    ]);
    expect(sent).toHaveLength(0);

    const [mailbox] = await core.database.query<{ id: string }>('SELECT id FROM mailboxes');
    await background.requestSync({ id: mailbox!.id });
    await storedWithin(`<${user}-sent@acme.com>`, 5_000);
  });

  it('runs a sync asked for while another worker holds the mailbox once that worker lets go', async () => {
    await waitUntilBackfilled();
    const [mailbox] = await core.database.query<{ id: string }>(
      "UPDATE mailboxes SET lease_owner = 'elsewhere:1', lease_expires_at = now() + interval '1 minute' RETURNING id",
    );
    await dovecot.appendMessage(user, 'Sent', customerMail(`${user}-while-leased`));
    await background.requestSync({ id: mailbox!.id });
    await new Promise((r) => setTimeout(r, 1000));
    const early = await core.database.query('SELECT 1 FROM messages WHERE message_id = $1', [
      `<${user}-while-leased@acme.com>`,
    ]);
    expect(early).toHaveLength(0);

    await core.database.query('UPDATE mailboxes SET lease_owner = NULL, lease_expires_at = NULL');
    await storedWithin(`<${user}-while-leased@acme.com>`, 5_000);
  });

  it('reads retrying, never live, while the server is down, and live again once it is back', async () => {
    const [row] = await core.database.query<{ id: string }>('SELECT id FROM mailboxes');
    // What the API and `threadline mailbox status` show.
    const status = async () => core.mailboxes.status(await core.mailboxes.get(row!.id));
    await until(async () => (await status()).state === 'live', 15_000);
    await dovecot.down();
    try {
      await until(async () => (await status()).state !== 'live', 15_000);
      expect(await status()).toMatchObject({
        state: 'retrying',
        code: expect.any(String),
        stateText: 'retrying',
      });
      // A retry that fails again keeps saying so.
      await new Promise((r) => setTimeout(r, 2_000));
      expect((await status()).state).toBe('retrying');
    } finally {
      await dovecot.restart();
    }
    await dovecot.appendMessage(user, 'INBOX', customerMail(`${user}-back-up`));
    await storedWithin(`<${user}-back-up@acme.com>`, 20_000);
    await until(async () => (await status()).state === 'live', 20_000);
  });

  it('reconnects after the server restarts during IDLE and catches up on what arrived', async () => {
    await new Promise((r) => setTimeout(r, 300));
    await dovecot.restart();
    await dovecot.appendMessage(user, 'INBOX', customerMail(`${user}-after-restart`));
    await storedWithin(`<${user}-after-restart@acme.com>`, 20_000);
    const [count] = await core.database.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM messages',
    );
    expect(count?.n).toBe(2);
  });
});

describe.each(testBackends())('a password the server refuses, on the %s backend', (backend) => {
  let core: App;
  let background: Awaited<ReturnType<typeof startBackgroundSync>>;
  let logins = 0;
  let user: string;

  beforeEach(async () => {
    core = await openTestApp(backend);
    await importCrmDirectory(core.database, 'test/fixtures/crm/realistic', {
      now: () => new Date(),
    });
    user = `refused${(users += 1)}`;
    await dovecot.addUser(user, 'pw-right-123');
    logins = 0;
  });
  afterEach(async () => {
    await background?.stop();
    await core.close();
  });

  const connect = async (label: string, password: string) => {
    const rita = await core.auth.findUserByEmail('rita@threadline.example');
    return core.mailboxes.create(rita!.id, {
      label,
      imap: {
        host: dovecot.host,
        port: dovecot.port,
        security: 'none',
        user,
        allowSelfSigned: false,
      },
      auth: { kind: 'password', password },
      smtp: null,
      folders: ['INBOX'],
      activityWindowDays: 30,
      statsWindowDays: 180,
      dataScope: 'full',
      captureMode: 'auto',
      createContacts: false,
    });
  };
  const state = async (id: string) => (await core.mailboxes.get(id)).state;

  it('backs off, stops after a few tries and asks the owner; new credentials or asking resume it', async () => {
    const mailbox = await connect('refused', 'pw-wrong-123');
    background = await startBackgroundSync({
      ...core,
      // Every connection attempt reads the mailbox's credentials once.
      mailboxes: {
        ...core.mailboxes,
        secretsOf: (row) => {
          logins += 1;
          return core.mailboxes.secretsOf(row);
        },
      },
      queue: 'in-process',
      maxMessageBytes: 1e7,
      pollSeconds: 0.2,
    });
    const notices = () =>
      core.database.query<{ text: string }>(
        "SELECT text FROM notices WHERE kind = 'connection_refused' AND mailbox_id = $1",
        [mailbox.id],
      );
    await until(async () => (await notices()).length > 0, 20_000);
    const [notice] = await notices();
    expect(notice!.text).toContain('"refused"');
    expect(notice!.text).not.toContain('pw-wrong-123');
    // The passes the server refused, the IDLE watcher's one login, and the passes the
    // poll and the watcher may ask for before the first refusal is stored.
    const tried = logins;
    expect(tried).toBeLessThanOrEqual(refusedConnectionTries + 3);
    await new Promise((r) => setTimeout(r, 2_000));
    expect(logins).toBe(tried);
    expect(await core.mailboxes.status(await core.mailboxes.get(mailbox.id))).toMatchObject({
      state: 'failed',
      code: 'AUTH_FAILED',
    });

    await background.requestSync(mailbox);
    await until(async () => logins > tried, 10_000);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(logins).toBe(tried + 1);

    const fixed = await connect('fixed', 'pw-right-123');
    await core.database.query('UPDATE mailboxes SET credentials = $2 WHERE id = $1', [
      mailbox.id,
      fixed.credentials,
    ]);
    await until(async () => (await state(mailbox.id)) === 'live', 20_000);
    expect(await notices()).toHaveLength(1);
  });
});
