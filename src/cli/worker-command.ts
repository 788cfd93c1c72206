import { ConfigError, type Config } from '../config/config.js';
import { openApp } from '../app/open-app.js';
import { openPresence } from '../adapters/db/presence-connection.js';
import { createLogger } from '../adapters/system/logger.js';
import { startBackgroundSync } from '../services/sync/background-sync.js';

/**
 * `threadline worker`: one sync worker of a fleet on a PostgreSQL server,
 * without the web server. It holds its share of the mailboxes until it is
 * stopped (SIGTERM, SIGINT), then hands them back at once.
 */
export async function runWorker(config: Config, write: (text: string) => void): Promise<void> {
  if (!config.databaseUrl) {
    throw new ConfigError([
      'DATABASE_URL: `threadline worker` shares the mailboxes with other processes through a PostgreSQL server; ' +
        'the embedded store belongs to the one process of `threadline start`, which syncs every mailbox itself',
    ]);
  }
  const app = await openApp(config);
  const logger = createLogger({ level: config.logLevel }).child({ component: 'sync-worker' });
  let beatNow = () => {};
  // Opened anew when lost; the next heartbeat records its new pid, beaten at once.
  const presence = await openPresence(config.databaseUrl, () => beatNow());
  const sync = await startBackgroundSync({
    ...app,
    queue: 'in-process',
    maxMessageBytes: config.attachmentMaxBytes,
    leaseSeconds: config.syncLeaseSeconds,
    inboxPollSeconds: config.inboxPollSeconds,
    backfillSlice: config.backfillSlice,
    logger,
    fleet: config.worker,
    presence,
  });
  beatNow = () => void sync.member?.beat();
  write(
    `Sync worker ${sync.member?.name ?? ''} is running; it holds ${sync.member?.held().size ?? 0} mailboxes\n`,
  );
  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= sync
      .stop()
      .then(() => presence.close())
      .then(() => app.close())
      .then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
