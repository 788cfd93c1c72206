import type { Database } from '../../adapters/db/database.js';
import {
  mailboxesRepository,
  type FolderRow,
  type MailboxRow,
} from '../../adapters/db/repositories/mailboxes.js';
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
  const stored = await rememberFolders(database, mailbox, remote);
  const remotePaths = new Set(remote.map((folder) => folder.path));
  return {
    folders: inboxFirst(stored.filter((folder) => folder.selected)),
    missing: new Set(stored.map((folder) => folder.path).filter((path) => !remotePaths.has(path))),
    everyFolder: true,
  };
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
