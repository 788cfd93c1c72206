import { setTimeout as delay } from 'node:timers/promises';
import { createInProcessQueue } from '../../adapters/queue/in-process-queue.js';
import { createPgBossQueue } from '../../adapters/queue/pg-boss-queue.js';
import type { Database } from '../../adapters/db/database.js';
import type { Presence } from '../../adapters/db/presence-connection.js';
import { inboxPollingRepository } from '../../adapters/db/repositories/inbox-polling.js';
import { mailboxesRepository, type MailboxRow } from '../../adapters/db/repositories/mailboxes.js';
import type { ImapSession } from '../../adapters/imap/imap-client.js';
import type { Clock } from '../../adapters/system/clock.js';
import { silentLogger, type Logger } from '../../adapters/system/logger.js';
import { isGoneWorker, workerName } from '../../adapters/system/workers.js';
import type { IngestService } from '../capture/ingest.js';
import type { MailboxService } from '../mailboxes/mailbox-service.js';
import type { MailSession } from './mail-source.js';
import type { BackfillSlice } from './backfill-slice.js';
import { mailboxSessionOpener, type ImapTimeouts } from './open-mailbox-session.js';
import { inboxPushTracker } from './inbox-push.js';
import { pacedLogins } from './paced-logins.js';
import { syncTally } from './sync-tally.js';
import { createSyncScheduler, type SchedulerOptions } from './sync-scheduler.js';
import { fleetWorker, type FleetBudget } from './fleet-worker.js';
import type { FleetMember } from './fleet-member.js';
import { followRequestedPasses } from './requested-passes.js';

/** How often a fleet worker looks for passes asked for of its mailboxes ("Sync now"). */
const requestedPassesMs = 1000;
/** How long one IDLE waits before it is renewed (servers drop IDLE after about 30 minutes). */
const idleRenewMs = 10 * 60_000;
/**
 * How long a watcher's session waits, not idling, for this process's pass to
 * borrow it; a pass that runs elsewhere (pg-boss, another process) opens its own.
 */
const lendMs = 3000;

/**
 * Sessions a watcher lends to the next pass of its mailbox in this process:
 * a pass opens a lent session when one waits for it, else a new one.
 */
function lentSessions(opener: (mailbox: MailboxRow) => Promise<MailSession>) {
  /** A watcher's session waiting for this process's next pass on that mailbox. */
  const lendable = new Map<string, () => MailSession>();
  return {
    openSession: async (mailbox: MailboxRow): Promise<MailSession> => {
      const borrow = lendable.get(mailbox.id);
      if (borrow) {
        lendable.delete(mailbox.id);
        return borrow();
      }
      return opener(mailbox);
    },

    /** Offers the session to the next pass; resolves once it is given back, or was not taken in time. */
    lend: (mailboxId: string, session: ImapSession, signal: AbortSignal) =>
      new Promise<void>((resolve) => {
        const settle = () => {
          clearTimeout(timer);
          signal.removeEventListener('abort', withdraw);
          resolve();
        };
        const borrow = (): MailSession => ({
          ...session,
          // INBOX is selected and synced (IDLE just reported it): no second SELECT.
          openFolder: (path) => session.refreshFolder(path),
          // The pass's close gives the session back to its watcher.
          close: async () => settle(),
        });
        const withdraw = () => {
          if (lendable.get(mailboxId) === borrow) {
            lendable.delete(mailboxId);
            settle();
          }
        };
        const timer = setTimeout(withdraw, lendMs);
        signal.addEventListener('abort', withdraw, { once: true });
        lendable.set(mailboxId, borrow);
      }),
  };
}

/**
 * The background work of `threadline start`: the job queue (in-process for
 * the embedded default, pg-boss when several processes share a server) and
 * the mailbox sync on it, with IDLE on every INBOX.
 *
 * A watcher keeps one session per mailbox with INBOX selected between IDLE
 * rounds, and lends it to the pass its EXISTS asked for, a pass of INBOX
 * alone: that pass needs no new connection and no second SELECT, and leaves
 * INBOX selected for the next IDLE. A SELECT costs Dovecot time in
 * proportion to the folder: at 100,000 messages 0.4–1 s for a new session
 * right after a delivery, most of such a pass.
 */
