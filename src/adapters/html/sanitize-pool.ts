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
 * Sanitising on a thread of its own: a megabyte of generated HTML takes
 * sanitize-html seconds, which on the main thread every other request (the
 * health check too) would wait behind. One thread: bodies are sanitised
 * once each, on their first view, so there is little to spread. A thread
 * that dies fails what it had and is replaced. Falls back to the calling
 * thread when the compiled worker is not there.
 */
export function createSanitizePool(): HtmlSanitizer {
  const workerFile = fileURLToPath(new URL('./sanitize-worker.js', import.meta.url));
  if (!existsSync(workerFile)) return inThreadSanitizer;
  const pending = new Map<
    number,
    { resolve: (result: SanitizedHtml) => void; reject: (error: Error) => void }
  >();
  let closing = false;
  const start = (): Worker => {
    const thread = new Worker(workerFile);
    thread.unref();
    thread.on('message', (reply: Reply) => {
      const waiting = pending.get(reply.id);
      pending.delete(reply.id);
      if ('result' in reply) waiting?.resolve(reply.result);
      else waiting?.reject(new ThreadlineError('INTERNAL', `Sanitising failed: ${reply.error}`));
    });
    thread.on('exit', () => {
      for (const waiting of pending.values()) {
        waiting.reject(new ThreadlineError('INTERNAL', 'The HTML sanitiser stopped'));
      }
      pending.clear();
      if (!closing) worker = start();
    });
    return thread;
  };
  let worker = start();
  let next = 0;
  return {
    sanitize(html, messageId) {
      const id = (next += 1);
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, html, messageId } satisfies SanitizeRequest);
      });
    },
    async close() {
      closing = true;
      await worker.terminate();
    },
  };
}
