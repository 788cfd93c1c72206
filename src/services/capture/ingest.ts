import { inThreadParser, type MessageParser } from '../../adapters/mime/parse-pool.js';
import type { AttachmentStore } from '../../adapters/attachments/attachment-store.js';
import { reattachParts, restoreSource } from '../../adapters/mime/detached-parts.js';
import type { Database } from '../../adapters/db/database.js';
import type { DetachedPart } from '../sync/mail-source.js';
import type { MailboxRow } from '../../adapters/db/repositories/mailboxes.js';
import {
  captureStoreRepository,
  captureWrites,
  type AdoptedRow,
  type AttachmentRow,
  type DecisionRow,
  type LinkRow,
  type QuarantineRow,
  type StoredCopyRow,
  type StoredMessageRow,
  type ThreadRow,
} from '../../adapters/db/repositories/capture-store.js';
import type { Statement } from '../../adapters/db/database.js';
import type { Clock } from '../../adapters/system/clock.js';
import { isThreadlineError, ThreadlineError } from '../../core/errors.js';
import { participantAddresses, type ParsedMessage } from '../../core/message.js';
import { classifyNoise } from '../../core/noise/classify-noise.js';
import type { NoiseVerdict } from '../../core/noise/verdict.js';
import { decide, type Decision } from '../../core/capture/decide.js';
import { emptyThreadContext, type ThreadContext } from '../../core/capture/link.js';
import { linkState } from '../../core/capture/reconcile-links.js';
import type { DirectoryIndex } from '../../core/directory/index.js';
import {
  normalizeSubject,
  resolveThread,
  threadIdOf,
  threadRoot,
  type SubjectCandidate,
} from '../../core/threading/index.js';
import {
  addCarriedLink,
  addContext,
  contextIn,
  threadContexts,
  type ThreadLinkRow,
} from './thread-contexts.js';
import { bodyDigest, keyOfDifferentBody, legacyKey, messageKey, sha256Hex } from './message-key.js';
import { mayBeCaptured } from './header-first.js';
import { searchVector } from '../../core/search/search-terms.js';
import { proposedContactStatements } from './create-contacts.js';
import { proposeContacts, type ProposedContact } from '../../core/capture/propose-contacts.js';
import {
  isUntracked,
  untrackedDecision,
  untrackedThreadId,
} from '../../core/capture/do-not-track.js';

/** One raw message to take in, and where it was found. */
export interface IngestItem {
  readonly raw: Uint8Array;
  /** Only the first bytes were fetched (header-first sync). */
  readonly truncated: boolean;
  /** Human-readable origin for reports and quarantine: `INBOX:1234` or `file.mbox#12`. */
  readonly source: string;
  /** Older than the mailbox's activity window: kept for statistics, without its body. */
  readonly statisticsOnly?: boolean;
  /** `raw` is the header block only (header-first sync); the body comes on demand. */
  readonly headerOnly?: boolean;
  /** Size of the whole message on the server, when `raw` is not all of it. */
  readonly size?: number;
  readonly location: {
    readonly folderPath: string;
    readonly uidValidity: number;
    readonly uid: number;
    readonly flags: readonly string[];
  } | null;
}

/** What happened to one item: every item gets exactly one outcome. */
export type IngestOutcome =
  | {
      readonly source: string;
      readonly status: 'captured' | 'ignored';
      readonly category: string;
      readonly messageId: string | null;
      /** The message was already stored (another folder, mailbox or import). */
      readonly duplicate: boolean;
    }
  | {
      readonly source: string;
      readonly status: 'quarantined';
      readonly reason: string;
      readonly messageId: null;
    };

/** A whole source, as fetched for an item decided by its headers first. */
export interface WholeSource {
  readonly raw: Uint8Array;
  readonly truncated: boolean;
  readonly detached?: readonly DetachedPart[] | undefined;
}

/**
 * Fetches the whole sources of header-only items worth parsing whole, handing
 * each to `onSource` as it arrives (parsing starts while the rest are still
 * coming); an item never handed over keeps its headers.
 */
export type FetchBodies = (
  items: readonly IngestItem[],
  onSource: (item: IngestItem, source: WholeSource) => void,
) => Promise<void>;

