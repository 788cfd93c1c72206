import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ThreadlineError } from '../../core/errors.js';
import { sanitizeEmailHtml, type SanitizedHtml } from './sanitize-email-html.js';
import type { SanitizeRequest } from './sanitize-worker.js';

export interface HtmlSanitizer {
  sanitize(html: string, messageId: string): Promise<SanitizedHtml>;
  close(): Promise<void>;
}

type Reply = { id: number; result: SanitizedHtml } | { id: number; error: string };

/** Sanitising on the calling thread: where worker threads cannot load (tests of the sources). */
export const inThreadSanitizer: HtmlSanitizer = {
  sanitize: async (html, messageId) => sanitizeEmailHtml(html, messageId),
  close: async () => undefined,
};

/**
 * Sanitising on threads of its own: a megabyte of HTML takes sanitize-html
 * about half a second, which on the main thread every other request (the
 * health check too) would wait behind. Requests go to the threads in turn.
 * Falls back to the calling thread when the compiled worker is not there.
 */
export function createSanitizePool(size = 1): HtmlSanitizer {
  const workerFile = fileURLToPath(new URL('./sanitize-worker.js', import.meta.url));
  if (!existsSync(workerFile)) return inThreadSanitizer;
  const pending = new Map<number, Waiting>();
  const workers = Array.from({ length: size }, () => {
    const worker = new Worker(workerFile);
    worker.unref();
    worker.on('message', (reply: Reply) => {
      const waiting = pending.get(reply.id);
      pending.delete(reply.id);
      if ('result' in reply) waiting?.resolve(reply.result);
      else waiting?.reject(new ThreadlineError('INTERNAL', `Sanitising failed: ${reply.error}`));
    });
    worker.on('error', (error) => {
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
    sanitize(html, messageId) {
      const id = (next += 1);
      const worker = workers[id % workers.length]!;
      return new Promise((resolve, reject) => {
        pending.set(id, { worker, resolve, reject });
        worker.postMessage({ id, html, messageId } satisfies SanitizeRequest);
      });
    },
    async close() {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}

interface Waiting {
  worker: Worker;
  resolve: (result: SanitizedHtml) => void;
  reject: (error: Error) => void;
}
