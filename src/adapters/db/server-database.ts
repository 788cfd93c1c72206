import pg from 'pg';
import type { Database, Queryable } from './database.js';
import { inlineStatements } from './inline-parameters.js';
import { numericTypeIds, parseNumeric } from './database.js';

const types = {
  getTypeParser(oid: number, format?: string): unknown {
    if (oid === numericTypeIds.int8 || oid === numericTypeIds.numeric) return parseNumeric;
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

/** A PostgreSQL server through a connection pool. */
export function openServerDatabase(connectionString: string, poolSize = 10): Database {
  // No JIT: every statement here is short, and compiling one took longer than
  // running it whenever a misleading estimate pushed its cost over the threshold.
  const pool = new pg.Pool({ connectionString, max: poolSize, types, options: '-c jit=off' });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  const asQueryable = (runner: pg.Pool | pg.PoolClient): Queryable => ({
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      const result = await runner.query(sql, params as unknown[]);
      return result.rows as Row[];
    },
    async exec(sql: string) {
      await runner.query(sql);
    },
  });
  return {
    kind: 'server',
    ...asQueryable(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(asQueryable(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async atomically(statements) {
      if (statements.length === 0) return [];
      // The extended protocol, which carries parameters apart, takes one
      // statement per round trip; one simple-protocol text takes them all.
      const results = (await pool.query(inlineStatements(statements))) as
        pg.QueryResult | pg.QueryResult[];
      return (Array.isArray(results) ? results : [results]).map(
        (result) => result.rows as unknown[],
      );
    },
    async close() {
      await pool.end();
    },
  };
}
