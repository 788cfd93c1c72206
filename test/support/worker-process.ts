import { spawn, type ChildProcess } from 'node:child_process';
import type { Queryable } from '../../src/adapters/db/database.js';
import { loopbackMailServers } from './loopback-mail-servers.js';

/** The key every process of a fleet seals and opens mailbox passwords with. */
export const fleetSecretKey = 'f1'.repeat(32);

/** The built CLI (`npm run build`), as an operator starts it. */
const cli = 'bin/threadline.js';

/** A `threadline worker` process on a fleet's database. */
export interface WorkerProcess {
  readonly child: ChildProcess;
  /** Its name in leases and in the registry, once it said it runs. */
  readonly name: Promise<string>;
  /** Resolves with its exit code or signal once it ended. */
  readonly exited: Promise<number | string | null>;
  kill(signal: NodeJS.Signals): Promise<number | string | null>;
}

/**
 * Starts a sync worker process; `env` sets its budget and lease.
 * THREADLINE_TEST_WORKER_LOGS=1 passes its logs through, to see why a test fails.
 */
export function startWorkerProcess(
  app: { readonly databaseUrl: string | null },
  env: Record<string, string> = {},
): WorkerProcess {
  const child = spawn(process.execPath, [cli, 'worker'], {
    env: {
      PATH: process.env.PATH,
      ...loopbackMailServers,
      DATABASE_URL: app.databaseUrl!,
      THREADLINE_SECRET_KEY: fleetSecretKey,
      THREADLINE_DATA_DIR: '.test-data/unused',
      THREADLINE_LOG_LEVEL: process.env.THREADLINE_TEST_WORKER_LOGS ? 'info' : 'silent',
      ...env,
    },
    stdio: ['ignore', process.env.THREADLINE_TEST_WORKER_LOGS ? 'inherit' : 'ignore', 'pipe'],
  });
  let stderr = '';
  if (process.env.THREADLINE_TEST_WORKER_LOGS)
    child.stderr.on('data', (c: Buffer) => process.stdout.write(c));
  const name = new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /Sync worker (\S+) is running/.exec(stderr);
      if (match) resolve(match[1]!);
    });
    child.once('exit', () => reject(new Error(`worker ended before it ran: ${stderr}`)));
  });
  const exited = new Promise<number | string | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code)),
  );
  return {
    child,
    name,
    exited,
    kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** The mailboxes each worker holds now, by the lease columns. */
export async function holdersNow(database: Queryable): Promise<Map<string, string[]>> {
  const rows = await database.query<{ id: string; owner: string }>(
    `SELECT id, lease_owner AS owner FROM mailboxes
     WHERE lease_owner IS NOT NULL AND lease_expires_at > now() ORDER BY id`,
  );
  const held = new Map<string, string[]>();
  for (const row of rows) held.set(row.owner, [...(held.get(row.owner) ?? []), row.id]);
  return held;
}

/** Polls `check` every 100 ms until it is true; fails after `ms` with `what`. */
export async function eventually(
  what: string,
  check: () => Promise<boolean>,
  ms: number,
): Promise<number> {
  const started = performance.now();
  while (!(await check())) {
    if (performance.now() - started > ms) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return performance.now() - started;
}
