import type { JobHandler, JobQueue, SendOptions } from './job-queue.js';

interface PendingJob {
  queue: string;
  data: object;
  singletonKey: string | undefined;
  attemptsLeft: number;
  runAt: number;
}

/**
 * Jobs in this process's memory: enough for the embedded default, where one
 * process owns the store. Failed jobs retry with exponential backoff.
 */
export function createInProcessQueue(options: { retryDelayMs?: number } = {}): JobQueue {
  const retryDelayMs = options.retryDelayMs ?? 1000;
  const pending: PendingJob[] = [];
  const workers = new Map<
    string,
    { handler: JobHandler<object>; concurrency: number; running: number }
  >();
  let stopped = false;
  let timer: { handle: NodeJS.Timeout; at: number } | null = null;
  const inFlight = new Set<Promise<void>>();

  /** Wakes at the earliest start, also when it came before the one a timer waits for. */
  function schedule(): void {
    if (stopped) return;
    const next = Math.min(...pending.map((job) => job.runAt));
    if (!Number.isFinite(next) || (timer && timer.at <= next)) return;
    if (timer) clearTimeout(timer.handle);
    timer = {
      at: next,
      handle: setTimeout(
        () => {
          timer = null;
          dispatch();
        },
        Math.max(0, next - Date.now()),
      ),
    };
  }

  function dispatch(): void {
    const now = Date.now();
    for (let i = 0; i < pending.length;) {
      const job = pending[i]!;
      const worker = workers.get(job.queue);
      if (!worker || job.runAt > now || worker.running >= worker.concurrency) {
        i += 1;
        continue;
      }
      pending.splice(i, 1);
      worker.running += 1;
      const run = worker
        .handler(job.data)
        .catch(() => {
          if (job.attemptsLeft > 0 && !stopped) {
            const attempt = job.attemptsLeft;
            pending.push({ ...job, attemptsLeft: attempt - 1, runAt: Date.now() + retryDelayMs });
          }
        })
        .finally(() => {
          worker.running -= 1;
          inFlight.delete(run);
          dispatch();
        });
      inFlight.add(run);
    }
    schedule();
  }

  return {
    async send(queue, data, sendOptions: SendOptions = {}) {
      if (stopped) return;
      const { singletonKey } = sendOptions;
      const job: PendingJob = {
        queue,
        data,
        singletonKey,
        attemptsLeft: sendOptions.retryLimit ?? 2,
        runAt: Date.now() + (sendOptions.startAfterSeconds ?? 0) * 1000,
      };
      const waiting = singletonKey
        ? pending.findIndex((other) => other.queue === queue && other.singletonKey === singletonKey)
        : -1;
      // Sends of one key collapse into the one that starts first: asked for now, a job
      // runs now, even while one of its key waits out a retry's delay.
      if (waiting >= 0) {
        if (pending[waiting]!.runAt <= job.runAt) return;
        pending[waiting] = job;
      } else {
        pending.push(job);
      }
      dispatch();
    },
    async work(queue, handler, workOptions = {}) {
      workers.set(queue, {
        handler: handler as JobHandler<object>,
        concurrency: workOptions.concurrency ?? 1,
        running: 0,
      });
      dispatch();
    },
    depth: async (queue) => pending.filter((job) => job.queue === queue).length,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer.handle);
      await Promise.allSettled([...inFlight]);
    },
  };
}
