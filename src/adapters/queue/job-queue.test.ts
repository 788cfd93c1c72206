import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openTestDatabase,
  testBackends,
  type TestDatabase,
} from '../../../test/support/test-database.js';
import { createInProcessQueue } from './in-process-queue.js';
import type { JobQueue } from './job-queue.js';
import { createPgBossQueue } from './pg-boss-queue.js';

function waitFor(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const poll = () => {
      if (check()) return resolve();
      if (Date.now() - started > timeoutMs) return reject(new Error('timed out'));
      setTimeout(poll, 20);
    };
    poll();
  });
}

type QueueFactory = () => Promise<{ queue: JobQueue; close(): Promise<void> }>;

const factories: [string, QueueFactory][] = [
  [
    'in-process',
    async () => ({
      queue: createInProcessQueue({ retryDelayMs: 10 }),
      close: async () => undefined,
    }),
  ],
  ...testBackends().map((backend): [string, QueueFactory] => [
    `pg-boss on the ${backend} backend`,
    async () => {
      const handle: TestDatabase = await openTestDatabase(backend);
      const queue = await createPgBossQueue(handle.database, { pollingIntervalSeconds: 0.5 });
      return {
        queue,
        async close() {
          await queue.stop();
          await handle.drop();
        },
      };
    },
  ]),
];

describe.each(factories)('job queue: %s', (_name, factory) => {
  let queue: JobQueue;
  let opened: Awaited<ReturnType<QueueFactory>>;
  beforeAll(async () => {
    opened = await factory();
    queue = opened.queue;
  });
  afterAll(async () => {
    await opened.close();
  });

  it('delivers every job to its worker once', async () => {
    const seen: number[] = [];
    await queue.work<{ n: number }>('numbers', async ({ n }) => {
      seen.push(n);
    });
    for (const n of [1, 2, 3]) await queue.send('numbers', { n });
    await waitFor(() => seen.length === 3);
    expect([...seen].sort()).toEqual([1, 2, 3]);
  });

  it('retries a job whose handler failed', async () => {
    let attempts = 0;
    await queue.work('flaky', async () => {
      attempts += 1;
      if (attempts < 2) throw new Error('transient');
    });
    await queue.send('flaky', {}, { retryLimit: 3 });
    await waitFor(() => attempts >= 2, 20_000);
    expect(attempts).toBe(2);
  });

  it('runs a job asked for now at once, while one of its key waits to start later', async () => {
    const handled: string[] = [];
    await queue.work<{ why: string }>('sync-now', async ({ why }) => {
      handled.push(why);
    });
    await queue.send('sync-now', { why: 'retry' }, { singletonKey: 'm1', startAfterSeconds: 300 });
    await queue.send('sync-now', { why: 'asked' }, { singletonKey: 'm1' });
    await waitFor(() => handled.includes('asked'), 5_000);
    expect(handled).toEqual(['asked']);
  });
});

describe.each(testBackends())('pg-boss on the %s backend', (backend) => {
  let handle: TestDatabase;
  let queue: JobQueue;
  beforeAll(async () => {
    handle = await openTestDatabase(backend);
    // A poll so slow that only the wake-up can explain a quick delivery.
    queue = await createPgBossQueue(handle.database, { pollingIntervalSeconds: 30 });
  });
  afterAll(async () => {
    await queue.stop();
    await handle.drop();
  });

  it('wakes this process’s workers at once for a job it sends, without waiting for a poll', async () => {
    const handled: number[] = [];
    await queue.work<{ n: number }>('wake-up', async ({ n }) => {
      handled.push(n);
    });
    // The first poll runs as the worker starts; let it pass empty.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const sent = Date.now();
    await queue.send('wake-up', { n: 1 });
    await waitFor(() => handled.length === 1, 5_000);
    expect(Date.now() - sent).toBeLessThan(2_000);
  });
});
