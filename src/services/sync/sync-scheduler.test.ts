import { describe, expect, it } from 'vitest';
import type { Database } from '../../adapters/db/database.js';
import type { JobHandler, JobQueue, SendOptions } from '../../adapters/queue/job-queue.js';
import { systemClock } from '../../adapters/system/clock.js';
import { ThreadlineError } from '../../core/errors.js';
import { createSyncScheduler } from './sync-scheduler.js';

/** A queue that records what is sent and lets the test run the worker by hand. */
function recordingQueue() {
  const sent: { data: object; options: SendOptions | undefined }[] = [];
  let handler: JobHandler<object> | null = null;
  const queue: JobQueue = {
    async send(_, data, options) {
      sent.push({ data, options });
    },
    async work(_, work) {
      handler = work as JobHandler<object>;
    },
    async stop() {},
  };
  return { queue, sent, run: (data: object) => handler!(data) };
}

/** A store every statement of which fails as a lost connection does. */
const unreachableStore = {
  kind: 'server',
  query: () => Promise.reject(new ThreadlineError('DATABASE_UNAVAILABLE')),
} as unknown as Database;

const notReached = () => Promise.reject(new Error('not reached'));
// eslint-disable-next-line require-yield -- a stage that fails before it asks for anything
async function* stageNotReached(): AsyncGenerator<never, never> {
  throw new Error('not reached');
}

describe('sync scheduler', () => {
  it('asks for the next pass within seconds when the store is out of reach, less often while it stays so', async () => {
    const { queue, sent, run } = recordingQueue();
    const scheduler = createSyncScheduler(
      {
        database: unreachableStore,
        queue,
        ingest: { prepareBatch: stageNotReached, commitBatch: stageNotReached },
        clock: systemClock,
        openSession: notReached,
      },
      { worker: 'test', pollSeconds: 60, concurrency: 1 },
    );
    // Its first poll, which lists the mailboxes, fails too; the worker is in place.
    await expect(scheduler.start()).rejects.toMatchObject({ code: 'DATABASE_UNAVAILABLE' });

    await run({ mailboxId: 'm1', only: ['INBOX'] });
    expect(sent.at(-1)).toEqual({
      data: { mailboxId: 'm1', only: ['INBOX'], unreachable: 1 },
      options: { singletonKey: 'm1:INBOX', startAfterSeconds: 2 },
    });
    await run({ mailboxId: 'm1', only: ['INBOX'], unreachable: 1 });
    expect(sent.at(-1)?.options?.startAfterSeconds).toBe(4);
    await scheduler.stop();
  });
});
