import { hostname } from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import { createInProcessQueue } from '../../adapters/queue/in-process-queue.js';
import { createPgBossQueue } from '../../adapters/queue/pg-boss-queue.js';
import type { Database } from '../../adapters/db/database.js';
import { mailboxesRepository } from '../../adapters/db/repositories/mailboxes.js';
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
          // Mail that arrived while no IDLE was listening (during a sync pass, a
          // reconnect, a server restart) would otherwise wait for the next poll.
          const status = await session.openFolder('INBOX');
          const inbox = (await mailboxesRepository(deps.database).folders(mailbox.id)).find(
            (folder) => folder.path === 'INBOX',
          );
          if (inbox?.uidValidity === status.uidValidity && inbox.lastUid < status.uidNext - 1) {
            // A pass already running is catching up: ask again shortly rather than spin.
            if (await isBeingSynced(deps.database, mailbox.id)) {
              await delay(500, undefined, { signal }).catch(() => undefined);
            }
            return 'exists';
          }
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

async function isBeingSynced(database: Database, mailboxId: string): Promise<boolean> {
  const rows = await database.query<{ leased: boolean }>(
    'SELECT lease_owner IS NOT NULL AND lease_expires_at > now() AS leased FROM mailboxes WHERE id = $1',
    [mailboxId],
  );
  return rows[0]?.leased ?? false;
}
