import type { JobQueue } from '../../adapters/queue/job-queue.js';
import { mailboxesRepository, type MailboxRow } from '../../adapters/db/repositories/mailboxes.js';
import { noticesRepository } from '../../adapters/db/repositories/notices.js';
import { silentLogger, type Logger } from '../../adapters/system/logger.js';
import {
  retryDelayMs,
  refusedConnectionTries,
  refusedRetrySeconds,
} from '../../core/sync/health.js';
import { syncMailboxOnce, type SyncDeps, type SyncReport } from './sync-mailbox.js';
import { isDatabaseUnavailable, retryWhileDatabaseUnavailable } from './database-retry.js';
import type { RequestSync, SchedulerOptions } from './scheduler-options.js';
import { watchInbox } from './watch-inbox.js';
import { liveFirst } from './live-first.js';

export type { RequestSync, SchedulerOptions } from './scheduler-options.js';

const syncQueue = 'mailbox-sync';
/**
 * Passes of INBOX alone, asked for by new mail, have their own queue and
 * workers: live mail never waits behind full passes and back-fills.
 */
const liveQueue = 'mailbox-sync-live';

/** A pass of INBOX alone: the one new mail pushed by IDLE asks for. */
const isPushedPass = (only: readonly string[] | undefined) =>
  only?.length === 1 && only[0] === 'INBOX';

/** The longest a back-fill's batch waits for passes of pushed mail to end (see `liveFirst`). */
const liveFirstMaxWaitMs = 2000;

/** One pass over a mailbox: every selected folder, or only some (pushed by IDLE). */
interface SyncJob {
  readonly mailboxId: string;
  readonly only?: readonly string[];
  /** How many times in a row this pass found the mailbox held by another worker. */
  readonly waited?: number;
  /** How many passes in a row lost the store's connection. */
  readonly unreachable?: number;
}

/**
 * When a pass asks again after finding its mailbox held, or its store out of
 * reach: soon at first (the holder may be about to finish, the store back
 * from a failover), then less often, up to the poll's pace, so a back-fill of
 * hours elsewhere costs one claim a minute.
 */
const retrySeconds = (times: number) => Math.min(60, 2 ** times);

/** The pass, or part of it, stopped because the store could not be reached. */
function lostStore(report: SyncReport): boolean {
  if (report.status === 'failed') return report.code === 'DATABASE_UNAVAILABLE';
  return (
    report.status === 'done' &&
    report.folders.some((folder) => folder.error?.code === 'DATABASE_UNAVAILABLE')
  );
}

function progressed(report: SyncReport): boolean {
  return report.status === 'done' && report.folders.some((folder) => folder.fetched > 0);
}

/**
 * The mailboxes whose server refused them, by id: when the poll tries each
 * again, for which refusal, and with which credentials (new ones are tried
 * at once). See `refusedRetrySeconds`.
 */
function refusedMailboxes(pollSeconds: number) {
  const held = new Map<string, { attempt: number; credentials: string | null; at: number }>();
  return {
    has: (id: string) => held.has(id),
    /** Whether the poll asks for a pass of the mailbox now. */
    dueForPoll(mailbox: MailboxRow, now: number): boolean {
      const entry = held.get(mailbox.id);
      const sameCredentials = entry !== undefined && entry.credentials === mailbox.credentials;
      if (mailbox.state !== 'failed' || (entry && !sameCredentials)) {
        held.delete(mailbox.id);
        return true;
      }
      if (!sameCredentials || entry.attempt !== mailbox.attempt) {
        const delay = refusedRetrySeconds(mailbox.attempt, pollSeconds);
        const at = delay === null ? Infinity : now + delay * 1000;
        held.set(mailbox.id, { attempt: mailbox.attempt, credentials: mailbox.credentials, at });
        return false;
      }
      if (now < entry.at) return false;
      entry.at = Infinity;
      return true;
    },
  };
}

/**
 * What follows a pass: another one soon when the store was out of reach or
 * another worker held the mailbox, one after the connection's back-off when
 * the server could not be reached, and a notice to the owner once the server
 * has refused the mailbox too often to try again.
 */
