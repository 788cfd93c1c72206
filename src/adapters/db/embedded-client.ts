import { Worker } from 'node:worker_threads';
import { ThreadlineError } from '../../core/errors.js';
import type { Queryable, RequestRead } from './database.js';
import type { EmbeddedDatabase, EmbeddedDatabaseOptions } from './embedded-pglite.js';
import type { EmbeddedReply, EmbeddedRequest } from './embedded-protocol.js';
import { deserializeError } from './embedded-protocol.js';
import { toStatementsError } from './database-errors.js';

/** A request before its id is given. */
type Call = EmbeddedRequest extends infer R
  ? R extends { id: number }
    ? Omit<R, 'id'>
    : never
  : never;

const workers = new WeakMap<EmbeddedDatabase, Worker>();

/**
 * The embedded database on its own thread (embedded-worker.ts), behind the
 * same interface as the in-process one. Requests are posted in call order;
 * the worker serves them first come, first served, and a transaction keeps
 * the connection from BEGIN until `work` has settled here.
 */
export async function openWorkerDatabase(
  workerFile: string,
  options: EmbeddedDatabaseOptions,
): Promise<EmbeddedDatabase> {
  const worker = new Worker(workerFile);
  const pending = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (error: Error) => void }
  >();
  let lastId = 0;
  /** Set once the worker is gone: every later call fails with it. */
  let stopped: Error | null = null;
  let closing: Promise<void> | null = null;
  const closedError = new Error('The embedded database is closed');

  // Idle, the worker must not keep the process alive (PGlite on the main thread
  // never did); while an answer is awaited it must, or a process whose only
  // work left is that answer would exit under it.
  worker.unref();
  const settle = (id: number): ReturnType<typeof pending.get> => {
    const waiting = pending.get(id);
    pending.delete(id);
    if (pending.size === 0) worker.unref();
    return waiting;
  };
  const stop = (error: Error): void => {
    stopped ??= error;
    for (const id of [...pending.keys()]) settle(id)?.reject(stopped);
  };
  worker.on('message', (reply: EmbeddedReply) => {
    const waiting = settle(reply.id);
    if (!waiting) return;
    if ('error' in reply) waiting.reject(deserializeError(reply.error));
    else waiting.resolve(reply.value);
  });
  worker.on('error', (error) => {
    stop(new Error(`The embedded database worker crashed: ${error.message}`, { cause: error }));
  });
  worker.on('exit', (code) => {
    stop(new Error(`The embedded database worker stopped (exit code ${code})`));
  });

  const call = <T>(request: Call, transfer: ArrayBuffer[] = []): Promise<T> => {
    if (stopped) return Promise.reject(stopped);
    const id = (lastId += 1);
    return new Promise<T>((resolve, reject) => {
      if (pending.size === 0) worker.ref();
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      try {
        worker.postMessage({ ...request, id }, transfer);
      } catch (error) {
        // A parameter structured clone cannot carry (a function, say).
        settle(id);
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  };
  const queryable = (tx?: number): Queryable => ({
    query: <Row>(sql: string, params: readonly unknown[] = [], read?: RequestRead) =>
      read?.signal?.aborted
        ? Promise.reject(new ThreadlineError('REQUEST_CANCELLED'))
        : call<Row[]>({
            op: 'query',
            sql,
            params: params.map(compactView),
            ...(tx === undefined ? {} : { tx }),
          }),
    exec: (sql: string) => call<void>({ op: 'exec', sql, ...(tx === undefined ? {} : { tx }) }),
  });

  const loadDataDir = await options.loadDataDir?.arrayBuffer();
  try {
    await call<null>(
      {
        op: 'open',
        ...(options.dataDir ? { dataDir: options.dataDir } : {}),
        ...(loadDataDir ? { loadDataDir } : {}),
      },
      loadDataDir ? [loadDataDir] : [],
    );
  } catch (error) {
    await worker.terminate();
    throw error;
  }

  const database: EmbeddedDatabase = {
    kind: 'embedded',
    ...queryable(),
    async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
      const tx = await call<number>({ op: 'begin' });
      let result: T;
      try {
        result = await work(queryable(tx));
      } catch (error) {
        // The caller's error is the one that matters; a failed ROLLBACK adds nothing.
        await call({ op: 'rollback', tx }).catch(() => undefined);
        throw error;
      }
      await call({ op: 'commit', tx });
      return result;
    },
    close() {
      closing ??= (async () => {
        const closed = call({ op: 'close' });
        // Later calls fail at once; those already sent are answered before PGlite closes.
        stopped ??= closedError;
        await closed.catch(() => undefined);
        await worker.terminate();
      })();
      return closing;
    },
    async atomically(statements) {
      try {
        return await call<unknown[][]>({
          op: 'atomically',
          statements: statements.map(({ sql, params }) => ({
            sql,
            params: params.map(compactView),
          })),
        });
      } catch (error) {
        throw toStatementsError(error);
      }
    },
    async dump() {
      return new Blob([await call<ArrayBuffer>({ op: 'dump' })]);
    },
  };
  workers.set(database, worker);
  return database;
}

/**
 * Structured clone copies a typed array's whole underlying buffer: a small
 * Buffer cut from Node's shared pool, or a slice of a large read, would ship
 * far more than its own bytes. Such views travel as a copy of just their bytes.
 */
function compactView(value: unknown): unknown {
  if (!ArrayBuffer.isView(value) || value.byteLength === value.buffer.byteLength) return value;
  return new Uint8Array(value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength));
}

/**
 * Test-only: ends the worker abruptly, as a crash would, without closing
 * PGlite, so tests can check that callers are failed rather than left hanging.
 */
export async function killWorkerForTests(database: EmbeddedDatabase): Promise<void> {
  await workers.get(database)?.terminate();
}
