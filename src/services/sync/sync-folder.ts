import type { Database } from '../../adapters/db/database.js';
import {
  checkpointStatement,
  mailboxesRepository,
  type FolderRow,
  type MailboxRow,
} from '../../adapters/db/repositories/mailboxes.js';
import { messageLocationsRepository } from '../../adapters/db/repositories/message-locations.js';
import type { Clock } from '../../adapters/system/clock.js';
import type { Logger } from '../../adapters/system/logger.js';
import type { IngestService } from '../capture/ingest.js';
import type { SliceBudget } from './backfill-slice.js';
import { ingestFolder, type FolderIngested } from './batch-pipeline.js';
import { followChanges } from './follow-changes.js';
import type { FolderStatus, MailSession } from './mail-source.js';
import {
  asThreadlineError,
  isAbortOf,
  isLeaseLost,
  recordFolderFailure,
  stateOf,
  type FolderReport,
} from './pass-outcomes.js';

const dayMs = 86_400_000;
/** Fewer, larger transactions; two batches in memory at most (one stored, one prepared). */
const defaultBatchSize = 250;

/** What syncing one folder needs of a pass's dependencies. */
export interface FolderDeps {
  readonly database: Database;
  readonly ingest: Pick<IngestService, 'prepareBatch' | 'commitBatch'>;
  readonly clock: Clock;
  /** Messages per batch (and per transaction); 250 by default. */
  readonly batchSize?: number;
  /** Larger messages are fetched up to this many bytes and parsed from what arrived. */
  readonly maxMessageBytes?: number;
  /** Called after each stored batch with the folder and its messages taken in so far. */
  readonly onProgress?: (folderPath: string, fetched: number) => void;
}

/** What a pass hands each folder it visits. */
export interface FolderRun {
  readonly worker: string;
  readonly leaseSeconds: number;
  readonly signal?: AbortSignal | undefined;
  /** Names the mailbox and the folder on every line. */
  readonly log: Logger;
  /** What is left of a back-fill's slice; null when the pass is not sliced. */
  readonly slice: SliceBudget | null;
  /** Awaited before each batch after the first, for live mail to go first. */
  readonly yieldToLive?: (() => Promise<void>) | undefined;
}

type FolderCounts = {
  -readonly [key in keyof Omit<FolderReport, 'path' | 'error' | 'unfinished'>]: number;
};

/**
 * One folder of a pass: its new messages taken in (batch-pipeline.ts), then
 * its changes followed, its checkpoint moved to what the server showed at
 * open time, and its state recorded. A failure is recorded on the folder,
 * with what was counted before it; a lost lease or an aborted pass ends the pass.
 */
export async function syncFolder(
  deps: FolderDeps,
  session: MailSession,
  mailbox: MailboxRow,
  folder: FolderRow,
  options: FolderRun,
): Promise<FolderReport> {
  const mailboxes = mailboxesRepository(deps.database);
  const counts: FolderCounts = { fetched: 0, captured: 0, ignored: 0, quarantined: 0 };
  try {
    const status = await session.openFolder(folder.path);
    const relist = folder.uidValidity !== null && folder.uidValidity !== status.uidValidity;
    if (relist) {
      await messageLocationsRepository(deps.database).forgetOtherUidValidity(
        mailbox.id,
        folder.path,
        status.uidValidity,
      );
    }
    const backfilling = mailbox.backfillDoneAt === null;
    // A folder reads live only once its changes are applied, at the end of the visit.
    if (backfilling) {
      await mailboxes.setFolderState(mailbox.id, folder.path, {
        ...stateOf('backfilling'),
        attempt: folder.attempt,
      });
    }
    const { lastUid, complete } = await takeInNewMail(deps, session, mailbox, folder, {
      ...options,
      status,
      fromStart: relist || folder.uidValidity === null,
      backfilling,
      counts,
    });
    // Cut at the slice's end: the batches' checkpoints stand, and changes are
    // followed once the folder is read to its end.
    if (!complete) return { path: folder.path, ...counts, error: null, unfinished: true };
    await followChanges(deps.database, session, mailbox, folder, status, relist, counts.fetched);
    // Everything below UIDNEXT at open time was seen (older mail outside the window on purpose).
    await mailboxes.saveCheckpoint({
      mailboxId: mailbox.id,
      path: folder.path,
      uidValidity: status.uidValidity,
      lastUid: Math.max(lastUid, status.uidNext - 1),
      highestModseq: status.highestModseq,
      serverCount: status.exists,
    });
    await mailboxes.setFolderState(mailbox.id, folder.path, {
      ...stateOf('live'),
      succeededAt: deps.clock.now(),
    });
    options.log.debug({ ...counts }, 'folder synced');
    return { path: folder.path, ...counts, error: null };
  } catch (error) {
    if (isLeaseLost(error) || isAbortOf(options.signal, error)) throw error;
    const failure = asThreadlineError(error);
    options.log.warn({ code: failure.code, message: failure.message, ...counts }, 'folder failed');
    const report = await recordFolderFailure(deps.database, mailbox, folder, failure);
    return { ...report, ...counts };
  }
}

