import type { Queryable } from '../database.js';

/** What a worker reports at each heartbeat. */
export interface WorkerLoad {
  rssMb: number;
  held: number;
  connections: number;
  queueDepth: number;
  /** Messages stored since the worker started. */
  stored: number;
  /** Sync errors since the worker started, by code. */
  errors: Record<string, number>;
}

/** A sync worker as it last reported itself. */
export interface SyncWorkerRow extends WorkerLoad {
  name: string;
  host: string;
  pid: number;
  startedAt: Date;
  heartbeatAt: Date;
  maxMailboxes: number;
  maxRssMb: number;
}

const workerColumns = `name, host, pid, started_at AS "startedAt", heartbeat_at AS "heartbeatAt",
  max_mailboxes AS "maxMailboxes", max_rss_mb AS "maxRssMb", rss_mb AS "rssMb", held, connections, queue_depth AS "queueDepth",
  stored::float8 AS stored, errors`;

/**
 * SQL for a registered worker known dead: silent for longer than the seconds
 * in `seconds` (a parameter), or its presence connection gone from the
 * server, which ends it the moment the worker's process dies.
 */
export const deadWorker = (seconds: string) =>
  `(sync_workers.heartbeat_at < now() - make_interval(secs => ${seconds})
    OR (sync_workers.backend_pid IS NOT NULL AND NOT EXISTS (
      SELECT 1 FROM pg_stat_activity a WHERE a.pid = sync_workers.backend_pid)))`;

/**
 * The registry of sync workers. Times come from the database's clock, so
 * workers on machines with skewed clocks agree on who is alive.
 */
export function syncWorkersRepository(db: Queryable) {
  return {
    async register(worker: {
      name: string;
      host: string;
      pid: number;
      maxMailboxes: number;
      maxRssMb: number;
      /** The server pid of the worker's presence connection, if it keeps one. */
      backendPid: number | null;
    }): Promise<void> {
      await db.query(
        `INSERT INTO sync_workers (name, host, pid, max_mailboxes, max_rss_mb, backend_pid)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (name) DO UPDATE SET started_at = now(), heartbeat_at = now(),
           max_mailboxes = $4, max_rss_mb = $5, backend_pid = $6,
           held = 0, connections = 0, stored = 0, errors = '{}'`,
        [
          worker.name,
          worker.host,
          worker.pid,
          worker.maxMailboxes,
          worker.maxRssMb,
          worker.backendPid,
        ],
      );
    },

    /**
     * Beats the worker's heartbeat with its load and its presence connection's
     * pid now; false when its row is gone (judged dead).
     */
    async heartbeat(name: string, load: WorkerLoad, backendPid: number | null): Promise<boolean> {
      const rows = await db.query(
        `UPDATE sync_workers SET heartbeat_at = now(), rss_mb = $2, held = $3, connections = $4,
           queue_depth = $5, stored = $6, errors = $7, backend_pid = $8 WHERE name = $1 RETURNING name`,
        [
          name,
          Math.round(load.rssMb),
          load.held,
          load.connections,
          load.queueDepth,
          load.stored,
          JSON.stringify(load.errors),
          backendPid,
        ],
      );
      return rows.length > 0;
    },

    /** The workers not known dead (see `deadWorker`), by name. */
    async live(deadAfterSeconds: number): Promise<SyncWorkerRow[]> {
      return db.query<SyncWorkerRow>(
        `SELECT ${workerColumns} FROM sync_workers WHERE NOT ${deadWorker('$1')} ORDER BY name`,
        [deadAfterSeconds],
      );
    },

    async all(): Promise<SyncWorkerRow[]> {
      return db.query<SyncWorkerRow>(`SELECT ${workerColumns} FROM sync_workers ORDER BY name`);
    },

    /** Forgets workers silent for longer than `deadAfterSeconds`: their mailboxes were taken over. */
    async forgetDead(deadAfterSeconds: number): Promise<void> {
      await db.query(
        'DELETE FROM sync_workers WHERE heartbeat_at < now() - make_interval(secs => $1)',
        [deadAfterSeconds],
      );
    },

    async remove(name: string): Promise<void> {
      await db.query('DELETE FROM sync_workers WHERE name = $1', [name]);
    },
  };
}
