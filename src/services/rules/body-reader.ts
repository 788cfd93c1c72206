import { availableParallelism } from 'node:os';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { startWorkerPool } from '../../adapters/threads/worker-pool.js';
import { readBody, type BodyFacts } from '../../core/rules/message-facts.js';
import type { BodyRead } from '../../core/rules/rule-reads.js';

/** A body to read, and how far (never `none`: such a body is not sent). */
export interface BodyJob {
  readonly subject: string;
  readonly textBody: string;
  readonly read: BodyRead;
}

/** Reads bodies for a rule pass: their new text, intents and sentiment (see `readBody`). */
export interface BodyReader {
  /** The facts of each job's body, in the jobs' order. */
  read(jobs: readonly BodyJob[]): Promise<BodyFacts[]>;
  close(): Promise<void>;
}

/**
 * Bodies read between two turns of the event loop on the calling thread: a
 * slice is about a millisecond of reading, so replies of the store to other
 * work of this process (a batch of firings being applied) wait no longer.
 */
const sliceSize = 8;

/** Reading on the calling thread, a slice at a time: where the compiled worker is not there (tests of the sources). */
export const inThreadBodyReader: BodyReader = {
  async read(jobs) {
    const facts: BodyFacts[] = [];
    for (let from = 0; from < jobs.length; from += sliceSize) {
      if (from > 0) await nextTurn();
      for (const job of jobs.slice(from, from + sliceSize)) facts.push(readBody(job, job.read));
    }
    return facts;
  },
  close: async () => undefined,
};

/** Bodies sent to a thread at once: enough to make the trip worth it, few enough to spread over the threads. */
const chunkSize = 64;

/**
 * Reading bodies on threads of their own, one fewer than the cores (the
 * main thread has the store's replies and the firings to apply): reading
 * is most of a rule pass's work, and the main thread would otherwise do it
 * while the store waits. Falls back to the calling thread when the compiled
 * worker is not there.
 */
export function createBodyReader(size = Math.max(1, availableParallelism() - 1)): BodyReader {
  const pool = startWorkerPool<readonly BodyJob[], BodyFacts[]>(
    new URL('./body-reader-worker.js', import.meta.url),
    size,
    'Reading message bodies',
  );
  if (!pool) return inThreadBodyReader;
  return {
    async read(jobs) {
      const chunks: (readonly BodyJob[])[] = [];
      for (let from = 0; from < jobs.length; from += chunkSize) {
        chunks.push(jobs.slice(from, from + chunkSize));
      }
      return (await Promise.all(chunks.map((chunk) => pool.run(chunk)))).flat();
    },
    close: () => pool.close(),
  };
}
