import PgBoss from 'pg-boss';
import type { Database } from '../db/database.js';
import type { JobQueue } from './job-queue.js';

/**
 * pg-boss on our own storage contract, so the same distributed queue runs on
 * a PostgreSQL server (many worker processes claim jobs with SKIP LOCKED) and
 * on the embedded store.
 */
export async function createPgBossQueue(
  database: Database,
  options: { pollingIntervalSeconds?: number } = {},
): Promise<JobQueue> {
  const boss = new PgBoss({
    db: {
      async executeSql(text: string, values: unknown[]) {
        // pg-boss sends its schema as several statements without parameters.
        if (!values || values.length === 0) {
          const rows = await database.query(text).catch(async (error: unknown) => {
            if (!/multiple commands|cannot insert multiple/i.test(String(error))) throw error;
            await database.exec(text);
            return [];
          });
          return { rows };
        }
        return { rows: await database.query(text, values) };
      },
    },
    schedule: false,
    supervise: true,
  });
  boss.on('error', () => undefined);
  await boss.start();
  const created = new Set<string>();
  const ensureQueue = async (name: string) => {
    if (created.has(name)) return;
    await boss.createQueue(name);
    created.add(name);
  };
  const polling = options.pollingIntervalSeconds ?? 0.5;
  // Workers of this process, by queue: a job sent here wakes them at once
  // instead of at their next poll; other processes still find it by polling.
  const localWorkers = new Map<string, string[]>();
  return {
    async send(queue, data, sendOptions = {}) {
      await ensureQueue(queue);
      await boss.send(queue, data, {
        ...(sendOptions.singletonKey ? { singletonKey: sendOptions.singletonKey } : {}),
        ...(sendOptions.startAfterSeconds ? { startAfter: sendOptions.startAfterSeconds } : {}),
        retryLimit: sendOptions.retryLimit ?? 2,
        retryBackoff: true,
      });
      if (!sendOptions.startAfterSeconds) {
        for (const id of localWorkers.get(queue) ?? []) boss.notifyWorker(id);
      }
    },
    async work(queue, handler, workOptions = {}) {
      await ensureQueue(queue);
      const concurrency = workOptions.concurrency ?? 1;
      for (let i = 0; i < concurrency; i += 1) {
        const id = await boss.work<object>(
          queue,
          { pollingIntervalSeconds: polling, batchSize: 1 },
          async (jobs) => {
            for (const job of jobs) await handler(job.data as never);
          },
        );
        localWorkers.set(queue, [...(localWorkers.get(queue) ?? []), id]);
      }
    },
    async depth(queue) {
      await ensureQueue(queue);
      return boss.getQueueSize(queue);
    },
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 5000 });
    },
  };
}
