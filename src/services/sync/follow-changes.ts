import type { Database } from '../../adapters/db/database.js';
import type { FolderRow, MailboxRow } from '../../adapters/db/repositories/mailboxes.js';
import { messageLocationsRepository } from '../../adapters/db/repositories/message-locations.js';
import type { FolderStatus, MailSession } from './mail-source.js';

/** Messages whose flags one FETCH asks for, when every flag is compared: memory stays bounded. */
const flagSlice = 1000;

/**
 * Flags changed on the server and messages deleted from it, for the messages
 * stored before this pass. With CONDSTORE, the flags changed since the MODSEQ
 * last followed; without it (or with no MODSEQ stored), every message's flags,
 * a slice at a time, each stored only where it differs. Deletions are named by
 * the server (QRESYNC), or else found by listing every UID when the folder
 * holds fewer than it should.
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
  if (relist || folder.uidValidity === null) return;
  const locations = messageLocationsRepository(database);
  let deletionsKnown = false;
  if (folder.highestModseq !== null && status.highestModseq !== null && session.changedSince) {
    if (folder.highestModseq !== status.highestModseq) {
      const changes = await session.changedSince(folder.path, folder.highestModseq);
      await locations.updateFlags(mailbox.id, folder.path, status.uidValidity, changes.flags);
      if (changes.vanished) {
        await locations.markVanished(mailbox.id, folder.path, status.uidValidity, changes.vanished);
        deletionsKnown = true;
      }
    }
  } else {
    for (let from = 1; from <= status.exists; from += flagSlice) {
      const to = Math.min(status.exists, from + flagSlice - 1);
      const flags = await session.flagsOf(folder.path, from, to);
      await locations.updateFlags(mailbox.id, folder.path, status.uidValidity, flags);
    }
  }
  const expected = (folder.serverCount ?? 0) + fetched;
  if (!deletionsKnown && folder.serverCount !== null && status.exists < expected) {
    const uids = await session.listUids(folder.path);
    await locations.markGone(mailbox.id, folder.path, status.uidValidity, uids);
  }
}
