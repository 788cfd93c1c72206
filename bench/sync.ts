import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import pg from 'pg';
import PostalMime from 'postal-mime';
import { startDovecot } from '../test/support/dovecot.js';
import { loadConfig } from '../src/config/config.js';
import { openCore, type Core } from '../src/main.js';
import { startBackgroundSync } from '../src/services/sync/background-sync.js';
import { importCrmDirectory } from '../src/services/crm-csv/import-crm.js';
import { mailboxSessionOpener } from '../src/services/sync/open-mailbox-session.js';
import { syncMailboxOnce, type SyncDeps } from '../src/services/sync/sync-mailbox.js';
import { createBenchMail, writeBenchCrm } from './bench-mailbox.js';
import { mb, percentile, sampleRss } from './measure.js';

/**
 * `npm run bench:sync`: back-fills a realistic Dovecot mailbox end to end
 * (IMAP → decided → stored) and, in the same run, the naive baseline: every
 * message's full source fetched with imapflow and parsed on one thread,
 * storing nothing. Then new mail through IDLE to stored, 30 times, through the
 * product's background sync.
 * BENCH_MESSAGES (default 20,000), BENCH_BACKEND=embedded|server.
 */
const messages = Number(process.env.BENCH_MESSAGES ?? 20_000);
const backend = process.env.BENCH_BACKEND ?? 'embedded';
const imapUser = 'bench';
const imapPassword = 'bench-password';

const rss = sampleRss();

const work = await mkdtemp(join(tmpdir(), 'tl-bench-sync-'));
const dovecot = await startDovecot();
let serverDatabase: string | null = null;
try {
  await dovecot.addUser(imapUser, imapPassword);
  const mail = createBenchMail(20_251);
  const chunk = 1000;
  for (let start = 0; start < messages; start += chunk) {
    const raws = [];
    for (let n = start; n < Math.min(messages, start + chunk); n += 1) raws.push(mail.message(n));
    await dovecot.writeMaildirMessages(imapUser, 'INBOX', raws);
  }
  const crmDir = join(work, 'crm');
  await mkdir(crmDir);
  await writeBenchCrm(crmDir, mail);

  const baseline = await naiveBaseline();
  console.log(
    `baseline (imapflow full fetch + postal-mime on one thread, nothing stored): ${baseline.toFixed(0)} msgs/s`,
  );

  let databaseUrl: string | undefined;
  if (backend === 'server') {
    serverDatabase = `tl_bench_${process.pid}`;
    await adminQuery(`CREATE DATABASE ${serverDatabase}`);
    databaseUrl = `postgres://postgres@127.0.0.1:5432/${serverDatabase}`;
  }
  const config = loadConfig({
    THREADLINE_DATA_DIR: join(work, 'data'),
    THREADLINE_LOG_LEVEL: 'silent',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  });
  const core = await openCore(config);
  try {
    const report = await importCrmDirectory(core.database, crmDir, { now: () => new Date() });
    if (report.errors.length > 0) throw new Error(`CRM import failed: ${report.errors[0]?.reason}`);
    await core.directory.invalidate();
    await core.auth.addUser({
      email: mail.ownerEmail,
      name: 'Bench Rep',
      role: 'rep',
      password: null,
    });
    const owner = await core.auth.findUserByEmail(mail.ownerEmail);
    const mailbox = await core.mailboxes.create(owner!.id, {
      label: 'bench',
      imap: {
        host: dovecot.host,
        port: dovecot.port,
        security: 'none',
        user: imapUser,
        allowSelfSigned: false,
      },
      auth: { kind: 'password', password: imapPassword },
      smtp: null,
      folders: ['INBOX'],
      activityWindowDays: 3650,
      statsWindowDays: 3650,
      dataScope: 'full',
      captureMode: 'auto',
      createContacts: false,
    });
    const opener = mailboxSessionOpener(core.mailboxes, () => Date.now());
    const spent = { headers: 0, bodies: 0, prepare: 0, commit: 0 };
    const timed = async <T>(key: keyof typeof spent, work: () => Promise<T>): Promise<T> => {
      const started = performance.now();
      try {
        return await work();
      } finally {
        spent[key] += performance.now() - started;
      }
    };
    const deps: SyncDeps = {
      database: core.database,
      ingest: {
        prepareBatch: (...args) => timed('prepare', () => core.ingest.prepareBatch(...args)),
        commitBatch: (...args) => timed('commit', () => core.ingest.commitBatch(...args)),
      },
      clock: core.clock,
      openSession: async (row) => {
        const session = await opener(row);
        return {
          ...session,
          async *fetchSince(path, afterUid, options) {
            const batches = session.fetchSince(path, afterUid, options);
            for (;;) {
              const next = await timed('headers', () => batches.next());
              if (next.done) return;
              yield next.value;
            }
          },
          fetchFull: (path, uids, maxBytes) =>
            timed('bodies', () => session.fetchFull(path, uids, maxBytes)),
        };
      },
      maxMessageBytes: config.attachmentMaxBytes,
    };
    rss.reset();
    const started = performance.now();
    const result = await syncMailboxOnce(deps, mailbox.id, { worker: 'bench' });
    const seconds = (performance.now() - started) / 1000;
    if (result.status !== 'done') throw new Error(`sync failed: ${JSON.stringify(result)}`);
    const folder = result.folders[0]!;
    const e2e = folder.fetched / seconds;
    const e2eRss = rss.peak();
    console.log(
      `end to end (${backend}): ${folder.fetched} messages in ${seconds.toFixed(1)} s = ${e2e.toFixed(0)} msgs/s; ` +
        `captured ${folder.captured}, ignored ${folder.ignored}, quarantined ${folder.quarantined}; peak RSS ${mb(e2eRss)} MB`,
    );

    console.log(
      `time spent (stages overlap): header fetch ${(spent.headers / 1000).toFixed(1)} s, ` +
        `body fetch ${(spent.bodies / 1000).toFixed(1)} s, parse ${((spent.prepare - spent.bodies) / 1000).toFixed(1)} s, ` +
        `decide + store ${(spent.commit / 1000).toFixed(1)} s`,
    );
    const floor = await rawIdleLatencies(mail);
    console.log(
      `raw IDLE baseline (append to EXISTS seen by a plain imapflow client): p50 ${percentile(floor, 0.5)} ms, p99 ${percentile(floor, 0.99)} ms`,
    );
    const latencies = await idleLatencies(core, core.database, mail);
    const p50 = percentile(latencies, 0.5);
    const p99 = percentile(latencies, 0.99);
    console.log(
      `new mail through IDLE to stored: p50 ${p50} ms, p99 ${p99} ms over ${latencies.length}`,
    );
    console.log(
      `sync: messages=${folder.fetched} e2e_msgs_s=${e2e.toFixed(0)} baseline_msgs_s=${baseline.toFixed(0)} ` +
        `ratio=${(e2e / baseline).toFixed(2)} peak_rss_mb=${mb(e2eRss)} idle_p50_ms=${p50} idle_p99_ms=${p99} ` +
        `idle_baseline_p50_ms=${percentile(floor, 0.5)}`,
    );
  } finally {
    await core.close();
  }
} finally {
  rss.stop();
  await dovecot.stop();
  await rm(work, { recursive: true, force: true });
  if (serverDatabase) await adminQuery(`DROP DATABASE IF EXISTS ${serverDatabase}`);
}

