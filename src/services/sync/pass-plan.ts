import type { Database } from '../../adapters/db/database.js';
import {
  mailboxesRepository,
  type FolderRow,
  type MailboxRow,
} from '../../adapters/db/repositories/mailboxes.js';
import { folderRenamesRepository } from '../../adapters/db/repositories/folder-renames.js';
import type { MailSession, RemoteFolder } from './mail-source.js';

export interface PassPlan {
  /** The folders to visit, in order. */
  readonly folders: readonly FolderRow[];
  /** Selected folders the server no longer lists. */
  readonly missing: ReadonlySet<string>;
  /** Whether the pass visits every selected folder (and so may end a back-fill). */
  readonly everyFolder: boolean;
}

/**
 * A pass asked for a few known folders visits those of them that are
 * selected, without a LIST. Any other pass lists the server's folders,
 * remembers new ones and visits every selected folder, INBOX first.
 */
export async function planPass(
  database: Database,
  session: MailSession,
  mailbox: MailboxRow,
  only: readonly string[] | undefined,
): Promise<PassPlan> {
  if (only) {
    const known = (await mailboxesRepository(database).folders(mailbox.id)).filter((folder) =>
      only.includes(folder.path),
    );
    if (known.length === only.length) {
      return {
        folders: known.filter((folder) => folder.selected),
        missing: new Set(),
        everyFolder: false,
      };
    }
  }
  const remote = await session.listFolders();
  await followRenames(database, session, mailbox, remote);
  const stored = await rememberFolders(database, mailbox, remote);
  const remotePaths = new Set(remote.map((folder) => folder.path));
  return {
    folders: inboxFirst(stored.filter((folder) => folder.selected)),
    missing: new Set(stored.map((folder) => folder.path).filter((path) => !remotePaths.has(path))),
    everyFolder: true,
  };
}

/**
 * A selected folder the server no longer lists, and a folder it lists for
 * the first time with the same UIDVALIDITY (the only one with it), are one
 * folder renamed: its checkpoint, locations and place in the folder choice
 * move to the new name, so nothing is read twice and nothing is left behind.
 * Servers keep UIDVALIDITY across a rename (RFC 3501 section 2.3.1.1).
 */
async function followRenames(
  database: Database,
  session: MailSession,
  mailbox: MailboxRow,
  remote: readonly RemoteFolder[],
): Promise<void> {
  const known = await mailboxesRepository(database).folders(mailbox.id);
  const remotePaths = new Set(remote.map((folder) => folder.path));
  const gone = known.filter(
    (folder) => folder.selected && folder.uidValidity !== null && !remotePaths.has(folder.path),
  );
  if (gone.length === 0) return;
  const knownPaths = new Set(known.map((folder) => folder.path));
  const fresh = remote.filter((folder) => !knownPaths.has(folder.path));
  const validities = new Map<string, number>();
  for (const folder of fresh) {
    validities.set(folder.path, (await session.openFolder(folder.path)).uidValidity);
  }
  for (const folder of gone) {
    const matches = fresh.filter((f) => validities.get(f.path) === folder.uidValidity);
    if (matches.length !== 1) continue;
    await folderRenamesRepository(database).follow(mailbox.id, folder.path, matches[0]!.path);
  }
}

/**
 * New server folders are remembered; the user's choice (or the default) says
 * which are synced. Only new or changed folders are written: a pass runs for
 * every new message, and a mailbox may have hundreds of folders.
 * Returns the folders as stored.
 */
async function rememberFolders(
  database: Database,
  mailbox: MailboxRow,
  remote: readonly RemoteFolder[],
): Promise<FolderRow[]> {
  const mailboxes = mailboxesRepository(database);
  const known = new Map((await mailboxes.folders(mailbox.id)).map((f) => [f.path, f]));
  const changed = remote.filter(
    (folder) => !known.has(folder.path) || known.get(folder.path)!.specialUse !== folder.specialUse,
  );
  if (changed.length === 0) return [...known.values()];
  for (const folder of changed) {
    await mailboxes.upsertFolder({
      mailboxId: mailbox.id,
      path: folder.path,
      specialUse: folder.specialUse,
      selected: mailbox.folderChoice
        ? mailbox.folderChoice.includes(folder.path)
        : folder.defaultSelected,
    });
  }
  return mailboxes.folders(mailbox.id);
}

/**
 * INBOX first, the rest in their order: new mail lands there, and IDLE asked
 * for this pass because of it; an archive visited first would hold it back.
 */
function inboxFirst(folders: readonly FolderRow[]): FolderRow[] {
  return [...folders].sort((a, b) => Number(b.path === 'INBOX') - Number(a.path === 'INBOX'));
}
