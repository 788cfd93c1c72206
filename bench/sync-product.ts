import { loadConfig } from '../src/config/config.js';
import { openApp, type App } from '../src/app/open-app.js';
import type { Database, Queryable } from '../src/adapters/db/database.js';
import { startBackgroundSync } from '../src/services/sync/background-sync.js';
import { importCrmDirectory } from '../src/services/crm-csv/import-crm.js';
import { mailboxSessionOpener } from '../src/services/sync/open-mailbox-session.js';
import { syncMailboxOnce, type SyncDeps } from '../src/services/sync/sync-mailbox.js';
import { workflowRulesRepository } from '../src/adapters/db/repositories/workflow-rules.js';
import { runMessageRules } from '../src/services/rules/rule-runner.js';
import { createBodyReader } from '../src/services/rules/body-reader.js';
import { createBenchMail } from './bench-mailbox.js';
import { benchRule } from './bench-rules.js';
import type { Stage } from '../src/services/capture/batch-types.js';
import { mb, meterCpu, percentile, reportToParent, sampleRss, type CpuSpent } from './measure.js';
import { benchClient, syncSetupFromEnv, type SyncBenchSetup } from './sync-setup.js';

/** What the product's part of `npm run bench:sync` hands back to the parent. */
export interface SyncProductResult {
  messages: number;
  msgsPerSecond: number;
  /** This process's resident memory (with the parse workers) when the back-fill starts. */
  rssBeforeBytes: number;
  peakRssBytes: number;
  /** Spent during the back-fill. */
  cpu: CpuSpent;
  /** With rules: the pass of the rules over the back-filled mail, and what it did. */
  rules: { seconds: number; messages: number; fired: number } | null;
  /** Measured in the last round only: it takes a minute, and every round's store holds the same mail. */
  idle: { p50Ms: number; p99Ms: number; baselineP50Ms: number } | null;
}

/**
 * The product's part of `npm run bench:sync`, in a process of its own so that
 * its peak RSS is the product's alone, not the leftovers of generating and
 * writing the mailbox: opens the app, imports the CRM, back-fills the bench
 * mailbox through syncMailboxOnce, then measures new mail through IDLE with
 * the product's background sync.
 */
