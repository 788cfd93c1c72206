/**
 * The one storage contract. Two implementations: embedded PostgreSQL
 * (PGlite, in this process on a worker thread of its own) and a PostgreSQL server (node-postgres). Both speak
 * the same SQL and return the same JavaScript types: int8 and numeric come
 * back as numbers, timestamps as Dates, jsonb as parsed values.
 */
export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Runs several statements separated by semicolons, without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Database extends Queryable {
  readonly kind: 'embedded' | 'server';
  /**
   * Runs `work` in one transaction. Keep it short: the embedded store has a
   * single connection, so a long transaction stalls every other caller.
   */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Postgres type ids whose text form both drivers must parse into numbers. */
export const numericTypeIds = { int8: 20, numeric: 1700 } as const;

export function parseNumeric(value: string): number {
  return Number(value);
}
