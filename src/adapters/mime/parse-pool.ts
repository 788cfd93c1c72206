import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ThreadlineError, type ErrorCode } from '../../core/errors.js';
import {
  parseMessageWithContent,
  type ParseOptions,
  type ParsedWithContent,
} from './parse-message.js';

export interface MessageParser {
  parse(raw: Uint8Array, options?: ParseOptions): Promise<ParsedWithContent>;
  close(): Promise<void>;
}

type Reply =
  | { id: number; parsed: ParsedWithContent }
  | { id: number; error: { code: ErrorCode; message: string } };

/** Parsing on the calling thread: for small jobs and where worker threads cannot load. */
export const inThreadParser: MessageParser = {
  parse: (raw, options) => parseMessageWithContent(raw, options),
  close: async () => undefined,
};

/**
 * MIME parsing spread over worker threads, one per core: parsing is the
 * costly part of a sync, and the main thread has the database and the
 * decisions to run meanwhile. Falls back to the calling thread when the
 * compiled worker is not there (tests run the TypeScript sources).
 */
export function createParsePool(size = Math.max(1, availableParallelism())): MessageParser {
  const workerFile = fileURLToPath(new URL('./parse-worker.js', import.meta.url));
  if (!existsSync(workerFile)) return inThreadParser;
  const pending = new Map<
    number,
    {
      worker: Worker;
      resolve: (parsed: ParsedWithContent) => void;
      reject: (error: Error) => void;
    }
  >();
  const workers = Array.from({ length: size }, () => {
    const worker = new Worker(workerFile);
    worker.unref();
    worker.on('message', (reply: Reply) => {
      const waiting = pending.get(reply.id);
      pending.delete(reply.id);
      if (!waiting) return;
      if ('parsed' in reply) waiting.resolve(reply.parsed);
      else waiting.reject(new ThreadlineError(reply.error.code, reply.error.message));
    });
    worker.on('error', (error) => {
      // A crashed parser fails what it had; the sync quarantines those messages and goes on.
      for (const [id, waiting] of pending) {
        if (waiting.worker !== worker) continue;
        pending.delete(id);
        waiting.reject(error);
      }
    });
    return worker;
  });
  let next = 0;
  return {
    parse(raw, options = {}) {
      // A header block alone parses in less time than it takes to reach a worker and come back.
      if (options.headerOnly) return parseMessageWithContent(raw, options);
      const id = (next += 1);
      const worker = workers[id % workers.length]!;
      return new Promise((resolve, reject) => {
        pending.set(id, { worker, resolve, reject });
        // Cloned, a view's whole backing buffer (often a shared pool several
        // times its size) is copied out and in again; its own bytes, copied
        // once and transferred, are all the worker needs.
        const own = new Uint8Array(raw);
        worker.postMessage({ id, raw: own, options }, [own.buffer]);
      });
    },
    async close() {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