const setup = syncSetupFromEnv();
const mail = createBenchMail(setup.mailSeed);
const config = loadConfig({
  THREADLINE_DATA_DIR: setup.dataDir,
  THREADLINE_LOG_LEVEL: 'silent',
  // The bench's Dovecot runs on loopback, on an ephemeral port.
  THREADLINE_MAIL_HOSTS_ALLOW: setup.imap.host,
  THREADLINE_MAIL_PORTS: String(setup.imap.port),
  ...(setup.databaseUrl ? { DATABASE_URL: setup.databaseUrl } : {}),
});
const core = await openApp(config);
const rss = sampleRss();
let result: SyncProductResult;
try {
  const report = await importCrmDirectory(core.database, setup.crmDir, { now: () => new Date() });
  if (report.errors.length > 0) throw new Error(`CRM import failed: ${report.errors[0]?.reason}`);
  await core.directory.invalidate();
  await core.auth.addUser({
    email: mail.ownerEmail,
    name: 'Bench Rep',
    role: 'rep',
    password: null,
  });
  const owner = await core.auth.findUserByEmail(mail.ownerEmail);
  await switchOnBenchRules(core, setup.rules, owner!.id);
  const mailbox = await core.mailboxes.create(owner!.id, {
    label: 'bench',
    imap: {
      host: setup.imap.host,
      port: setup.imap.port,
      security: 'none',
      user: setup.imap.user,
      allowSelfSigned: false,
    },
    auth: { kind: 'password', password: setup.imap.password },
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
  /** The time spent in a stage, waiting for the sources it asked for included. */
  async function* timedStage<T>(key: keyof typeof spent, stage: Stage<T>): Stage<T> {
    let step = await timed(key, () => stage.next());
    while (!step.done) {
      const given = yield step.value;
      step = await timed(key, () => stage.next(given));
    }
    return step.value;
  }
  /** The time spent waiting for each item of a stream. */
  async function* timedStream<T>(key: keyof typeof spent, items: AsyncIterable<T>) {
    const iterator = items[Symbol.asyncIterator]();
    for (;;) {
      const next = await timed(key, () => iterator.next());
      if (next.done) return;
      yield next.value;
    }
  }
  const deps: SyncDeps = {
    database: core.database,
    ingest: {
      prepareBatch: (...args) => timedStage('prepare', core.ingest.prepareBatch(...args)),
      commitBatch: (...args) => timedStage('commit', core.ingest.commitBatch(...args)),
    },
    clock: core.clock,
    openSession: async (row) => {
      const session = await opener(row);
      return {
        ...session,
        fetchSince: (path, afterUid, options) =>
          timedStream('headers', session.fetchSince(path, afterUid, options)),
        fetchWhole: (path, uids, options) =>
          timedStream('bodies', session.fetchWhole(path, uids, options)),
      };
    },
    maxMessageBytes: config.attachmentMaxBytes,
  };
  const rssBefore = rss.reset();
  console.log(`product RSS before back-fill: ${mb(rssBefore)} MB`);
  const cpu = meterCpu();
  const started = performance.now();
  const sync = await syncMailboxOnce(deps, mailbox.id, { worker: 'bench' });
  const seconds = (performance.now() - started) / 1000;
  const cpuSpent = cpu.stop();
  const peakRss = rss.peak();
  if (sync.status !== 'done') throw new Error(`sync failed: ${JSON.stringify(sync)}`);
  const folder = sync.folders[0]!;
  const e2e = folder.fetched / seconds;
  console.log(
    `end to end (${setup.backend}): ${folder.fetched} messages in ${seconds.toFixed(1)} s = ${e2e.toFixed(0)} msgs/s; ` +
      `captured ${folder.captured}, ignored ${folder.ignored}, quarantined ${folder.quarantined}; peak RSS ${mb(peakRss)} MB`,
  );
  console.log(
    `time spent (stages overlap): header fetch ${(spent.headers / 1000).toFixed(1)} s, ` +
      `body fetch ${(spent.bodies / 1000).toFixed(1)} s, parse ${((spent.prepare - spent.bodies) / 1000).toFixed(1)} s, ` +
      `decide + store ${(spent.commit / 1000).toFixed(1)} s`,
  );
  console.log(
    `CPU during the back-fill: ${cpuSpent.process.toFixed(1)} s in the product's process, ` +
      `${cpuSpent.machine.toFixed(1)} s on the machine (with PostgreSQL and Dovecot)`,
  );
  const rules = setup.rules > 0 ? await runRulesOver(core) : null;
  result = {
    messages: folder.fetched,
    rules,
    msgsPerSecond: e2e,
    rssBeforeBytes: rssBefore,
    peakRssBytes: peakRss,
    cpu: cpuSpent,
    idle: setup.measureIdle ? await measureIdle(core, setup.imap, mail) : null,
  };
} finally {
  rss.stop();
  await core.close();
}
await reportToParent(result);

/** The bench's rules, switched on for all the mail before the back-fill, as a team would have them. */
async function switchOnBenchRules(core: App, count: number, ownerId: string): Promise<void> {
  const repo = workflowRulesRepository(core.database);
  for (let n = 0; n < count; n += 1) {
    const rule = await repo.create(benchRule(n, { kind: 'user', userId: ownerId }), ownerId);
    await repo.setEnabled(rule.id, true, new Date(0));
  }
}

/**
 * The rule worker's pass over everything the back-fill stored, timed, with
 * the time spent inside its transactions: applying the firings (their
 * tasks, notifications and records), apart from reading and evaluating.
 */
async function runRulesOver(core: App): Promise<NonNullable<SyncProductResult['rules']>> {
  // The app's rule worker reads bodies the same way; its settle wait is left out here.
  const bodies = createBodyReader();
  const applying = timedTransactions(core.database);
  const started = performance.now();
  const outcome = await runMessageRules(applying.database, new Date(), {
    settleSeconds: 0,
    bodies,
  });
  const seconds = (performance.now() - started) / 1000;
  await bodies.close();
  console.log(
    `rules over the back-fill: ${outcome.messages} messages in ${seconds.toFixed(1)} s, ${outcome.fired} firings; ` +
      `${(applying.ms / 1000).toFixed(1)} s of it applying them (in transactions, overlapping the reading of the next batch)`,
  );
  return { seconds, messages: outcome.messages, fired: outcome.fired };
}

/** `database` with the time its callers spend in transactions added up. */
function timedTransactions(database: Database): { database: Database; ms: number } {
  const timed = {
    ms: 0,
    database: new Proxy(database, {
      get(target, key) {
        if (key !== 'transaction') {
          const value: unknown = Reflect.get(target, key, target);
          if (typeof value !== 'function') return value;
          return (...args: unknown[]): unknown => Reflect.apply(value, target, args);
        }
        return async <T>(work: (tx: Queryable) => Promise<T>): Promise<T> => {
          const started = performance.now();
          try {
            return await target.transaction(work);
          } finally {
            timed.ms += performance.now() - started;
          }
        };
      },
    }),
  };
  return timed;
}

/** The server's own floor for push, then the product's new mail through IDLE to stored. */
async function measureIdle(
  core: App,
  imap: SyncBenchSetup['imap'],
  mail: ReturnType<typeof createBenchMail>,
): Promise<NonNullable<SyncProductResult['idle']>> {
  const floor = await rawIdleLatencies(imap, mail);
  console.log(
    `raw IDLE baseline (append to EXISTS seen by a plain imapflow client): p50 ${percentile(floor, 0.5)} ms, p99 ${percentile(floor, 0.99)} ms`,
  );
  const latencies = await idleLatencies(core, imap, mail);
  const p50Ms = percentile(latencies, 0.5);
  const p99Ms = percentile(latencies, 0.99);
  console.log(
    `new mail through IDLE to stored: p50 ${p50Ms} ms, p99 ${p99Ms} ms over ${latencies.length}`,
  );
  return { p50Ms, p99Ms, baselineP50Ms: percentile(floor, 0.5) };
}

/**
 * New mail appended by another client, picked up by the product's own
 * background sync (IDLE on INBOX, the job queue, a sync pass) and visible in
 * storage. A first message, not counted, waits until IDLE is listening.
 */
async function idleLatencies(
  core: App,
  imap: SyncBenchSetup['imap'],
  mail: ReturnType<typeof createBenchMail>,
): Promise<number[]> {
  const background = await startBackgroundSync({
    ...core,
    queue: core.config.queue,
    maxMessageBytes: core.config.attachmentMaxBytes,
  });
  const appender = benchClient(imap);
  await appender.connect();
  const deliver = async (n: number) => {
    const messageId = `<live-${n}@${mail.customerDomain}>`;
    const started = performance.now();
    await appender.append('INBOX', mail.liveMessage(n));
    for (;;) {
      const rows = await core.database.query('SELECT 1 FROM messages WHERE message_id = $1', [
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
 * Measured here, right before the product's IDLE, on the same mailbox, and
 * read-only like the product's watcher (which never changes flags): in a
 * large Maildir Dovecot tells a read-only session later.
 */
async function rawIdleLatencies(
  imap: SyncBenchSetup['imap'],
  mail: ReturnType<typeof createBenchMail>,
): Promise<number[]> {
  const listener = benchClient(imap);
  const appender = benchClient(imap);
  await listener.connect();
  await appender.connect();
  const latencies: number[] = [];
  try {
    await listener.mailboxOpen('INBOX', { readOnly: true });
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
