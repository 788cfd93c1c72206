import type { AttachmentStore } from '../../adapters/attachments/attachment-store.js';
import { captureStoreRepository } from '../../adapters/db/repositories/capture-store.js';
import { captureWrites, type AdoptedRow } from '../../adapters/db/repositories/capture-writes.js';
import { meetingStatements } from '../../adapters/db/repositories/meeting-writes.js';
import { restoreSource } from '../../adapters/mime/detached-parts.js';
import type { SenderAuthChecker } from '../../adapters/sender-auth/check-sender.js';
import { isThreadlineError, ThreadlineError } from '../../core/errors.js';
import type { SenderAuth } from '../../core/sender-auth/verdict.js';
import { decideBatch } from '../../core/capture/decide-batch.js';
import { isUntracked } from '../../core/capture/do-not-track.js';
import { emptyThreadContext, type ThreadContext } from '../../core/capture/link.js';
import { addContext, contextIn, threadContexts } from '../../core/capture/thread-contexts.js';
import type { DirectoryIndex } from '../../core/directory/index.js';
import {
  mergeThreads,
  placeBatch,
  threadWindowDays,
  type BatchPlacement,
} from '../../core/threading/place-batch.js';
import { batchRows, type BatchRows, type DecidedItem } from './batch-rows.js';
import type {
  CommitOptions,
  CommittedBatch,
  IngestItem,
  IngestOutcome,
  PreparedBatch,
  Stage,
} from './batch-types.js';
import { proposedContactStatements } from '../../adapters/db/repositories/proposed-contacts.js';
import {
  parseWhole,
  quarantine,
  settleKeys,
  type KnownCopies,
  type StageDeps,
} from './prepare-batch.js';

export interface CommitDeps extends StageDeps {
  /** Where captured messages' attachments go; absent, only their metadata is kept. */
  readonly attachments?: { store: AttachmentStore; maxBytes: number } | undefined;
  /** Checks who sent mail read from a mailbox; absent, only an SMTP receiver's verdict counts. */
  readonly checkSender?: SenderAuthChecker['fromStoredMail'] | undefined;
}

/**
 * The commit stage: stores a prepared batch in one transaction. When the
 * database refuses some value in it, the batch is stored again a message at
 * a time, and a message still refused is quarantined with the database's
 * reason: one bad message must not hold back its folder for good.
 */
export async function* commitBatch(
  deps: CommitDeps,
  prepared: PreparedBatch,
  options: CommitOptions = {},
): Stage<CommittedBatch> {
  try {
    return yield* commitTogether(deps, prepared, options);
  } catch (error) {
    if (!isValueRefused(error)) throw error;
    return yield* commitEach(deps, prepared, options);
  }
}

async function* commitEach(
  deps: CommitDeps,
  prepared: PreparedBatch,
  options: CommitOptions,
): Stage<CommittedBatch> {
  const threadOfKey = new Map(options.previous?.threadOfKey);
  const threadOfMessageId = new Map(options.previous?.threadOfMessageId);
  let threads = options.previous?.threads ?? [];
  let contexts = options.previous?.contexts ?? new Map<string, ThreadContext>();
  for (const [position, item] of prepared.items.entries()) {
    const alone = onlyItem(prepared, item);
    // The checkpoint moves with the last message: a crash before it re-reads the
    // batch, and what was stored is recognised.
    const last = position === prepared.items.length - 1;
    const each: CommitOptions = {
      ...(last && options.checkpoint ? { checkpoint: options.checkpoint } : {}),
      previous: { outcomes: [], threadOfKey, threadOfMessageId, threads, contexts },
    };
    let stored: CommittedBatch;
    try {
      stored = yield* commitTogether(deps, alone, each);
    } catch (error) {
      if (!isValueRefused(error)) throw error;
      stored = yield* commitTogether(deps, yield* refused(alone, item, error), each);
    }
    for (const [key, thread] of stored.threadOfKey) threadOfKey.set(key, thread);
    for (const [id, thread] of stored.threadOfMessageId) threadOfMessageId.set(id, thread);
    threads = mergeThreads(threads, stored.threads);
    contexts = new Map([...contexts, ...stored.contexts]);
  }
  return {
    outcomes: prepared.items.map((item) => prepared.outcomes.get(item)!),
    threadOfKey,
    threadOfMessageId,
    threads,
    contexts,
  };
}

