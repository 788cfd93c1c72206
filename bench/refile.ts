import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importCrmDirectory } from '../src/services/crm-csv/import-crm.js';
import { reevaluateMessages } from '../src/services/capture/reevaluate.js';
import { directoryBeforeChange } from '../src/services/capture/refile-after-change.js';
import { benchEachStore, openBenchStore, type BenchStore } from './bench-store.js';
import { seedLists } from './list-seed.js';
import { median, mb, peakRssMb, sampleRss } from './measure.js';

/**
 * `npm run bench:refile [-- --store embedded|server|both]` (both by default,
 * each in a fresh child process): stored mail following a CRM change. A store
 * seeded with BENCH_MESSAGES (default 100,000) messages of a rep and
 * BENCH_OTHER_MESSAGES (default 20,000) of a colleague (list-seed.ts: one
 * thread in ten from an unknown sender at newco.example). Then, each through
 * the CSV import and timed from before the import to the last link written
 * by the queued re-filing job (and, apart, until the change was answered):
 * BENCH_RUNS (default 5) times one new contact for one of those senders
 * (target: under a second), and once an account for the whole domain.
 * Baselines in the same run: finding one address's messages by plain SQL,
 * and re-deciding every stored message, as a change did before.
 */
const readerMessages = Number(process.env.BENCH_MESSAGES ?? 100_000);
const otherMessages = Number(process.env.BENCH_OTHER_MESSAGES ?? 20_000);
const runs = Number(process.env.BENCH_RUNS ?? 5);
const targetMs = 1_000;
const admin = { email: 'admin@northwind.example', password: 'bench-password-123' };

interface StoreResult {
  store: BenchStore;
  messages: number;
  contactMs: number[];
  contactMessages: number;
  domainMs: number;
  domainMessages: number;
  sqlLookupMs: number;
  everythingMs: number;
  peakRssMb: number;
}

const results = await benchEachStore(new URL(import.meta.url), benchStore);
for (const r of results ?? []) {
  console.log(
    `refile: store=${r.store} messages=${r.messages} contact_p50_ms=${median(r.contactMs).toFixed(0)} ` +
      `contact_max_ms=${Math.max(...r.contactMs).toFixed(0)} contact_messages=${r.contactMessages} ` +
      `domain_ms=${r.domainMs.toFixed(0)} domain_messages=${r.domainMessages} ` +
      `sql_lookup_ms=${r.sqlLookupMs.toFixed(1)} redecide_all_ms=${r.everythingMs.toFixed(0)} ` +
      `peak_rss_mb=${r.peakRssMb}`,
  );
}

async function benchStore(store: BenchStore): Promise<StoreResult> {
  const { core, close } = await openBenchStore(store, admin);
  const csv = await mkdtemp(join(tmpdir(), 'tl-bench-refile-'));
  const rss = sampleRss();
  try {
    const reader = await core.auth.addUser({
      email: 'rita@northwind.example',
      password: 'bench-password-456',
      name: 'Rita Rep',
      role: 'rep',
    });
    const other = await core.auth.addUser({
      email: 'carl@northwind.example',
      password: 'bench-password-789',
      name: 'Carl Rep',
      role: 'rep',
    });
    const world = await seedLists(
      core.database,
      {
        reader: { id: reader.id, email: 'rita@northwind.example' },
        colleague: { id: other.id, email: 'carl@northwind.example' },
      },
      { readerMessages, otherMessages },
    );
    console.log(`[${store}] seeded ${world.messages.toLocaleString('en')} messages`);
    await core.directory.current();
    rss.reset();

    const importRow = async (file: string, header: string, row: string) => {
      await writeFile(join(csv, file), `${header}\n${row}\n`);
      const report = await importCrmDirectory(core.database, csv);
      await rm(join(csv, file));
      if (report.errors.length > 0) throw new Error(JSON.stringify(report.errors));
    };
    // The change is answered once its re-filing is queued; the time runs until the job has
    // written its last link, through the job queue the app uses (pg-boss on the server).
    const timed = async (change: () => Promise<void>) => {
      const started = performance.now();
      const before = await directoryBeforeChange(core);
      await change();
      const runId = await core.refiling.queue(before, null);
      const answeredMs = performance.now() - started;
      const run = runId ? await core.refiling.finished(runId) : null;
      if (run?.state === 'failed') throw new Error(`re-filing failed: ${run.error}`);
      return {
        ms: performance.now() - started,
        answeredMs,
        messages: run?.counts?.messages ?? 0,
      };
    };

    // Senders at newco.example are `pat<t>` for threads t ending in 7 (one in ten),
    // the rep's threads numbered up to two fifths of their messages.
    const tens = Math.floor((readerMessages * 2) / 5 / 10);
    const senders = Array.from(
      { length: runs },
      (_, i) => `pat${Math.floor(((i + 0.5) * tens) / runs) * 10 + 7}`,
    );
    const contactMs: number[] = [];
    let contactMessages = 0;
    for (const [i, sender] of senders.entries()) {
      const run = await timed(() =>
        importRow(
          'contacts.csv',
          'external_id,first_name,last_name,emails',
          `CON-NEW-${i},Pat,${sender},${sender}@newco.example`,
        ),
      );
      contactMs.push(run.ms);
      contactMessages = Math.max(contactMessages, run.messages);
      console.log(
        `[${store}] one new contact: answered in ${run.answeredMs.toFixed(0)} ms, ` +
          `${run.messages} messages re-decided in ${run.ms.toFixed(0)} ms` +
          (run.ms < targetMs ? '  MET' : '  NOT MET'),
      );
    }
    const domain = await timed(() =>
      importRow('accounts.csv', 'external_id,name,domains', 'ACC-NEW,NewCo,newco.example'),
    );
    console.log(
      `[${store}] one new account for a domain: ${domain.messages} messages in ${domain.ms.toFixed(0)} ms`,
    );

    const lookupStarted = performance.now();
    await core.database.query(`SELECT id FROM messages WHERE participants && $1::text[]`, [
      [`${senders[0]}@newco.example`],
    ]);
    const sqlLookupMs = performance.now() - lookupStarted;
    const everythingStarted = performance.now();
    const everything = await reevaluateMessages(core.database, await core.directory.current());
    const everythingMs = performance.now() - everythingStarted;
    console.log(
      `[${store}] baselines: one address's messages by plain SQL ${sqlLookupMs.toFixed(1)} ms; ` +
        `re-deciding all ${everything.messages} messages ${(everythingMs / 1000).toFixed(1)} s`,
    );
    const peak = mb(rss.peak());
    console.log(
      `[${store}] peak RSS ${peak} MB while measuring, ${peakRssMb()} MB for the whole run`,
    );
    return {
      store,
      messages: world.messages,
      contactMs,
      contactMessages,
      domainMs: domain.ms,
      domainMessages: domain.messages,
      sqlLookupMs,
      everythingMs,
      peakRssMb: peak,
    };
  } finally {
    rss.stop();
    await rm(csv, { recursive: true, force: true });
    await close();
  }
}
