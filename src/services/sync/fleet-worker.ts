import { hostname } from 'node:os';
import type { Database } from '../../adapters/db/database.js';
import type { Presence } from '../../adapters/db/presence-connection.js';
import type { Logger } from '../../adapters/system/logger.js';
import { residentMb } from '../../adapters/system/workers.js';
import { fleetMember } from './fleet-member.js';
import type { SyncScheduler } from './sync-scheduler.js';
import type { SyncTally } from './sync-tally.js';

/** A sync worker's budget and pace (THREADLINE_WORKER_*). */
export interface FleetBudget {
  readonly maxMailboxes: number;
  readonly maxRssMb: number;
  readonly loginsPerSecond: number;
  /** How often the folders other than INBOX (watched by IDLE) are polled. */
  readonly pollSeconds: number;
}

/**
 * A member of the fleet of sync workers, to join: the mailboxes this worker takes are
 * synced and watched by its scheduler, those it hands back or loses stop
 * being watched; its heartbeat reports memory, connections, queue and tally.
 */
export function fleetWorker(deps: {
  database: Database;
  worker: string;
  budget: FleetBudget;
  leaseSeconds: number;
  logger: Logger;
  scheduler: SyncScheduler;
  tally: SyncTally;
  connections: () => number;
  presence?: Presence;
}) {
  let queueDepth = 0;
  return fleetMember(
    deps.database,
    {
      name: deps.worker,
      host: hostname(),
      pid: process.pid,
      leaseSeconds: deps.leaseSeconds,
      maxMailboxes: deps.budget.maxMailboxes,
      maxRssMb: deps.budget.maxRssMb,
      logger: deps.logger,
      ...(deps.presence ? { presence: deps.presence } : {}),
      load: () => ({
        rssMb: residentMb(),
        connections: deps.connections(),
        queueDepth,
        stored: deps.tally.stored(),
        errors: deps.tally.errors(),
      }),
      beforeBeat: async () => {
        queueDepth = await deps.scheduler.queueDepth();
      },
    },
    { took: (ids) => deps.scheduler.adopt(ids), lost: (ids) => deps.scheduler.letGo(ids) },
  );
}