/** A value the database refused in some message's data, rather than a fault of the store. */
function isValueRefused(error: unknown): boolean {
  return isThreadlineError(error) && error.code === 'VALUE_REFUSED';
}

/** The part of a batch that is one item: its parsed message, or its quarantine row. */
function onlyItem(batch: PreparedBatch, item: IngestItem): PreparedBatch {
  return {
    ...batch,
    items: [item],
    parsed: batch.parsed.filter((entry) => entry.item === item),
    quarantined: batch.quarantined.filter((row) => row.source === item.source),
  };
}

/** The one-message batch with its message quarantined, its whole source asked for if need be. */
async function* refused(
  alone: PreparedBatch,
  item: IngestItem,
  error: unknown,
): Stage<PreparedBatch> {
  let raw = item.raw;
  if (item.headerOnly) {
    const sources = yield [item];
    for await (const [, whole] of sources) raw = restoreSource(whole.raw, whole.detached ?? []);
  }
  const batch: PreparedBatch = { ...alone, parsed: [], quarantined: [] };
  const reason = error instanceof Error ? error.message : String(error);
  quarantine(
    batch,
    item,
    raw,
    new ThreadlineError('MALFORMED_MESSAGE', `the database refused it: ${reason}`),
  );
  return batch;
}

async function* commitTogether(
  deps: CommitDeps,
  prepared: PreparedBatch,
  options: CommitOptions,
): Stage<CommittedBatch> {
  const { mailbox, items, outcomes } = prepared;
  const known: KnownCopies = {
    existing: new Map([...prepared.existing, ...(options.previous?.threadOfKey ?? [])]),
    storedCopies: new Map(prepared.storedCopies),
  };
  const knownThreads = new Map([
    ...prepared.knownThreads,
    ...(options.previous?.threadOfMessageId ?? []),
  ]);
  const directory = yield* bodiesForDirectory(deps, prepared, options, known, knownThreads);
  const { parsed } = prepared;
  const placement = placeBatch(
    parsed.map(({ message, key }) => ({
      message,
      key,
      untracked: isUntracked(message, directory),
    })),
    {
      threadOfKey: known.existing,
      threadOfMessageId: knownThreads,
      subjectThreads: mergeThreads(prepared.subjectThreads, options.previous?.threads ?? []),
    },
    mailbox.ownerId,
    threadWindowDays,
  );
  const placedThreads = new Set(
    placement.placements.flatMap((p) => (p.untracked ? [] : [p.threadId])),
  );
  const senderAuths = await Promise.all(parsed.map(({ item }) => senderAuthOf(deps, item)));
  const { verdicts, contexts } = decideBatch({
    messages: parsed.map(({ message }, n) => ({
      message,
      noise: deps.noiseOf(message),
      ...placement.placements[n]!,
      senderAuth: senderAuths[n] ?? null,
    })),
    directory,
    ownerId: mailbox.ownerId,
    createContacts: mailbox.createContacts,
    contexts: await threadsCarry(deps, prepared, options, placedThreads),
    now: deps.clock.now(),
  });
  const decided = parsed.map((entry, n) => ({
    entry,
    placement: placement.placements[n]!,
    verdict: verdicts[n]!,
    senderAuth: senderAuths[n] ?? null,
  }));
  for (const each of decided) outcomes.set(each.entry.item, outcomeOf(each));
  const rows = batchRows(decided, known.storedCopies, mailbox, deps.attachments?.maxBytes);
  const adopted = await store(deps, prepared, { rows, threads: placement.threads }, options);
  const threadOfKey = new Map(placement.threadOfKey);
  const threadOfMessageId = new Map(placement.threadOfMessageId);
  for (const row of adopted) {
    threadOfKey.set(row.key, row.threadId);
    if (row.messageId) threadOfMessageId.set(row.messageId, row.threadId);
  }
  return {
    outcomes: items.map((item) => outcomes.get(item)!),
    threadOfKey,
    threadOfMessageId,
    threads: [...placement.threads.values()],
    contexts: new Map([...placedThreads].map((id) => [id, contexts.get(id) ?? emptyThreadContext])),
  };
}

/**
 * The SMTP receiver's verdict, else the mailbox mail's own. A header-only
 * item's bytes are its header block alone, even once its body was fetched
 * (that comes apart): only a trusted server's verdict can be read from it,
 * for a signature over a missing body would wrongly fail.
 */
async function senderAuthOf(deps: CommitDeps, item: IngestItem): Promise<SenderAuth | null> {
  if (item.senderAuth) return item.senderAuth;
  if (!deps.checkSender) return null;
  return deps.checkSender(item.raw, item.headerOnly !== true && !item.truncated);
}

