import pg from 'pg';
import type { Database, Queryable, Statement } from './database.js';
import { inlineStatements } from './inline-parameters.js';
import { numericTypeIds, parseNumeric } from './database.js';
import { isLostConnection, toDatabaseError, toStatementsError } from './database-errors.js';
import { requestReads } from './server-reads.js';

const types = {
  getTypeParser(oid: number, format?: string): unknown {
    if (oid === numericTypeIds.int8 || oid === numericTypeIds.numeric) return parseNumeric;
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

/**
 * A PostgreSQL server through a connection pool. A request's read (a query
 * given `read`) is cancelled after `readTimeoutMs` or when its client goes
 * away: server-reads.ts.
 */
export function openServerDatabase(
  connectionString: string,
  poolSize = 10,
  readTimeoutMs = 5000,
): Database {
  // No JIT: every statement here is short, and compiling one took longer than
  // running it whenever a misleading estimate pushed its cost over the threshold.
  const pool = new pg.Pool({ connectionString, max: poolSize, types, options: '-c jit=off' });
  // A connection the server ends (a restart, a failover, an administrator, an
  // idle timeout) makes its client emit 'error', which would crash the process
  // unheard. The pool already drops an idle one; a checked-out one fails its
  // next query, and `onOneConnection` then drops it.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  const asQueryable = (runner: pg.Pool | pg.PoolClient): Queryable => ({
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      const result = await runner.query(sql, params as unknown[]).catch(rethrow);
      return result.rows as Row[];
    },
    async exec(sql: string) {
      await runner.query(sql).catch(rethrow);
    },
  });
  /**
   * Work on one connection of the pool that opens a transaction: rolled back
   * if the work fails, and closed rather than given back if it was lost.
   */
  const onOneConnection = async <T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
    const client = await pool.connect().catch(rethrow);
    let lost = false;
    const onLost = () => {
      lost = true;
    };
    client.on('error', onLost);
    try {
      return await work(client);
    } catch (error) {
      lost ||= isLostConnection(error);
      if (!lost) await client.query('ROLLBACK').catch(() => undefined);
      throw toDatabaseError(error);
    } finally {
      client.off('error', onLost);
      client.release(lost);
    }
  };
  const read = requestReads(pool, connectionString, readTimeoutMs);
  const pooled = asQueryable(pool);
  return {
    kind: 'server',
    ...pooled,
    query: (sql, params = [], request) =>
      request ? read(sql, params, request.signal) : pooled.query(sql, params),
    transaction(work) {
      return onOneConnection(async (client) => {
        await client.query('BEGIN');
        const result = await work(asQueryable(client));
        await client.query('COMMIT');
        return result;
      });
    },
    async atomically(statements) {
      if (statements.length === 0) return [];
      try {
        // The extended protocol, which carries parameters apart, takes one
        // statement per round trip; one simple-protocol text takes them all.
        if (!statements.some((statement) => statement.bulk)) {
          return rowsOf(await pool.query(inlineStatements(statements)));
        }
        return await onOneConnection((client) => inOneTransaction(client, statements));
      } catch (error) {
        throw toStatementsError(error);
      }
    },
    async close() {
      await pool.end();
    },
  };
}

/**
 * Each bulk statement on its own, with its parameters apart; the statements
 * between them still share one text, and the last text carries the COMMIT.
 */
async function inOneTransaction(
  client: pg.PoolClient,
  statements: readonly Statement[],
): Promise<unknown[][]> {
  const rows: unknown[][] = [];
  await client.query('BEGIN');
  let start = 0;
  while (start < statements.length) {
    const statement = statements[start]!;
    if (statement.bulk) {
      rows.push((await client.query(statement.sql, statement.params as unknown[])).rows);
      start += 1;
      continue;
    }
    let end = start;
    while (end < statements.length && !statements[end]!.bulk) end += 1;
    const last = end === statements.length;
    const text = inlineStatements(statements.slice(start, end)) + (last ? ';\nCOMMIT' : '');
    const results = rowsOf(await client.query(text));
    rows.push(...(last ? results.slice(0, -1) : results));
    start = end;
  }
  if (statements.at(-1)!.bulk) await client.query('COMMIT');
  return rows;
}

function rethrow(error: unknown): never {
  throw toDatabaseError(error);
}

function rowsOf(results: pg.QueryResult | pg.QueryResult[]): unknown[][] {
  return (Array.isArray(results) ? results : [results]).map((result) => result.rows as unknown[]);
}
