import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type DovecotServer } from '../../../test/support/dovecot.js';
import { eventually } from '../../../test/support/worker-process.js';
import {
  compareStoreWithServer,
  type ServerAccount,
} from '../../../test/support/store-equals-server.js';
import {
  connectRitasMailbox,
  contactMail,
  openCrmTestApp,
} from '../../../test/support/sync-world.js';
import { testBackends } from '../../../test/support/test-database.js';
import { mailboxesRepository, type MailboxRow } from '../../adapters/db/repositories/mailboxes.js';
import { createInProcessQueue } from '../../adapters/queue/in-process-queue.js';
import type { App } from '../../app/open-app.js';
import { mailboxSessionOpener } from './open-mailbox-session.js';
import { syncMailboxOnce, type SyncDeps } from './sync-mailbox.js';
import { createSyncScheduler } from './sync-scheduler.js';

let dovecot: DovecotServer;
let users = 0;
beforeAll(async () => {
  dovecot = await startDovecot();
}, 30_000);
afterAll(async () => {
  await dovecot?.stop();
});

/** A Dovecot user of its own for one test. */
async function newAccount(name: string): Promise<ServerAccount> {
  const account = {
    host: dovecot.host,
    port: dovecot.port,
    user: `slice${(users += 1)}${name}`,
    password: `pw-${name}-1`,
  };
  await dovecot.addUser(account.user, account.password);
  return account;
}