interface Parsed {
  item: IngestItem;
  message: ParsedMessage;
  attachmentContents: readonly Uint8Array[];
  /** Search terms of the subject and text, from the parser. */
  search: string;
  key: string;
  /** Parsed from the whole source, not from the header block alone. */
  whole: boolean;
  /** `bodyDigest` of this copy's bodies, once parsed whole. */
  bodyDigest: string | null;
}

/**
 * A batch parsed, with the bodies of what may be captured, ready for
 * `commitBatch`. It holds parsed data; raw sources are let go once parsed.
 */
export interface PreparedBatch {
  readonly mailbox: MailboxRow;
  readonly items: readonly IngestItem[];
  /** In item order; quarantined items are not among them. */
  readonly parsed: Parsed[];
  readonly quarantined: QuarantineRow[];
  readonly outcomes: Map<IngestItem, IngestOutcome>;
  /** Threads of already stored messages by key, as read while preparing. */
  readonly existing: ReadonlyMap<string, string>;
  /** What was read of those stored messages. */
  readonly storedCopies: ReadonlyMap<string, StoredCopyRow>;
  /** Threads of already stored messages by Message-ID, as read while preparing. */
  readonly knownThreads: ReadonlyMap<string, string>;
  /** Threads the batch's subjects may join, as read while preparing. */
  readonly subjectThreads: readonly ThreadRow[];
  /** Links on the threads the batch's messages may land in, as read while preparing. */
  readonly threadLinks: readonly ThreadLinkRow[];
  /** The threads whose links `threadLinks` holds (with or without any). */
  readonly linksRead: ReadonlySet<string>;
  /** The directory the bodies were chosen with. */
  readonly directory: DirectoryIndex;
  readonly fetchBodies: FetchBodies | undefined;
}

/** What a batch stored, for the batch prepared while it was being stored. */
export interface CommittedBatch {
  /** One per item, in item order. */
  readonly outcomes: IngestOutcome[];
  /** Threads by message key of what the batch stored or re-threaded. */
  readonly threadOfKey: ReadonlyMap<string, string>;
  /** The same by Message-ID. */
  readonly threadOfMessageId: ReadonlyMap<string, string>;
  /** The threads it opened or extended, with what it added to them. */
  readonly threads: readonly ThreadRow[];
  /** What the threads its messages landed in carry, its own links included. */
  readonly contexts: ReadonlyMap<string, ThreadContext>;
}

const threadWindowDays = 30;

/**
 * The capture pipeline for a batch: parse, classify noise, find the thread,
 * decide and link against the CRM, then store everything in one short
 * transaction (with the caller's checkpoint, so a crash never leaves a gap
 * or a duplicate). A message that cannot be parsed is quarantined with its
 * reason; the batch goes on.
 *
 * Two steps, so a sync can fetch and parse one batch while the one before is
 * stored: `prepareBatch` may run while the previous batch (`after`) is being
 * committed; `commitBatch` runs after the previous commit finished and takes
 * what it stored (`previous`) into account. `ingestBatch` does both.
 */
