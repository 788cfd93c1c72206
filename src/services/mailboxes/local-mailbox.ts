import type { Database } from '../../adapters/db/database.js';
import { mailboxesRepository, type MailboxRow } from '../../adapters/db/repositories/mailboxes.js';

/**
 * A new mailbox with no server behind it (file imports, the capture
 * address): it is as current as what was last put into it, so it starts
 * live; its windows cover any date and all of its mail is filed, since what
 * a user brings in this way they mean to keep.
 */
export async function createLocalMailbox(
  database: Database,
  mailbox: { ownerId: string; label: string; kind: 'import' | 'capture' },
  now: Date,
): Promise<MailboxRow> {
  const mailboxes = mailboxesRepository(database);
  const id = await mailboxes.insert({
    ...mailbox,
    imap: null,
    smtp: null,
    credentials: null,
    folderChoice: null,
    activityWindowDays: 36500,
    statsWindowDays: 36500,
    dataScope: 'full',
    captureMode: 'auto',
    createContacts: false,
  });
  await mailboxes.setState(id, {
    state: 'live',
    code: null,
    message: null,
    attempt: 0,
    succeededAt: now,
  });
  return (await mailboxes.findById(id))!;
}
