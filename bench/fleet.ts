import { readFileSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openApp } from '../src/app/open-app.js';
import { loadConfig } from '../src/config/config.js';
import { importCrmDirectory } from '../src/services/crm-csv/import-crm.js';
import { startDovecot } from '../test/support/dovecot.js';
import { loopbackMailServers } from '../test/support/loopback-mail-servers.js';
import { storedWithin } from '../test/support/stored-within.js';
import {
  eventually,
  fleetSecretKey,
  holdersNow,
  startWorkerProcess,
  type WorkerProcess,
} from '../test/support/worker-process.js';
import { createBenchMail, writeBenchCrm } from './bench-mailbox.js';
import { percentile } from './measure.js';

/**
 * `npm run bench:fleet`: BENCH_FLEET_MAILBOXES Dovecot users (1,000 by
 * default), all but two with a few messages and two with
 * BENCH_FLEET_BIG_MESSAGES (100,000), connected to two `threadline worker`
 * processes on a PostgreSQL server. It measures, in order: each worker's
 * RSS holding no mailbox, then holding the small ones once they are live
 * (the difference per mailbox), the IMAP connections the workers hold,
 * new-mail latency (APPEND to a random INBOX until stored) before and while
 * the two big mailboxes back-fill, and failover: one worker SIGKILLed, the
 * time until new mail in its mailboxes is stored again.
 * BENCH_FLEET_LEASE_SECONDS sets the lease (30 by default).
 */
const mailboxes = Number(process.env.BENCH_FLEET_MAILBOXES ?? 1000);
const bigMessages = Number(process.env.BENCH_FLEET_BIG_MESSAGES ?? 100_000);
const leaseSeconds = Number(process.env.BENCH_FLEET_LEASE_SECONDS ?? 30);
const smallMessages = 3;
const samples = 50;
const mailSeed = 33_033;
const database = `tl_bench_fleet_${process.pid}`;
const databaseUrl = `postgres://postgres@127.0.0.1:5432/${database}`;

const mail = createBenchMail(mailSeed);
const user = (i: number) => `fleet${i}`;
const bigUsers = [0, 1];
/** Mail from a CRM contact with a Message-ID of its own. */
const liveMail = (id: string) =>
  [
    `From: ${mail.contactEmail(1, 1)}`,
    `To: ${mail.ownerEmail}`,
    `Subject: Live ${id}`,
    `Message-ID: <${id}@live.bench.example>`,
    `Date: ${new Date().toUTCString()}`,
    '',
    'Checking in on the renewal.',
    '',
  ].join('\r\n');

function rssKb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Number(line?.replace(/\D+/g, '') ?? 0);
}

/**
 * Dovecot pushes new mail to a session in IDLE through an inotify instance
 * of its own, and Linux allows 128 per user by default: past that, Dovecot
 * falls back to looking every 30 s and live latency measures that instead.
 */
function allowInotifyInstances(wanted: number): void {
  const file = '/proc/sys/fs/inotify/max_user_instances';
  const current = Number(readFileSync(file, 'utf8'));
  if (current >= wanted) return;
  try {
    writeFileSync(file, String(wanted));
  } catch {
    console.log(
      `warning: ${file} is ${current}, under the ${wanted} sessions in IDLE, and cannot be raised ` +
        'here (needs root): Dovecot will look for new mail every 30 s instead of pushing it',
    );
  }
}

