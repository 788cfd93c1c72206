import type { Database } from '../src/adapters/db/database.js';
import { startServer } from '../src/http/start-server.js';
import { benchEachStore, openBenchStore, type BenchStore } from './bench-store.js';
import { seedLists, type ListWorld } from './list-seed.js';
import { mb, peakRssMb, percentile, sampleRss } from './measure.js';

/**
 * `npm run bench:timeline [-- --store embedded|server|both]` (both by
 * default, each in a fresh child process): a rep with BENCH_MESSAGES
 * (default 100,000) messages and a colleague with BENCH_OTHER_MESSAGES
 * (default 20,000) that the rep may not see, seeded by SQL into a fresh
 * store (list-seed.ts). Then, through the running server's HTTP API with the
 * rep's session cookie, each list's first page and a deep page (page
 * BENCH_DEEP_PAGE, default 40, by following `next`): the sales inbox, the
 * review queue, the account's and a contact's timeline, search for a word
 * in every message, for one in 1 % and for one in none; each BENCH_RUNS (default 30) times
 * after 5 warm-up runs. The baseline, same run: the newest page of messages
 * straight from SQL by the date index, without the visibility predicate.
 * The server store is a fresh database on BENCH_SERVER_URL (default
 * postgres://postgres@127.0.0.1:5432), dropped afterwards.
 */
const readerMessages = Number(process.env.BENCH_MESSAGES ?? 100_000);
const otherMessages = Number(process.env.BENCH_OTHER_MESSAGES ?? 20_000);
const runs = Number(process.env.BENCH_RUNS ?? 30);
const deepPage = Number(process.env.BENCH_DEEP_PAGE ?? 40);
const targetMs = 200;
const admin = { email: 'admin@northwind.example', password: 'bench-password-123' };
const rep = { email: 'rita@northwind.example', password: 'bench-password-456' };
const colleague = { email: 'carl@northwind.example', password: 'bench-password-789' };

type Store = BenchStore;

interface StoreResult {
  store: Store;
  lines: { what: string; p50: number; p95: number }[];
  peakRssMb: number;
}

const results = await benchEachStore(new URL(import.meta.url), benchStore);
if (results) {
  console.log(`\nsummary (p95 ms, target < ${targetMs}):`);
  for (const { what } of results[0]!.lines) {
    const cells = results.map((r) => `${r.store} ${r.lines.find((l) => l.what === what)?.p95}`);
    console.log(`  ${what}: ${cells.join(', ')}`);
  }
}

async function benchStore(store: Store): Promise<StoreResult> {
  const { core, close } = await openBenchStore(store, admin);
  const rss = sampleRss();
  try {
    const reader = await core.auth.addUser({ ...rep, name: 'Rita Rep', role: 'rep' });
    const other = await core.auth.addUser({ ...colleague, name: 'Carl Rep', role: 'rep' });
    const seedStarted = performance.now();
    const world = await seedLists(
      core.database,
      {
        reader: { id: reader.id, email: rep.email },
        colleague: { id: other.id, email: colleague.email },
      },
      { readerMessages, otherMessages },
    );
    console.log(
      `[${store}] seeded ${world.messages.toLocaleString('en')} messages ` +
        `(${readerMessages.toLocaleString('en')} the reader's) in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`,
    );
    const server = await startServer(core, { webRoot: null });
    try {
      const get = await signIn(server.url, rep);
      const requests = await listRequests(get, world);
      rss.reset();
      const timings = new Map<string, number[]>(Object.keys(requests).map((key) => [key, []]));
      for (let run = -5; run < runs; run += 1) {
        for (const [key, path] of Object.entries(requests)) {
          const { ms } = await get(path);
          if (run >= 0) timings.get(key)!.push(ms);
        }
      }
      timings.set('baseline: newest 50 messages by plain SQL', await rawPage(core.database));
      const measuredRss = mb(rss.peak());
      const lines = [...timings].map(([what, values]) => ({
        what,
        p50: Number(percentile(values, 0.5).toFixed(1)),
        p95: Number(percentile(values, 0.95).toFixed(1)),
      }));
      console.log(`[${store}] over ${runs} runs each, after 5 warm-up runs, through HTTP:`);
      for (const line of lines) {
        const verdict = line.what.startsWith('baseline')
          ? ''
          : line.p95 < targetMs
            ? '  MET'
            : '  NOT MET';
        console.log(`  ${line.what}: p50 ${line.p50} ms, p95 ${line.p95} ms${verdict}`);
      }
      console.log(
        `[${store}] peak RSS ${measuredRss} MB while measuring (this process` +
          `${store === 'server' ? ', not the PostgreSQL server' : ', the embedded store included'}), ` +
          `${peakRssMb()} MB for the whole run`,
      );
      return { store, lines, peakRssMb: measuredRss };
    } finally {
      await server.close();
    }
  } finally {
    rss.stop();
    await close();
  }
}

type Get = Awaited<ReturnType<typeof signIn>>;

/** Each list's first page, and its deep page found by following `next`. */
async function listRequests(get: Get, world: ListWorld): Promise<Record<string, string>> {
  const lists: Record<string, string> = {
    'sales inbox': '/api/inbox?days=365&limit=50',
    'review queue': '/api/review?limit=20',
    'account timeline': `/api/accounts/${world.accountId}/timeline?limit=25`,
    'contact timeline': `/api/contacts/${world.contactId}/timeline?limit=25`,
    'search "delivery" (every message)': '/api/search?q=delivery&limit=25',
    'search "invoice" (1 % of threads)': '/api/search?q=invoice&limit=25',
    'search "zebra" (no message)': '/api/search?q=zebra&limit=25',
  };
  const requests: Record<string, string> = {};
  for (const [name, first] of Object.entries(lists)) {
    requests[`${name}, first page`] = first;
    let path = first;
    let page = 1;
    while (page < deepPage) {
      const { body } = await get<{ next: string | null }>(path);
      if (!body.next) break;
      path = `${first}&cursor=${encodeURIComponent(body.next)}`;
      page += 1;
    }
    if (page === deepPage) requests[`${name}, page ${deepPage}`] = path;
    else console.log(`  (${name}: ${page} pages in all, no page ${deepPage})`);
  }
  return requests;
}

/** Signs in as the web UI does and returns a GET that carries the session cookie and times itself. */
async function signIn(base: string, credentials: { email: string; password: string }) {
  const response = await fetch(`${base}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credentials),
  });
  const cookie = response.headers.getSetCookie()[0]?.split(';')[0];
  if (!response.ok || !cookie) throw new Error(`sign-in failed: ${response.status}`);
  return async <T = unknown>(path: string): Promise<{ body: T; ms: number }> => {
    const started = performance.now();
    const answer = await fetch(`${base}${path}`, { headers: { cookie } });
    const body = (await answer.json()) as T;
    const ms = performance.now() - started;
    if (!answer.ok) throw new Error(`GET ${path}: ${answer.status} ${JSON.stringify(body)}`);
    return { body, ms };
  };
}

/** The newest messages by the date index, straight from SQL: no visibility, no threads. */
async function rawPage(database: Database): Promise<number[]> {
  const sql = `SELECT m.id, m.thread_id, m.subject FROM messages m
    ORDER BY coalesce(m.sent_at, m.created_at) DESC, m.thread_id DESC, m.id DESC LIMIT 50`;
  const times: number[] = [];
  for (let run = -5; run < runs; run += 1) {
    const started = performance.now();
    await database.query(sql);
    if (run >= 0) times.push(performance.now() - started);
  }
  return times;
}
