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

/** Embedded PostgreSQL in this process. Only one process may open a data directory: see data-dir-lock. */
export interface EmbeddedDatabase extends Database {
  /** A gzipped copy of the data directory, loadable with `loadDataDir`. */
  dump(): Promise<Blob>;
}

export async function openEmbeddedDatabase(
  options: EmbeddedDatabaseOptions,
): Promise<EmbeddedDatabase> {
  const pglite = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    extensions: { pg_trgm },
    parsers,
  });
  const asQueryable = (runner: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      const result = await runner.query<Row>(sql, params as unknown[]);
      return result.rows;
    },
    async exec(sql: string) {
      await runner.exec(sql);
    },
  });
  return {
    kind: 'embedded',
    ...asQueryable(pglite),
    transaction(work) {
      return pglite.transaction((tx) => work(asQueryable(tx)));
    },
    async close() {
      if (!pglite.closed) await pglite.close();
    },
    dump() {
      return pglite.dumpDataDir('gzip');
    },
  };
}
