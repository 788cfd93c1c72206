import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runInOrder } from './database.js';
import { openWorkerDatabase } from './embedded-client.js';
import {
  openPglite,
  pgliteQueryable,
  type EmbeddedDatabase,
  type EmbeddedDatabaseOptions,
} from './embedded-pglite.js';
import { toStatementsError } from './database-errors.js';

export type { EmbeddedDatabase, EmbeddedDatabaseOptions };

/**
 * Opens the embedded store on its own worker thread, so SQL runs beside the
 * main thread's IMAP and HTTP work instead of blocking it. Worker threads load
 * compiled JavaScript: running the TypeScript sources (Vitest), the store opens
 * on the calling thread instead.
 */
export async function openEmbeddedDatabase(
  options: EmbeddedDatabaseOptions,
): Promise<EmbeddedDatabase> {
  const workerFile = fileURLToPath(new URL('./embedded-worker.js', import.meta.url));
  if (existsSync(workerFile)) return openWorkerDatabase(workerFile, options);
  return openInThread(options);
}

/** PGlite on the calling thread: every statement blocks this thread's event loop while it runs. */
export async function openInThread(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const pglite = await openPglite(options);
  return {
    kind: 'embedded',
    ...pgliteQueryable(pglite),
    transaction(work) {
      return pglite.transaction((tx) => work(pgliteQueryable(tx)));
    },
    atomically(statements) {
      return pglite
        .transaction((tx) => runInOrder(pgliteQueryable(tx), statements))
        .catch((error: unknown) => {
          throw toStatementsError(error);
        });
    },
    async close() {
      if (!pglite.closed) await pglite.close();
    },
    dump() {
      return pglite.dumpDataDir('gzip');
    },
  };
}
