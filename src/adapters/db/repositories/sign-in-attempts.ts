import type { Database } from '../database.js';

/** Arbitrary constant: serialises reservations, across processes sharing a PostgreSQL server. */
const reservationLockKey = 7_401_224;

export interface AttemptLimits {
  /** Attempts counted from this moment on; older ones are forgotten. */
  readonly since: Date;
  readonly perAccount: number;
  readonly perClient: number;
}

export function signInAttemptsRepository(db: Database) {
  return {
    /**
     * Records an attempt unless the account or the client already has its
     * limit of attempts since `limits.since`, counting the ones still being
     * checked; returns its id, or null when refused. The count and the
     * record happen under one lock, so parallel attempts cannot all pass
     * the count before any of them is recorded. Forgets expired attempts.
     */
    async reserve(
      attempt: { account: string; client: string; at: Date },
      limits: AttemptLimits,
    ): Promise<number | null> {
      const [, , inserted] = await db.atomically([
        { sql: 'SELECT pg_advisory_xact_lock($1)', params: [reservationLockKey] },
        { sql: 'DELETE FROM sign_in_attempts WHERE attempted_at <= $1', params: [limits.since] },
        {
          sql: `INSERT INTO sign_in_attempts (account, client, attempted_at)
                SELECT $1, $2, $3
                WHERE (SELECT count(*) FROM sign_in_attempts WHERE account = $1 AND attempted_at > $4) < $5
                  AND (SELECT count(*) FROM sign_in_attempts WHERE client = $2 AND attempted_at > $4) < $6
                RETURNING id`,
          params: [
            attempt.account,
            attempt.client,
            attempt.at,
            limits.since,
            limits.perAccount,
            limits.perClient,
          ],
        },
      ]);
      const [row] = (inserted ?? []) as { id: number }[];
      return row?.id ?? null;
    },
    /** A successful attempt: forgets it and the earlier failures of that client on that account. */
    async succeeded(id: number, attempt: { account: string; client: string }): Promise<void> {
      await db.query(
        'DELETE FROM sign_in_attempts WHERE id = $1 OR (account = $2 AND client = $3)',
        [id, attempt.account, attempt.client],
      );
    },
  };
}
