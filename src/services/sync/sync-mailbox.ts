import type { Database } from '../../adapters/db/database.js';
import {
  checkpointStatement,
  mailboxesRepository,
  type FolderRow,
  type MailboxRow,
} from '../../adapters/db/repositories/mailboxes.js';
import { leaseLostCode } from '../../adapters/db/database-errors.js';
import type { Clock } from '../../adapters/system/clock.js';
import { isThreadlineError, ThreadlineError } from '../../core/errors.js';
import type {
  CommittedBatch,
  FetchBodies,
  IngestItem,
  IngestService,
  PreparedBatch,
} from '../capture/ingest.js';
import type { FolderStatus, MailSession, RemoteFolder } from './mail-source.js';
import { messageLocationsRepository } from '../../adapters/db/repositories/message-locations.js';
import { captureStoreRepository } from '../../adapters/db/repositories/capture-store.js';
import { readAhead } from './read-ahead.js';
import { claimMailbox } from './mailbox-claim.js';
import { retryWhileDatabaseUnavailable, unlessDatabaseUnavailable } from './database-retry.js';

export interface SyncDeps {
  readonly database: Database;
  readonly ingest: Pick<IngestService, 'prepareBatch' | 'commitBatch'>;
  readonly clock: Clock;
  /** Opens a session on the mailbox's server with its stored credentials. */
  readonly openSession: (mailbox: MailboxRow) => Promise<MailSession>;
  /** Messages per batch (and per transaction); 250 by default. */
  readonly batchSize?: number;
  /** Larger messages are fetched up to this many bytes and parsed from what arrived. */
  readonly maxMessageBytes?: number;
  /** How long a mailbox stays claimed without renewal (renewed after every batch). */
  readonly leaseSeconds?: number;
  /** Called after each stored batch with the folder and its messages taken in so far. */
  readonly onProgress?: (folderPath: string, fetched: number) => void;
}

export interface FolderReport {
  readonly path: string;
  readonly fetched: number;
  readonly captured: number;
  readonly ignored: number;
  readonly quarantined: number;
  readonly error: { code: string; message: string } | null;
}

export type SyncReport =
  | { readonly status: 'leased' }
  | { readonly status: 'failed'; readonly code: string; readonly message: string }
  | {
      readonly status: 'done';
      readonly folders: readonly FolderReport[];
      readonly backfillEnded: boolean;
    };

const dayMs = 86_400_000;
const defaultLeaseSeconds = 120;
/** Fewer, larger transactions; two batches in memory at most (one stored, one prepared). */
const defaultBatchSize = 250;

export interface PassOptions {
  /** Names this worker in the mailbox's lease. */
  readonly worker: string;
  /** Whether the worker holding the lease is known to be gone, so its claim is taken over. */
  readonly holderGone?: (worker: string) => boolean;
  readonly signal?: AbortSignal;
  /**
   * Only these folders, when new mail was pushed for them (IDLE on INBOX):
   * no LIST, and the other folders wait for their poll. Such a pass never
   * ends a back-fill. Absent, every selected folder.
   */
  readonly only?: readonly string[];
}

/**
 * Connection failures, to the mail server or to the store, worth another try;
 * the rest need the user (password, certificate).
 */
