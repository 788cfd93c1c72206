import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startDovecot } from '../test/support/dovecot.js';
import { createBenchMail, writeBenchCrm } from './bench-mailbox.js';
import { mb, median, msPerMessage, productNodeFlags, runChild } from './measure.js';
import type { SyncBaselineResult } from './sync-baseline.js';
import type { SyncProductResult } from './sync-product.js';
import { syncSetupEnv, type SyncBenchSetup } from './sync-setup.js';

/**
 * `npm run bench:sync`: back-fills a realistic Dovecot mailbox end to end
 * (IMAP → decided → stored) and, in the same run, the naive baseline: every
 * message's full source fetched with imapflow and parsed on one thread,
 * storing nothing. Both run BENCH_ROUNDS times (3 by default), one after the
 * other, each product run into a fresh store, and their medians are
 * compared. In the last round, new mail through IDLE to stored, 30 times,
 * through the product's background sync.
 * This process only prepares Dovecot, the mailbox, the CRM files and the
 * server database: the baseline (sync-baseline.ts) and the product
 * (sync-product.ts) each run in a fresh child process, so the peak RSS is the
 * product's, not that of generating 20,000 messages.
 * BENCH_MESSAGES (default 20,000), BENCH_BACKEND=embedded|server, BENCH_ROUNDS.
 * BENCH_SYNC_RULES=R (e.g. 100) adds to each round a product run with R
 * workflow rules switched on, their pass over the back-filled mail timed
 * with it, the two product runs in alternating order; it prints what the
 * rules add to the back-fill.
 */
const messages = Number(process.env.BENCH_MESSAGES ?? 20_000);
const backend = process.env.BENCH_BACKEND ?? 'embedded';
const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
const ruleCount = Number(process.env.BENCH_SYNC_RULES ?? 0);
const mailSeed = 20_251;
const imapUser = 'bench';
const imapPassword = 'bench-password';

