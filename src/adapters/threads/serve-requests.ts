import { parentPort } from 'node:worker_threads';
import type { WorkerReply } from './worker-pool.js';

/** The thread's side of `startWorkerPool`: answers each request with `handle`'s result or its error. */
export function serveRequests<Request, Result>(handle: (request: Request) => Result): void {
  parentPort?.on('message', ({ id, request }: { id: number; request: Request }) => {
    let reply: WorkerReply<Result>;
    try {
      reply = { id, result: handle(request) };
    } catch (error) {
      reply = { id, error: error instanceof Error ? error.message : String(error) };
    }
    parentPort!.postMessage(reply);
  });
}
