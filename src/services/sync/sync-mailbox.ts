import type { Database } from '../../adapters/db/database.js';
import { mailboxesRepository, type MailboxRow } from '../../adapters/db/repositories/mailboxes.js';
import { silentLogger, type Logger } from '../../adapters/system/logger.js';
import { ThreadlineError } from '../../core/errors.js';
import type { MailSession } from './mail-source.js';
import { planPass, type PassPlan } from './pass-plan.js';
import { captureStoreRepository } from '../../adapters/db/repositories/capture-store.js';
import { claimMailbox } from './mailbox-claim.js';
import { isDatabaseUnavailable, unlessDatabaseUnavailable } from './database-retry.js';
import { sliceBudget, type BackfillSlice } from './backfill-slice.js';
import { syncFolder, type FolderDeps } from './sync-folder.js';
import {
  asThreadlineError,
  isAbortOf,
  isLeaseLost,
  recordBackfillNotice,
  recordFolderFailure,
  stateOf,
  transientCodes,
  type FolderReport,
} from './pass-outcomes.js';

export type { FolderReport };

export interface SyncDeps extends FolderDeps {
  /** Opens a session on the mailbox's server with its stored credentials. */
  readonly openSession: (mailbox: MailboxRow) => Promise<MailSession>;
  /** How long a mailbox stays claimed without renewal (renewed after every batch). */
  readonly leaseSeconds?: number;
  /** Where passes, batches and failures are logged; silent by default. */
  readonly logger?: Logger;
  /**
   * How much of a back-fill one pass takes in, in messages or seconds,
   * whichever comes first; without it a pass reads a back-fill to its end.
   */
  readonly backfillSlice?: BackfillSlice;
}

export type SyncReport =
  | { readonly status: 'leased' }
  /** The mailbox is paused (its owner is deactivated): nothing was read. */
  | { readonly status: 'paused' }
  | { readonly status: 'failed'; readonly code: string; readonly message: string }
  | {
      readonly status: 'done';
      readonly folders: readonly FolderReport[];
      readonly backfillEnded: boolean;
      /**
       * The pass stopped at the end of its back-fill slice, the checkpoints
       * where it stopped: another pass goes on from there.
       */
      readonly sliced?: boolean;
    };

const defaultLeaseSeconds = 120;
export interface PassOptions {
  /** Names this worker in the mailbox's lease. */
  readonly worker: string;
  /** Whether the worker holding the lease is known to be gone, so its claim is taken over. */
  readonly holderGone?: (worker: string) => boolean;
  /** The worker holds the mailbox beyond this pass (a fleet member): its lease stays when the pass ends. */
  readonly keepLease?: boolean;
  readonly signal?: AbortSignal;
  /**
   * Only these folders, when new mail was pushed for them (IDLE on INBOX):
   * no LIST, and the other folders wait for their poll. Such a pass never
   * ends a back-fill. Absent, every selected folder.
   */
  readonly only?: readonly string[];
  /** Awaited before each batch after the first: a pass of pushed mail goes first. */
  readonly yieldToLive?: () => Promise<void>;
}

/**
 * One pass over a mailbox: list folders, then for each selected folder fetch
 * what arrived after its checkpoint and take it in through the capture
 * pipeline. A checkpoint moves in the same transaction that stored its
 * messages, so a crash resumes exactly where it stopped; a UIDVALIDITY change
 * re-lists the folder, and stored messages are recognised, not duplicated.
 * A failing folder is recorded with its code and the other folders go on.
 */
export async function syncMailboxOnce(
  deps: SyncDeps,
  mailboxId: string,
  options: PassOptions,
): Promise<SyncReport> {
  const leaseSeconds = deps.leaseSeconds ?? defaultLeaseSeconds;
  const lease = {
    worker: options.worker,
    seconds: leaseSeconds,
    holderGone: options.holderGone,
    heldOnly: options.keepLease ?? false,
  };
  const log = (deps.logger ?? silentLogger).child({ mailboxId, worker: options.worker });
  if (!(await claimMailbox(deps.database, mailboxId, lease))) {
    log.info({}, 'sync pass skipped: another worker holds the mailbox');
    return { status: 'leased' };
  }
  const started = Date.now();
  log.info({ only: options.only ?? null }, 'sync pass started');
  const report = await claimedPass(deps, mailboxId, options, leaseSeconds, log);
  log.info(
    {
      status: report.status,
      ms: Date.now() - started,
      ...(report.status === 'done'
        ? {
            folders: report.folders.length,
            fetched: report.folders.reduce((sum, folder) => sum + folder.fetched, 0),
            failedFolders: report.folders.filter((folder) => folder.error).length,
          }
        : {}),
      ...(report.status === 'failed' ? { code: report.code } : {}),
    },
    'sync pass ended',
  );
  return report;
}

