import { ImapFlow, type FetchMessageObject, type FetchQueryObject } from 'imapflow';
import type {
  FetchedMessage,
  FolderStatus,
  MailSession,
  RemoteFolder,
} from '../../services/sync/mail-source.js';
import type { ImapSettings } from './imap-settings.js';
import { toImapError } from './imap-errors.js';

/** Folders that hold no conversations worth filing. */
const skippedByDefault = new Set([
  '\\Junk',
  '\\Trash',
  '\\Drafts',
  '\\All',
  '\\Flagged',
  '\\Important',
]);

export interface ImapSession extends MailSession {
  capabilities(): string[];
  /** Waits (IMAP IDLE) until a folder gets new mail, the time is up or the signal aborts. */
  waitForChange(
    path: string,
    signal: AbortSignal,
    timeoutMs: number,
  ): Promise<'exists' | 'timeout'>;
}

/**
 * A signed-in IMAP session over imapflow. Its logger is always off: the
 * protocol trace would carry credentials and message content.
 */
export async function openImapSession(settings: ImapSettings): Promise<ImapSession> {
  const timeout = settings.connectTimeoutMs ?? 20_000;
  const client = new ImapFlow({
    host: settings.host,
    port: settings.port,
    secure: settings.security === 'tls',
    doSTARTTLS:
      settings.security === 'starttls' ? true : settings.security === 'none' ? false : undefined,
    auth:
      settings.auth.kind === 'password'
        ? { user: settings.user, pass: settings.auth.password }
        : { user: settings.user, accessToken: settings.auth.accessToken },
    tls: { rejectUnauthorized: !settings.allowSelfSigned },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: 5 * 60_000,
  });
  // Socket errors after connect surface on the next command; unhandled they would crash the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    client.close();
    throw toImapError(error, settings.host);
  }
  const wrap = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw toImapError(error, settings.host);
    }
  };

  const collect = (
    uids: readonly number[],
    query: FetchQueryObject,
    toMessage: (m: FetchMessageObject) => FetchedMessage,
  ) =>
    wrap(async () => {
      const messages: FetchedMessage[] = [];
      if (uids.length === 0) return messages;
      for await (const message of client.fetch(uids.join(','), query, { uid: true })) {
        messages.push(toMessage(message));
      }
      return messages.sort((a, b) => a.uid - b.uid);
    });
  const fetchSources = (uids: readonly number[], maxBytes: number | undefined) =>
    collect(
      uids,
      {
        uid: true,
        flags: true,
        internalDate: true,
        size: true,
        source: maxBytes ? { maxLength: maxBytes } : true,
      },
      (message) =>
        toFetched(
          message,
          message.source,
          maxBytes !== undefined && (message.size ?? 0) > maxBytes,
          false,
        ),
    );
  const fetchHeaders = (uids: readonly number[]) =>
    collect(
      uids,
      { uid: true, flags: true, internalDate: true, size: true, headers: true },
      (message) => toFetched(message, message.headers, false, true),
    );

  return {
    capabilities: () => [...client.capabilities.keys()],

    listFolders: () =>
      wrap(async () => {
        const listed = await client.list();
        return listed
          .filter((folder) => !folder.flags.has('\\Noselect') && !folder.flags.has('\\NonExistent'))
          .map((folder): RemoteFolder => ({
            path: folder.path,
            specialUse: folder.specialUse ?? null,
            defaultSelected: !skippedByDefault.has(folder.specialUse ?? ''),
          }));
      }),

    openFolder: (path) =>
      wrap(async (): Promise<FolderStatus> => {
        const opened = await client.mailboxOpen(path, { readOnly: true });
        return {
          uidValidity: Number(opened.uidValidity),
          uidNext: opened.uidNext,
          highestModseq: opened.highestModseq?.toString() ?? null,
          exists: opened.exists,
        };
      }),

    async *fetchSince(path, afterUid, options) {
      const uids = await wrap(async () => {
        await client.mailboxOpen(path, { readOnly: true });
        const found = await client.search(
          { uid: `${afterUid + 1}:*`, ...(options.sinceDate ? { since: options.sinceDate } : {}) },
          { uid: true },
        );
        // `n:*` always matches the last message, even when its UID is below n.
        return (found || []).filter((uid) => uid > afterUid).sort((a, b) => a - b);
      });
      for (let start = 0; start < uids.length; start += options.batchSize) {
        const chunk = uids.slice(start, start + options.batchSize);
        yield options.headersOnly
          ? await fetchHeaders(chunk)
          : await fetchSources(chunk, options.maxBytes);
      }
    },

    fetchFull: (path, uids, maxBytes) =>
      wrap(async () => {
        if (client.mailbox === false || client.mailbox.path !== path) {
          await client.mailboxOpen(path, { readOnly: true });
        }
        return fetchSources(uids, maxBytes);
      }),

    waitForChange: (path, signal, timeoutMs) =>
      wrap(async () => {
        await client.mailboxOpen(path, { readOnly: true });
        return new Promise<'exists' | 'timeout'>((resolve, reject) => {
          const finish = (result: 'exists' | 'timeout') => {
            clearTimeout(timer);
            client.off('exists', onExists);
            signal.removeEventListener('abort', onAbort);
            resolve(result);
            // Any command ends IDLE.
            void client.noop().catch(() => undefined);
          };
          const onExists = () => finish('exists');
          const onAbort = () => finish('timeout');
          const timer = setTimeout(() => finish('timeout'), timeoutMs);
          client.on('exists', onExists);
          signal.addEventListener('abort', onAbort);
          client.idle().catch((error: unknown) => {
            clearTimeout(timer);
            client.off('exists', onExists);
            signal.removeEventListener('abort', onAbort);
            reject(error instanceof Error ? error : new Error(String(error)));
          });
        });
      }),

    async close() {
      try {
        await client.logout();
      } catch {
        client.close();
      }
    },
  };
}

function toFetched(
  message: FetchMessageObject,
  raw: Buffer | undefined,
  truncated: boolean,
  headerOnly: boolean,
): FetchedMessage {
  return {
    uid: message.uid,
    flags: [...(message.flags ?? [])],
    internalDate: message.internalDate === undefined ? null : new Date(message.internalDate),
    size: message.size ?? raw?.length ?? 0,
    raw: raw ?? Buffer.alloc(0),
    truncated,
    headerOnly,
  };
}
