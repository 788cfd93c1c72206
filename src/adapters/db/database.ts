/**
 * The one storage contract. Two implementations: embedded PostgreSQL
 * (PGlite, in this process on a worker thread of its own) and a PostgreSQL server (node-postgres). Both speak
 * the same SQL and return the same JavaScript types: int8 and numeric come
 * back as numbers, timestamps as Dates, jsonb as parsed values.
 */
export interface Queryable {
  /**
   * With `read`, the statement is a read a client is waiting for: on a
   * PostgreSQL server it is cancelled once the read timeout passes
   * (QUERY_TIMEOUT) or its signal aborts (REQUEST_CANCELLED). The embedded
   * store runs one statement at a time and cannot stop one midway: there a
   * read whose signal has aborted is not started.
   */
  query<Row = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
    read?: RequestRead,
  ): Promise<Row[]>;
  /** Runs several statements separated by semicolons, without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

/** A read for a request; `signal` aborts when its client goes away. */
export interface RequestRead {
  readonly signal?: AbortSignal | undefined;
}

/** One statement and its parameters, for `Database.atomically`. */
export interface Statement {
  readonly sql: string;
  readonly params: readonly unknown[];
  /**
   * The parameters are megabytes of text (message bodies): the server is
   * handed them apart from the statement, as it receives any parameter,
   * rather than written into a query text that it would scan character by
   * character before running it.
   */
  readonly bulk?: boolean;
}

export interface Database extends Queryable {
  readonly kind: 'embedded' | 'server';
  /**
   * Runs `work` in one transaction. Keep it short: the embedded store has a
   * single connection, so a long transaction stalls every other caller.
   */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Runs the statements in order as one transaction, handed over together:
   * no statement waits for this process to send the next, as each does in
   * `transaction` (a wait as long as whatever else this process is busy
   * with); on a server, a bulk statement is handed over on its own, between
   * the others. Returns each statement's rows, in order. A statement cannot
   * use an earlier one's result, except through the database itself.
   */
  atomically(statements: readonly Statement[]): Promise<unknown[][]>;
  close(): Promise<void>;
}

/** Postgres type ids whose text form both drivers must parse into numbers. */
export const numericTypeIds = { int8: 20, numeric: 1700 } as const;

export function parseNumeric(value: string): number {
  return Number(value);
}

/** The statements one after the other on one connection, with each one's rows. */
export async function runInOrder(
  runner: Queryable,
  statements: readonly Statement[],
): Promise<unknown[][]> {
  const results: unknown[][] = [];
  for (const { sql, params } of statements) results.push(await runner.query(sql, params));
  return results;
}
