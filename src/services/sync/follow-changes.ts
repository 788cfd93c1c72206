import type { Database } from '../../adapters/db/database.js';
import type { FolderRow, MailboxRow } from '../../adapters/db/repositories/mailboxes.js';
import { messageLocationsRepository } from '../../adapters/db/repositories/message-locations.js';
import type { FolderStatus, MailSession } from './mail-source.js';

/**
 * Flags changed on the server (CONDSTORE, when the MODSEQ moved) and
 * messages deleted from it: named by the server (QRESYNC), or else found by
 * listing every UID when the folder holds fewer than it should.
 */
export async function followChanges(
  database: Database,
  session: MailSession,
  mailbox: MailboxRow,
  folder: FolderRow,
  status: FolderStatus,
  relist: boolean,
  fetched: number,
): Promise<void> {
  const locations = messageLocationsRepository(database);
  const modseqMoved =
    !relist &&
    folder.highestModseq !== null &&
    status.highestModseq !== null &&
    folder.highestModseq !== status.highestModseq;
  let deletionsKnown = false;
  if (modseqMoved && session.changedSince) {
    const changes = await session.changedSince(folder.path, folder.highestModseq!);
    await locations.updateFlags(mailbox.id, folder.path, status.uidValidity, changes.flags);
    if (changes.vanished) {
      await locations.markVanished(mailbox.id, folder.path, status.uidValidity, changes.vanished);
      deletionsKnown = true;
    }
  }
  const expected = (folder.serverCount ?? 0) + fetched;
  if (!relist && !deletionsKnown && folder.serverCount !== null && status.exists < expected) {
    const uids = await session.listUids(folder.path);
    await locations.markGone(mailbox.id, folder.path, status.uidValidity, uids);
  }
}
