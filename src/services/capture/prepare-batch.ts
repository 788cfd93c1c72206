import type { Database } from '../../adapters/db/database.js';
import type { MailboxRow } from '../../adapters/db/repositories/mailboxes.js';
import {
  captureStoreRepository,
  type StoredCopyRow,
  type ThreadRow,
} from '../../adapters/db/repositories/capture-store.js';
import type { ParsedWithContent } from '../../adapters/mime/parse-message.js';
import type { MessageParser } from '../../adapters/mime/parse-pool.js';
import { reattachParts, restoreSource } from '../../adapters/mime/detached-parts.js';
import type { Clock } from '../../adapters/system/clock.js';
import { isThreadlineError } from '../../core/errors.js';
import { participantAddresses, type ParsedMessage } from '../../core/message.js';
import type { NoiseVerdict } from '../../core/noise/verdict.js';
import type { DirectoryIndex } from '../../core/directory/index.js';
import { normalizeSubject, threadIdOf, threadRoot } from '../../core/threading/index.js';
import { threadWindowDays } from '../../core/threading/place-batch.js';
import type {
  IngestItem,
  ParsedItem,
  PreparedBatch,
  PrepareOptions,
  Stage,
  WholeSource,
} from './batch-types.js';
import { bodyDigest, keyOfDifferentBody, legacyKey, messageKey, sha256Hex } from './message-key.js';
import { mayBeCaptured } from './header-first.js';

/** What the prepare and commit stages share. */
export interface StageDeps {
  readonly database: Database;
  readonly directory: { current(): Promise<DirectoryIndex>; invalidate(): Promise<void> };
  readonly clock: Clock;
  readonly parser: MessageParser;
  /** The noise verdict of a parsed message, classified once. */
  readonly noiseOf: (message: ParsedMessage) => NoiseVerdict;
}

/**
 * The prepare stage: parses a batch from its headers, reads what the store
 * knows of its messages and of the threads they may land in, and asks for the
 * whole sources of those worth parsing whole. It may run while the batch
 * before it (`after`) is still being committed: that batch's messages count
 * as stored here, and the commit adds what it stored meanwhile.
 */
export async function* prepareBatch(
  deps: StageDeps,
  mailbox: MailboxRow,
  items: readonly IngestItem[],
  options: PrepareOptions = {},
): Stage<PreparedBatch> {
  const store = captureStoreRepository(deps.database);
  const { batch, unread } = await parseHeaders(deps, mailbox, items);
  yield* parseUnreadWhole(deps, batch, unread);
  const ancestorIds = [
    ...new Set(batch.parsed.flatMap((p) => [...p.message.references, ...p.message.inReplyTo])),
  ];
  // Independent reads, sent together: on a server they run on several connections at once.
  // The threads the batch may land in and their links are read here, while
  // the batch before is stored, and not when this one is: storing is the
  // slower stage of a sync. The commit adds what the batch before stored meanwhile.
  const subjectThreadsRead = subjectThreadsOf(deps, batch.parsed, mailbox.ownerId);
  subjectThreadsRead.catch(() => undefined);
  const [storedRows, ancestorRows] = await Promise.all([
    store.existingMessages(
      batch.parsed.map((p) => p.key),
      batch.parsed.map((p) => legacyKey(p.key)),
      mailbox.id,
    ),
    store.threadsByMessageId(ancestorIds, mailbox.ownerId),
  ]);
  const existing = new Map(storedRows.map((row) => [row.key, row.threadId]));
  const storedCopies = new Map(storedRows.map((row) => [row.key, row]));
  const knownThreads = new Map(ancestorRows.map((row) => [row.messageId, row.threadId]));
  const readingThreads = subjectThreadsRead.then(async (subjectThreads) => {
    const linksRead = threadsToLandIn(
      batch.parsed,
      existing,
      knownThreads,
      subjectThreads,
      mailbox.ownerId,
    );
    const threadLinksRead = store.threadLinks([...linksRead], mailbox.ownerId);
    options.onReadsSent?.();
    return { subjectThreads, threadLinks: await threadLinksRead, linksRead };
  });
  readingThreads.catch(() => undefined);
  const prepared = { ...batch, existing, storedCopies, knownThreads };
  const pendingKeys = new Set(options.after?.parsed.map((p) => p.key));
  const pendingIds = new Set(options.after?.parsed.map((p) => p.message.messageId));
  yield* parseWhole(deps, prepared, {
    heldHere: (key) => pendingKeys.has(key) || storedCopies.get(key)?.heldHere === true,
    known: (id) => knownThreads.has(id) || pendingIds.has(id),
  });
  await settleKeys(deps.database, prepared.parsed, { existing, storedCopies }, mailbox);
  return { ...prepared, ...(await readingThreads) };
}

/**
 * The batch parsed from what each item holds, before anything is read from
 * the store, and the header-only items whose headers did not parse, with why.
 */
