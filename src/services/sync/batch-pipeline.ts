import type { Statement } from '../../adapters/db/database.js';
import type { MailboxRow } from '../../adapters/db/repositories/mailboxes.js';
import type {
  CommittedBatch,
  IngestItem,
  PreparedBatch,
  SourcesGiven,
  SourcesWanted,
  Stage,
} from '../capture/batch-types.js';
import type { IngestService } from '../capture/ingest.js';
import type { FetchedMessage, FolderStatus, MailSession } from './mail-source.js';
import { readAhead, type ReadAhead } from './read-ahead.js';
import { retryWhileDatabaseUnavailable } from './database-retry.js';

export interface PipelineDeps {
  readonly ingest: Pick<IngestService, 'prepareBatch' | 'commitBatch'>;
  /** Messages per batch (and per transaction). */
  readonly batchSize: number;
  /** Larger messages are fetched up to this many bytes and parsed from what arrived. */
  readonly maxMessageBytes: number | undefined;
}

/** One folder's new messages to take in, as the pass opened it. */
export interface FolderToIngest {
  readonly session: MailSession;
  readonly mailbox: MailboxRow;
  readonly path: string;
  readonly status: FolderStatus;
  /** Only messages above this UID. */
  readonly afterUid: number;
  /** Only messages since this date (a back-fill's window). */
  readonly sinceDate: Date | undefined;
  /** Older messages are kept for statistics only. */
  readonly activitySince: number;
  /** The checkpoint of the batch of `messages` that ends at `lastUid`, moved with its rows. */
  readonly checkpoint: (lastUid: number, messages: number) => Statement;
  /** Called for each batch stored, in order. */
  readonly onStored: (batch: CommittedBatch) => void;
  /** Called after each batch counted while the folder is still being read. */
  readonly onProgress?: () => void;
  /**
   * Asked before each batch after the first: true stops the folder there, its
   * checkpoint at the last batch stored, for a later pass to resume from.
   */
  readonly enough?: () => boolean;
  /** Awaited before each batch after the first: live mail's pass goes first (see `liveFirst`). */
  readonly beforeBatch?: () => Promise<void>;
  readonly signal?: AbortSignal | undefined;
}

/** How far a folder was taken in: the highest UID, and whether it was read to its end. */
export interface FolderIngested {
  readonly lastUid: number;
  readonly complete: boolean;
}

/**
 * Takes in a folder's new messages, batch by batch: the headers of a batch,
 * then the bodies its prepare stage asks for, then the next batch's headers,
 * in this order on the one connection. One batch is stored while the next
 * is fetched and parsed; commits (and their checkpoints) still happen one
 * after the other, in UID order. Stops early when `enough` says so.
 */
export async function ingestFolder(
  deps: PipelineDeps,
  folder: FolderToIngest,
): Promise<FolderIngested> {
  const { session, mailbox, path } = folder;
  const headers = readAhead(
    session.fetchSince(path, folder.afterUid, {
      batchSize: deps.batchSize,
      sinceDate: folder.sinceDate,
      headersOnly: true,
    }),
  );
  const bodies = wholeSourcesFrom(session, path, deps.maxMessageBytes);
  const storing = storingInTurn(folder);
  let lastUid = folder.afterUid;
  let before: PreparedBatch | undefined;
  let complete = true;
  try {
    for (let next = await headers.next(); !next.done; next = await headers.next()) {
      folder.signal?.throwIfAborted();
      if (before && folder.enough?.()) {
        complete = false;
        break;
      }
      if (before) await folder.beforeBatch?.();
      const items = next.value.map((fetched) => itemOf(fetched, folder));
      const batchLastUid = Math.max(lastUid, ...next.value.map((m) => m.uid));
      const batchMessages = next.value.length;
      let prepared: PreparedBatch;
      try {
        const preparing = deps.ingest.prepareBatch(mailbox, items, {
          ...(before ? { after: before } : {}),
          onReadsSent: storing.release,
        });
        prepared = await runStage(preparing, (wanted) => thenNextHeaders(bodies(wanted), headers));
      } finally {
        storing.release();
      }
      // At the latest now, also when the batch wanted no body.
      headers.fetchNext();
      const previous = await storing.finish();
      storing.start((sendAfter) =>
        // A batch's commit may be repeated: its rows and its checkpoint go in together or not at all.
        retryWhileDatabaseUnavailable(
          () =>
            runStage(
              deps.ingest.commitBatch(prepared, {
                sendAfter,
                checkpoint: folder.checkpoint(batchLastUid, batchMessages),
                ...(previous ? { previous } : {}),
              }),
              bodies,
            ),
          folder.signal,
        ),
      );
      before = prepared;
      lastUid = batchLastUid;
    }
    storing.release();
    await storing.finish();
  } finally {
    storing.release();
    // A failed fetch or parse lets the batch being stored finish, and counts it.
    await storing.settle();
    // A fetch in flight settles before the session is reused.
    await headers.close();
  }
  return { lastUid, complete };
}

