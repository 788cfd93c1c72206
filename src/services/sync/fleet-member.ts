import type { Database } from '../../adapters/db/database.js';
import { fleetLeasesRepository } from '../../adapters/db/repositories/fleet-leases.js';
import {
  syncWorkersRepository,
  type WorkerLoad,
} from '../../adapters/db/repositories/sync-workers.js';
import type { Presence } from '../../adapters/db/presence-connection.js';
import { silentLogger, type Logger } from '../../adapters/system/logger.js';
import { mailboxesToTake } from '../../core/sync/fleet-share.js';

export interface FleetMemberOptions {
  readonly name: string;
  readonly host: string;
  readonly pid: number;
  /** How long a held mailbox stays held without a heartbeat renewing it. */
  readonly leaseSeconds: number;
  readonly maxMailboxes: number;
  readonly maxRssMb: number;
  /** This worker's resident memory and open IMAP connections now. */
  readonly load: () => Omit<WorkerLoad, 'held'>;
  /** The worker's presence connection (see `openPresence`), by which others know at once that it died. */
  readonly presence?: Pick<Presence, 'pid'>;
  /** Gathers what `load` reports, before each heartbeat. */
  readonly beforeBeat?: () => Promise<void>;
  readonly logger?: Logger;
}

/** What the worker does with mailboxes it took or lost. */
export interface FleetHooks {
  took(ids: readonly string[]): Promise<void>;
  lost(ids: readonly string[]): Promise<void>;
}

/**
 * The heartbeat's pace and when a silent worker counts as dead: six beats
 * per lease, dead after three missed, so a killed worker's mailboxes are
 * taken over well within one lease period. A worker whose presence
 * connection is gone counts as dead at once; silence covers a worker that
 * hangs with its process alive.
 */
export function fleetTiming(leaseSeconds: number) {
  const heartbeatSeconds = Math.max(1, leaseSeconds / 6);
  return { heartbeatSeconds, deadAfterSeconds: heartbeatSeconds * 3 };
}

/**
 * One sync worker's membership of the fleet. At each heartbeat it renews
 * the leases of the mailboxes it holds, reports its load, and takes or hands
 * back mailboxes to hold its fair share (see `mailboxesToTake`); leaving
 * hands every mailbox back at once.
 */
export function fleetMember(database: Database, options: FleetMemberOptions, hooks: FleetHooks) {
  const workers = syncWorkersRepository(database);
  const leases = fleetLeasesRepository(database);
  const log = options.logger ?? silentLogger;
  const { heartbeatSeconds, deadAfterSeconds } = fleetTiming(options.leaseSeconds);
  const lease = { seconds: options.leaseSeconds, deadAfterSeconds };
  let held = new Set<string>();
  let timer: NodeJS.Timeout | null = null;
  let beating: Promise<void> = Promise.resolve();

  const register = () =>
    workers.register({
      name: options.name,
      host: options.host,
      pid: options.pid,
      maxMailboxes: options.maxMailboxes,
      maxRssMb: options.maxRssMb,
      backendPid: options.presence?.pid() ?? null,
    });

  /** Keeps what the store still says is ours; what was taken over is let go here too. */
  async function renew(): Promise<void> {
    const renewed = new Set(await leases.renewAll(options.name, options.leaseSeconds));
    const lost = [...held].filter((id) => !renewed.has(id));
    // A lease this worker holds without knowing (none should be) is synced and watched too.
    const found = [...renewed].filter((id) => !held.has(id));
    held = renewed;
    if (found.length > 0) await hooks.took(found);
    if (lost.length > 0) {
      log.warn({ mailboxes: lost.length }, 'mailboxes no longer held by this worker');
      await hooks.lost(lost);
    }
  }

  async function rebalance(): Promise<void> {
    const load = options.load();
    const [live, liveMailboxes] = await Promise.all([
      workers.live(deadAfterSeconds),
      leases.countLive(),
    ]);
    const change = mailboxesToTake({
      held: held.size,
      liveMailboxes,
      liveWorkers: live.length,
      maxMailboxes: options.maxMailboxes,
      rssMb: load.rssMb,
      maxRssMb: options.maxRssMb,
    });
    if (change > 0) {
      const taken = await leases.claimFree(options.name, change, lease);
      for (const id of taken) held.add(id);
      if (taken.length > 0) {
        log.info({ mailboxes: taken.length, held: held.size }, 'mailboxes taken');
        await hooks.took(taken);
      }
    } else if (change < 0) {
      const handed = [...held].slice(change);
      for (const id of handed) held.delete(id);
      await hooks.lost(handed);
      await leases.release(options.name, handed);
      log.info({ mailboxes: handed.length, held: held.size }, 'mailboxes handed back');
    }
  }

  async function beat(): Promise<void> {
    await renew();
    await options.beforeBeat?.();
    const load = options.load();
    const backendPid = options.presence?.pid() ?? null;
    if (!(await workers.heartbeat(options.name, { ...load, held: held.size }, backendPid))) {
      await register();
    }
    await rebalance();
    await workers.forgetDead(deadAfterSeconds * 10);
  }

  const beatOnce = () => {
    beating = beating
      .then(beat)
      .catch((error: unknown) => log.error({ err: error }, 'sync worker heartbeat failed'));
    return beating;
  };

  return {
    name: options.name,
    holds: (mailboxId: string) => held.has(mailboxId),
    held: (): ReadonlySet<string> => held,
    /** Beats now, after those under way: its presence connection was opened anew. */
    beat: beatOnce,
    async join(): Promise<void> {
      await register();
      await beatOnce();
      timer = setInterval(() => void beatOnce(), heartbeatSeconds * 1000);
      timer.unref();
    },
    /** Stops beating and hands every mailbox back, for other workers to take at their next beat. */
    async leave(): Promise<void> {
      if (timer) clearInterval(timer);
      await beating;
      const all = [...held];
      held = new Set();
      await hooks.lost(all);
      await leases.release(options.name, all);
      await workers.remove(options.name);
    },
  };
}

export type FleetMember = ReturnType<typeof fleetMember>;