const transientCodes = new Set([
  'HOST_UNREACHABLE',
  'TIMEOUT',
  'PROTOCOL_ERROR',
  'DATABASE_UNAVAILABLE',
]);

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
  const mailboxes = mailboxesRepository(deps.database);
  const leaseSeconds = deps.leaseSeconds ?? defaultLeaseSeconds;
  const lease = { worker: options.worker, seconds: leaseSeconds, holderGone: options.holderGone };
  if (!(await claimMailbox(deps.database, mailboxId, lease))) {
    return { status: 'leased' };
  }
  try {
    const mailbox = await mailboxes.findById(mailboxId);
    if (!mailbox) throw new ThreadlineError('NOT_FOUND', `No mailbox ${mailboxId}`);
    let session: MailSession;
    try {
      await mailboxes.setState(mailbox.id, { ...stateOf('connecting'), attempt: mailbox.attempt });
      session = await deps.openSession(mailbox);
    } catch (error) {
      const failure = asThreadlineError(error);
      const transient = transientCodes.has(failure.code);
      await mailboxes.setState(mailbox.id, {
        state: transient ? 'retrying' : 'failed',
        code: failure.code,
        message: failure.message,
        attempt: mailbox.attempt + 1,
        succeededAt: null,
      });
      return { status: 'failed', code: failure.code, message: failure.message };
    }
    try {
      return await passOverFolders(deps, session, mailbox, { ...options, leaseSeconds });
    } catch (error) {
      if (isLeaseLost(error)) return { status: 'leased' };
      throw error;
    } finally {
      await session.close();
    }
  } finally {
    // Out of reach, the store keeps the claim in this worker's name, and its next pass takes it again.
    await mailboxes.releaseLease(mailboxId, options.worker).catch(unlessDatabaseUnavailable);
  }
}

/** Syncs each folder of the pass in turn; a lost lease aborts the pass. */
async function passOverFolders(
  deps: SyncDeps,
  session: MailSession,
  mailbox: MailboxRow,
  options: PassOptions & { leaseSeconds: number },
): Promise<SyncReport> {
  const mailboxes = mailboxesRepository(deps.database);
  const plan = await planPass(deps.database, session, mailbox, options.only);
  const reports: FolderReport[] = [];
  for (const folder of plan.folders) {
    options.signal?.throwIfAborted();
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
          }),
    );
  }
  const now = deps.clock.now();
  await mailboxes.setState(mailbox.id, { ...stateOf('live'), succeededAt: now });
  const backfillEnded =
    plan.everyFolder &&
    reports.every((r) => r.error === null) &&
    (await mailboxes.markBackfillDone(mailbox.id, now));
  if (backfillEnded) {
    await recordBackfillNotice(deps.database, mailbox, reports);
    // A back-fill is most of what a store ever takes in at once.
    await captureStoreRepository(deps.database).refreshStatistics();
  }
  return { status: 'done', folders: reports, backfillEnded };
}

interface PassPlan {
  /** The folders to visit, in order. */
  readonly folders: readonly FolderRow[];
  /** Selected folders the server no longer lists. */
  readonly missing: ReadonlySet<string>;
  /** Whether the pass visits every selected folder (and so may end a back-fill). */
  readonly everyFolder: boolean;
}

/**
 * A pass asked for a few known folders visits those of them that are
 * selected, without a LIST. Any other pass lists the server's folders,
 * remembers new ones and visits every selected folder, INBOX first.
 */
async function planPass(
  database: Database,
  session: MailSession,
  mailbox: MailboxRow,
  only: readonly string[] | undefined,
): Promise<PassPlan> {
  if (only) {
    const known = (await mailboxesRepository(database).folders(mailbox.id)).filter((folder) =>
      only.includes(folder.path),
    );
    if (known.length === only.length) {
      return {
        folders: known.filter((folder) => folder.selected),
        missing: new Set(),
        everyFolder: false,
      };
    }
  }
  const remote = await session.listFolders();
  const stored = await rememberFolders(database, mailbox, remote);
  const remotePaths = new Set(remote.map((folder) => folder.path));
  return {
    folders: inboxFirst(stored.filter((folder) => folder.selected)),
    missing: new Set(stored.map((folder) => folder.path).filter((path) => !remotePaths.has(path))),
    everyFolder: true,
  };
}