/** Runs a stage, asking `fetch` for the whole sources it wants on the way. */
async function runStage<T>(
  stage: Stage<T>,
  fetch: (wanted: SourcesWanted) => SourcesGiven,
): Promise<T> {
  for (let step = await stage.next(); ; step = await stage.next(fetch(step.value))) {
    if (step.done) return step.value;
  }
}

function itemOf(fetched: FetchedMessage, folder: FolderToIngest): IngestItem {
  return {
    raw: fetched.raw,
    truncated: fetched.truncated,
    headerOnly: fetched.headerOnly,
    size: fetched.size,
    source: `${folder.path}:${fetched.uid}`,
    // Without an internal date a message counts as recent.
    statisticsOnly: (fetched.internalDate?.getTime() ?? Infinity) < folder.activitySince,
    location: {
      folderPath: folder.path,
      uidValidity: folder.status.uidValidity,
      uid: fetched.uid,
      flags: fetched.flags,
    },
  };
}

/** The whole sources of some header-only items of the open folder, as the server sends them. */
function wholeSourcesFrom(
  session: MailSession,
  path: string,
  maxBytes: number | undefined,
): (wanted: SourcesWanted) => SourcesGiven {
  return async function* (wanted) {
    const byUid = new Map(wanted.map((item) => [item.location!.uid, item]));
    const sizes = new Map(wanted.map((item) => [item.location!.uid, item.size ?? Infinity]));
    for await (const message of session.fetchWhole(path, [...byUid.keys()], { maxBytes, sizes })) {
      const item = byUid.get(message.uid);
      if (item) yield [item, message] as const;
    }
  };
}

/** A batch's bodies, then the next batch's headers, in this order on the connection. */
async function* thenNextHeaders(sources: SourcesGiven, headers: ReadAhead<unknown>): SourcesGiven {
  try {
    yield* sources;
  } finally {
    headers.fetchNext();
  }
}

/**
 * The batch being stored while the next one is prepared, one at a time.
 *
 * A commit's statements wait until the batch after it has sent its reads, or
 * until there is no such batch (`release`): the embedded store serves one
 * request at a time, and reads queued behind a batch's statements would hold
 * up the fetch of the next batch's bodies, which needs their answers: sent
 * first, those reads take 1.4 to 1.6 s of a 20,000-message back-fill,
 * against 5.3 to 6.8 s queued behind.
 */
function storingInTurn(folder: Pick<FolderToIngest, 'onStored' | 'onProgress'>) {
  let storing: Promise<CommittedBatch> | null = null;
  let letStoringSend: (() => void) | null = null;
  let stored: CommittedBatch | undefined;
  return {
    release: () => {
      letStoringSend?.();
      letStoringSend = null;
    },
    /** Waits for the batch being stored (whose checkpoint renewed the lease) and counts it; the last stored. */
    async finish(): Promise<CommittedBatch | undefined> {
      if (!storing) return stored;
      stored = await storing;
      storing = null;
      folder.onStored(stored);
      folder.onProgress?.();
      return stored;
    },
    start(commit: (sendAfter: Promise<void>) => Promise<CommittedBatch>) {
      storing = commit(
        new Promise<void>((resolve) => {
          letStoringSend = resolve;
        }),
      );
      // Awaited on the next turn or by `settle`; a failure must not go unhandled meanwhile.
      storing.catch(() => undefined);
    },
    /** Lets a batch still being stored finish, and counts it. */
    async settle() {
      const last = await storing?.catch(() => null);
      storing = null;
      if (last) folder.onStored(last);
    },
  };
}
