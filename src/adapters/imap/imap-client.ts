import {
  ImapFlow,
  type ExistsEvent,
  type FetchMessageObject,
  type FetchQueryObject,
  type ListResponse,
  type MailboxObject,
  type MessageStructureObject,
} from 'imapflow';
import { isIP } from 'node:net';
import { ThreadlineError } from '../../core/errors.js';
import type {
  FetchedMessage,
  FolderStatus,
  MailSession,
  RemoteFolder,
} from '../../services/sync/mail-source.js';
import { detachedPartMarker } from '../mime/detached-parts.js';
import { toImapError } from './imap-errors.js';
import type { ImapSettings } from './imap-settings.js';
import {
  assembleSkeleton,
  detachableParts,
  mayHoldDetachableParts,
  skeletonSections,
} from './message-skeleton.js';

export interface ImapFolder extends RemoteFolder {
  /** The last part of the path, as shown in a folder picker. */
  readonly name: string;
  readonly delimiter: string;
}

export interface FlagChange {
  readonly uid: number;
  readonly flags: readonly string[];
}

export interface FolderChanges {
  readonly flags: readonly FlagChange[];
  /** UIDs expunged since the MODSEQ (QRESYNC's VANISHED); null when the server cannot say. */
  readonly vanished: readonly number[] | null;
}

export type ChangeWait = 'exists' | 'timeout' | 'aborted';

export interface ImapSession extends MailSession {
  capabilities(): string[];
  listFolders(): Promise<ImapFolder[]>;
  /**
   * Flags of the messages whose MODSEQ is above `modseq` and, with QRESYNC,
   * the UIDs expunged since; needs CONDSTORE (PROTOCOL_ERROR without).
   */
  changedSince(path: string, modseq: string): Promise<FolderChanges>;
  /**
   * The folder's status without selecting it again when this session already has
   * it selected (a SELECT costs the server work in proportion to the folder):
   * STATUS, then NOOP, so the session's view holds every message below the
   * UIDNEXT returned. Selects it (read-only) when another folder is open.
   */
  refreshFolder(path: string): Promise<FolderStatus>;
  /**
   * Waits (IMAP IDLE) until a folder gets new mail, the time is up or the signal
   * aborts; selects the folder first only when it is not selected already.
   */
  waitForChange(path: string, signal: AbortSignal, timeoutMs: number): Promise<ChangeWait>;
  /** Signs out; never throws. */
  close(): Promise<void>;
}

/** Folders that hold no conversations worth filing. */
const skippedByDefault = new Set([
  '\\Junk',
  '\\Trash',
  '\\Drafts',
  '\\All',
  '\\Flagged',
  '\\Important',
]);

const defaultConnectTimeoutMs = 20_000;

/**
 * A signed-in IMAP session over imapflow. Its logger is always off (the
 * option's type allows only `false`): the protocol trace would carry
 * credentials and message content.
 */
