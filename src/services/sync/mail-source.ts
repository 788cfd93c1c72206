/**
 * What the sync needs from a mail server, whatever the protocol: the IMAP
 * adapter implements it. Kept here so the sync reads as the algorithm alone.
 */
export interface RemoteFolder {
  readonly path: string;
  readonly specialUse: string | null;
  /** INBOX, Sent and user folders are synced by default; Junk, Trash and Drafts are not. */
  readonly defaultSelected: boolean;
}

export interface FolderStatus {
  readonly uidValidity: number;
  readonly uidNext: number;
  /** Null unless the server supports CONDSTORE (so changes can be asked for since it). */
  readonly highestModseq: string | null;
  readonly exists: number;
}

/**
 * A part fetched apart from its message, already decoded (IMAP BINARY), and
 * replaced in the source the parser reads by a small placeholder: decoding a
 * large base64 attachment line by line in JavaScript was most of the cost of
 * parsing the messages a sync captures.
 */
export type DetachedPart = FetchedPart | TooLargePart;

interface FetchedPart {
  /** What the placeholder decodes to: tells the parser's attachment that stands for this part. */
  readonly marker: string;
  readonly content: Uint8Array;
}

/**
 * A part over the per-attachment limit: never fetched, so a message of any
 * size keeps its text and its other files, and this one is known by its
 * name, type and (decoded) size alone.
 */
export interface TooLargePart {
  readonly marker: string;
  readonly tooLarge: { readonly size: number };
}

export interface FetchedMessage {
  readonly uid: number;
  readonly flags: readonly string[];
  readonly internalDate: Date | null;
  readonly size: number;
  readonly raw: Buffer;
  /** Only the first `maxBytes` were fetched. */
  readonly truncated: boolean;
  /** `raw` is the header block only. */
  readonly headerOnly: boolean;
  /** Parts fetched apart, already decoded; `raw` holds placeholders in their stead. */
  readonly detached?: readonly DetachedPart[];
}

export interface MailSession {
  listFolders(): Promise<RemoteFolder[]>;
  openFolder(path: string): Promise<FolderStatus>;
  /** Messages with a UID above `afterUid` (and since a date), in ascending UID order, in batches. */
  fetchSince(
    path: string,
    afterUid: number,
    options: { batchSize: number; sinceDate?: Date; maxBytes?: number; headersOnly?: boolean },
  ): AsyncGenerator<FetchedMessage[]>;
  /**
   * Whole sources of some messages of the open folder, in the order the
   * server answers; large files may come detached, decoded by the server.
   * `maxBytes` bounds each piece fetched, not the message: a detached file
   * over it is left on the server (`tooLarge`), and a source fetched in one
   * piece is cut there.
   */
  fetchWhole(
    path: string,
    uids: readonly number[],
    options?: {
      readonly maxBytes?: number | undefined;
      /** Sizes already known (from the header fetch): small messages are fetched whole at once. */
      readonly sizes?: ReadonlyMap<number, number>;
      /** Only the text is wanted: large files stay on the server, placeholders in their stead. */
      readonly withoutFiles?: boolean;
    },
  ): AsyncIterable<FetchedMessage>;
  /**
   * Flags changed since a MODSEQ (CONDSTORE; the sync skips flag updates
   * without it) and the UIDs expunged since (QRESYNC; null without it).
   */
  changedSince?(
    path: string,
    modseq: string,
  ): Promise<{
    flags: readonly { uid: number; flags: readonly string[] }[];
    vanished: readonly number[] | null;
  }>;
  /**
   * The flags of the folder's messages `from` to `to` by sequence number: a
   * slice of a folder's flags, for a server that cannot say what changed.
   */
  flagsOf(
    path: string,
    from: number,
    to: number,
  ): Promise<readonly { readonly uid: number; readonly flags: readonly string[] }[]>;
  /** Every UID the folder holds now: a stored location not listed was deleted. */
  listUids(path: string): Promise<number[]>;
  close(): Promise<void>;
}
