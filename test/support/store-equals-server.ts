import type { Queryable } from '../../src/adapters/db/database.js';
import { plainImapClient } from './plain-imap-client.js';

/** How to reach a mail server as one user, for a client of the test's own. */
export interface ServerAccount {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
}

/** One message where it sits: its folder, the folder's UIDVALIDITY, its UID, Message-ID and flags. */
export interface Location {
  readonly folder: string;
  readonly uidValidity: number;
  readonly uid: number;
  readonly messageId: string;
  /** Sorted, without \Recent (which belongs to one connection). */
  readonly flags: readonly string[];
}

/** Every message of the folders, listed by a client of the test's own, in folder and UID order. */
export async function listServer(
  account: ServerAccount,
  folders: readonly string[],
): Promise<Location[]> {
  const client = await plainImapClient(account.port, account.user, account.password);
  try {
    const locations: Location[] = [];
    for (const folder of folders) {
      const opened = await client.mailboxOpen(folder, { readOnly: true });
      if (opened.exists === 0) continue;
      const query = { uid: true, flags: true, envelope: true };
      for await (const message of client.fetch('1:*', query, { uid: true })) {
        locations.push({
          folder,
          uidValidity: Number(opened.uidValidity),
          uid: message.uid,
          messageId: message.envelope?.messageId ?? '',
          flags: [...(message.flags ?? [])].filter((flag) => flag !== '\\Recent').sort(),
        });
      }
    }
    return sorted(locations);
  } finally {
    await client.logout();
  }
}

/** The store's locations of a mailbox in those folders that are not marked deleted. */
export async function listStore(
  database: Queryable,
  mailboxId: string,
  folders: readonly string[],
): Promise<Location[]> {
  const rows = await database.query<{
    folder: string;
    uidValidity: string;
    uid: string;
    messageId: string;
    flags: string[];
  }>(
    `SELECT l.folder_path AS folder, l.uid_validity AS "uidValidity", l.uid,
            m.message_id AS "messageId", l.flags
     FROM message_locations l JOIN messages m ON m.id = l.message_id
     WHERE l.mailbox_id = $1 AND l.folder_path = ANY($2::text[]) AND l.deleted_at IS NULL`,
    [mailboxId, folders],
  );
  return sorted(
    rows.map((row) => ({
      folder: row.folder,
      uidValidity: Number(row.uidValidity),
      uid: Number(row.uid),
      messageId: row.messageId,
      flags: [...row.flags].sort(),
    })),
  );
}

/** Message-IDs the store holds more than once among the mailbox's messages. */
export async function storedTwice(database: Queryable, mailboxId: string): Promise<string[]> {
  const rows = await database.query<{ messageId: string }>(
    `SELECT m.message_id AS "messageId" FROM messages m
     WHERE m.id IN (SELECT message_id FROM message_locations WHERE mailbox_id = $1)
     GROUP BY m.message_id HAVING count(*) > 1`,
    [mailboxId],
  );
  return rows.map((row) => row.messageId);
}

/**
 * The store against the server, for one mailbox's folders: what the server
 * holds that the store lacks or files with other flags, what the store still
 * holds that the server no longer does, and messages stored twice. Equal
 * when every list is empty.
 */
export async function compareStoreWithServer(
  database: Queryable,
  mailboxId: string,
  account: ServerAccount,
  folders: readonly string[],
): Promise<{
  readonly equal: boolean;
  readonly missing: Location[];
  readonly extra: Location[];
  readonly duplicated: string[];
  readonly counts: { readonly server: number; readonly store: number };
}> {
  const [server, store, duplicated] = await Promise.all([
    listServer(account, folders),
    listStore(database, mailboxId, folders),
    storedTwice(database, mailboxId),
  ]);
  const keys = (locations: readonly Location[]) => new Set(locations.map(keyOf));
  const [serverKeys, storeKeys] = [keys(server), keys(store)];
  const missing = server.filter((location) => !storeKeys.has(keyOf(location)));
  const extra = store.filter((location) => !serverKeys.has(keyOf(location)));
  return {
    equal: missing.length === 0 && extra.length === 0 && duplicated.length === 0,
    missing,
    extra,
    duplicated,
    counts: { server: server.length, store: store.length },
  };
}

function keyOf(location: Location): string {
  return JSON.stringify([
    location.folder,
    location.uidValidity,
    location.uid,
    location.messageId,
    location.flags,
  ]);
}

function sorted(locations: Location[]): Location[] {
  return locations.sort((a, b) => a.folder.localeCompare(b.folder) || a.uid - b.uid);
}