async function followUpPass(
  {
    database,
    log,
    requestSync,
  }: { database: SyncDeps['database']; log: Logger; requestSync: RequestSync },
  { mailboxId, only, waited = 0, unreachable = 0 }: SyncJob,
  report: SyncReport | 'unreachable',
): Promise<void> {
  if (report === 'unreachable' || lostStore(report)) {
    // The folders' checkpoints say where the next pass resumes; the poll is too far
    // off. A pass that stored something starts the back-off again.
    const times = report !== 'unreachable' && progressed(report) ? 1 : unreachable + 1;
    log.warn(
      { mailboxId, only: only ?? null, inSeconds: retrySeconds(times) },
      'sync retry asked for: the store was out of reach',
    );
    await retryWhileDatabaseUnavailable(() =>
      requestSync(
        { id: mailboxId },
        {
          ...(only ? { only } : {}),
          unreachable: times,
          startAfterSeconds: retrySeconds(times),
        },
      ),
    );
  } else if (report.status === 'done' && report.sliced) {
    // Behind the passes already waiting: other mailboxes' back-fills take their turns.
    log.info({ mailboxId }, 'sync pass asked for: the back-fill goes on after its slice');
    await requestSync({ id: mailboxId });
  } else if (report.status === 'leased') {
    log.info(
      { mailboxId, only: only ?? null, inSeconds: retrySeconds(waited + 1) },
      'sync retry asked for: another worker holds the mailbox',
    );
    // The worker holding the mailbox may be past these folders already.
    await requestSync(
      { id: mailboxId },
      {
        ...(only ? { only } : {}),
        waited: waited + 1,
        startAfterSeconds: retrySeconds(waited + 1),
      },
    );
  } else if (report.status === 'failed') {
    await followUpFailure({ database, log, requestSync }, mailboxId, report);
  }
}

/**
 * A failed pass: another after the connection's back-off while the mailbox
 * is retrying; a notice to the owner when only they can put it right.
 */
async function followUpFailure(
  {
    database,
    log,
    requestSync,
  }: { database: SyncDeps['database']; log: Logger; requestSync: RequestSync },
  mailboxId: string,
  report: SyncReport & { status: 'failed' },
): Promise<void> {
  const mailbox = await mailboxesRepository(database).findById(mailboxId);
  if (mailbox?.state === 'retrying') {
    const inSeconds = retryDelayMs(report.code, mailbox.attempt, Math.random()) / 1000;
    log.info(
      { mailboxId, code: report.code, attempt: mailbox.attempt, inSeconds },
      'sync retry asked for: the connection failed',
    );
    await requestSync(mailbox, { startAfterSeconds: inSeconds });
  } else if (
    mailbox?.state === 'failed' &&
    mailbox.attempt === 1 &&
    (report.code === 'AUTH_FAILED' || report.code === 'SIGN_IN_AGAIN')
  ) {
    // Told at the first refusal: only the owner can give a new password or sign in again.
    await noticesRepository(database).add(
      report.code === 'AUTH_FAILED'
        ? {
            userId: mailbox.ownerId,
            mailboxId: mailbox.id,
            kind: 'needs_new_password',
            text:
              `"${mailbox.label}" needs a new password: ${report.message} ` +
              'Enter it under Mailboxes, Edit.',
          }
        : {
            userId: mailbox.ownerId,
            mailboxId: mailbox.id,
            kind: 'sign_in_again',
            text:
              `"${mailbox.label}" needs you to sign in again: ${report.message} ` +
              'Choose Sign in again under Mailboxes; sync resumes where it stopped.',
          },
    );
  } else if (mailbox?.state === 'failed' && mailbox.attempt === refusedConnectionTries) {
    log.warn(
      { mailboxId, code: report.code, attempt: mailbox.attempt },
      'sync stopped until the owner acts: the server refused the connection',
    );
    await noticesRepository(database).add({
      userId: mailbox.ownerId,
      mailboxId: mailbox.id,
      kind: 'connection_refused',
      text:
        `Sync of "${mailbox.label}" stopped: its server refused the connection ` +
        `${refusedConnectionTries} times (${report.message}). Check the mailbox's ` +
        'settings, then ask for a sync.',
    });
  }
}

/**
 * Queues passes. A pass of some folders has its own key: pushed mail must not
 * wait behind a queued full pass, nor swallow one.
 */
function syncRequester(queue: JobQueue): RequestSync {
  return (mailbox, pass = {}) =>
    queue.send<SyncJob>(
      isPushedPass(pass.only) ? liveQueue : syncQueue,
      {
        mailboxId: mailbox.id,
        ...(pass.only ? { only: pass.only } : {}),
        ...(pass.waited ? { waited: pass.waited } : {}),
        ...(pass.unreachable ? { unreachable: pass.unreachable } : {}),
      },
      {
        singletonKey: pass.only ? `${mailbox.id}:${pass.only.join('\n')}` : mailbox.id,
        startAfterSeconds: pass.startAfterSeconds ?? 0,
      },
    );
}

/**
 * Sync work as jobs behind the queue contract: one job per mailbox pass, at
 * most one queued per mailbox, a lease so two workers never sync one mailbox
 * at once, and a retry with backoff and jitter after a connection failure.
 */
