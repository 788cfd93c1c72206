import { Agent, request } from 'node:http';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { percentile } from './measure.js';

/** What a run at a fixed rate measured. */
export interface RateResult {
  readonly requests: number;
  /** Responses per second over the whole run. */
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** How many answers had each status. */
  readonly statuses: Readonly<Record<number, number>>;
}

/**
 * Sends `count` GET requests (to the URLs in turn) at `rate` per second,
 * open loop: each request's latency counts from when it was due, so a
 * server falling behind shows in the percentiles instead of slowing the
 * load down. Keep-alive connections, as a mail provider's fetchers use.
 */
async function loadAtRate(
  urls: readonly string[],
  options: { rate: number; count: number; userAgent: string },
): Promise<RateResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  const started = performance.now();
  const pending: Promise<void>[] = [];
  const one = (url: string, due: number) =>
    new Promise<void>((resolve, reject) => {
      const sent = request(url, { agent, headers: { 'user-agent': options.userAgent } }, (res) => {
        res.resume();
        res.on('end', () => {
          latencies.push(performance.now() - due);
          statuses[res.statusCode ?? 0] = (statuses[res.statusCode ?? 0] ?? 0) + 1;
          resolve();
        });
      });
      sent.on('error', reject);
      sent.end();
    });
  for (let n = 0; n < options.count;) {
    const now = performance.now();
    const dueCount = Math.min(
      options.count,
      Math.floor(((now - started) / 1000) * options.rate) + 1,
    );
    for (; n < dueCount; n++) {
      pending.push(one(urls[n % urls.length]!, started + (n / options.rate) * 1000));
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(pending);
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return {
    requests: options.count,
    rps: options.count / seconds,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    statuses,
  };
}

type LoadOptions = Parameters<typeof loadAtRate>[1] & {
  /**
   * Requests sent first at the same rate and not measured: a server that has
   * just started compiles its request path while answering them, and a
   * percentile of a few seconds' run would otherwise measure that once-only
   * cost instead of the rate it sustains.
   */
  readonly warmup?: number;
};

/**
 * Runs `loadAtRate` on a worker thread of its own, so the load is made
 * beside the server's thread rather than on it, as remote clients would.
 */
export function loadFromWorker(urls: readonly string[], options: LoadOptions): Promise<RateResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: { urls, options } });
    worker.once('message', (result: RateResult) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

if (!isMainThread && parentPort && (workerData as { urls?: string[] } | null)?.urls) {
  const { urls, options } = workerData as { urls: string[]; options: LoadOptions };
  if (options.warmup) await loadAtRate(urls, { ...options, count: options.warmup });
  parentPort.postMessage(await loadAtRate(urls, options));
}
