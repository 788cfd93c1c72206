import type { Database } from '../../adapters/db/database.js';
import { fleetLeasesRepository } from '../../adapters/db/repositories/fleet-leases.js';
import { silentLogger, type Logger } from '../../adapters/system/logger.js';
import type { RequestSync } from './scheduler-options.js';

/**
 * A sync worker's side of `workerSyncRequests`: every `everyMs`, the passes
 * asked for of the mailboxes it holds are taken and queued to run now. A
 * poll, rather than a notification, costs one indexed query a second and
 * needs nothing a connection pool could lose.
 */
export function followRequestedPasses(deps: {
  database: Database;
  worker: string;
  requestSync: RequestSync;
  everyMs: number;
  logger?: Logger;
}) {
  const leases = fleetLeasesRepository(deps.database);
  const log = deps.logger ?? silentLogger;
  let timer: NodeJS.Timeout | null = null;
  let taking: Promise<void> = Promise.resolve();

  async function take(): Promise<void> {
    const ids = await leases.takeRequestedPasses(deps.worker);
    for (const id of ids) await deps.requestSync({ id });
    if (ids.length > 0) log.info({ mailboxes: ids.length }, 'sync passes asked for: queued');
  }

  return {
    start(): void {
      timer = setInterval(() => {
        taking = taking
          .then(take)
          .catch((error: unknown) => log.warn({ err: error }, 'taking asked-for passes failed'));
      }, deps.everyMs);
      timer.unref();
    },
    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      await taking;
    },
  };
}