allowInotifyInstances(mailboxes * 2 + 100);
const dovecot = await startDovecot();
const work = await mkdtemp(join(tmpdir(), 'tl-bench-fleet-'));
const workers: WorkerProcess[] = [];
await adminQuery(`CREATE DATABASE ${database}`);
try {
  const crmDir = join(work, 'crm');
  await mkdir(crmDir);
  await writeBenchCrm(crmDir, mail);
  for (let i = 0; i < mailboxes; i += 1) await dovecot.addUser(user(i), `pw-${i}`);
  await writeMailboxes();

  const app = await openApp(
    loadConfig({
      DATABASE_URL: databaseUrl,
      THREADLINE_SECRET_KEY: fleetSecretKey,
      THREADLINE_DATA_DIR: join(work, 'data'),
      THREADLINE_LOG_LEVEL: 'silent',
      ...loopbackMailServers,
    }),
  );
  await importCrmDirectory(app.database, crmDir, { now: () => new Date() });
  await app.auth.addUser({
    email: mail.ownerEmail,
    name: 'Bench Rep',
    role: 'rep',
    password: null,
  });
  const owner = (await app.auth.findUserByEmail(mail.ownerEmail))!;
  const ids: string[] = [];
  const small: string[] = [];
  for (let i = 0; i < mailboxes; i += 1) {
    const mailbox = await app.mailboxes.create(owner.id, {
      label: user(i),
      imap: {
        host: dovecot.host,
        port: dovecot.port,
        security: 'none',
        user: user(i),
        allowSelfSigned: false,
      },
      auth: { kind: 'password', password: `pw-${i}` },
      smtp: null,
      folders: ['INBOX'],
      activityWindowDays: 365,
      statsWindowDays: 365,
      dataScope: 'full',
      captureMode: 'auto',
      createContacts: false,
    });
    // Paused until measured: the workers start holding nothing.
    await app.database.query('UPDATE mailboxes SET paused_at = now() WHERE id = $1', [mailbox.id]);
    ids.push(mailbox.id);
    if (!bigUsers.includes(i)) small.push(mailbox.id);
  }
  const messages = async () =>
    (
      await app.database.query<{ n: number }>('SELECT count(*)::int AS n FROM message_locations')
    )[0]!.n;

  const env = { THREADLINE_SYNC_LEASE_SECONDS: String(leaseSeconds) };
  workers.push(startWorkerProcess({ databaseUrl }, env), startWorkerProcess({ databaseUrl }, env));
  const names = await Promise.all(workers.map((worker) => worker.name));
  await new Promise((resolve) => setTimeout(resolve, 10_000));
  const emptyKb = workers.map((worker) => rssKb(worker.child.pid!));

  await app.database.query('UPDATE mailboxes SET paused_at = NULL WHERE id = ANY($1::uuid[])', [
    small,
  ]);
  const started = performance.now();
  await eventually(
    'every small mailbox back-filled',
    async () => (await messages()) >= small.length * smallMessages,
    1_800_000,
  );
  const connections = async () =>
    (
      await app.database.query<{ n: number }>(
        'SELECT coalesce(sum(connections), 0)::int AS n FROM sync_workers',
      )
    )[0]!.n;
  await eventually(
    'every small mailbox watched',
    async () => (await connections()) >= small.length,
    600_000,
  );
  console.log(`small mailboxes live in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  await new Promise((resolve) => setTimeout(resolve, 15_000));
  const liveKb = workers.map((worker) => rssKb(worker.child.pid!));
  const rssPerIdle =
    (liveKb.reduce((a, b) => a + b) - emptyKb.reduce((a, b) => a + b)) / small.length;
  const openConnections = await connections();
  console.log(
    `worker RSS holding none: ${emptyKb.join(', ')} KB; holding ${small.length} live: ${liveKb.join(', ')} KB`,
  );

  const latencies = async (label: string) => {
    const times: number[] = [];
    for (let k = 0; k < samples; k += 1) {
      const i = 2 + Math.floor(Math.random() * (mailboxes - 2));
      const id = `${label}-${k}-${i}`;
      await dovecot.appendMessage(user(i), 'INBOX', liveMail(id));
      // Not stored within a minute counts as a minute, and is said.
      times.push(
        await storedWithin(app.database, `<${id}@live.bench.example>`, 60_000).catch(() => {
          console.log(`${label}: ${id} not stored within 60 s`);
          return 60_000;
        }),
      );
    }
    return times;
  };
  const before = await latencies('before');

  await app.database.query('UPDATE mailboxes SET paused_at = NULL WHERE id = ANY($1::uuid[])', [
    bigUsers.map((i) => ids[i]),
  ]);
  const backfillStart = await messages();
  await eventually(
    'the big back-fills under way',
    async () => (await messages()) > backfillStart + 1000,
    600_000,
  );
  const during = await latencies('during');
  const backfilled = (await messages()) - backfillStart;
  console.log(`messages back-filled from the big mailboxes while measuring: ${backfilled}`);

  const orphaned = (await holdersNow(app.database)).get(names[0]!) ?? [];
  await workers[0]!.kill('SIGKILL');
  const killedAt = performance.now();
  const probe = orphaned.filter((id) => small.includes(id)).slice(0, samples);
  await Promise.all(
    probe.map((id) =>
      dovecot.appendMessage(user(ids.indexOf(id)), 'INBOX', liveMail(`failover-${id}`)),
    ),
  );
  await Promise.all(
    probe.map((id) => storedWithin(app.database, `<failover-${id}@live.bench.example>`, 600_000)),
  );
  const failover = (performance.now() - killedAt) / 1000;
  console.log(
    `failover: ${probe.length} of the killed worker's ${orphaned.length} mailboxes received mail, all stored ${failover.toFixed(1)} s after the kill (lease ${leaseSeconds} s)`,
  );

  await app.close();
  const ms = (values: number[], share: number) => Math.round(percentile(values, share));
  console.log(
    `fleet: mailboxes=${mailboxes} workers=2 rss_per_idle_mailbox_kb=${Math.round(rssPerIdle)} ` +
      `connections=${openConnections} live_p50_ms=${ms(before, 0.5)} live_p99_ms=${ms(before, 0.99)} ` +
      `live_p99_during_backfill_ms=${ms(during, 0.99)} failover_s=${failover.toFixed(1)}`,
  );
} finally {
  await Promise.all(workers.map((worker) => worker.kill('SIGKILL')));
  await adminQuery(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await dovecot.stop();
  await rm(work, { recursive: true, force: true });
}

/** Small INBOXes of a few messages, and the two big ones, straight into Maildir. */
async function writeMailboxes(): Promise<void> {
  for (let i = 0; i < mailboxes; i += 1) {
    if (bigUsers.includes(i)) continue;
    const raws = Array.from({ length: smallMessages }, (_, n) =>
      mail.message(i * smallMessages + n),
    );
    await dovecot.writeMaildirMessages(user(i), 'INBOX', raws);
  }
  const chunk = 5000;
  for (const i of bigUsers) {
    for (let start = 0; start < bigMessages; start += chunk) {
      const raws = [];
      for (let n = start; n < Math.min(bigMessages, start + chunk); n += 1) {
        // Each big mailbox its own Message-IDs: neither back-fill is the other's duplicate.
        const raw = mail
          .message(n)
          .toString('latin1')
          .replace('@bench.example>', `.${i}@bench.example>`);
        raws.push(Buffer.from(raw, 'latin1'));
      }
      await dovecot.writeMaildirMessages(user(i), 'INBOX', raws);
    }
  }
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