export async function openImapSession(
  settings: ImapSettings,
  options: { readonly logger?: false } = {},
): Promise<ImapSession> {
  const connectTimeout = settings.connectTimeoutMs ?? defaultConnectTimeoutMs;
  const secret =
    settings.auth.kind === 'password' ? settings.auth.password : settings.auth.accessToken;
  const client = new ImapFlow({
    host: settings.address ?? settings.host,
    // An address literal is no server name: TLS then checks the certificate against the address.
    servername: settings.address && isIP(settings.host) === 0 ? settings.host : undefined,
    port: settings.port,
    secure: settings.security === 'tls',
    doSTARTTLS: settings.security === 'tls' ? undefined : settings.security === 'starttls',
    auth:
      settings.auth.kind === 'password'
        ? { user: settings.user, pass: settings.auth.password }
        : { user: settings.user, accessToken: settings.auth.accessToken },
    tls: { rejectUnauthorized: !settings.allowSelfSigned },
    logger: options.logger ?? false,
    // IDLE runs only inside waitForChange, so commands never queue behind it.
    disableAutoIdle: true,
    // Where the server has it, one FETCH names both changed flags and expunged UIDs.
    qresync: true,
    connectionTimeout: connectTimeout,
    greetingTimeout: connectTimeout,
    // Inactivity while a command is in flight; IDLE is kept alive by imapflow itself.
    socketTimeout: Math.max(60_000, 3 * connectTimeout),
  });
  let lastSocketError: unknown = null;
  // Unhandled, a socket error after sign-in would crash the process; it resurfaces on the next command.
  client.on('error', (error: unknown) => {
    lastSocketError = error;
  });
  const fail = (error: unknown) => redacted(toImapError(error, settings.host), secret);
  try {
    await client.connect();
  } catch (error) {
    client.close();
    throw fail(error);
  }
  const wrap = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw fail(error);
    }
  };
  // Selecting a large folder costs Dovecot tens of milliseconds: a pass opens
  // each folder once (openFolder) and the later commands reuse it.
  const isSelected = (path: string) => client.mailbox !== false && client.mailbox.path === path;
  const select = async (path: string) =>
    isSelected(path)
      ? (client.mailbox as MailboxObject)
      : client.mailboxOpen(path, { readOnly: true });
  /** Messages in the order the server answers, its errors made ours. */
  async function* stream(
    uids: readonly number[],
    query: FetchQueryObject,
    toMessage: (message: FetchMessageObject) => FetchedMessage,
  ): AsyncGenerator<FetchedMessage> {
    if (uids.length === 0) return;
    try {
      for await (const message of client.fetch(uids.join(','), query, { uid: true })) {
        yield toMessage(message);
      }
    } catch (error) {
      throw fail(error);
    }
  }
  const collect = async (messages: AsyncIterable<FetchedMessage>) => {
    const collected: FetchedMessage[] = [];
    for await (const message of messages) collected.push(message);
    return collected.sort((a, b) => a.uid - b.uid);
  };
  const streamSources = (uids: readonly number[], maxBytes: number | undefined) =>
    stream(
      uids,
      {
        uid: true,
        flags: true,
        internalDate: true,
        size: true,
        source: maxBytes === undefined ? true : { maxLength: maxBytes },
      },
      (message) =>
        toFetched(message, message.source, {
          truncated: maxBytes !== undefined && (message.size ?? 0) > maxBytes,
          headerOnly: false,
        }),
    );
  /** Messages with large files, grouped by shape, from their structure (BODYSTRUCTURE). */
  const detachGroups = async (
    uids: readonly number[],
    maxBytes: number | undefined,
    sizes: ReadonlyMap<number, number> | undefined,
  ) => {
    const groups = new Map<string, DetachGroup>();
    const candidates = uids.filter((uid) => mayHoldDetachableParts(sizes?.get(uid) ?? Infinity));
    if (candidates.length === 0) return groups;
    const query = { uid: true, size: true, bodyStructure: true } as const;
    for await (const m of client.fetch(candidates.join(','), query, { uid: true })) {
      const fits = maxBytes === undefined || (m.size ?? 0) <= maxBytes;
      const parts = fits && m.bodyStructure ? detachableParts(m.bodyStructure) : [];
      if (parts.length === 0) continue;
      const sections = skeletonSections(m.bodyStructure!, new Set(parts));
      // Messages alike in shape share one FETCH: one round trip, not one per message.
      const key = `${sections.join(' ')}|${parts.join(' ')}`;
      const group = groups.get(key) ?? { sections, parts, structures: new Map() };
      group.structures.set(m.uid, m.bodyStructure!);
      groups.set(key, group);
    }
    return groups;
  };
  /**
   * Whole sources, except that a message whose structure shows large files
   * comes as a skeleton with those files detached: the server decodes them
   * (BINARY) and the parser never reads their base64.
   */
  async function* wholeMessages(
    uids: readonly number[],
    options: {
      maxBytes?: number | undefined;
      sizes?: ReadonlyMap<number, number>;
      withoutFiles?: boolean;
    },
  ): AsyncGenerator<FetchedMessage> {
    const { maxBytes, sizes } = options;
    const groups = await wrap(() => detachGroups(uids, maxBytes, sizes));
    const split = new Set([...groups.values()].flatMap((group) => [...group.structures.keys()]));
    yield* streamSources(
      uids.filter((uid) => !split.has(uid)),
      maxBytes,
    );
    for (const group of groups.values()) {
      // A server that cannot decode a part (BINARY's UNKNOWN-CTE) refuses the
      // command: those messages come whole, for the parser to make what it can of them.
      const fetched = await fetchWithDetachedParts(group, !options.withoutFiles).catch(() => []);
      yield* fetched;
      const got = new Set(fetched.map((message) => message.uid));
      yield* streamSources(
        [...group.structures.keys()].filter((uid) => !got.has(uid)),
        maxBytes,
      );
    }
  }
  /**
   * Skeletons of messages alike in shape, with their detached parts unless only
   * the text is wanted; those the server answered short are left out.
   */
  const fetchWithDetachedParts = async (
    group: DetachGroup,
    withFiles: boolean,
  ): Promise<FetchedMessage[]> => {
    const range = [...group.structures.keys()].join(',');
    const skeletonQuery = {
      uid: true,
      flags: true,
      internalDate: true,
      size: true,
      headers: true,
      bodyParts: group.sections,
    };
    const skeletons: FetchMessageObject[] = [];
    for await (const m of client.fetch(range, skeletonQuery, { uid: true })) skeletons.push(m);
    const contents = new Map<number, (Buffer | undefined)[]>();
    const partsQuery = { uid: true, bodyParts: group.parts };
    const parts = withFiles ? client.fetch(range, partsQuery, { uid: true, binary: true }) : [];
    for await (const m of parts) {
      contents.set(
        m.uid,
        group.parts.map((part) => decodedPart(m, part)),
      );
    }
    return skeletons.flatMap((message) => {
      const structure = group.structures.get(message.uid);
      const parts = contents.get(message.uid);
      const raw =
        structure && message.headers
          ? assembleSkeleton(
              structure,
              message.headers,
              message.bodyParts ?? new Map(),
              new Set(group.parts),
            )
          : null;
      const fetched = raw && toFetched(message, raw, { truncated: false, headerOnly: false });
      if (!fetched) return [];
      if (!withFiles) return [fetched];
      if (!parts || parts.some((content) => !content)) return [];
      const detached = group.parts.map((part, i) => ({
        marker: detachedPartMarker(part),
        content: parts[i]!,
      }));
      return [{ ...fetched, detached }];
    });
  };
  const fetchHeaders = (uids: readonly number[]) =>
    collect(
      stream(uids, { uid: true, flags: true, internalDate: true, size: true, headers: true }, (m) =>
        toFetched(m, m.headers, { truncated: false, headerOnly: true }),
      ),
    );

  return {
    capabilities: () => [...client.capabilities.keys()],

    listFolders: () =>
      wrap(async () => {
        const listed = await client.list();
        return listed.filter(isSelectable).map(toFolder);
      }),

    openFolder: (path) =>
      wrap(async (): Promise<FolderStatus> =>
        // Always a fresh SELECT: the counts of an already open folder may be stale.
        statusOf(await client.mailboxOpen(path, { readOnly: true })),
      ),

    refreshFolder: (path) =>
      wrap(async (): Promise<FolderStatus> => {
        if (!isSelected(path)) return statusOf(await select(path));
        const status = await client.status(path, {
          uidValidity: true,
          uidNext: true,
          messages: true,
          highestModseq: true,
        });
        if (!status || status.uidValidity === undefined || status.uidNext === undefined) {
          // No usable STATUS: a fresh SELECT, as `openFolder` makes.
          return statusOf(await client.mailboxOpen(path, { readOnly: true }));
        }
        // After STATUS: whatever arrived below its UIDNEXT is now in this session's view.
        await client.noop();
        return {
          uidValidity: Number(status.uidValidity),
          uidNext: status.uidNext,
          highestModseq: status.highestModseq?.toString() ?? null,
          exists: status.messages ?? 0,
        };
      }),

    async *fetchSince(path, afterUid, options) {
      const uids = await wrap(async () => {
        await select(path);
        const found = await client.search(
          { uid: `${afterUid + 1}:*`, ...(options.sinceDate ? { since: options.sinceDate } : {}) },
          { uid: true },
        );
        // `n:*` always matches the last message, even when its UID is below n.
        return (found || []).filter((uid) => uid > afterUid).sort((a, b) => a - b);
      });
      const batchSize = Math.max(1, options.batchSize);
      for (let start = 0; start < uids.length; start += batchSize) {
        const chunk = uids.slice(start, start + batchSize);
        yield options.headersOnly
          ? await fetchHeaders(chunk)
          : await collect(streamSources(chunk, options.maxBytes));
      }
    },

    async *fetchWhole(path, uids, options = {}) {
      await wrap(() => select(path));
      yield* wholeMessages(uids, options);
    },

    listUids: (path) =>
      wrap(async () => {
        await client.mailboxOpen(path, { readOnly: true });
        const uids = await client.search({ all: true }, { uid: true });
        return (uids || []).sort((a, b) => a - b);
      }),

    changedSince: (path, modseq) =>
      wrap(async () => {
        if (!client.capabilities.has('CONDSTORE')) {
          throw new ThreadlineError(
            'PROTOCOL_ERROR',
            `${settings.host} does not support CONDSTORE, so changed flags cannot be asked for.`,
          );
        }
        const opened = await select(path);
        const qresync = client.enabled.has('QRESYNC');
        // By UID: a change the server already pushed to this session can come twice.
        const flags = new Map<number, string[]>();
        const vanished: number[] = [];
        if (opened.exists === 0 && !qresync) return { flags: [], vanished: null };
        // VANISHED (EARLIER) arrives as expunge events while the FETCH runs.
        const onExpunge = (event: { path: string; uid?: number; vanished: boolean }) => {
          if (event.vanished && event.path === path && event.uid !== undefined) {
            vanished.push(event.uid);
          }
        };
        client.on('expunge', onExpunge);
        try {
          const query = { uid: true, flags: true };
          for await (const message of client.fetch('1:*', query, {
            uid: true,
            changedSince: BigInt(modseq),
          })) {
            flags.set(message.uid, storedFlags(message));
          }
        } finally {
          client.off('expunge', onExpunge);
        }
        return {
          flags: [...flags]
            .map(([uid, kept]) => ({ uid, flags: kept }))
            .sort((a, b) => a.uid - b.uid),
          vanished: qresync ? vanished.sort((a, b) => a - b) : null,
        };
      }),

    async waitForChange(path, signal, timeoutMs) {
      if (signal.aborted) return 'aborted';
      // A watcher keeps its session selected between waits: IDLE reports what changed since.
      await wrap(() => select(path));
      let outcome: ChangeWait | null = null;
      let wake = () => {};
      const woken = new Promise<void>((resolve) => {
        wake = resolve;
      });
      const settle = (result: ChangeWait) => {
        outcome ??= result;
        wake();
      };
      const onExists = (event: ExistsEvent) => {
        if (event.count > event.prevCount) settle('exists');
      };
      const onAbort = () => settle('aborted');
      const timer = setTimeout(() => settle('timeout'), timeoutMs);
      client.on('exists', onExists);
      signal.addEventListener('abort', onAbort, { once: true });
      try {
        while (outcome === null) {
          const idling = client.idle().catch((error: unknown) => {
            throw fail(error);
          });
          // Awaited below on every path but a failed break; that one must not go unhandled.
          idling.catch(() => undefined);
          const ended = await Promise.race([woken.then(() => null), idling.then((r) => ({ r }))]);
          if (ended === null) {
            // Any command ends IDLE; wait for it so the next caller finds a free connection.
            await wrap(() => client.noop());
            await idling;
          } else if (ended.r === false && outcome === null) {
            throw client.usable
              ? new ThreadlineError('PROTOCOL_ERROR', `${settings.host} refused IDLE.`)
              : fail(lastSocketError ?? { message: 'connection closed' });
          }
        }
        return outcome;
      } finally {
        clearTimeout(timer);
        client.off('exists', onExists);
        signal.removeEventListener('abort', onAbort);
      }
    },

    async close() {
      try {
        await client.logout();
      } catch {
        client.close();
      }
    },
  };
}

