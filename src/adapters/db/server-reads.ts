import pg from 'pg';
import { ThreadlineError } from '../../core/errors.js';
import { isLostConnection, toDatabaseError } from './database-errors.js';

/** SQLSTATE query_canceled: a statement timeout or a cancel request ended the statement. */
const queryCanceled = '57014';

/** node-postgres keeps the server process id of a connection, but its types leave it out. */
type PoolClientWithPid = pg.PoolClient & { processID?: number };

/**
 * Reads that clients wait for, each on a connection of `pool` in a
 * read-only transaction whose statement timeout is `timeoutMs`: a slow
 * statement ends with QUERY_TIMEOUT instead of holding a connection and a
 * core. When the read's signal aborts (its client went away), the server is
 * asked to cancel the statement from a connection of its own, as psql does
 * on Ctrl-C; that connection is then dropped rather than reused, so a late
 * cancel can never reach another read.
 */
export function requestReads(pool: pg.Pool, connectionString: string, timeoutMs: number) {
  const cancel = async (pid: number) => {
    const canceller = new pg.Client({ connectionString });
    try {
      await canceller.connect();
      await canceller.query('SELECT pg_cancel_backend($1)', [pid]);
    } catch {
      // The read fails or ends on its own; the cancel only makes it sooner.
    } finally {
      await canceller.end().catch(() => undefined);
    }
  };

  return async function read<Row>(
    sql: string,
    params: readonly unknown[],
    signal: AbortSignal | undefined,
  ): Promise<Row[]> {
    if (signal?.aborted) throw new ThreadlineError('REQUEST_CANCELLED');
    const client = (await pool.connect().catch((error: unknown) => {
      throw toDatabaseError(error);
    })) as PoolClientWithPid;
    let cancelSent = false;
    let lost = false;
    const onAbort = () => {
      cancelSent = true;
      if (client.processID !== undefined) void cancel(client.processID);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      await client.query(`BEGIN READ ONLY; SET LOCAL statement_timeout = ${Math.round(timeoutMs)}`);
      if (signal?.aborted) throw new ThreadlineError('REQUEST_CANCELLED');
      const result = await client.query(sql, params as unknown[]);
      await client.query('COMMIT');
      return result.rows as Row[];
    } catch (error) {
      lost = isLostConnection(error);
      if (!lost) await client.query('ROLLBACK').catch(() => undefined);
      if (signal?.aborted) throw new ThreadlineError('REQUEST_CANCELLED');
      if ((error as { code?: unknown }).code === queryCanceled) {
        throw new ThreadlineError(
          'QUERY_TIMEOUT',
          `The store did not answer within ${timeoutMs} ms; narrow the request or try again`,
        );
      }
      throw toDatabaseError(error);
    } finally {
      signal?.removeEventListener('abort', onAbort);
      // A connection that was lost, or that a cancel may still reach, is closed, not reused.
      client.release(cancelSent || lost);
    }
  };
}