async function syncFolder(
  deps: SyncDeps,
  session: MailSession,
  mailbox: MailboxRow,
  folder: FolderRow,
  lease: { worker: string; leaseSeconds: number },
): Promise<FolderReport> {
  const mailboxes = mailboxesRepository(deps.database);
  const counts = { fetched: 0, captured: 0, ignored: 0, quarantined: 0 };
  try {
    const status = await session.openFolder(folder.path);
    const relist = folder.uidValidity !== null && folder.uidValidity !== status.uidValidity;
    if (relist) await forgetLocations(deps.database, mailbox.id, folder.path, status.uidValidity);
    let lastUid = relist ? 0 : folder.lastUid;
    const backfilling = mailbox.backfillDoneAt === null;
    await mailboxes.setFolderState(mailbox.id, folder.path, {
      ...stateOf(backfilling ? 'backfilling' : 'live'),
      attempt: folder.attempt,
    });
    const now = deps.clock.now().getTime();
    const windowDays = Math.max(mailbox.activityWindowDays, mailbox.statsWindowDays);
    const activitySince = now - mailbox.activityWindowDays * dayMs;
    const batches = session.fetchSince(folder.path, lastUid, {
      batchSize: deps.batchSize ?? defaultBatchSize,
      sinceDate: backfilling ? new Date(now - windowDays * dayMs) : undefined,
      headersOnly: true,
    });
    const headers = readAhead(batches);
    const fetchBodies: FetchBodies = async (wanted, onSource) => {
      const byUid = new Map(wanted.map((item) => [item.location!.uid, item]));
      const sizes = new Map(wanted.map((item) => [item.location!.uid, item.size ?? Infinity]));
      const whole = session.fetchWhole(folder.path, [...byUid.keys()], {
        maxBytes: deps.maxMessageBytes,
        sizes,
      });
      for await (const message of whole) {
        const item = byUid.get(message.uid);
        if (item) onSource(item, message);
      }
    };
    /** The batch's bodies, then the next batch's headers, in this order on the connection. */
    const bodiesThenHeaders = (): FetchBodies => {
      let asked = false;
      return async (wanted, onSource) => {
        try {
          await fetchBodies(wanted, onSource);
        } finally {
          // Only the first time: a second fetch comes from the commit, while the next batch
          // is prepared, and must not send the headers after it ahead of that batch's bodies.
          if (!asked) headers.fetchNext();
          asked = true;
        }
      };
    };
    const tally = (stored: CommittedBatch) => {
      counts.fetched += stored.outcomes.length;
      for (const outcome of stored.outcomes) counts[outcome.status] += 1;
    };
    // One batch is stored while the next is fetched and parsed; commits (and
    // their checkpoints) still happen one after the other, in UID order.
    let storing: Promise<CommittedBatch> | null = null;
    /**
     * Lets the batch being stored send its statements. They wait until the
     * batch after it has sent its reads, or until there is no such batch: the
     * embedded store serves one request at a time, and reads queued behind a
     * batch's statements would hold up the fetch of the next batch's bodies,
     * which needs their answers: sent first, those reads take 1.4 to 1.6 s of
     * a 20,000-message back-fill, against 5.3 to 6.8 s queued behind.
     */
    let letStoringSend: (() => void) | null = null;
    const releaseStoring = () => {
      letStoringSend?.();
      letStoringSend = null;
    };
    let before: PreparedBatch | undefined;
    let stored: CommittedBatch | undefined;
    /** Waits for the batch being stored (whose checkpoint renewed the lease) and counts it. */
    const finishStoring = async (): Promise<CommittedBatch | undefined> => {
      if (!storing) return undefined;
      const done = await storing;
      storing = null;
      tally(done);
      deps.onProgress?.(folder.path, counts.fetched);
      return done;
    };
    try {
      for (let next = await headers.next(); !next.done; next = await headers.next()) {
        const batch = next.value;
        const items: IngestItem[] = batch.map((fetched) => ({
          raw: fetched.raw,
          truncated: fetched.truncated,
          headerOnly: fetched.headerOnly,
          size: fetched.size,
          source: `${folder.path}:${fetched.uid}`,
          statisticsOnly: (fetched.internalDate?.getTime() ?? now) < activitySince,
          location: {
            folderPath: folder.path,
            uidValidity: status.uidValidity,
            uid: fetched.uid,
            flags: fetched.flags,
          },
        }));
        const batchLastUid = Math.max(lastUid, ...batch.map((m) => m.uid));
        let prepared: PreparedBatch;
        try {
          prepared = await deps.ingest.prepareBatch(mailbox, items, {
            fetchBodies: bodiesThenHeaders(),
            ...(before ? { after: before } : {}),
            onReadsSent: releaseStoring,
          });
        } finally {
          releaseStoring();
        }
        // At the latest now, also when the batch wanted no body.
        headers.fetchNext();
        stored = (await finishStoring()) ?? stored;
        const nextReadsSent = new Promise<void>((resolve) => {
          letStoringSend = resolve;
        });
        // A batch's commit may be repeated: its rows and its checkpoint go in together or not at all.
        storing = retryWhileDatabaseUnavailable(() =>
          deps.ingest.commitBatch(prepared, {
            sendAfter: nextReadsSent,
            checkpoint: checkpointStatement({
              mailboxId: mailbox.id,
              path: folder.path,
              uidValidity: status.uidValidity,
              lastUid: batchLastUid,
              highestModseq: null,
              serverCount: status.exists,
              lease: { owner: lease.worker, seconds: lease.leaseSeconds },
            }),
            ...(stored ? { previous: stored } : {}),
          }),
        ).catch((error: unknown) => {
          throw isLeaseTaken(error) ? leaseLost(mailbox) : error;
        });
        // Awaited on the next turn or below; a failure must not go unhandled meanwhile.
        storing.catch(() => undefined);
        before = prepared;
        lastUid = batchLastUid;
      }
      releaseStoring();
      await finishStoring();
    } finally {
      releaseStoring();
      // A failed fetch or parse lets the batch being stored finish, and counts it.
      const last = await storing?.catch(() => null);
      if (last) tally(last);
      // A fetch in flight settles before the session is reused.
      await headers.close();
    }
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
    return { path: folder.path, ...counts, error: null };
  } catch (error) {
    if (isLeaseLost(error)) throw error;
    const report = await recordFolderFailure(
      deps.database,
      mailbox,
      folder,
      asThreadlineError(error),
    );
    return { ...report, ...counts };
  }
}

