import type { PGlite } from '@electric-sql/pglite';
import { parentPort } from 'node:worker_threads';
import { runInOrder, type Queryable } from './database.js';
import type { EmbeddedReply, EmbeddedRequest } from './embedded-protocol.js';
import { serializeError } from './embedded-protocol.js';
import { openPglite, pgliteQueryable } from './embedded-pglite.js';
import { createFifoLock } from './fifo-lock.js';

/**
 * The embedded database's own thread: PGlite runs its SQL synchronously in
 * WebAssembly, so on the main thread every statement stalled IMAP reads and
 * HTTP requests. Here it owns one PGlite and answers the proxy in
 * embedded-client.ts.
 *
 * Ordering: the proxy posts requests in call order and this thread takes
 * them in that order into a FIFO lock. A transaction holds the lock from
 * BEGIN until the proxy commits or rolls back, so statements from outside the
 * transaction wait for it and none interleaves inside it, exactly as PGlite's
 * own transaction() serialised them on the main thread.
 */

interface OpenTransaction {
  readonly queryable: Queryable;
  /** Commits (true) or rolls back (false); settles when PGlite has. */
  end(commit: boolean): Promise<void>;
}

const lock = createFifoLock();
const transactions = new Map<number, OpenTransaction>();
let pglite: PGlite | null = null;
let lastTransaction = 0;
/** Thrown into PGlite's transaction() to make it roll back; never leaves this file. */
const rollbackRequested = new Error('rollback requested');

function database(): PGlite {
  if (!pglite) throw new Error('The embedded database is not open');
  return pglite;
}

function transaction(id: number): OpenTransaction {
  const open = transactions.get(id);
  // PGlite's own words for a statement on a finished transaction.
  if (!open) throw new Error('Transaction is closed');
  return open;
}

/**
 * Runs PGlite's transaction() so it keeps its behaviour (no disk sync per
 * statement, an aborted transaction's COMMIT rejected), holding it open
 * until the proxy decides. Resolves once BEGIN has run.
 */
async function begin(): Promise<number> {
  const release = await lock.acquire();
  const id = (lastTransaction += 1);
  let decide!: (commit: boolean) => void;
  const decided = new Promise<boolean>((resolve) => {
    decide = resolve;
  });
  let entered!: () => void;
  const inside = new Promise<void>((resolve) => {
    entered = resolve;
  });
  const done = database()
    .transaction(async (tx) => {
      transactions.set(id, {
        queryable: pgliteQueryable(tx),
        end: (commit) => {
          decide(commit);
          return done;
        },
      });
      entered();
      if (!(await decided)) throw rollbackRequested;
    })
    .catch((error: unknown) => {
      if (error !== rollbackRequested) throw error;
    })
    .finally(() => {
      transactions.delete(id);
      release();
    });
  // `done` settles first only when BEGIN itself failed.
  await Promise.race([inside, done]);
  return id;
}

async function handle(request: EmbeddedRequest): Promise<unknown> {
  switch (request.op) {
    case 'open':
      if (pglite) throw new Error('The embedded database is already open');
      pglite = await openPglite({
        ...(request.dataDir ? { dataDir: request.dataDir } : {}),
        ...(request.loadDataDir ? { loadDataDir: new Blob([request.loadDataDir]) } : {}),
      });
      return null;
    case 'query':
      if (request.tx !== undefined) {
        return transaction(request.tx).queryable.query(request.sql, request.params);
      }
      return lock.run(() => pgliteQueryable(database()).query(request.sql, request.params));
    case 'exec':
      if (request.tx !== undefined) return transaction(request.tx).queryable.exec(request.sql);
      return lock.run(() => pgliteQueryable(database()).exec(request.sql));
    case 'atomically':
      // Run here from start to end: the lock is not held while the main thread is busy elsewhere.
      return lock.run(() =>
        database().transaction((tx) => runInOrder(pgliteQueryable(tx), request.statements)),
      );
    case 'begin':
      return begin();
    case 'commit':
      return transaction(request.tx).end(true);
    case 'rollback':
      return transaction(request.tx).end(false);
    case 'dump':
      return lock.run(async () => (await database().dumpDataDir('gzip')).arrayBuffer());
    case 'close':
      return lock.run(async () => {
        if (pglite && !pglite.closed) await pglite.close();
      });
  }
}

function reply(message: EmbeddedReply, transfer: ArrayBuffer[] = []): void {
  try {
    parentPort!.postMessage(message, transfer);
  } catch (error) {
    // A value structured clone cannot carry: the caller still gets an answer.
    parentPort!.postMessage({ id: message.id, error: serializeError(error) });
  }
}

parentPort?.on('message', (request: EmbeddedRequest) => {
  handle(request).then(
    (value) => reply({ id: request.id, value }, value instanceof ArrayBuffer ? [value] : []),
    (error: unknown) => reply({ id: request.id, error: serializeError(error) }),
  );
});
