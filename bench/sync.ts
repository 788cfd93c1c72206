import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startDovecot } from '../test/support/dovecot.js';
import { createBenchMail, writeBenchCrm } from './bench-mailbox.js';
import { mb, msPerMessage, productNodeFlags, runChild } from './measure.js';
import type { SyncBaselineResult } from './sync-baseline.js';
import type { SyncProductResult } from './sync-product.js';
import { syncSetupEnv, type SyncBenchSetup } from './sync-setup.js';

/**
 * `npm run bench:sync`: back-fills a realistic Dovecot mailbox end to end
 * (IMAP → decided → stored) and, in the same run, the naive baseline: every
 * message's full source fetched with imapflow and parsed on one thread,
 * storing nothing (run twice, the faster run compared). Then new mail through
 * IDLE to stored, 30 times, through the product's background sync.
 * This process only prepares Dovecot, the mailbox, the CRM files and the
 * server database: the baseline (sync-baseline.ts) and the product
 * (sync-product.ts) each run in a fresh child process, so the peak RSS is the
 * product's, not that of generating 20,000 messages.
 * BENCH_MESSAGES (default 20,000), BENCH_BACKEND=embedded|server.
 */
const messages = Number(process.env.BENCH_MESSAGES ?? 20_000);
const backend = process.env.BENCH_BACKEND ?? 'embedded';
const mailSeed = 20_251;
const imapUser = 'bench';
const imapPassword = 'bench-password';

const dovecot = await startDovecot();
let work: string | null = null;
let serverDatabase: string | null = null;
try {
  work = await mkdtemp(join(tmpdir(), 'tl-bench-sync-'));
  await dovecot.addUser(imapUser, imapPassword);
  const mail = createBenchMail(mailSeed);
  const chunk = 1000;
  for (let start = 0; start < messages; start += chunk) {
    const raws = [];
    for (let n = start; n < Math.min(messages, start + chunk); n += 1) raws.push(mail.message(n));
    await dovecot.writeMaildirMessages(imapUser, 'INBOX', raws);
  }
  const crmDir = join(work, 'crm');
  await mkdir(crmDir);
  await writeBenchCrm(crmDir, mail);

  if (backend === 'server') {
    serverDatabase = `tl_bench_${process.pid}`;
    await adminQuery(`CREATE DATABASE ${serverDatabase}`);
  }
  const setup: SyncBenchSetup = {
    backend,
    mailSeed,
    imap: { host: dovecot.host, port: dovecot.port, user: imapUser, password: imapPassword },
    crmDir,
    dataDir: join(work, 'data'),
    databaseUrl: serverDatabase ? `postgres://postgres@127.0.0.1:5432/${serverDatabase}` : null,
  };
  // Twice: the first pass over fresh mail also pays Dovecot's first reads
  // (its index and cache, the page cache), which the product, coming after,
  // would be spared. The faster of the two is the one compared.
  const runBaseline = () =>
    runChild<SyncBaselineResult>(
      new URL('./sync-baseline.js', import.meta.url),
      syncSetupEnv(setup),
    );
  const baselines = [await runBaseline(), await runBaseline()];
  const baseline = baselines.reduce((a, b) => (b.msgsPerSecond > a.msgsPerSecond ? b : a));
  const product = await runChild<SyncProductResult>(
    new URL('./sync-product.js', import.meta.url),
    syncSetupEnv(setup),
    productNodeFlags(),
  );
  // CPU per message is steadier than the rates on a shared machine, whose
  // speed drifts between runs: it says what each side costs, wherever it ran.
  console.log(
    `sync: messages=${product.messages} e2e_msgs_s=${product.msgsPerSecond.toFixed(0)} baseline_msgs_s=${baseline.msgsPerSecond.toFixed(0)} ` +
      `ratio=${(product.msgsPerSecond / baseline.msgsPerSecond).toFixed(2)} peak_rss_mb=${mb(product.peakRssBytes)} ` +
      `idle_p50_ms=${product.idleP50Ms} idle_p99_ms=${product.idleP99Ms} ` +
      `idle_baseline_p50_ms=${product.idleBaselineP50Ms} rss_before_backfill_mb=${mb(product.rssBeforeBytes)} ` +
      `cpu_ms_per_msg=${msPerMessage(product.cpu.machine, product.messages)} ` +
      `baseline_cpu_ms_per_msg=${msPerMessage(baseline.cpu.machine, baseline.messages)}`,
  );
} finally {
  // Independent steps, each run even when another fails.
  const cleanup = await Promise.allSettled([
    dovecot.stop(),
    work ? rm(work, { recursive: true, force: true }) : null,
    // FORCE: a child that died may leave connections the server has not dropped yet.
    serverDatabase ? adminQuery(`DROP DATABASE IF EXISTS ${serverDatabase} WITH (FORCE)`) : null,
  ]);
  for (const step of cleanup) {
    if (step.status === 'rejected') {
      console.error('bench:sync clean-up failed:', step.reason);
      process.exitCode = 1;
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
