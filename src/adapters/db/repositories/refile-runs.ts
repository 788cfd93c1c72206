import type { Queryable } from '../database.js';

export type RefileRunState = 'queued' | 'running' | 'done' | 'failed';

export interface RefileRunRow {
  id: string;
  requestedBy: string | null;
  state: RefileRunState;
  /** How many messages the run decides again; null until it has started. */
  total: number | null;
  done: number;
  counts: Record<string, number> | null;
  error: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

const columns = `id, requested_by AS "requestedBy", state, total, done, counts, error,
  created_at AS "createdAt", finished_at AS "finishedAt"`;

/** Re-filing runs after CRM changes: what each is to decide again and how far it has got. */
export function refileRunsRepository(db: Queryable) {
  return {
    async create(run: { requestedBy: string | null; scope: object; at: Date }): Promise<string> {
      const rows = await db.query<{ id: string }>(
        `INSERT INTO refile_runs (requested_by, scope, created_at) VALUES ($1, $2, $3) RETURNING id`,
        [run.requestedBy, JSON.stringify(run.scope), run.at],
      );
      return rows[0]!.id;
    },

    /** The run's scope, as `create` was given it; null when there is no such run. */
    async scope(id: string): Promise<unknown> {
      const rows = await db.query<{ scope: unknown }>(
        'SELECT scope FROM refile_runs WHERE id = $1',
        [id],
      );
      return rows[0]?.scope ?? null;
    },

    async start(id: string, total: number): Promise<void> {
      await db.query(
        `UPDATE refile_runs SET state = 'running', total = $2, done = 0 WHERE id = $1`,
        [id, total],
      );
    },

    async progress(id: string, done: number): Promise<void> {
      await db.query('UPDATE refile_runs SET done = $2 WHERE id = $1', [id, done]);
    },

    async finish(
      id: string,
      outcome: { counts: object; at: Date } | { error: string; at: Date },
    ): Promise<void> {
      await db.query(
        `UPDATE refile_runs SET state = $2, counts = $3, error = $4, finished_at = $5,
           done = CASE WHEN $2 = 'done' THEN coalesce(total, done) ELSE done END
         WHERE id = $1`,
        [
          id,
          'counts' in outcome ? 'done' : 'failed',
          'counts' in outcome ? JSON.stringify(outcome.counts) : null,
          'error' in outcome ? outcome.error : null,
          outcome.at,
        ],
      );
    },

    async get(id: string): Promise<RefileRunRow | null> {
      const rows = await db.query<RefileRunRow>(
        `SELECT ${columns} FROM refile_runs WHERE id = $1`,
        [id],
      );
      return rows[0] ?? null;
    },

    /** Runs not yet finished, and those finished after `since`, oldest first. */
    async recent(since: Date): Promise<RefileRunRow[]> {
      return db.query<RefileRunRow>(
        `SELECT ${columns} FROM refile_runs
         WHERE state IN ('queued', 'running') OR finished_at > $1
         ORDER BY created_at`,
        [since],
      );
    },
  };
}
