import type { DetachedPart } from '../sync/mail-source.js';
import type { Statement } from '../../adapters/db/database.js';
import type { MailboxRow } from '../../adapters/db/repositories/mailboxes.js';
import type { StoredCopyRow, ThreadRow } from '../../adapters/db/repositories/capture-store.js';
import type { QuarantineRow } from '../../adapters/db/repositories/capture-writes.js';
import type { ThreadLinkRow } from '../../core/capture/thread-contexts.js';
import type { ThreadContext } from '../../core/capture/link.js';
import type { DirectoryIndex } from '../../core/directory/index.js';
import type { CalendarPart } from '../../adapters/mime/parse-message.js';
import type { ParsedMessage } from '../../core/message.js';
import type { SenderAuth } from '../../core/sender-auth/verdict.js';

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
  /** What the SMTP receiver proved about the sender from the connection it came over. */
  readonly senderAuth?: SenderAuth;
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

/** Header-only items a stage wants whole before it can go on. */
export type SourcesWanted = readonly IngestItem[];

/**
 * The answer to `SourcesWanted`: the whole sources as they arrive (parsing
 * starts while the rest are still coming). An item never handed over keeps
 * its headers.
 */
export type SourcesGiven = AsyncIterable<readonly [IngestItem, WholeSource]>;

/**
 * A stage of the capture that may need whole sources on the way: it yields
 * what it wants, and whoever runs it (services/sync/batch-pipeline.ts) asks
 * the mail source and hands the answer back. The stage itself never reaches
 * the mail server.
 */
export type Stage<T> = AsyncGenerator<SourcesWanted, T, SourcesGiven>;

/** Runs a stage with no mail source to ask (files, tests): every item keeps what it has. */
export async function withoutMailSource<T>(stage: Stage<T>): Promise<T> {
  for (let step = await stage.next(); ; step = await stage.next(noSources())) {
    if (step.done) return step.value;
  }
}

/** An answer that holds no source. */
async function* noSources(): AsyncGenerator<readonly [IngestItem, WholeSource]> {}

/** One item parsed: from its headers alone at first, whole once its body was wanted. */
export interface ParsedItem {
  item: IngestItem;
  message: ParsedMessage;
  attachmentContents: readonly Uint8Array[];
  /** Search terms of the subject and text, from the parser. */
  search: string;
  /** The message's calendar parts; none until it is parsed whole. */
  calendarParts: readonly CalendarPart[];
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
  readonly parsed: ParsedItem[];
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

export interface PrepareOptions {
  /** The batch before this one, perhaps not stored yet. */
  readonly after?: PreparedBatch;
  /** Called once every read the batch needs from the store has been sent. */
  readonly onReadsSent?: () => void;
}

export interface CommitOptions {
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
