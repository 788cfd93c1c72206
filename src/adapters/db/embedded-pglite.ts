import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { Database, Queryable } from './database.js';
import { numericTypeIds, parseNumeric } from './database.js';

const parsers = {
  [numericTypeIds.int8]: parseNumeric,
  [numericTypeIds.numeric]: parseNumeric,
};

export interface EmbeddedDatabaseOptions {
  /** Data directory; omitted means in memory (tests). */
  dataDir?: string;
  /** A dump of a prepared data directory to start from (tests load a migrated template). */
  loadDataDir?: Blob;
}

/** Embedded PostgreSQL owned by this process. Only one process may open a data directory: see data-dir-lock. */
export interface EmbeddedDatabase extends Database {
  /** A gzipped copy of the data directory, loadable with `loadDataDir`. */
  dump(): Promise<Blob>;
}

/**
 * Opens PGlite the one way Threadline uses it, whether on the calling thread
 * or on the database worker: both must parse the same types and load the same
 * extensions, or the two paths would return different rows.
 */
export function openPglite(options: EmbeddedDatabaseOptions): Promise<PGlite> {
  return PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    extensions: { pg_trgm },
    parsers,
  });
}

/** The storage contract's query and exec over PGlite or one of its transactions. */
export function pgliteQueryable(runner: Pick<PGlite, 'query' | 'exec'>): Queryable {
  return {
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      const result = await runner.query<Row>(sql, params as unknown[]);
      return result.rows;
    },
    async exec(sql: string) {
      await runner.exec(sql);
    },
  };
}