async function parseHeaders(
  deps: StageDeps,
  mailbox: MailboxRow,
  items: readonly IngestItem[],
): Promise<{ batch: PreparedBatch; unread: Map<IngestItem, unknown> }> {
  const batch: PreparedBatch = {
    mailbox,
    items,
    parsed: [],
    quarantined: [],
    outcomes: new Map(),
    existing: new Map(),
    storedCopies: new Map(),
    knownThreads: new Map(),
    subjectThreads: [],
    threadLinks: [],
    linksRead: new Set(),
    directory: await deps.directory.current(),
  };
  const parsedByItem = new Map<IngestItem, ParsedItem>();
  const unread = new Map<IngestItem, unknown>();
  await Promise.all(
    items.map(async (item) => {
      try {
        const { message, attachmentContents, search, calendarParts } = await deps.parser.parse(
          item.raw,
          {
            truncated: item.truncated || item.headerOnly === true,
            headerOnly: item.headerOnly === true,
          },
        );
        const whole = item.headerOnly !== true;
        const digest = whole ? bodyDigest(message.text, message.html) : null;
        const key = messageKey(message.messageId, item.raw, digest);
        parsedByItem.set(item, {
          item,
          message,
          attachmentContents,
          search,
          calendarParts,
          key,
          whole,
          bodyDigest: digest,
        });
      } catch (error) {
        if (item.headerOnly === true) unread.set(item, error);
        else quarantine(batch, item, item.raw, error);
      }
    }),
  );
  // Promise.all finishes in any order; decisions depend on order within a thread.
  batch.parsed.push(...items.flatMap((item) => parsedByItem.get(item) ?? []));
  return { batch, unread };
}

/**
 * Parses from their whole sources the header-only items whose headers did not
 * parse: a server's header section ends at the first blank line, so lines in
 * front of a message's headers (an mbox `From ` line and a blank line, say)
 * leave it none of them, while the whole source holds them all. What still
 * does not parse is quarantined whole; an item the server no longer sends,
 * with what it had.
 */
async function* parseUnreadWhole(
  deps: StageDeps,
  batch: PreparedBatch,
  unread: ReadonlyMap<IngestItem, unknown>,
): Stage<void> {
  if (unread.size === 0) return;
  const sources = yield [...unread.keys()];
  const parsing: Promise<void>[] = [];
  const sent = new Set<IngestItem>();
  for await (const [item, full] of sources) {
    if (!unread.has(item)) continue;
    sent.add(item);
    parsing.push(
      parsedWhole(deps, full).then(
        (whole) => {
          const digest = bodyDigest(whole.message.text, whole.message.html);
          batch.parsed.push({
            item,
            ...whole,
            key: messageKey(whole.message.messageId, item.raw, digest),
            whole: true,
            bodyDigest: digest,
          });
        },
        (error: unknown) => {
          quarantine(batch, item, restoreSource(full.raw, full.detached ?? []), error);
        },
      ),
    );
  }
  await Promise.all(parsing);
  for (const [item, error] of unread) if (!sent.has(item)) quarantine(batch, item, item.raw, error);
  const order = new Map(batch.items.map((item, index) => [item, index]));
  batch.parsed.sort((a, b) => order.get(a.item)! - order.get(b.item)!);
}

/** A whole source parsed, with the parts fetched apart from it put back. */
async function parsedWhole(deps: StageDeps, full: WholeSource): Promise<ParsedWithContent> {
  return reattachParts(
    await deps.parser.parse(full.raw, { truncated: full.truncated }),
    full.detached ?? [],
  );
}

/**
 * Stored threads the messages may join by subject: same subject key, active
 * within the window of the earliest of them, sharing someone with them.
 */
function subjectThreadsOf(
  deps: StageDeps,
  parsed: readonly ParsedItem[],
  ownerId: string,
): Promise<ThreadRow[]> {
  const participantsBySubject = new Map<string, Set<string>>();
  for (const { message } of parsed) {
    const key = normalizeSubject(message.subject);
    if (key === '') continue;
    const participants = participantsBySubject.get(key) ?? new Set();
    for (const address of participantAddresses(message)) participants.add(address);
    participantsBySubject.set(key, participants);
  }
  const earliest = Math.min(
    ...parsed.map((p) => p.message.date?.getTime() ?? deps.clock.now().getTime()),
  );
  return captureStoreRepository(deps.database).threadsBySubject(
    [...participantsBySubject].map(([key, participants]) => ({
      key,
      participants: [...participants],
    })),
    new Date(earliest - threadWindowDays * 86_400_000),
    ownerId,
  );
}

/**
 * Every thread a batch's messages can land in (see resolveThread): where a
 * copy is stored, where a message they name is, a thread their subject may
 * join, or the thread named after their root.
 */
