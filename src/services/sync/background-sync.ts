import { hostname } from 'node:os';
import { createInProcessQueue } from '../../adapters/queue/in-process-queue.js';
import { createPgBossQueue } from '../../adapters/queue/pg-boss-queue.js';
import type { Database } from '../../adapters/db/database.js';
import type { Clock } from '../../adapters/system/clock.js';
import type { IngestService } from '../capture/ingest.js';
import type { MailboxService } from '../mailboxes/mailbox-service.js';
import { mailboxSessionOpener } from './open-mailbox-session.js';
import { createSyncScheduler } from './sync-scheduler.js';

/** How long one IDLE waits before it is renewed (servers drop IDLE after about 30 minutes). */
const idleRenewMs = 10 * 60_000;

/**
 * The background work of `threadline start`: the job queue (in-process for
 * the embedded default, pg-boss when several processes share a server) and
 * the mailbox sync on it, with IDLE on every INBOX.
 */
export async function startBackgroundSync(deps: {
  database: Database;
  ingest: IngestService;
  clock: Clock;
  mailboxes: MailboxService;
  queue: 'in-process' | 'pg-boss';
  maxMessageBytes: number;
  pollSeconds?: number;
}) {
  const queue =
    deps.queue === 'pg-boss' ? await createPgBossQueue(deps.database) : createInProcessQueue();
  const openSession = mailboxSessionOpener(deps.mailboxes, () => deps.clock.now().getTime());
  const scheduler = createSyncScheduler(
    { ...deps, queue, openSession },
    {
      worker: `${hostname()}:${process.pid}`,
      pollSeconds: deps.pollSeconds ?? 60,
      concurrency: 2,
      async waitForNewMail(mailbox, signal) {
        const session = await openSession(mailbox);
        try {
          return await session.waitForChange('INBOX', signal, idleRenewMs);
        } finally {
          await session.close();
        }
      },
    },
  );
  await scheduler.start();
  return {
    requestSync: scheduler.requestSync,
    async stop() {
      await scheduler.stop();
      await queue.stop();
    },
  };
}
