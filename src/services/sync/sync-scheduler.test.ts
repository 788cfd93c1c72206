import { describe, expect, it, vi } from 'vitest';
import type { Database } from '../../adapters/db/database.js';
import { mailboxesRepository } from '../../adapters/db/repositories/mailboxes.js';
import { usersRepository } from '../../adapters/db/repositories/users.js';
import { openTestDatabase, testBackends } from '../../../test/support/test-database.js';
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
    depth: async () => sent.length,
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

describe.each(testBackends())('sync scheduler on the %s backend', (backend) => {
  it('neither polls nor watches a paused mailbox, and lets go of a watch when its mailbox is paused', async () => {
    const handle = await openTestDatabase(backend);
    try {
      const owner = await usersRepository(handle.database).upsert({
        email: 'ann@threadline.test',
        name: '',
        role: 'rep',
        passwordHash: null,
      });
      const paused = await usersRepository(handle.database).upsert({
        email: 'ben@threadline.test',
        name: '',
        role: 'rep',
        passwordHash: null,
      });
      const mailboxes = mailboxesRepository(handle.database);
      const add = (ownerId: string) =>
        mailboxes.insert({
          ownerId,
          label: 'work',
          kind: 'imap',
          imap: null,
          smtp: null,
          credentials: null,
          folderChoice: null,
          activityWindowDays: 30,
          statsWindowDays: 180,
          dataScope: 'full',
          captureMode: 'auto',
          createContacts: false,
        });
      const watched = await add(owner.id);
      await add(paused.id);
      await mailboxes.pauseAllOf(paused.id, new Date());

      const { queue, sent } = recordingQueue();
      const waits: string[] = [];
      const released: string[] = [];
      const scheduler = createSyncScheduler(
        {
          database: handle.database,
          queue,
          ingest: { prepareBatch: stageNotReached, commitBatch: stageNotReached },
          clock: systemClock,
          openSession: notReached,
        },
        {
          worker: 'test',
          pollSeconds: 3600,
          concurrency: 1,
          async waitForNewMail(mailbox) {
            waits.push(mailbox.id);
            // The owner is deactivated while the watch waits.
            await mailboxes.pauseAllOf(owner.id, new Date());
            return 'timeout';
          },
          async stopWatching(mailbox) {
            released.push(mailbox.id);
          },
        },
      );
      await scheduler.start();
      await vi.waitFor(() => expect(released).toEqual([watched]));
      await scheduler.stop();
      expect(sent.map((job) => job.data)).toEqual([{ mailboxId: watched }]);
      expect(waits).toEqual([watched]);
    } finally {
      await handle.drop();
    }
  });
});
