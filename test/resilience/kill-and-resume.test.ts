import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { openApp } from '../../src/app/open-app.js';
import { importCrmDirectory } from '../../src/services/crm-csv/import-crm.js';
import { serverAdminUrl, testBackends } from '../support/backends.js';
import { startDovecot, type DovecotServer } from '../support/dovecot.js';
import { loopbackMailServers } from '../support/loopback-mail-servers.js';
import { customerQuestion } from '../support/mail-fixtures.js';

/**
 * The sync as a real process: `kill -9` in the middle of a back-fill, a
 * restart, and the stored set is exactly the mailbox, no duplicates; the
 * killed worker's lease lapses and the next one takes over; two workers at
 * once never store anything twice. Runs the built CLI (`npm run build`).
 */
const cli = 'bin/threadline.js';
const messages = 300;
const leaseSeconds = 5;
let dovecot: DovecotServer;
let users = 0;

beforeAll(async () => {
  if (!existsSync('dist/src/cli/threadline.js'))
    throw new Error('dist is missing: run npm run build first');
  dovecot = await startDovecot();
}, 30_000);
afterAll(async () => {
  await dovecot?.stop();
});

async function adminQuery(sql: string) {
  const client = new pg.Client(serverAdminUrl());
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describe.each(testBackends())('sync process on the %s backend', (backend) => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let database: string | null = null;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'tl-kill-'));
    if (backend === 'server') database = `tl_kill_${process.pid}_${Date.now()}`;
    if (database) await adminQuery(`CREATE DATABASE ${database}`);
    env = {
      ...process.env,
      THREADLINE_DATA_DIR: dataDir,
      THREADLINE_LOG_LEVEL: 'silent',
      THREADLINE_SYNC_LEASE_SECONDS: String(leaseSeconds),
      ...loopbackMailServers,
      ...(database ? { DATABASE_URL: serverAdminUrl(database) } : {}),
    };
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
    if (database) await adminQuery(`DROP DATABASE IF EXISTS ${database}`);
  });

  /** A fresh Dovecot user with `messages` customer mails and a mailbox for Rita on it. */
  async function prepareMailbox(): Promise<string> {
    const user = `kill${(users += 1)}`;
    await dovecot.addUser(user, 'pw-kill-1');
    await dovecot.writeMaildirMessages(
      user,
      'INBOX',
      Array.from({ length: messages }, (_, n) => customerQuestion(user, n)),
    );
    const core = await openApp(loadConfig(env));
    try {
      if (!(await core.auth.findUserByEmail('rita@threadline.example'))) {
        await importCrmDirectory(core.database, 'test/fixtures/crm/realistic', {
          now: () => new Date(),
        });
      }
      const rita = await core.auth.findUserByEmail('rita@threadline.example');
      for (const mailbox of await core.mailboxes.list(rita!.id)) {
        await core.database.query('DELETE FROM mailboxes WHERE id = $1', [mailbox.id]);
      }
      await core.mailboxes.create(rita!.id, {
        label: user,
        imap: {
          host: dovecot.host,
          port: dovecot.port,
          security: 'none',
          user,
          allowSelfSigned: false,
        },
        auth: { kind: 'password', password: 'pw-kill-1' },
        smtp: null,
        folders: ['INBOX'],
        activityWindowDays: 30,
        statsWindowDays: 180,
        dataScope: 'full',
        captureMode: 'auto',
        createContacts: false,
      });
    } finally {
      await core.close();
    }
    return user;
  }

  /** Runs `mailbox sync`; `killAt` kills it with SIGKILL once that many messages are stored. */
  function runSync(
    killAt?: number,
  ): Promise<{ stdout: string; killed: boolean; progressAt: number[] }> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [cli, 'mailbox', 'sync', '--batch-size', '10'], {
        env,
      });
      let stdout = '';
      let killed = false;
      const progressAt: number[] = [];
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => {
        for (const match of chunk.toString().matchAll(/INBOX: (\d+) messages/g)) {
          progressAt.push(performance.now());
          if (killAt !== undefined && !killed && Number(match[1]) >= killAt) {
            killed = true;
            child.kill('SIGKILL');
          }
        }
      });
      child.on('error', reject);
      child.on('exit', () => resolve({ stdout, killed, progressAt }));
    });
  }

  async function storedState(user: string) {
    const core = await openApp(loadConfig(env));
    try {
      const [counts] = await core.database.query<{
        messages: number;
        distinct: number;
        locations: number;
        captured: number;
      }>(
        `SELECT count(*)::int AS messages, count(DISTINCT message_id)::int AS distinct,
           (SELECT count(*)::int FROM message_locations) AS locations,
           count(*) FILTER (WHERE captured)::int AS captured
         FROM messages WHERE message_id LIKE $1`,
        [`<${user}-%`],
      );
      return counts!;
    } finally {
      await core.close();
    }
  }

  it('resumes after kill -9 mid back-fill with exactly the mailbox stored, and the next worker takes over within the lease', async () => {
    const user = await prepareMailbox();
    const first = await runSync(100);
    expect(first.killed).toBe(true);
    const killedAt = performance.now();

    let resumed = await runSync();
    while (resumed.stdout.includes('another worker is syncing it')) {
      expect(performance.now() - killedAt).toBeLessThan((leaseSeconds + 10) * 1000);
      await new Promise((r) => setTimeout(r, 500));
      resumed = await runSync();
    }
    expect(resumed.stdout).toContain(`INBOX:`);
    expect(resumed.progressAt[0]! - killedAt).toBeLessThan((leaseSeconds + 10) * 1000);
    expect(await storedState(user)).toEqual({
      messages,
      distinct: messages,
      locations: messages,
      captured: messages,
    });
  });

  it.skipIf(backend === 'embedded')(
    'never stores a message twice when two workers sync one mailbox at once',
    async () => {
      const user = await prepareMailbox();
      const [a, b] = await Promise.all([runSync(), runSync()]);
      expect([a.stdout, b.stdout].join('\n')).toMatch(/INBOX: \d+ read/);
      expect(await storedState(user)).toEqual({
        messages,
        distinct: messages,
        locations: messages,
        captured: messages,
      });
    },
  );
});