const dovecot = await startDovecot();
let work: string | null = null;
const serverDatabases: string[] = [];
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

  const setup = (
    round: string,
    database: string | null,
    measureIdle: boolean,
    rules = 0,
  ): SyncBenchSetup => ({
    backend,
    mailSeed,
    imap: { host: dovecot.host, port: dovecot.port, user: imapUser, password: imapPassword },
    crmDir,
    dataDir: join(work!, `data-${round}`),
    databaseUrl: database ? `postgres://postgres@127.0.0.1:5432/${database}` : null,
    measureIdle,
    rules,
  });
  const runBaseline = () =>
    runChild<SyncBaselineResult>(
      new URL('./sync-baseline.js', import.meta.url),
      syncSetupEnv(setup('baseline', null, false)),
    );
  /** A back-fill into a store of its own, as on a first start. */
  const runProduct = async (round: number, measureIdle: boolean, rules = 0) => {
    const database =
      backend === 'server' ? `tl_bench_${process.pid}_${round}${rules > 0 ? '_rules' : ''}` : null;
    if (database) {
      await adminQuery(`CREATE DATABASE ${database}`);
      serverDatabases.push(database);
    }
    const roundSetup = setup(`${round}${rules > 0 ? '-rules' : ''}`, database, measureIdle, rules);
    try {
      return await runChild<SyncProductResult>(
        new URL('./sync-product.js', import.meta.url),
        syncSetupEnv(roundSetup),
        productNodeFlags(),
      );
    } finally {
      // At 100,000 messages a round's store is gigabytes: each goes once measured.
      await rm(roundSetup.dataDir, { recursive: true, force: true });
      if (database) await dropDatabase(database);
    }
  };
  // The first pass over fresh mail also pays Dovecot's first reads (its index
  // and cache, the page cache), which every later run is spared: not counted.
  await runBaseline();
  // Rounds of one baseline and one product run each, compared by their
  // medians: on a shared machine whose speed drifts between runs, a single
  // run of either side says as much about the machine as about the code.
  const baselines: SyncBaselineResult[] = [];
  const products: SyncProductResult[] = [];
  const withRules: SyncProductResult[] = [];
  for (let round = 1; round <= rounds; round += 1) {
    console.log(`round ${round} of ${rounds}`);
    baselines.push(await runBaseline());
    // With rules first in every other round: neither side always runs on a warmer machine.
    if (ruleCount > 0 && round % 2 === 0) withRules.push(await runProduct(round, false, ruleCount));
    products.push(await runProduct(round, round === rounds));
    if (ruleCount > 0 && round % 2 === 1) withRules.push(await runProduct(round, false, ruleCount));
  }
  const baselineRate = median(baselines.map((run) => run.msgsPerSecond));
  const productRate = median(products.map((run) => run.msgsPerSecond));
  const idle = products.at(-1)!.idle!;
  console.log(
    `rounds: baseline ${baselines.map((run) => run.msgsPerSecond.toFixed(0)).join(' ')} msgs/s, ` +
      `product ${products.map((run) => run.msgsPerSecond.toFixed(0)).join(' ')} msgs/s`,
  );
  // CPU per message is steadier than the rates on a shared machine, whose
  // speed drifts between runs: it says what each side costs, wherever it ran.
  const cpuPerMessage = (runs: readonly (SyncBaselineResult | SyncProductResult)[]) =>
    msPerMessage(median(runs.map((run) => run.cpu.machine)), runs[0]!.messages);
  console.log(
    `sync: messages=${products[0]!.messages} e2e_msgs_s=${productRate.toFixed(0)} baseline_msgs_s=${baselineRate.toFixed(0)} ` +
      `ratio=${(productRate / baselineRate).toFixed(2)} ` +
      `peak_rss_mb=${mb(Math.max(...products.map((run) => run.peakRssBytes)))} ` +
      `idle_p50_ms=${idle.p50Ms} idle_p99_ms=${idle.p99Ms} idle_baseline_p50_ms=${idle.baselineP50Ms} ` +
      `rss_before_backfill_mb=${mb(Math.max(...products.map((run) => run.rssBeforeBytes)))} ` +
      `cpu_ms_per_msg=${cpuPerMessage(products)} baseline_cpu_ms_per_msg=${cpuPerMessage(baselines)} ` +
      `rounds=${rounds}`,
  );
  if (ruleCount > 0) printRulesOverhead(products, withRules);
} finally {
  // Independent steps, each run even when another fails.
  const cleanup = await Promise.allSettled([
    dovecot.stop(),
    work ? rm(work, { recursive: true, force: true }) : null,
    ...[...serverDatabases].map(dropDatabase),
  ]);
  for (const step of cleanup) {
    if (step.status === 'rejected') {
      console.error('bench:sync clean-up failed:', step.reason);
      process.exitCode = 1;
    }
  }
}

/**
 * What rules add to a back-fill: the back-fill with the rules switched on
 * and their pass over the stored mail, against the back-fill without,
 * compared by medians over the alternating runs.
 */
function printRulesOverhead(
  without: readonly SyncProductResult[],
  withRules: readonly SyncProductResult[],
): void {
  const backfill = (run: SyncProductResult) => run.messages / run.msgsPerSecond;
  const total = (run: SyncProductResult) => backfill(run) + run.rules!.seconds;
  const show = (values: number[]) => values.map((v) => v.toFixed(1)).join(' ');
  console.log(
    `rounds: back-fill without rules ${show(without.map(backfill))} s; ` +
      `with rules ${show(withRules.map(backfill))} s + rule pass ${show(withRules.map((r) => r.rules!.seconds))} s`,
  );
  const plain = median(without.map(backfill));
  const ruled = median(withRules.map(total));
  const fired = withRules[0]!.rules!;
  console.log(
    `sync_rules: messages=${without[0]!.messages} rules=${ruleCount} backfill_s=${plain.toFixed(1)} ` +
      `backfill_with_rules_s=${ruled.toFixed(1)} rule_pass_s=${median(withRules.map((r) => r.rules!.seconds)).toFixed(1)} ` +
      `rule_messages=${fired.messages} firings=${fired.fired} overhead_pct=${(((ruled - plain) / plain) * 100).toFixed(1)} rounds=${rounds}`,
  );
}

async function dropDatabase(name: string): Promise<void> {
  // FORCE: a child that died may leave connections the server has not dropped yet.
  await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  serverDatabases.splice(serverDatabases.indexOf(name), 1);
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
