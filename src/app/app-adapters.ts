import { availableParallelism, hostname } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../config/config.js';
import type { Database } from '../adapters/db/database.js';
import { lockDataDir, type DataDirLock } from '../adapters/db/data-dir-lock.js';
import { openEmbeddedDatabase } from '../adapters/db/embedded-database.js';
import { openServerDatabase } from '../adapters/db/server-database.js';
import { createInProcessQueue } from '../adapters/queue/in-process-queue.js';
import type { JobQueue } from '../adapters/queue/job-queue.js';
import { createPgBossQueue } from '../adapters/queue/pg-boss-queue.js';
import { cachingResolver, type CachingResolver } from '../adapters/sender-auth/caching-resolver.js';
import { senderAuthChecker, type SenderAuthChecker } from '../adapters/sender-auth/check-sender.js';

// What `openApp` opens from the configuration: the store, the job queue, parser threads, sender checks.

/**
 * The job queue of work a request hands over: in this process, or pg-boss
 * when several processes share a PostgreSQL server, started when first asked for.
 */
export function lazyQueue(config: Config, database: Database) {
  let queue: Promise<JobQueue> | null = null;
  const get = () =>
    (queue ??=
      config.queue === 'pg-boss'
        ? createPgBossQueue(database)
        : Promise.resolve(createInProcessQueue()));
  return {
    get,
    async stop() {
      if (queue) await (await queue).stop();
    },
  };
}

export function once(run: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  return () => (running ??= run());
}

/** A PostgreSQL server when configured; else the embedded store, under the data directory's lock. */
export async function openStore(
  config: Config,
): Promise<{ database: Database; lock: DataDirLock | null }> {
  if (config.databaseUrl) {
    return {
      database: openServerDatabase(config.databaseUrl, undefined, config.readTimeoutMs),
      lock: null,
    };
  }
  const lock = await lockDataDir(config.dataDir);
  try {
    return { database: await openEmbeddedDatabase({ dataDir: join(config.dataDir, 'pg') }), lock };
  } catch (error) {
    await lock.release();
    throw error;
  }
}

/**
 * Parser threads: one per core for the embedded store; one fewer beside a
 * PostgreSQL server, which works on the same cores. Measured on two cores
 * (`npm run bench:sync`): against the server one parser syncs as fast as
 * two and peaks about 30 MB lower; on the embedded store two are about 15%
 * faster.
 */
export function parseThreads(config: Config): number {
  const cores = availableParallelism();
  return Math.max(1, config.databaseUrl ? cores - 1 : cores);
}

export type CheckedSenders = SenderAuthChecker & Pick<CachingResolver, 'stats'>;

/** The sender checks of mail received or read from mailboxes, when they are on. */
export function senderAuthOf(config: Config): CheckedSenders | null {
  const settings = config.senderAuth;
  if (!settings.enabled) return null;
  const resolver = cachingResolver({
    server: settings.dnsServer,
    timeoutMs: settings.dnsTimeoutMs,
  });
  const checker = senderAuthChecker({
    resolver: resolver.resolve,
    trustedAuthservIds: settings.trustedAuthservIds,
    trustedArcSealers: settings.trustedArcSealers,
    mta: config.publicUrl ? new URL(config.publicUrl).hostname : hostname(),
  });
  return { ...checker, stats: () => resolver.stats() };
}
