import type { Database } from '../../adapters/db/database.js';
import { fleetLeasesRepository } from '../../adapters/db/repositories/fleet-leases.js';
import { mailboxesRepository } from '../../adapters/db/repositories/mailboxes.js';

/**
 * Claims the mailbox for a pass of `worker`. A claim held by a worker known
 * to be gone (`holderGone`: a process of this machine that no longer runs,
 * say one restarted after a crash) is taken over at once, rather than left
 * to lapse while nobody syncs the mailbox; any other claim is respected.
 */
export async function claimMailbox(
  database: Database,
  mailboxId: string,
  lease: {
    worker: string;
    seconds: number;
    holderGone?: (worker: string) => boolean;
    /** A fleet member only renews a lease it holds: a free mailbox is for the fleet to hand out. */
    heldOnly?: boolean;
  },
): Promise<boolean> {
  const mailboxes = mailboxesRepository(database);
  if (lease.heldOnly) {
    return fleetLeasesRepository(database).renewOwnLease(mailboxId, lease.worker, lease.seconds);
  }
  if (await mailboxes.claimLease(mailboxId, lease.worker, lease.seconds)) return true;
  const holder = await mailboxes.leaseOwner(mailboxId);
  if (holder === null || !lease.holderGone?.(holder)) return false;
  return mailboxes.takeOverLease(mailboxId, holder, lease.worker, lease.seconds);
}