async function naiveBaseline(): Promise<number> {
  const client = benchClient();
  await client.connect();
  try {
    await client.mailboxOpen('INBOX', { readOnly: true });
    const started = performance.now();
    let count = 0;
    for await (const message of client.fetch('1:*', { uid: true, source: true })) {
      if (message.source) await PostalMime.parse(message.source);
      count += 1;
    }
    return count / ((performance.now() - started) / 1000);
  } finally {
    await client.logout();
  }
}

/**
 * New mail appended by another client, picked up by the product's own
 * background sync (IDLE on INBOX, the job queue, a sync pass) and visible in
 * storage. A first message, not counted, waits until IDLE is listening.
 */
async function idleLatencies(
  core: Core,
  database: { query<T>(sql: string, params?: unknown[]): Promise<T[]> },
  mail: ReturnType<typeof createBenchMail>,
): Promise<number[]> {
  const background = await startBackgroundSync({
    ...core,
    queue: core.config.queue,
    maxMessageBytes: core.config.attachmentMaxBytes,
  });
  const appender = benchClient();
  await appender.connect();
  const deliver = async (n: number) => {
    const messageId = `<live-${n}@${mail.customerDomain}>`;
    const started = performance.now();
    await appender.append('INBOX', mail.liveMessage(n));
    for (;;) {
      const rows = await database.query('SELECT 1 FROM messages WHERE message_id = $1', [
        messageId,
      ]);
      if (rows.length > 0) return Math.round(performance.now() - started);
      if (performance.now() - started > 10_000) {
        throw new Error(`${messageId} not stored after 10 s`);
      }
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  const latencies: number[] = [];
  try {
    await deliver(1000);
    for (let n = 0; n < 30; n += 1) {
      // Long enough for the watcher to be back in IDLE: mail that lands while it
      // reconnects is caught by its catch-up check instead, which is faster and
      // would flatter the figure.
      await new Promise((r) => setTimeout(r, 1500));
      latencies.push(await deliver(n));
    }
  } finally {
    await appender.logout();
    await background.stop();
  }
  return latencies;
}

/**
 * The server's own floor for push: how long a plain client in IDLE waits for
 * EXISTS after another client's APPEND (Dovecot batches notifications).
 */
async function rawIdleLatencies(mail: ReturnType<typeof createBenchMail>): Promise<number[]> {
  const listener = benchClient();
  const appender = benchClient();
  await listener.connect();
  await appender.connect();
  const latencies: number[] = [];
  try {
    await listener.mailboxOpen('INBOX');
    let seen: (() => void) | null = null;
    listener.on('exists', () => seen?.());
    for (let n = 0; n < 10; n += 1) {
      const idling = listener.idle();
      await new Promise((r) => setTimeout(r, 100));
      const arrived = new Promise<void>((resolve) => (seen = resolve));
      const started = performance.now();
      await appender.append('INBOX', mail.liveMessage(500 + n));
      await arrived;
      latencies.push(Math.round(performance.now() - started));
      await listener.noop();
      await idling;
    }
  } finally {
    await listener.logout();
    await appender.logout();
  }
  return latencies;
}

/** A plain imapflow client on the bench mailbox, outside Threadline. */
function benchClient(): ImapFlow {
  return new ImapFlow({
    host: dovecot.host,
    port: dovecot.port,
    secure: false,
    doSTARTTLS: false,
    auth: { user: imapUser, pass: imapPassword },
    logger: false,
  });
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client('postgres://postgres@127.0.0.1:5432/test');
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