function statusOf(opened: MailboxObject): FolderStatus {
  return {
    uidValidity: Number(opened.uidValidity),
    uidNext: opened.uidNext,
    highestModseq: opened.highestModseq?.toString() ?? null,
    exists: opened.exists,
  };
}

function isSelectable(folder: ListResponse): boolean {
  return !folder.flags.has('\\Noselect') && !folder.flags.has('\\NonExistent');
}

function toFolder(folder: ListResponse): ImapFolder {
  const specialUse = folder.specialUse ?? null;
  return {
    path: folder.path,
    name: folder.name,
    delimiter: folder.delimiter,
    specialUse,
    defaultSelected: specialUse === null || !skippedByDefault.has(specialUse),
  };
}

/** Messages alike in shape: the same sections make their skeletons, the same parts are detached. */
interface DetachGroup {
  readonly sections: string[];
  readonly parts: string[];
  readonly structures: Map<number, MessageStructureObject>;
}

/**
 * A detached part's bytes: as they came where the server decoded them
 * (BINARY), else base64 decoded here (every detached part is base64).
 */
function decodedPart(message: FetchMessageObject, part: string): Buffer | undefined {
  const content = message.bodyParts?.get(part);
  if (!content || message.binaryParts?.has(part)) return content;
  return Buffer.from(content.toString('latin1'), 'base64');
}

/** The message's flags but \Recent, which belongs to one session, not to the message. */
function storedFlags(message: FetchMessageObject): string[] {
  return [...(message.flags ?? [])].filter((flag) => flag !== '\\Recent');
}

function toFetched(
  message: FetchMessageObject,
  raw: Buffer | undefined,
  shape: { truncated: boolean; headerOnly: boolean },
): FetchedMessage {
  return {
    uid: message.uid,
    flags: storedFlags(message),
    internalDate: message.internalDate === undefined ? null : new Date(message.internalDate),
    size: message.size ?? raw?.length ?? 0,
    raw: raw ?? Buffer.alloc(0),
    ...shape,
  };
}

/** A server may echo what it was sent; the secret never leaves in an error message. */
function redacted(error: ThreadlineError, secret: string): ThreadlineError {
  if (secret.length === 0 || !error.message.includes(secret)) return error;
  return new ThreadlineError(error.code, error.message.split(secret).join('••••'), error.details);
}