/** A promise and what settles it, for the test to let a pass go on. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

describe.each(testBackends())('back-fills in slices on the %s backend', (backend) => {
  let core: App;
  const accounts: Record<'large' | 'small' | 'live', ServerAccount> = {} as never;
  const mailboxes: Record<'large' | 'small' | 'live', MailboxRow> = {} as never;

  beforeAll(async () => {
    core = await openCrmTestApp(backend);
    // Connected in this order, the large mailbox's pass is the first queued.
    for (const [name, messages] of [
      ['large', 60],
      ['small', 20],
      ['live', 2],
    ] as const) {
      const account = await newAccount(name);
      await dovecot.writeMaildirMessages(
        account.user,
        'INBOX',
        Array.from({ length: messages }, (_, n) => Buffer.from(contactMail(account.user, n + 1))),
      );
      accounts[name] = account;
      mailboxes[name] = await connectRitasMailbox(core, account, ['INBOX']);
    }
  }, 60_000);
  afterAll(async () => {
    await core?.close();
  });

  const storeEqualsServer = (name: 'large' | 'small' | 'live') =>
    compareStoreWithServer(core.database, mailboxes[name].id, accounts[name], ['INBOX']);
  const backfillDoneAt = async (name: 'large' | 'small') =>
    (
      await core.database.query<{ at: Date | null }>(
        'SELECT backfill_done_at AS at FROM mailboxes WHERE id = $1',
        [mailboxes[name].id],
      )
    )[0]!.at;

  it('takes turns between two back-fills on one slot, and live INBOX passes do not wait for either', async () => {
    const opener = mailboxSessionOpener(core.mailboxes, () => Date.now());
    const deps: SyncDeps = {
      database: core.database,
      ingest: core.ingest,
      clock: core.clock,
      openSession: opener,
      batchSize: 4,
    };
    // The live mailbox is back-filled already: its INBOX is watched.
    await syncMailboxOnce(deps, mailboxes.live.id, { worker: 'test' });

    const large = gate();
    const newMail = gate();
    /** Each pass as it opens its session, by mailbox. */
    const passes: string[] = [];
    const names = new Map(Object.entries(mailboxes).map(([name, row]) => [row.id, name]));
    let largeOpened = false;
    let told = false;
    const queue = createInProcessQueue();
    const scheduler = createSyncScheduler(
      {
        ...deps,
        backfillSlice: { messages: 12, seconds: 60 },
        queue,
        openSession: async (mailbox) => {
          passes.push(names.get(mailbox.id)!);
          // The large back-fill's first pass holds the one slot until the test lets it go.
          if (mailbox.id === mailboxes.large.id && !largeOpened) {
            largeOpened = true;
            await large.opened;
          }
          return opener(mailbox);
        },
      },
      {
        worker: 'test',
        pollSeconds: 3600,
        concurrency: 1,
        // New mail in the live mailbox's INBOX once the test delivers it; quiet otherwise.
        waitForNewMail: async (mailbox, signal) => {
          if (mailbox.id === mailboxes.live.id && !told) {
            await newMail.opened;
            told = true;
            return 'exists';
          }
          await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
          return 'aborted';
        },
      },
    );
    try {
      await scheduler.start();
      await eventually('the large back-fill holds the slot', async () => largeOpened, 5000);

      await dovecot.appendMessage(accounts.live.user, 'INBOX', contactMail(accounts.live.user, 9));
      newMail.open();
      await eventually(
        'mail delivered to the live mailbox stored while the back-fill holds the slot',
        async () => (await storeEqualsServer('live')).equal,
        10_000,
      );
      expect(await backfillDoneAt('large')).toBeNull();
      expect(await backfillDoneAt('small')).toBeNull();

      large.open();
      await eventually(
        'both back-fills done',
        async () => (await backfillDoneAt('large')) !== null,
        30_000,
      );
      expect(await backfillDoneAt('small')).not.toBeNull();
    } finally {
      large.open();
      newMail.open();
      await scheduler.stop();
      await queue.stop();
    }

    // The small back-fill took its turns between the large one's slices and ended first.
    expect((await backfillDoneAt('small'))!.getTime()).toBeLessThan(
      (await backfillDoneAt('large'))!.getTime(),
    );
    expect(passes.filter((name) => name === 'large').length).toBeGreaterThanOrEqual(3);
    const backfills = passes.filter((name) => name !== 'live');
    expect(backfills.slice(0, 4)).toEqual(['large', 'small', 'large', 'small']);
    for (const name of ['large', 'small', 'live'] as const) {
      expect(await storeEqualsServer(name)).toMatchObject({
        equal: true,
        duplicated: [],
        missing: [],
      });
    }
  }, 90_000);

  it('ends a pass at its slice, resumes in the next without a gap or a duplicate, and never slices a live pass', async () => {
    const account = await newAccount('folders');
    const mails = (from: number, count: number) =>
      Array.from({ length: count }, (_, n) => Buffer.from(contactMail(account.user, from + n)));
    await dovecot.writeMaildirMessages(account.user, 'INBOX', mails(1, 23));
    await dovecot.writeMaildirMessages(account.user, 'Projects', mails(100, 9));
    const mailbox = await connectRitasMailbox(core, account, ['INBOX', 'Projects']);
    const deps: SyncDeps = {
      database: core.database,
      ingest: core.ingest,
      clock: core.clock,
      openSession: mailboxSessionOpener(core.mailboxes, () => Date.now()),
      batchSize: 2,
      backfillSlice: { messages: 6, seconds: 60 },
    };
    const folders = ['INBOX', 'Projects'];

    const reports = [];
    for (let pass = 0; pass < 20; pass += 1) {
      const report = await syncMailboxOnce(deps, mailbox.id, { worker: 'test' });
      if (report.status !== 'done') throw new Error(`pass ${pass}: ${report.status}`);
      reports.push(report);
      if (!report.sliced) break;
      // Cut short, the back-fill is not over, and what is stored is stored once.
      expect(report.backfillEnded).toBe(false);
      expect(
        (await compareStoreWithServer(core.database, mailbox.id, account, folders)).duplicated,
      ).toEqual([]);
      // The progress shown counts each folder as the server does, not once per slice.
      const inbox = (await mailboxesRepository(core.database).folders(mailbox.id)).find(
        (folder) => folder.path === 'INBOX',
      );
      expect(inbox?.serverCount).toBe(23);
    }
    // 32 messages at about 6 (and a batch) a slice.
    expect(reports.length).toBeGreaterThanOrEqual(4);
    expect(reports.at(-1)).toMatchObject({ backfillEnded: true });
    expect(reports.flatMap((r) => r.folders).every((folder) => folder.error === null)).toBe(true);
    expect(await compareStoreWithServer(core.database, mailbox.id, account, folders)).toMatchObject(
      { equal: true, duplicated: [], missing: [], counts: { server: 32 } },
    );

    // Live, a pass takes in all that arrived, however much.
    for (const raw of mails(200, 15))
      await dovecot.appendMessage(account.user, 'INBOX', raw.toString());
    const live = await syncMailboxOnce(deps, mailbox.id, { worker: 'test' });
    expect(live).toMatchObject({ status: 'done' });
    expect(live.status === 'done' && live.sliced).toBeFalsy();
    expect(await compareStoreWithServer(core.database, mailbox.id, account, folders)).toMatchObject(
      { equal: true, duplicated: [], counts: { server: 47 } },
    );
  }, 60_000);

  it('holds a back-fill before its next batch while live mail goes first, then goes on without a gap', async () => {
    const account = await newAccount('yields');
    await dovecot.writeMaildirMessages(
      account.user,
      'INBOX',
      Array.from({ length: 12 }, (_, n) => Buffer.from(contactMail(account.user, n + 1))),
    );
    const mailbox = await connectRitasMailbox(core, account, ['INBOX']);
    const stored = async () =>
      (
        await core.database.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM message_locations WHERE mailbox_id = $1',
          [mailbox.id],
        )
      )[0]!.n;
    const live = gate();
    let waits = 0;
    const pass = syncMailboxOnce(
      {
        database: core.database,
        ingest: core.ingest,
        clock: core.clock,
        openSession: mailboxSessionOpener(core.mailboxes, () => Date.now()),
        batchSize: 4,
      },
      mailbox.id,
      {
        worker: 'test',
        yieldToLive: async () => {
          waits += 1;
          // A live pass runs during the first wait, until the test ends it.
          if (waits === 1) await live.opened;
        },
      },
    );
    await eventually(
      'the back-fill waiting before its second batch',
      async () => waits === 1,
      10_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(waits).toBe(1);
    expect(await stored()).toBeLessThanOrEqual(4);

    live.open();
    expect(await pass).toMatchObject({ status: 'done' });
    // Three batches: a wait before the second and the third.
    expect(waits).toBe(2);
    expect(
      await compareStoreWithServer(core.database, mailbox.id, account, ['INBOX']),
    ).toMatchObject({ equal: true, duplicated: [], missing: [], counts: { server: 12 } });
  }, 60_000);
});
