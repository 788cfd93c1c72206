import type { Database } from '../../adapters/db/database.js';
import { captureAddressesRepository } from '../../adapters/db/repositories/capture-addresses.js';
import { mailboxesRepository, type MailboxRow } from '../../adapters/db/repositories/mailboxes.js';
import type { Clock } from '../../adapters/system/clock.js';
import { createLocalMailbox } from '../mailboxes/local-mailbox.js';

/** The label of the mailbox a user's capture address files through. */
export const captureMailboxLabel = 'capture address';

/** The mailbox a user's captured mail is filed through, made on first use. */
export async function captureMailboxOf(
  database: Database,
  clock: Clock,
  ownerId: string,
): Promise<MailboxRow> {
  const mailboxes = mailboxesRepository(database);
  const existing = await captureAddressesRepository(database).captureMailboxId(ownerId);
  if (existing) return (await mailboxes.findById(existing))!;
  return createLocalMailbox(
    database,
    { ownerId, label: captureMailboxLabel, kind: 'capture' },
    clock.now(),
  );
}