function outcomeOf({ entry, placement, verdict }: DecidedItem): IngestOutcome {
  return {
    source: entry.item.source,
    status: verdict.decision.captured ? 'captured' : 'ignored',
    category: verdict.decision.category,
    messageId: entry.message.messageId,
    duplicate: placement.duplicate,
  };
}

/**
 * The directory to decide with. When contacts were created since the bodies
 * were chosen, what they make capturable needs its body: those are asked for
 * and parsed, and their keys settled.
 */
async function* bodiesForDirectory(
  deps: CommitDeps,
  prepared: PreparedBatch,
  options: CommitOptions,
  known: KnownCopies,
  knownThreads: ReadonlyMap<string, string>,
): Stage<DirectoryIndex> {
  const directory = await deps.directory.current();
  if (directory === prepared.directory) return directory;
  const lookedUp = new Set(prepared.parsed.map((p) => p.key));
  const storedBefore = options.previous?.threadOfKey;
  yield* parseWhole(
    deps,
    { ...prepared, directory },
    {
      heldHere: (key) =>
        storedBefore?.has(key) === true || known.storedCopies.get(key)?.heldHere === true,
      known: (id) => knownThreads.has(id),
    },
  );
  await settleKeys(deps.database, prepared.parsed, known, prepared.mailbox, lookedUp);
  return directory;
}

/**
 * What the threads the batch lands in carry: read while preparing, with what
 * the batch before linked since. A thread outside what was foreseen
 * (resolveThread gives none today) is read now, rather than decided without its links.
 */
async function threadsCarry(
  deps: CommitDeps,
  prepared: PreparedBatch,
  options: CommitOptions,
  placedThreads: ReadonlySet<string>,
): Promise<Map<string, ThreadContext>> {
  const carried = options.previous?.contexts ?? new Map<string, ThreadContext>();
  const unread = [...placedThreads].filter((id) => !prepared.linksRead.has(id) && !carried.has(id));
  const contexts = threadContexts([
    ...prepared.threadLinks,
    ...(await captureStoreRepository(deps.database).threadLinks(unread, prepared.mailbox.ownerId)),
  ]);
  for (const [threadId, context] of carried) {
    if (placedThreads.has(threadId)) addContext(contextIn(contexts, threadId), context);
  }
  return contexts;
}

/**
 * Writes the batch's attachment files, then sends its statements in one
 * transaction (with the caller's checkpoint last). Returns the messages moved
 * to their parent's thread.
 */
async function store(
  deps: CommitDeps,
  prepared: PreparedBatch,
  { rows, threads }: { rows: BatchRows; threads: BatchPlacement['threads'] },
  options: CommitOptions,
): Promise<AdoptedRow[]> {
  const { mailbox } = prepared;
  // On disk before the statements are sent, so a stored row always has its
  // file; a crash leaves at most an unreferenced file, never a reference
  // without one.
  const writingFiles = Promise.all(
    [...rows.files].map(([sha256, content]) => deps.attachments!.store.put(sha256, content)),
  );
  writingFiles.catch(() => undefined);
  const adoption = captureWrites.adoptOrphans(
    rows.messages
      .filter((m) => m.messageId)
      .map((m) => ({ root: m.messageId!, threadId: m.threadId })),
    mailbox.ownerId,
  );
  const contactStatements = proposedContactStatements(rows.proposals);
  // In this order: the adoption and the filings find the messages stored before them.
  const statements = [
    ...(rows.legacyRekeys.length > 0 ? [captureWrites.rekeyLegacy(rows.legacyRekeys)] : []),
    captureWrites.storeMessages(rows.messages, [...threads.values()]),
    adoption,
    captureWrites.recordFilings(rows),
    ...meetingStatements(rows.meetings),
    ...contactStatements,
    ...captureWrites.quarantine(prepared.quarantined),
    ...(options.checkpoint ? [options.checkpoint] : []),
  ];
  await writingFiles;
  await options.sendAfter;
  const results = await deps.database.atomically(statements);
  const lastContactStatement = contactStatements.at(-1);
  const created = lastContactStatement ? results[statements.indexOf(lastContactStatement)]! : [];
  // New contacts change what the next messages resolve to.
  if (created.length > 0) await deps.directory.invalidate();
  return results[statements.indexOf(adoption)] as AdoptedRow[];
}