export function createIngestService(deps: {
  database: Database;
  directory: { current(): Promise<DirectoryIndex>; invalidate(): Promise<void> };
  clock: Clock;
  /** Where captured messages' attachments go; absent, only their metadata is kept. */
  attachments?: { store: AttachmentStore; maxBytes: number };
  /** MIME parsing, on worker threads when given a pool. */
  parser?: MessageParser;
}) {
  const { database, clock } = deps;
  const parser = deps.parser ?? inThreadParser;
  /**
   * A message decided by its headers is classified while its batch is
   * prepared and again when it is stored; a message parsed whole in between
   * is a new object, classified afresh.
   */
  const noiseByMessage = new WeakMap<ParsedMessage, NoiseVerdict>();
  const noiseOf = (message: ParsedMessage): NoiseVerdict => {
    let noise = noiseByMessage.get(message);
    if (!noise) {
      noise = classifyNoise(message);
      noiseByMessage.set(message, noise);
    }
    return noise;
  };

  async function prepareBatch(
    mailbox: MailboxRow,
    items: readonly IngestItem[],
    options: {
      fetchBodies?: FetchBodies;
      /** The batch before this one, perhaps not stored yet. */
      after?: PreparedBatch;
      /** Called once every read the batch needs from the store has been sent. */
      onReadsSent?: () => void;
    } = {},
  ): Promise<PreparedBatch> {
    const store = captureStoreRepository(database);
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
      fetchBodies: options.fetchBodies,
    };
    const parsedByItem = new Map<IngestItem, Parsed>();
    await Promise.all(
      items.map(async (item) => {
        try {
          const { message, attachmentContents, search } = await parser.parse(item.raw, {
            truncated: item.truncated || item.headerOnly === true,
            headerOnly: item.headerOnly === true,
          });
          const whole = item.headerOnly !== true;
          const digest = whole ? bodyDigest(message.text, message.html) : null;
          const key = messageKey(message.messageId, item.raw, digest);
          parsedByItem.set(item, {
            item,
            message,
            attachmentContents,
            search,
            key,
            whole,
            bodyDigest: digest,
          });
        } catch (error) {
          quarantine(batch, item, item.raw, error);
        }
      }),
    );
    // Promise.all finishes in any order; decisions depend on order within a thread.
    batch.parsed.push(...items.flatMap((item) => parsedByItem.get(item) ?? []));

    const ancestorIds = [
      ...new Set(batch.parsed.flatMap((p) => [...p.message.references, ...p.message.inReplyTo])),
    ];
    // Independent reads, sent together: on a server they run on several connections at once.
    // The threads the batch may land in and their links are read here, while
    // the batch before is stored, and not when this one is: storing is the
    // slower stage of a sync. The commit adds what the batch before stored meanwhile.
    const subjectThreadsRead = subjectThreadsOf(store, batch.parsed, mailbox.ownerId);
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
    // The batch before may still be in its transaction: its messages count as stored here.
    const pendingKeys = new Set(options.after?.parsed.map((p) => p.key));
    const pendingIds = new Set(options.after?.parsed.map((p) => p.message.messageId));
    await parseWhole(prepared, {
      heldHere: (key) => pendingKeys.has(key) || storedCopies.get(key)?.heldHere === true,
      known: (id) => knownThreads.has(id) || pendingIds.has(id),
    });
    await settleKeys(prepared.parsed, { existing, storedCopies }, mailbox);
    return { ...prepared, ...(await readingThreads) };
  }

  /**
   * Stored threads the messages may join by subject: same subject key, active
   * within the window of the earliest of them, sharing someone with them.
   */
  function subjectThreadsOf(
    store: ReturnType<typeof captureStoreRepository>,
    parsed: readonly Parsed[],
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
      ...parsed.map((p) => p.message.date?.getTime() ?? clock.now().getTime()),
    );
    return store.threadsBySubject(
      [...participantsBySubject].map(([key, participants]) => ({
        key,
        participants: [...participants],
      })),
      new Date(earliest - threadWindowDays * 86_400_000),
      ownerId,
    );
  }

  /**
   * Fetches and parses whole the header-only messages that may be captured,
   * by the batch's directory, unless this mailbox holds them already; the
   * rest stay decided by their headers. A message without a Message-ID is
   * always parsed whole: its body is part of its key.
   */
  async function parseWhole(
    batch: PreparedBatch,
    lookup: { heldHere(key: string): boolean; known(messageId: string): boolean },
  ): Promise<void> {
    if (!batch.fetchBodies) return;
    const wanted = batch.parsed.filter(
      (p) =>
        !p.whole &&
        (p.message.messageId === null ||
          (!lookup.heldHere(p.key) &&
            mayBeCaptured(
              p.message,
              noiseOf(p.message),
              batch.directory,
              batch.mailbox.ownerId,
              [...p.message.inReplyTo, ...p.message.references].some((id) => lookup.known(id)),
              clock.now(),
            ))),
    );
    if (wanted.length === 0) return;
    const entries = new Map(wanted.map((entry) => [entry.item, entry]));
    const parsing: Promise<void>[] = [];
    const parseEntry = async (entry: Parsed, full: WholeSource) => {
      try {
        const whole = await reattachParts(
          await parser.parse(full.raw, { truncated: full.truncated }),
          full.detached ?? [],
        );
        const digest = bodyDigest(whole.message.text, whole.message.html);
        Object.assign(entry, { ...whole, whole: true, bodyDigest: digest });
        if (entry.message.messageId === null) {
          entry.key = messageKey(null, entry.item.raw, digest);
        }
      } catch (error) {
        batch.parsed.splice(batch.parsed.indexOf(entry), 1);
        quarantine(batch, entry.item, restoreSource(full.raw, full.detached ?? []), error);
      }
    };
    await batch.fetchBodies([...entries.keys()], (item, full) => {
      const entry = entries.get(item);
      if (entry) parsing.push(parseEntry(entry, full));
    });
    await Promise.all(parsing);
  }

  /**
   * A copy parsed whole is the stored message with its key only when it
   * holds the body that message stored; otherwise it is a message of its
   * own, under a key of its own. Keys not looked up yet (those, and keys
   * computed from a body fetched since) are looked up now.
   */
  async function settleKeys(
    parsed: readonly Parsed[],
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

  /**
   * Stores a prepared batch in one transaction. When the database refuses
   * some value in it, the batch is stored again a message at a time, and a
   * message still refused is quarantined with the database's reason: one bad
   * message must not hold back its folder for good.
   */
  async function commitBatch(
    prepared: PreparedBatch,
    options: CommitOptions = {},
  ): Promise<CommittedBatch> {
    try {
      return await commitTogether(prepared, options);
    } catch (error) {
      if (!isRefusedData(error)) throw error;
      return commitEach(prepared, options);
    }
  }

  async function commitEach(
    prepared: PreparedBatch,
    options: CommitOptions,
  ): Promise<CommittedBatch> {
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
        stored = await commitTogether(alone, each);
      } catch (error) {
        if (!isRefusedData(error)) throw error;
        stored = await commitTogether(await refused(alone, item, error), each);
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

  /** The one-message batch with its message quarantined, its whole source fetched again if need be. */
  async function refused(
    alone: PreparedBatch,
    item: IngestItem,
    error: unknown,
  ): Promise<PreparedBatch> {
    let raw = item.raw;
    if (item.headerOnly && alone.fetchBodies) {
      await alone.fetchBodies([item], (_, whole) => {
        raw = restoreSource(whole.raw, whole.detached ?? []);
      });
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

  async function commitTogether(
    prepared: PreparedBatch,
    options: CommitOptions,
  ): Promise<CommittedBatch> {
    const { mailbox, items, outcomes, quarantined } = prepared;
    const store = captureStoreRepository(database);
    const existing = new Map([...prepared.existing, ...(options.previous?.threadOfKey ?? [])]);
    const storedCopies = new Map(prepared.storedCopies);
    const knownThreads = new Map([
      ...prepared.knownThreads,
      ...(options.previous?.threadOfMessageId ?? []),
    ]);
    const directory = await deps.directory.current();
    if (directory !== prepared.directory) {
      // Contacts created since the bodies were chosen: what they make capturable needs its body.
      const lookedUp = new Set(prepared.parsed.map((p) => p.key));
      const storedBefore = options.previous?.threadOfKey;
      await parseWhole(
        { ...prepared, directory },
        {
          heldHere: (key) =>
            storedBefore?.has(key) === true || storedCopies.get(key)?.heldHere === true,
          known: (id) => knownThreads.has(id),
        },
      );
      await settleKeys(prepared.parsed, { existing, storedCopies }, mailbox, lookedUp);
    }
    const { parsed } = prepared;
    // By subject key, once: a batch has hundreds of messages and their subjects as many threads.
    const candidatesBySubject = new Map<string, SubjectCandidate[]>();
    const addCandidate = (subjectKey: string, candidate: SubjectCandidate) => {
      const candidates = candidatesBySubject.get(subjectKey);
      if (candidates) candidates.push(candidate);
      else candidatesBySubject.set(subjectKey, [candidate]);
    };
    for (const thread of mergeThreads(prepared.subjectThreads, options.previous?.threads ?? [])) {
      addCandidate(thread.subjectKey, {
        threadId: thread.id,
        participants: thread.participants,
        lastAt: thread.lastAt ? new Date(thread.lastAt) : null,
      });
    }
    const threadRows = new Map<string, ThreadRow>();
    const threadOf = new Map<string, string>();
    const threadOfMessageId = new Map<string, string>();
    const seenKeys = new Set<string>();
    // Threads first, in order (a message may join a thread started earlier in
    // the batch), so only the links of the threads the batch lands in are read.
    const placed = parsed.map((entry) => {
      const { message, key } = entry;
      const stored = existing.get(key);
      if (isUntracked(message, directory)) {
        const threadId = stored ?? untrackedThreadId;
        const duplicate = stored !== undefined || seenKeys.has(key);
        seenKeys.add(key);
        threadOf.set(key, threadId);
        return { ...entry, threadId, duplicate, untracked: true };
      }
      const subjectKey = normalizeSubject(message.subject);
      const threadId =
        stored ??
        threadOf.get(key) ??
        resolveThread(message, {
          threadOfMessageId: (id) => knownThreads.get(id),
          subjectCandidates: () => candidatesBySubject.get(subjectKey) ?? [],
          windowDays: threadWindowDays,
          contentKey: key,
          ownerId: mailbox.ownerId,
        });
      threadOf.set(key, threadId);
      if (message.messageId) {
        knownThreads.set(message.messageId, threadId);
        threadOfMessageId.set(message.messageId, threadId);
      }
      const duplicate = stored !== undefined || seenKeys.has(key);
      seenKeys.add(key);
      if (!duplicate) {
        const participants = participantAddresses(message);
        const sentAt = message.date?.toISOString() ?? null;
        const previous = threadRows.get(threadId);
        threadRows.set(threadId, {
          id: threadId,
          subjectKey,
          participants: [...new Set([...(previous?.participants ?? []), ...participants])],
          firstAt: min(previous?.firstAt ?? null, sentAt),
          lastAt: max(previous?.lastAt ?? null, sentAt),
        });
        addCandidate(subjectKey, {
          threadId,
          participants,
          lastAt: message.date,
        });
      }
      return { ...entry, threadId, duplicate, untracked: false };
    });
    const carried = options.previous?.contexts ?? new Map<string, ThreadContext>();
    const placedThreads = new Set(placed.flatMap((p) => (p.untracked ? [] : [p.threadId])));
    // Read while preparing; the batch before adds what it linked since. A
    // thread outside what was foreseen (resolveThread gives none today) is read
    // now, rather than decided without its links.
    const unread = [...placedThreads].filter(
      (id) => !prepared.linksRead.has(id) && !carried.has(id),
    );
    const contexts = threadContexts([
      ...prepared.threadLinks,
      ...(await store.threadLinks(unread, mailbox.ownerId)),
    ]);
    for (const [threadId, context] of carried) {
      if (placedThreads.has(threadId)) addContext(contextIn(contexts, threadId), context);
    }

    const newMessages: StoredMessageRow[] = [];
    const legacyRekeys: { legacyKey: string; key: string }[] = [];
    // One per message: a message found twice in a batch (two copies in a
    // folder, a repeated export) is decided once more, and the later decision stands.
    const decisions = new Map<string, DecisionRow>();
    const links: LinkRow[] = [];
    const attachmentRows: AttachmentRow[] = [];
    const attachmentFiles = new Map<string, Uint8Array>();
    const proposals: ProposedContact[] = [];
    for (const entry of placed) {
      const { item, message, key, attachmentContents, threadId, duplicate, untracked } = entry;
      const decision: Decision = untracked
        ? untrackedDecision
        : decide({
            message,
            noise: noiseOf(message),
            directory,
            mailboxOwnerUserId: mailbox.ownerId,
            thread: contexts.get(threadId) ?? emptyThreadContext,
            now: clock.now(),
          });
      outcomes.set(item, {
        source: item.source,
        status: decision.captured ? 'captured' : 'ignored',
        category: decision.category,
        messageId: message.messageId,
        duplicate,
      });
      const storedCopy = storedCopies.get(key);
      if (storedCopy?.legacyKey && !legacyRekeys.some((r) => r.key === key)) {
        legacyRekeys.push({ legacyKey: storedCopy.legacyKey, key });
      }
      const fillsBody = duplicate && !untracked && storedCopy?.bodySha256 === null;
      if (fillsBody && !newMessages.some((m) => m.key === key)) {
        // The stored message kept no body (its first copy was not captured): this copy's fills it in.
        const row = toStoredMessage(entry, threadId, decision, mailbox);
        if (row.bodySha256 !== null) newMessages.push(row);
      }
      if (!duplicate) {
        newMessages.push(
          untracked
            ? untrackedMessage(entry, threadId)
            : toStoredMessage(entry, threadId, decision, mailbox),
        );
        proposals.push(
          ...proposeContacts({
            message,
            decision,
            directory,
            createContacts: mailbox.createContacts,
          }),
        );
        if (decision.captured) {
          attachmentRows.push(
            ...keptAttachments(key, message, attachmentContents, mailbox, item, attachmentFiles),
          );
        }
      }
      // None for untracked mail: every read of mail goes through a decision, so it shows to no one.
      if (!untracked) {
        decisions.set(key, {
          key,
          mailboxId: mailbox.id,
          bodySha256: entry.whole ? entry.bodyDigest : null,
          captured: decision.captured,
          category: decision.category,
          reasons: [...decision.reasons],
        });
      }
      if (decision.captured) {
        for (const link of decision.links) {
          addCarriedLink(contextIn(contexts, threadId), link);
          const { type, ...stored } = linkState(link);
          links.push({ key, recordType: type, ...stored });
        }
      }
    }

    // On disk before the statements are sent, so a stored row always has its
    // file; a crash leaves at most an unreferenced file, never a reference
    // without one.
    const writingFiles = Promise.all(
      [...attachmentFiles].map(([sha256, content]) => deps.attachments!.store.put(sha256, content)),
    );
    writingFiles.catch(() => undefined);
    const adoption = captureWrites.adoptOrphans(
      newMessages
        .filter((m) => m.messageId)
        .map((m) => ({ root: m.messageId!, threadId: m.threadId })),
      mailbox.ownerId,
    );
    const contactStatements = proposedContactStatements(proposals);
    // In this order: the adoption and the filings find the messages stored before them.
    const statements = [
      ...(legacyRekeys.length > 0 ? [captureWrites.rekeyLegacy(legacyRekeys)] : []),
      captureWrites.storeMessages(newMessages, [...threadRows.values()]),
      adoption,
      captureWrites.recordFilings({
        locations: parsed.flatMap(({ item, key }) =>
          item.location
            ? [{ key, mailboxId: mailbox.id, ...item.location, flags: [...item.location.flags] }]
            : [],
        ),
        decisions: [...decisions.values()],
        links,
        attachments: attachmentRows,
      }),
      ...contactStatements,
      ...captureWrites.quarantine(quarantined),
      ...(options.checkpoint ? [options.checkpoint] : []),
    ];
    await writingFiles;
    await options.sendAfter;
    const results = await database.atomically(statements);
    for (const row of results[statements.indexOf(adoption)] as AdoptedRow[]) {
      threadOf.set(row.key, row.threadId);
      if (row.messageId) threadOfMessageId.set(row.messageId, row.threadId);
    }
    const lastContactStatement = contactStatements.at(-1);
    const created = lastContactStatement ? results[statements.indexOf(lastContactStatement)]! : [];
    // New contacts change what the next messages resolve to.
    if (created.length > 0) await deps.directory.invalidate();
    return {
      outcomes: items.map((item) => outcomes.get(item)!),
      threadOfKey: threadOf,
      threadOfMessageId,
      threads: [...threadRows.values()],
      contexts: new Map(
        [...placedThreads].map((id) => [id, contexts.get(id) ?? emptyThreadContext]),
      ),
    };
  }

  /**
   * The attachment rows of a captured message; the contents worth keeping
   * (once per hash) are added to `files` for the caller to write.
   */
  function keptAttachments(
    key: string,
    message: ParsedMessage,
    contents: readonly Uint8Array[],
    target: MailboxRow,
    item: IngestItem,
    files: Map<string, Uint8Array>,
  ): AttachmentRow[] {
    const keepContent =
      deps.attachments !== undefined && target.dataScope === 'full' && !item.statisticsOnly;
    return message.attachments.map((attachment, position) => {
      const content = contents[position];
      const store =
        keepContent &&
        attachment.contentHash !== null &&
        content !== undefined &&
        attachment.size <= deps.attachments!.maxBytes;
      if (store) files.set(attachment.contentHash, content);
      return {
        key,
        position,
        sha256: store ? attachment.contentHash : null,
        filename: attachment.filename,
        contentType: attachment.contentType,
        size: attachment.size,
        contentId: attachment.contentId,
      };
    });
  }

  return {
    prepareBatch,
    commitBatch,
    async ingestBatch(
      mailbox: MailboxRow,
      items: readonly IngestItem[],
      checkpoint?: Statement,
      fetchBodies?: FetchBodies,
    ): Promise<IngestOutcome[]> {
      const prepared = await prepareBatch(mailbox, items, fetchBodies ? { fetchBodies } : {});
      return (await commitBatch(prepared, checkpoint ? { checkpoint } : {})).outcomes;
    },
  };
}

/** What a batch knows of the stored messages its copies have the keys of. */
interface KnownCopies {
  readonly existing: Map<string, string>;
  readonly storedCopies: Map<string, StoredCopyRow>;
}

interface CommitOptions {
  /** Moves the caller's checkpoint in the same transaction: its last statement. */
  readonly checkpoint?: Statement;
  /** What the batch before stored after this one was prepared. */
  readonly previous?: CommittedBatch;
  /**
   * The statements are sent once this settles: the caller lets the next
   * batch's reads go first. The embedded store serves one request at a time,
   * and a read queued behind a batch's statements waited for all of them.
   */
  readonly sendAfter?: Promise<void>;
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

/**
 * PostgreSQL refused a value (SQLSTATE class 22, data exception: bad
 * encoding, out of range, too long) or hit a limit of its own (54000, such as
 * an index row too large): a fault of some message's data, not of the store.
 */
function isRefusedData(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('22') || code === '54000');
}

/** A message that cannot be parsed is kept aside with its reason; its batch goes on. */
function quarantine(batch: PreparedBatch, item: IngestItem, raw: Uint8Array, error: unknown) {
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

/**
 * Every thread a batch's messages can land in (see resolveThread): where a
 * copy is stored, where a message they name is, a thread their subject may
 * join, or the thread named after their root.
 */
function threadsToLandIn(
  parsed: readonly Parsed[],
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

/**
 * Thread rows read from the store joined with those a batch stored since: one
 * row per thread, as the store now holds it (participants of both, the wider span).
 */
export function mergeThreads(
  read: readonly ThreadRow[],
  stored: readonly ThreadRow[],
): ThreadRow[] {
  const byId = new Map(read.map((row) => [row.id, row]));
  for (const row of stored) {
    const known = byId.get(row.id);
    byId.set(
      row.id,
      known
        ? {
            ...known,
            participants: [...new Set([...known.participants, ...row.participants])],
            firstAt: min(known.firstAt, row.firstAt),
            lastAt: max(known.lastAt, row.lastAt),
          }
        : row,
    );
  }
  return [...byId.values()];
}

function min(a: string | null, b: string | null): string | null {
  if (!a) return b;
  if (!b) return a;
  return a < b ? a : b;
}

function max(a: string | null, b: string | null): string | null {
  if (!a) return b;
  if (!b) return a;
  return a > b ? a : b;
}

/**
 * What is kept of untracked mail (core/capture/do-not-track.ts): its key, to
 * know it when it comes again, and nothing that says whose it is or what it said.
 */
function untrackedMessage({ key, item, message }: Parsed, threadId: string): StoredMessageRow {
  return {
    key,
    messageId: null,
    threadId,
    threadRoot: null,
    subject: '',
    sentAt: null,
    fromAddress: null,
    participants: [],
    envelope: {},
    textBody: null,
    htmlBody: null,
    search: '',
    bodySha256: null,
    size: item.size ?? message.size,
    category: untrackedDecision.category,
    captured: false,
    reasons: [...untrackedDecision.reasons],
    failedRecipients: [],
  };
}

/**
 * What is kept of a message, by the mailbox's data scope (metadata only never
 * stores a body) and its activity window.
 */
function toStoredMessage(
  { key, message, item, search }: Parsed,
  threadId: string,
  decision: Decision,
  mailbox: MailboxRow,
): StoredMessageRow {
  const keepBody =
    decision.captured && mailbox.dataScope !== 'metadata' && item.statisticsOnly !== true;
  const textBody = keepBody ? message.text : null;
  const htmlBody = keepBody ? message.html : null;
  return {
    key,
    messageId: message.messageId,
    threadId,
    threadRoot: threadRoot(message),
    subject: message.subject,
    sentAt: message.date?.toISOString() ?? null,
    fromAddress: message.from[0]?.address ?? null,
    participants: participantAddresses(message),
    envelope: {
      from: message.from,
      to: message.to,
      cc: message.cc,
      replyTo: message.replyTo,
      inReplyTo: message.inReplyTo,
      references: message.references,
      attachments: message.attachments.map((a) => ({
        filename: a.filename,
        contentType: a.contentType,
        size: a.size,
      })),
    },
    textBody,
    htmlBody,
    search: keepBody ? search : searchVector(message.subject, null),
    bodySha256: bodyDigest(textBody, htmlBody),
    size: item.size ?? message.size,
    category: decision.category,
    captured: decision.captured,
    reasons: [...decision.reasons],
    failedRecipients: [...decision.failedRecipients],
  };
}

export type IngestService = ReturnType<typeof createIngestService>;
