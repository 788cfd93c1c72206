import type { Database } from '../../adapters/db/database.js';
import { fleetLeasesRepository } from '../../adapters/db/repositories/fleet-leases.js';
import { syncWorkersRepository } from '../../adapters/db/repositories/sync-workers.js';
import { workerHealth } from '../../core/sync/fleet-health.js';
import { stateText, type SyncState } from '../../core/sync/health.js';
import { fleetTiming } from './fleet-member.js';

/**
 * The fleet of sync workers as an admin sees it: per worker, what it holds,
 * its connections, memory, queue and lag; per IMAP mailbox, its holder.
 */
export async function fleetStatus(
  database: Database,
  now: Date,
  options: { leaseSeconds: number; syncInServer: boolean },
) {
  const { leaseSeconds } = options;
  const [workers, mailboxes] = await Promise.all([
    syncWorkersRepository(database).all(),
    fleetLeasesRepository(database).withHolders(),
  ]);
  const health = workerHealth(workers, mailboxes, now, fleetTiming(leaseSeconds).deadAfterSeconds);
  return {
    syncInServer: options.syncInServer,
    workers: workers.map((worker, i) => ({
      ...health[i]!,
      host: worker.host,
      pid: worker.pid,
      startedAt: worker.startedAt,
      rssMb: worker.rssMb,
      queueDepth: worker.queueDepth,
      maxMailboxes: worker.maxMailboxes,
      maxRssMb: worker.maxRssMb,
      stored: worker.stored,
      errors: worker.errors,
    })),
    mailboxes: mailboxes.map((mailbox) => ({
      id: mailbox.id,
      label: mailbox.label,
      ownerEmail: mailbox.ownerEmail,
      state: stateText(mailbox.state as SyncState, mailbox.stateCode),
      holder: mailbox.holder,
      errorCode: mailbox.stateCode,
      lagSeconds: mailbox.lastSuccessAt
        ? Math.max(0, Math.round((now.getTime() - mailbox.lastSuccessAt.getTime()) / 1000))
        : null,
    })),
  };
}

export type FleetStatus = Awaited<ReturnType<typeof fleetStatus>>;