export async function startBackgroundSync(deps: {
  database: Database;
  ingest: IngestService;
  clock: Clock;
  mailboxes: MailboxService;
  queue: 'in-process' | 'pg-boss';
  maxMessageBytes: number;
  /** Where sync passes, batches, retries and failures are logged; silent by default. */
  logger?: Logger;
  /** How long a pass holds its mailbox without renewing its claim; 120 s by default. */
  leaseSeconds?: number;
  pollSeconds?: number;
  /** How often INBOX is looked at while its server is not known to push new mail; 15 s by default. */
  inboxPollSeconds?: number;
  /** How long IMAP connections wait for the server; the adapter's defaults when absent. */
  imapTimeouts?: ImapTimeouts;
  /** How much of a back-fill one pass takes in before the mailbox queues again; see SyncDeps. */
  backfillSlice?: BackfillSlice;
  /**
   * As one of a fleet of sync workers (`threadline worker`): only the
   * mailboxes this worker holds are synced, passes run in this process, and
   * logins are paced.
   */
  fleet?: FleetBudget;
  /** A fleet worker's presence connection, by which the others know at once when it dies. */
  presence?: Presence;
}) {
  const queue =
    deps.queue === 'pg-boss' && !deps.fleet
      ? await createPgBossQueue(deps.database)
      : createInProcessQueue();
  const logins = pacedLogins(
    mailboxSessionOpener(deps.mailboxes, () => deps.clock.now().getTime(), deps.imapTimeouts),
    { perSecond: deps.fleet?.loginsPerSecond ?? Infinity },
  );
  const opener = logins.open;
  const lending = lentSessions(opener);
  const log = deps.logger ?? silentLogger;
  const pushes = inboxPushTracker({
    pollMs: (deps.inboxPollSeconds ?? 15) * 1000,
    renewMs: idleRenewMs,
    async record(mailboxId, pollSeconds) {
      await inboxPollingRepository(deps.database).setPollSeconds(mailboxId, pollSeconds);
      if (pollSeconds !== null) {
        log.info({ mailboxId, pollSeconds }, 'server does not push new mail: INBOX polled');
      }
    },
  });

  const watcher = inboxWatcher({ database: deps.database, opener, lending, pushes });
  const worker = workerName(deps.fleet ? 'worker' : undefined);
  const tally = syncTally();
  let member: FleetMember | null = null;
  const scheduler = createSyncScheduler(
    { ...deps, queue, openSession: lending.openSession },
    {
      worker,
      holderGone: isGoneWorker,
      pollSeconds: deps.fleet?.pollSeconds ?? deps.pollSeconds ?? 60,
      concurrency: deps.fleet ? 4 : 2,
      onReport: tally.record,
      ...(deps.fleet ? { holds: (id: string) => member?.holds(id) ?? false } : {}),
      ...watcher,
    },
  );

  await scheduler.start();
  member = deps.fleet
    ? fleetWorker({
        database: deps.database,
        worker,
        budget: deps.fleet,
        leaseSeconds: deps.leaseSeconds ?? 120,
        logger: log,
        scheduler,
        tally,
        connections: logins.connections,
        ...(deps.presence ? { presence: deps.presence } : {}),
      })
    : null;
  await member?.join();
  const requested = deps.fleet
    ? followRequestedPasses({
        database: deps.database,
        worker,
        requestSync: scheduler.requestSync,
        everyMs: requestedPassesMs,
        logger: log,
      })
    : null;
  requested?.start();
  return {
    requestSync: scheduler.requestSync,
    syncNow: scheduler.requestSync,
    /** This process's sync worker in the fleet; null outside one. */
    member,
    async stop() {
      await requested?.stop();
      await scheduler.stop();
      await queue.stop();
      await watcher.forgetAll();
      await member?.leave();
    },
  };
}

/**
 * The IDLE side of background sync: one connection per mailbox kept on
 * INBOX between rounds, lent to the pass its news asks for.
 */
function inboxWatcher(deps: {
  database: Database;
  opener: ReturnType<typeof mailboxSessionOpener>;
  lending: ReturnType<typeof lentSessions>;
  pushes: ReturnType<typeof inboxPushTracker>;
}): Required<Pick<SchedulerOptions, 'waitForNewMail' | 'stopWatching' | 'lendForPass'>> & {
  forgetAll(): Promise<unknown>;
} {
  const { opener, lending, pushes } = deps;
  /** Each watcher's session, open and selected on INBOX across IDLE rounds. */
  const watching = new Map<string, ImapSession>();
  async function forget(mailboxId: string): Promise<void> {
    const session = watching.get(mailboxId);
    watching.delete(mailboxId);
    pushes.forget(mailboxId);
    await session?.close();
  }

  return {
    async waitForNewMail(mailbox, signal) {
      let session = watching.get(mailbox.id);
      try {
        let status;
        if (session) {
          status = await session.refreshFolder('INBOX');
        } else {
          session = await opener(mailbox);
          watching.set(mailbox.id, session);
          status = await session.openFolder('INBOX');
        }
        // Mail that arrived while no IDLE was listening (during a sync pass, a
        // reconnect, a server restart) would otherwise wait for the next poll.
        const mailboxes = mailboxesRepository(deps.database);
        const inbox = (await mailboxes.folders(mailbox.id)).find(
          (folder) => folder.path === 'INBOX',
        );
        if (inbox?.uidValidity === status.uidValidity && inbox.lastUid < status.uidNext - 1) {
          await pushes.foundNewMail(mailbox.id);
          // A pass already running is catching up: ask again shortly rather than spin.
          if ((await mailboxes.leaseOwner(mailbox.id)) !== null) {
            await delay(500, undefined, { signal }).catch(() => undefined);
          }
          return 'exists';
        }
        const change = await session.waitForChange('INBOX', signal, pushes.waitMs(mailbox.id));
        await pushes.waited(mailbox.id, change);
        if (change === 'aborted') await forget(mailbox.id);
        return change;
      } catch (error) {
        await forget(mailbox.id);
        throw error;
      }
    },
    stopWatching: (mailbox) => forget(mailbox.id),
    lendForPass(mailbox, signal) {
      const session = watching.get(mailbox.id);
      return session ? lending.lend(mailbox.id, session, signal) : Promise.resolve();
    },
    forgetAll: () => Promise.all([...watching.keys()].map(forget)),
  };
}