/** The pass of a mailbox this worker has claimed; the claim is let go at the end. */
async function claimedPass(
  deps: SyncDeps,
  mailboxId: string,
  options: PassOptions,
  leaseSeconds: number,
  log: Logger,
): Promise<SyncReport> {
  const mailboxes = mailboxesRepository(deps.database);
  try {
    const mailbox = await mailboxes.findById(mailboxId);
    if (!mailbox) throw new ThreadlineError('NOT_FOUND', `No mailbox ${mailboxId}`);
    if (mailbox.pausedAt || mailbox.disconnectedAt) {
      log.info({}, 'sync pass skipped: the mailbox is paused or disconnected');
      return { status: 'paused' };
    }
    let session: MailSession;
    try {
      // The state stays what the last pass left (live, retrying, refused) until this one tells.
      session = await deps.openSession(mailbox);
    } catch (error) {
      return await recordConnectionFailure(deps.database, mailbox, asThreadlineError(error), log);
    }
    try {
      return await passOverFolders(deps, session, mailbox, { ...options, leaseSeconds, log });
    } catch (error) {
      if (isLeaseLost(error)) {
        log.warn({}, 'sync pass stopped: another worker took the mailbox over');
        return { status: 'leased' };
      }
      if (isAbortOf(options.signal, error)) log.info({}, 'sync pass stopped: asked to stop');
      else log.error({ err: error }, 'sync pass failed');
      throw error;
    } finally {
      await session.close();
    }
  } finally {
    // Out of reach, the store keeps the claim in this worker's name, and its next pass takes it again.
    if (!options.keepLease) {
      await mailboxes.releaseLease(mailboxId, options.worker).catch(unlessDatabaseUnavailable);
    }
  }
}

/**
 * The server could not be reached, or the connection failed before any
 * folder was visited: the mailbox reads retrying (or failed, when only the
 * owner can help) with the server's reason, and the scheduler tries again.
 */
async function recordConnectionFailure(
  database: Database,
  mailbox: MailboxRow,
  failure: ThreadlineError,
  log: Logger,
): Promise<SyncReport> {
  log.warn({ code: failure.code, message: failure.message }, 'sync connection failed');
  await mailboxesRepository(database).setState(mailbox.id, {
    state: transientCodes.has(failure.code) ? 'retrying' : 'failed',
    code: failure.code,
    message: failure.message,
    attempt: mailbox.attempt + 1,
    succeededAt: null,
  });
  return { status: 'failed', code: failure.code, message: failure.message };
}

/** Syncs each folder of the pass in turn; a lost lease aborts the pass. */
async function passOverFolders(
  deps: SyncDeps,
  session: MailSession,
  mailbox: MailboxRow,
  options: PassOptions & { leaseSeconds: number; log: Logger },
): Promise<SyncReport> {
  const mailboxes = mailboxesRepository(deps.database);
  let plan: PassPlan;
  try {
    plan = await planPass(deps.database, session, mailbox, options.only);
  } catch (error) {
    if (isDatabaseUnavailable(error) || isAbortOf(options.signal, error)) throw error;
    // The connection failed while listing the folders: none was visited.
    return recordConnectionFailure(deps.database, mailbox, asThreadlineError(error), options.log);
  }
  const reports: FolderReport[] = [];
  // Only a back-fill is sliced: a live pass takes in what arrived since the last one.
  const slice =
    mailbox.backfillDoneAt === null && deps.backfillSlice ? sliceBudget(deps.backfillSlice) : null;
  let sliced = false;
  for (const folder of plan.folders) {
    options.signal?.throwIfAborted();
    if (slice?.spent()) {
      sliced = true;
      break;
    }
    reports.push(
      plan.missing.has(folder.path)
        ? await recordFolderFailure(
            deps.database,
            mailbox,
            folder,
            new ThreadlineError(
              'FOLDER_MISSING',
              `The folder "${folder.path}" no longer exists on the server: choose the folders again`,
            ),
          )
        : await syncFolder(deps, session, mailbox, folder, {
            worker: options.worker,
            leaseSeconds: options.leaseSeconds,
            signal: options.signal,
            log: options.log.child({ folder: folder.path }),
            slice,
            yieldToLive: options.yieldToLive,
          }),
    );
    if (reports.at(-1)!.unfinished) {
      sliced = true;
      break;
    }
  }
  if (sliced) options.log.info({}, 'back-fill slice ended: the next pass goes on from here');
  const now = deps.clock.now();
  await mailboxes.setState(mailbox.id, { ...stateOf('live'), succeededAt: now });
  const backfillEnded =
    plan.everyFolder &&
    !sliced &&
    reports.every((r) => r.error === null) &&
    (await mailboxes.markBackfillDone(mailbox.id, now));
  if (backfillEnded) {
    await recordBackfillNotice(deps.database, mailbox, reports);
    // A back-fill is most of what a store ever takes in at once.
    await captureStoreRepository(deps.database).refreshStatistics();
  }
  return { status: 'done', folders: reports, backfillEnded, ...(sliced ? { sliced } : {}) };
}