function threadsToLandIn(
  parsed: readonly ParsedItem[],
  existing: ReadonlyMap<string, string>,
  knownThreads: ReadonlyMap<string, string>,
  subjectThreads: readonly ThreadRow[],
  ownerId: string,
): Set<string> {
  const ids = new Set(subjectThreads.map((thread) => thread.id));
  for (const { message, key } of parsed) {
    const stored = existing.get(key);
    if (stored) ids.add(stored);
    for (const id of [...message.inReplyTo, ...message.references]) {
      const thread = knownThreads.get(id);
      if (thread) ids.add(thread);
    }
    ids.add(threadIdOf(threadRoot(message) ?? key, ownerId));
  }
  return ids;
}

/** Whether the batch's mailbox holds a message, and whether a Message-ID is known, as a stage sees it. */
export interface HeldLookup {
  heldHere(key: string): boolean;
  known(messageId: string): boolean;
}

/**
 * Asks for the whole sources of the header-only messages that may be
 * captured, by the batch's directory, unless this mailbox holds them
 * already, and parses each as it arrives; the rest stay decided by their
 * headers. A message without a Message-ID is always parsed whole: its body
 * is part of its key.
 */
export async function* parseWhole(
  deps: StageDeps,
  batch: PreparedBatch,
  lookup: HeldLookup,
): Stage<void> {
  const wanted = batch.parsed.filter(
    (p) =>
      !p.whole &&
      (p.message.messageId === null ||
        (!lookup.heldHere(p.key) &&
          mayBeCaptured(
            p.message,
            deps.noiseOf(p.message),
            batch.directory,
            batch.mailbox.ownerId,
            [...p.message.inReplyTo, ...p.message.references].some((id) => lookup.known(id)),
            deps.clock.now(),
          ))),
  );
  if (wanted.length === 0) return;
  const entries = new Map(wanted.map((entry) => [entry.item, entry]));
  const parsing: Promise<void>[] = [];
  const sources = yield [...entries.keys()];
  for await (const [item, full] of sources) {
    const entry = entries.get(item);
    if (entry) parsing.push(parseEntryWhole(deps, batch, entry, full));
  }
  await Promise.all(parsing);
}

async function parseEntryWhole(
  deps: StageDeps,
  batch: PreparedBatch,
  entry: ParsedItem,
  full: WholeSource,
): Promise<void> {
  try {
    const whole = await parsedWhole(deps, full);
    const digest = bodyDigest(whole.message.text, whole.message.html);
    Object.assign(entry, { ...whole, whole: true, bodyDigest: digest });
    if (entry.message.messageId === null) {
      entry.key = messageKey(null, entry.item.raw, digest);
    }
  } catch (error) {
    batch.parsed.splice(batch.parsed.indexOf(entry), 1);
    quarantine(batch, entry.item, restoreSource(full.raw, full.detached ?? []), error);
  }
}

/** What a batch knows of the stored messages its copies have the keys of. */
export interface KnownCopies {
  readonly existing: Map<string, string>;
  readonly storedCopies: Map<string, StoredCopyRow>;
}

/**
 * A copy parsed whole is the stored message with its key only when it
 * holds the body that message stored; otherwise it is a message of its
 * own, under a key of its own. Keys not looked up yet (those, and keys
 * computed from a body fetched since) are looked up now.
 */
export async function settleKeys(
  database: Database,
  parsed: readonly ParsedItem[],
  known: KnownCopies,
  mailbox: MailboxRow,
  lookedUp: ReadonlySet<string> = new Set(parsed.map((p) => p.key)),
): Promise<void> {
  for (const entry of parsed) {
    const stored = known.storedCopies.get(entry.key);
    if (!entry.whole || !stored || stored.bodySha256 === null) continue;
    if (entry.bodyDigest !== stored.bodySha256) {
      entry.key = keyOfDifferentBody(entry.key, entry.bodyDigest ?? 'none');
    }
  }
  const unknown = [...new Set(parsed.map((p) => p.key))].filter((key) => !lookedUp.has(key));
  if (unknown.length === 0) return;
  const rows = await captureStoreRepository(database).existingMessages(
    unknown,
    unknown.map(() => null),
    mailbox.id,
  );
  for (const row of rows) {
    known.existing.set(row.key, row.threadId);
    known.storedCopies.set(row.key, row);
  }
}

/** A message that cannot be parsed is kept aside with its reason; its batch goes on. */
export function quarantine(
  batch: PreparedBatch,
  item: IngestItem,
  raw: Uint8Array,
  error: unknown,
): void {
  const reason = isThreadlineError(error)
    ? error.message
    : `unexpected parser error: ${String(error)}`;
  batch.quarantined.push({
    mailboxId: batch.mailbox.id,
    source: item.source,
    raw,
    rawSha256: sha256Hex(raw),
    reason,
  });
  batch.outcomes.set(item, { source: item.source, status: 'quarantined', reason, messageId: null });
}