export function createSyncScheduler(
  deps: SyncDeps & { queue: JobQueue },
  options: SchedulerOptions,
) {
  const { queue } = deps;
  const log = deps.logger ?? silentLogger;
  const stopping = new AbortController();
  /** Each watched mailbox's watcher, and what stops it alone. */
  const watchers = new Map<string, { done: Promise<void>; stop: AbortController }>();
  let timer: NodeJS.Timeout | null = null;

  const requestSync = syncRequester(queue);
  const live = liveFirst({ maxWaitMs: liveFirstMaxWaitMs });
  const held = (id: string) => options.holds?.(id) ?? true;

  /** The mailboxes to poll and watch: a paused one (by its owner, or as its owner was deactivated) is left alone. */
  const imapMailboxes = async () =>
    (await mailboxesRepository(deps.database).list(null)).filter(
      (m) => m.kind === 'imap' && !m.pausedAt && held(m.id),
    );

  const refused = refusedMailboxes(options.pollSeconds);

  function watch(mailbox: MailboxRow): void {
    if (!options.waitForNewMail || watchers.has(mailbox.id)) return;
    const stop = new AbortController();
    const done = watchInbox(mailbox, {
      waitForNewMail: options.waitForNewMail,
      lendForPass: options.lendForPass,
      stopWatching: options.stopWatching,
      requestSync,
      database: deps.database,
      signal: AbortSignal.any([stopping.signal, stop.signal]),
    }).finally(() => watchers.delete(mailbox.id));
    watchers.set(mailbox.id, { done, stop });
  }

  async function poll(mailboxes: readonly MailboxRow[]): Promise<void> {
    const now = Date.now();
    for (const mailbox of mailboxes) {
      if (!refused.dueForPoll(mailbox, now)) continue;
      await requestSync(mailbox);
      // A refused mailbox is watched again once a pass got in.
      const refusedLately = mailbox.state === 'failed' || refused.has(mailbox.id);
      if (!refusedLately) watch(mailbox);
    }
  }

  const pollAll = async () => poll(await imapMailboxes());

  async function runPass(job: SyncJob): Promise<void> {
    const { mailboxId, only } = job;
    // Handed to another worker since the pass was asked for: that worker syncs it.
    if (!held(mailboxId)) return;
    const pushed = isPushedPass(only);
    const pass = () =>
      syncMailboxOnce(deps, mailboxId, {
        worker: options.worker,
        signal: stopping.signal,
        ...(only ? { only } : {}),
        ...(options.holderGone ? { holderGone: options.holderGone } : {}),
        ...(options.holds ? { keepLease: true } : {}),
        ...(pushed ? {} : { yieldToLive: live.clear }),
      });
    const report = await (pushed ? live.during(pass) : pass()).catch((error: unknown) => {
      if (isDatabaseUnavailable(error)) return 'unreachable' as const;
      throw error;
    });
    options.onReport?.(report);
    await followUpPass({ database: deps.database, log, requestSync }, job, report);
  }

  return {
    requestSync: async (mailbox: Pick<MailboxRow, 'id'>): Promise<void> => {
      await requestSync(mailbox);
    },
    /**
     * Mailboxes this worker now holds: watched from now on, and synced at
     * once while back-filling. A back-filled one needs no pass of its own:
     * its watcher catches INBOX up before its first IDLE, and the other
     * folders wait for their poll, so taking over costs one login each.
     */
    async adopt(ids: readonly string[]): Promise<void> {
      const wanted = new Set(ids);
      for (const mailbox of await imapMailboxes()) {
        if (!wanted.has(mailbox.id)) continue;
        if (mailbox.backfillDoneAt && mailbox.state !== 'failed') watch(mailbox);
        else await poll([mailbox]);
      }
    },
    /** Mailboxes this worker no longer holds: their watchers stop and close their sessions. */
    async letGo(ids: readonly string[]): Promise<void> {
      const stopped = ids.flatMap((id) => {
        const watcher = watchers.get(id);
        watcher?.stop.abort();
        return watcher ? [watcher.done] : [];
      });
      await Promise.allSettled(stopped);
      // A watcher stopped between IDLE rounds still keeps its session open.
      await Promise.allSettled(ids.map(async (id) => options.stopWatching?.({ id })));
    },
    /** Passes waiting to run in this process's queue, or across processes for a shared one. */
    queueDepth: async () => (await queue.depth(syncQueue)) + (await queue.depth(liveQueue)),
    async start(): Promise<void> {
      await queue.work<SyncJob>(syncQueue, runPass, { concurrency: options.concurrency });
      await queue.work<SyncJob>(liveQueue, runPass, { concurrency: options.concurrency });
      await pollAll();
      timer = setInterval(() => void pollAll().catch(() => undefined), options.pollSeconds * 1000);
      timer.unref();
    },
    async stop(): Promise<void> {
      stopping.abort();
      if (timer) clearInterval(timer);
      await Promise.allSettled([...watchers.values()].map((watcher) => watcher.done));
    },
  };
}

export type SyncScheduler = ReturnType<typeof createSyncScheduler>;
