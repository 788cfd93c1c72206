import type { Database } from '../../adapters/db/database.js';
import { fleetLeasesRepository } from '../../adapters/db/repositories/fleet-leases.js';
import type { MailboxRow } from '../../adapters/db/repositories/mailboxes.js';
import { ThreadlineError } from '../../core/errors.js';
import { fleetTiming } from './fleet-member.js';

/**
 * Passes asked for by a web server that leaves sync to separate workers
 * (THREADLINE_SYNC_IN_SERVER=off): each waits on its mailbox's row for the
 * worker holding the mailbox, which takes it within a second or so.
 */
export function workerSyncRequests(database: Database, leaseSeconds: number) {
  const leases = fleetLeasesRepository(database);
  const { deadAfterSeconds } = fleetTiming(leaseSeconds);
  const ask = (mailbox: Pick<MailboxRow, 'id'>) => leases.requestPass(mailbox.id, deadAfterSeconds);
  return {
    /**
     * A pass after a change (connected, edited, resumed). A mailbox no worker
     * holds yet needs none: the worker taking it syncs it then.
     */
    async requestSync(mailbox: Pick<MailboxRow, 'id'>): Promise<void> {
      await ask(mailbox);
    },
    /** "Sync now": refused when no live worker holds the mailbox, rather than queued for nobody. */
    async syncNow(mailbox: Pick<MailboxRow, 'id' | 'label'>): Promise<void> {
      if ((await ask(mailbox)) !== null) return;
      throw new ThreadlineError(
        'NO_SYNC_WORKER',
        `No sync worker holds "${mailbox.label}" now, so nothing would sync it: ` +
          'start one with `threadline worker`, or wait for a running one to take it at its next heartbeat.',
      );
    },
    stop: async () => undefined,
  };
}
