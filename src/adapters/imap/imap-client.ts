import { ImapFlow, type ListResponse, type MailboxObject } from 'imapflow';
import { isIP } from 'node:net';
import type { FolderStatus, MailSession, RemoteFolder } from '../../services/sync/mail-source.js';
import { imapChangeReads, type ImapChangeReads } from './imap-changes.js';
import { imapMessageFetches } from './imap-fetch.js';
import { imapSessionContext } from './imap-session-context.js';
import type { ImapSettings } from './imap-settings.js';

export interface ImapFolder extends RemoteFolder {
  /** The last part of the path, as shown in a folder picker. */
  readonly name: string;
  readonly delimiter: string;
}

/** A session's `changedSince` is always there: without CONDSTORE it fails with PROTOCOL_ERROR. */
export interface ImapSession extends Omit<MailSession, 'changedSince'>, ImapChangeReads {
  capabilities(): string[];
  listFolders(): Promise<ImapFolder[]>;
  /**
   * The folder's status without selecting it again when this connection already has
   * it selected (a SELECT costs the server work in proportion to the folder):
   * STATUS, then NOOP, so the connection's view holds every message below the
   * UIDNEXT returned. Selects it (read-only) when another folder is open.
   */
  refreshFolder(path: string): Promise<FolderStatus>;
  /** Stores a message in a folder (APPEND), marked as seen: a copy of mail the user sent. */
  appendSeen(path: string, raw: Buffer, date: Date): Promise<void>;
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

/** STATUS and NOOP pairs a refresh tries before it selects the folder afresh. */
const refreshRounds = 3;

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
    socketTimeout: settings.inactivityTimeoutMs ?? Math.max(60_000, 3 * connectTimeout),
  });
  const session = imapSessionContext(client, { host: settings.host, secret });
  const { wrap, isSelected, select } = session;
  try {
    await client.connect();
  } catch (error) {
    client.close();
    throw session.fail(error);
  }

  return {
    ...imapMessageFetches(session),
    ...imapChangeReads(session),
    capabilities: () => [...client.capabilities.keys()],

    listFolders: () =>
      wrap(async () => {
        const listed = await client.list();
        return listed.filter(isSelectable).map(toFolder);
      }),

    openFolder: (path) =>
      wrap(async (): Promise<FolderStatus> =>
        // Always a fresh SELECT: the counts of an already open folder may be stale.
        statusOf(client, await client.mailboxOpen(path, { readOnly: true })),
      ),

    refreshFolder: (path) =>
      wrap(async (): Promise<FolderStatus> => {
        if (!isSelected(path)) return statusOf(client, await select(path));
        for (let round = 1; round <= refreshRounds; round++) {
          const status = await client.status(path, {
            uidValidity: true,
            uidNext: true,
            messages: true,
            highestModseq: true,
          });
          if (!status || status.uidValidity === undefined || status.uidNext === undefined) break;
          // After STATUS: whatever arrived below its UIDNEXT is now in this connection's view.
          await client.noop();
          // Mail that arrived between the two was just told to this connection, and an IDLE
          // would not tell it again: the STATUS is asked again until it counts that mail too.
          const told = typeof client.mailbox === 'object' ? client.mailbox.exists : 0;
          if (told <= (status.messages ?? 0)) {
            return {
              uidValidity: Number(status.uidValidity),
              uidNext: status.uidNext,
              highestModseq: condstore(client) ? (status.highestModseq?.toString() ?? null) : null,
              exists: status.messages ?? 0,
            };
          }
        }
        // No usable STATUS, or mail arriving faster than it can be counted: a fresh SELECT.
        return statusOf(client, await client.mailboxOpen(path, { readOnly: true }));
      }),

    listUids: (path) =>
      wrap(async () => {
        await client.mailboxOpen(path, { readOnly: true });
        const uids = await client.search({ all: true }, { uid: true });
        return (uids || []).sort((a, b) => a - b);
      }),

    appendSeen: (path, raw, date) =>
      wrap(async () => {
        await client.append(path, raw, ['\\Seen'], date);
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

function statusOf(client: ImapFlow, opened: MailboxObject): FolderStatus {
  return {
    uidValidity: Number(opened.uidValidity),
    uidNext: opened.uidNext,
    highestModseq: condstore(client) ? (opened.highestModseq?.toString() ?? null) : null,
    exists: opened.exists,
  };
}

/**
 * Whether changes may be asked for since a MODSEQ: some servers report
 * HIGHESTMODSEQ without offering CONDSTORE, and refuse CHANGEDSINCE.
 */
function condstore(client: ImapFlow): boolean {
  return client.capabilities.has('CONDSTORE');
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