/**
 * Flags changed on the server (CONDSTORE, when the MODSEQ moved) and
 * messages deleted from it: named by the server (QRESYNC), or else found by
 * listing every UID when the folder holds fewer than it should.
 */
async function followChanges(
  database: Database,
  session: MailSession,
  mailbox: MailboxRow,
  folder: FolderRow,
  status: FolderStatus,
  relist: boolean,
  fetched: number,
): Promise<void> {
  const locations = messageLocationsRepository(database);
  const modseqMoved =
    !relist &&
    folder.highestModseq !== null &&
    status.highestModseq !== null &&
    folder.highestModseq !== status.highestModseq;
  let deletionsKnown = false;
  if (modseqMoved && session.changedSince) {
    const changes = await session.changedSince(folder.path, folder.highestModseq!);
    await locations.updateFlags(mailbox.id, folder.path, status.uidValidity, changes.flags);
    if (changes.vanished) {
      await locations.markVanished(mailbox.id, folder.path, status.uidValidity, changes.vanished);
      deletionsKnown = true;
    }
  }
  const expected = (folder.serverCount ?? 0) + fetched;
  if (!relist && !deletionsKnown && folder.serverCount !== null && status.exists < expected) {
    const uids = await session.listUids(folder.path);
    await locations.markGone(mailbox.id, folder.path, status.uidValidity, uids);
  }
}

/**
 * New server folders are remembered; the user's choice (or the default) says
 * which are synced. Only new or changed folders are written: a pass runs for
 * every new message, and a mailbox may have hundreds of folders.
 * Returns the folders as stored.
 */
