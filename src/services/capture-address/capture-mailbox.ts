import type { Database } from '../../adapters/db/database.js';
import { captureAddressesRepository } from '../../adapters/db/repositories/capture-addresses.js';
import { mailboxesRepository, type MailboxRow } from '../../adapters/db/repositories/mailboxes.js';
import type { Clock } from '../../adapters/system/clock.js';

/** The label of the mailbox a user's capture address files through. */
export const captureMailboxLabel = 'capture address';

/**
 * The mailbox a user's captured mail is filed through, made on first use.
 * It has no server: like an import, it is as current as its last delivery,
 * and its windows cover any date, since what a user sends here they mean to
 * keep.
 */
export async function captureMailboxOf(
  database: Database,
  clock: Clock,
  ownerId: string,
): Promise<MailboxRow> {
  const mailboxes = mailboxesRepository(database);
  const existing = await captureAddressesRepository(database).captureMailboxId(ownerId);
  if (existing) return (await mailboxes.findById(existing))!;
  const id = await mailboxes.insert({
    ownerId,
    label: captureMailboxLabel,
    kind: 'capture',
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
    succeededAt: clock.now(),
  });
  return (await mailboxes.findById(id))!;
}