/**
 * The folder's messages above its checkpoint taken in through the capture
 * pipeline (a back-fill, or a folder read from its start, only those within
 * the mailbox's window), counted in `counts` as each batch is stored.
 * Stops at the end of the back-fill's slice.
 */
async function takeInNewMail(
  deps: FolderDeps,
  session: MailSession,
  mailbox: MailboxRow,
  folder: FolderRow,
  run: FolderRun & {
    status: FolderStatus;
    /** The folder is new to the store, or re-listed after a UIDVALIDITY change. */
    fromStart: boolean;
    backfilling: boolean;
    counts: FolderCounts;
  },
): Promise<FolderIngested> {
  const { status, counts, fromStart } = run;
  const now = deps.clock.now().getTime();
  const windowDays = Math.max(mailbox.activityWindowDays, mailbox.statsWindowDays);
  return ingestFolder(
    {
      ingest: deps.ingest,
      batchSize: deps.batchSize ?? defaultBatchSize,
      maxMessageBytes: deps.maxMessageBytes,
    },
    {
      session,
      mailbox,
      path: folder.path,
      status,
      afterUid: fromStart ? 0 : folder.lastUid,
      // A folder read from its start (new, or re-listed after a UIDVALIDITY change) is read
      // as a back-fill reads it: older mail is outside the window.
      sinceDate: run.backfilling || fromStart ? new Date(now - windowDays * dayMs) : undefined,
      activitySince: now - mailbox.activityWindowDays * dayMs,
      checkpoint: (lastUid, messages) =>
        checkpointStatement({
          mailboxId: mailbox.id,
          path: folder.path,
          uidValidity: status.uidValidity,
          lastUid,
          // Changes are followed at the end of the pass: until then, the stored point stands,
          // so a pass cut short follows them from there the next time. A folder read from
          // its start holds every message as it stood at open time or later.
          highestModseq: fromStart ? status.highestModseq : folder.highestModseq,
          // A back-fill resumed after a slice counts the folder as this pass opened it.
          serverCount: fromStart || run.backfilling ? status.exists : { plus: messages },
          lease: { owner: run.worker, seconds: run.leaseSeconds },
        }),
      onStored: (stored) => {
        counts.fetched += stored.outcomes.length;
        run.slice?.took(stored.outcomes.length);
        for (const outcome of stored.outcomes) counts[outcome.status] += 1;
        run.log.debug({ messages: stored.outcomes.length, ...counts }, 'batch stored');
      },
      onProgress: () => deps.onProgress?.(folder.path, counts.fetched),
      ...(run.slice ? { enough: run.slice.spent } : {}),
      ...(run.yieldToLive ? { beforeBatch: run.yieldToLive } : {}),
      signal: run.signal,
    },
  );
}
