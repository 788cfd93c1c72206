import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ThreadlineError } from '../../core/errors.js';

/** Threads running one worker module, each request answered by one of them. */
export interface WorkerPool<Request, Result> {
  run(request: Request): Promise<Result>;
  close(): Promise<void>;
}

/** What a thread of the pool answers (see `serveRequests`). */
export type WorkerReply<Result> = { id: number; result: Result } | { id: number; error: string };

interface Waiting<Result> {
  readonly thread: Worker;
  resolve(result: Result): void;
  reject(error: Error): void;
}

/**
 * `size` threads running `workerModule` (a module that calls
 * `serveRequests`), requests handed to each in turn. A thread keeps the
 * process alive only while it has work. A thread that dies fails what it
 * had and is replaced. Undefined when the compiled module is not there
 * (tests run the TypeScript sources): the caller then works on its own thread.
 * `work` names the work in errors: "Reading message bodies failed: …".
 */
export function startWorkerPool<Request, Result>(
  workerModule: URL,
  size: number,
  work: string,
): WorkerPool<Request, Result> | undefined {
  const file = fileURLToPath(workerModule);
  if (!existsSync(file)) return undefined;
  const pending = new Map<number, Waiting<Result>>();
  const busy = new Map<Worker, number>();
  let closing = false;
  const settle = (id: number): Waiting<Result> | undefined => {
    const waiting = pending.get(id);
    if (!waiting) return undefined;
    pending.delete(id);
    const left = (busy.get(waiting.thread) ?? 1) - 1;
    busy.set(waiting.thread, left);
    if (left === 0) waiting.thread.unref();
    return waiting;
  };
  const start = (): Worker => {
    const thread = new Worker(file);
    thread.unref();
    thread.on('message', (reply: WorkerReply<Result>) => {
      const waiting = settle(reply.id);
      if ('result' in reply) waiting?.resolve(reply.result);
      else waiting?.reject(new ThreadlineError('INTERNAL', `${work} failed: ${reply.error}`));
    });
    thread.on('exit', () => {
      for (const [id, waiting] of pending) {
        if (waiting.thread === thread)
          settle(id)?.reject(new ThreadlineError('INTERNAL', `${work} stopped`));
      }
      busy.delete(thread);
      const place = threads.indexOf(thread);
      if (!closing && place >= 0) threads[place] = start();
    });
    return thread;
  };
  const threads = Array.from({ length: Math.max(1, size) }, start);
  let next = 0;
  return {
    run(request) {
      const id = (next += 1);
      const thread = threads[id % threads.length]!;
      return new Promise((resolve, reject) => {
        pending.set(id, { thread, resolve, reject });
        busy.set(thread, (busy.get(thread) ?? 0) + 1);
        thread.ref();
        thread.postMessage({ id, request });
      });
    },
    async close() {
      closing = true;
      await Promise.all(threads.map((thread) => thread.terminate()));
    },
  };
}