async function rememberFolders(
  database: Database,
  mailbox: MailboxRow,
  remote: readonly RemoteFolder[],
): Promise<FolderRow[]> {
  const mailboxes = mailboxesRepository(database);
  const known = new Map((await mailboxes.folders(mailbox.id)).map((f) => [f.path, f]));
  const changed = remote.filter(
    (folder) => !known.has(folder.path) || known.get(folder.path)!.specialUse !== folder.specialUse,
  );
  if (changed.length === 0) return [...known.values()];
  for (const folder of changed) {
    await mailboxes.upsertFolder({
      mailboxId: mailbox.id,
      path: folder.path,
      specialUse: folder.specialUse,
      selected: mailbox.folderChoice
        ? mailbox.folderChoice.includes(folder.path)
        : folder.defaultSelected,
    });
  }
  return mailboxes.folders(mailbox.id);
}

/**
 * INBOX first, the rest in their order: new mail lands there, and IDLE asked
 * for this pass because of it; an archive visited first would hold it back.
 */
function inboxFirst(folders: readonly FolderRow[]): FolderRow[] {
  return [...folders].sort((a, b) => Number(b.path === 'INBOX') - Number(a.path === 'INBOX'));
}

async function recordFolderFailure(
  database: Database,
  mailbox: MailboxRow,
  folder: FolderRow,
  failure: ThreadlineError,
): Promise<FolderReport> {
  await retryWhileDatabaseUnavailable(() =>
    mailboxesRepository(database).setFolderState(mailbox.id, folder.path, {
      state: transientCodes.has(failure.code) ? 'retrying' : 'failed',
      code: failure.code,
      message: failure.message,
      attempt: folder.attempt + 1,
      succeededAt: null,
    }),
  );
  return {
    path: folder.path,
    fetched: 0,
    captured: 0,
    ignored: 0,
    quarantined: 0,
    error: { code: failure.code, message: failure.message },
  };
}

/** After a UIDVALIDITY change the old UIDs mean nothing: their locations are marked gone. */
async function forgetLocations(
  database: Database,
  mailboxId: string,
  path: string,
  uidValidity: number,
): Promise<void> {
  await database.query(
    `UPDATE message_locations SET deleted_at = now()
     WHERE mailbox_id = $1 AND folder_path = $2 AND uid_validity <> $3 AND deleted_at IS NULL`,
    [mailboxId, path, uidValidity],
  );
}

async function recordBackfillNotice(
  database: Database,
  mailbox: MailboxRow,
  reports: readonly FolderReport[],
): Promise<void> {
  const total = (key: 'fetched' | 'captured' | 'ignored' | 'quarantined') =>
    reports.reduce((sum, report) => sum + report[key], 0);
  await database.query(
    'INSERT INTO notices (user_id, mailbox_id, kind, text) VALUES ($1, $2, $3, $4)',
    [
      mailbox.ownerId,
      mailbox.id,
      'backfill_done',
      `Back-fill of "${mailbox.label}" finished: ${total('fetched')} messages read, ` +
        `${total('captured')} captured, ${total('ignored')} ignored, ${total('quarantined')} quarantined.`,
    ],
  );
}

function leaseLost(mailbox: MailboxRow): ThreadlineError {
  return new ThreadlineError(
    'CONFLICT',
    `Another worker took over mailbox "${mailbox.label}": this one stops without writing`,
    { leaseLost: true },
  );
}

/** The checkpoint found the lease in another worker's hands, and rolled its batch back. */
function isLeaseTaken(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === leaseLostCode;
}

function isLeaseLost(error: unknown): boolean {
  return (
    isThreadlineError(error) &&
    (error.details as { leaseLost?: boolean } | undefined)?.leaseLost === true
  );
}

function stateOf(state: string) {
  return { state, code: null, message: null, attempt: 0, succeededAt: null };
}

function asThreadlineError(error: unknown): ThreadlineError {
  if (isThreadlineError(error)) return error;
  return new ThreadlineError('INTERNAL', error instanceof Error ? error.message : String(error));
}
