import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig } from '../src/config/config.js';
import { openApp, type App } from '../src/app/open-app.js';
import { reportToParent, runChild } from './measure.js';

export type BenchStore = 'embedded' | 'server';

const serverUrl = process.env.BENCH_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432';

/**
 * A fresh store for one benchmark run: an embedded store in a new data
 * directory, or a new database on BENCH_SERVER_URL (default
 * postgres://postgres@127.0.0.1:5432). `close` removes either.
 */
export async function openBenchStore(
  store: BenchStore,
  admin: { email: string; password: string },
): Promise<{ core: App; close: () => Promise<void> }> {
  const work = await mkdtemp(join(tmpdir(), 'tl-bench-store-'));
  const database = store === 'server' ? `tl_bench_${process.pid}` : null;
  if (database) await adminQuery(`CREATE DATABASE ${database}`);
  const dropAll = async () => {
    await rm(work, { recursive: true, force: true });
    if (database) await adminQuery(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  };
  try {
    const core = await openApp(
      loadConfig({
        THREADLINE_DATA_DIR: join(work, 'data'),
        THREADLINE_LOG_LEVEL: 'silent',
        THREADLINE_ADMIN_EMAIL: admin.email,
        THREADLINE_ADMIN_PASSWORD: admin.password,
        HOST: '127.0.0.1',
        PORT: '0',
        ...(database ? { DATABASE_URL: `${serverUrl}/${database}` } : {}),
      }),
    );
    return {
      core,
      close: async () => {
        await core.close();
        await dropAll();
      },
    };
  } catch (error) {
    await dropAll();
    throw error;
  }
}

/**
 * Runs `bench` on each store asked for (`--store embedded|server|both` or
 * BENCH_STORE; both by default), each in a fresh child process of `script`
 * so that its memory is its own. The parent gets the results; a child
 * reports its result to the parent and gets null.
 */
export async function benchEachStore<Result>(
  script: URL,
  bench: (store: BenchStore) => Promise<Result>,
): Promise<Result[] | null> {
  const asked = storesAsked();
  if (!Array.isArray(asked)) {
    await reportToParent(await bench(asked));
    return null;
  }
  const results: Result[] = [];
  for (const store of asked) results.push(await runChild<Result>(script, { BENCH_STORE: store }));
  return results;
}

function storesAsked(): BenchStore[] | BenchStore {
  const storeArg = process.argv.indexOf('--store');
  const asked = process.env.BENCH_STORE ?? (storeArg > 0 ? process.argv[storeArg + 1] : 'both');
  if (asked === 'both') return ['embedded', 'server'];
  if (asked === 'embedded' || asked === 'server') return asked;
  throw new Error(`--store: embedded, server or both, not ${asked}`);
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client(`${serverUrl}/postgres`);
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
