import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openFleetWorld, type FleetWorld } from '../../../test/support/fleet-world.js';
import {
  eventually,
  holdersNow,
  startWorkerProcess,
  type WorkerProcess,
} from '../../../test/support/worker-process.js';
import { compareStoreWithServer } from '../../../test/support/store-equals-server.js';
import { contactMail } from '../../../test/support/sync-world.js';
import { testBackends } from '../../../test/support/test-database.js';

/** Six seconds: a heartbeat a second, a silent worker dead after three. */
const lease = { THREADLINE_SYNC_LEASE_SECONDS: '6' };

const heldCount = async (world: FleetWorld) =>
  [...(await holdersNow(world.app.database)).values()].reduce((sum, ids) => sum + ids.length, 0);

/** What each worker says it holds, by its heartbeat. */
const reportedHeld = async (world: FleetWorld) =>
  (await world.app.database.query<{ held: number }>('SELECT held FROM sync_workers')).reduce(
    (sum, row) => sum + row.held,
    0,
  );

async function appendToEach(world: FleetWorld, n: number): Promise<void> {
  for (const account of world.accounts) {
    await world.dovecot.appendMessage(account.user, 'INBOX', contactMail(account.user, n));
  }
}

async function storeEqualsServer(world: FleetWorld): Promise<boolean> {
  for (const [i, mailbox] of world.mailboxes.entries()) {
    const compared = await compareStoreWithServer(
      world.app.database,
      mailbox.id,
      world.accounts[i]!,
      ['INBOX'],
    );
    if (!compared.equal) return false;
  }
  return true;
}

describe.runIf(testBackends().includes('server'))('a fleet of sync workers', () => {
  let world: FleetWorld;
  const workers: WorkerProcess[] = [];
  const start = (env: Record<string, string> = {}) => {
    const worker = startWorkerProcess(world.app, { ...lease, ...env });
    workers.push(worker);
    return worker;
  };

  beforeAll(async () => {
    world = await openFleetWorld({ users: 6, messages: 3 });
  }, 60_000);
  afterEach(async () => {
    // A failed test's workers must not hold mailboxes into the next test.
    await Promise.all(workers.splice(0).map((worker) => worker.kill('SIGKILL')));
    await world.app.database.query(
      'UPDATE mailboxes SET lease_owner = NULL, lease_expires_at = NULL',
    );
    await world.app.database.query('DELETE FROM sync_workers');
  });
  afterAll(async () => {
    await world?.app.close();
    await world?.dovecot.stop();
  });

  it('shares the mailboxes between two workers, one holder each, and a killed worker loses and duplicates nothing', async () => {
    const first = start();
    const firstName = await first.name;
    await eventually(
      'the first worker holds every mailbox',
      async () => (await heldCount(world)) === 6,
      15_000,
    );
    await eventually('every mailbox back-filled', () => storeEqualsServer(world), 30_000);

    const second = start();
    const secondName = await second.name;
    // A fair share of six over two is three, and one of slack.
    await eventually(
      'the mailboxes shared between the two without a restart',
      async () => {
        const held = await holdersNow(world.app.database);
        return held.get(firstName)?.length === 4 && held.get(secondName)?.length === 2;
      },
      15_000,
    );
    // Each process counts what it believes it holds: a mailbox held twice would count twice.
    await eventually(
      'both heartbeats report the share',
      async () => (await reportedHeld(world)) === 6,
      5000,
    );

    await appendToEach(world, 10);
    await eventually(
      'mail delivered to both workers’ mailboxes stored',
      () => storeEqualsServer(world),
      20_000,
    );

    const orphaned = (await holdersNow(world.app.database)).get(firstName)!;
    await first.kill('SIGKILL');
    const killedAt = performance.now();
    await appendToEach(world, 11);
    await eventually(
      'the killed worker’s mailboxes taken over',
      async () => (await holdersNow(world.app.database)).get(secondName)?.length === 6,
      10_000,
    );
    expect((performance.now() - killedAt) / 1000).toBeLessThan(6);
    await eventually(
      'mail delivered around the kill stored once, none missing',
      () => storeEqualsServer(world),
      20_000,
    );
    for (const [i, mailbox] of world.mailboxes.entries()) {
      if (!orphaned.includes(mailbox.id)) continue;
      const compared = await compareStoreWithServer(
        world.app.database,
        mailbox.id,
        world.accounts[i]!,
        ['INBOX'],
      );
      expect(compared).toMatchObject({
        duplicated: [],
        missing: [],
        extra: [],
        counts: { server: 5 },
      });
    }

    await second.kill('SIGTERM');
    expect(await heldCount(world)).toBe(0);
    // Stopped, it left the registry; the killed one stays until long past its death.
    const registered = await world.app.database.query<{ name: string }>(
      'SELECT name FROM sync_workers',
    );
    expect(registered.map((row) => row.name)).toEqual([firstName]);
  }, 120_000);

  it('takes a killed worker’s mailboxes at the next heartbeat, long before its silence would tell', async () => {
    // A minute's lease: a beat every 10 s, and a silent worker judged dead only after 30 s.
    const minute = { THREADLINE_SYNC_LEASE_SECONDS: '60' };
    const first = start(minute);
    const firstName = await first.name;
    await eventually(
      'the first worker holds every mailbox',
      async () => (await holdersNow(world.app.database)).get(firstName)?.length === 6,
      15_000,
    );
    const second = start(minute);
    const secondName = await second.name;
    await first.kill('SIGKILL');
    const killedAt = performance.now();
    await eventually(
      'the killed worker’s mailboxes taken over',
      async () => (await holdersNow(world.app.database)).get(secondName)?.length === 6,
      25_000,
    );
    // Its process gone, its presence connection went with it: one beat of the survivor, not 30 s.
    expect((performance.now() - killedAt) / 1000).toBeLessThan(15);
  }, 60_000);

  it('refuses mailboxes beyond a worker’s budget of mailboxes, and any over its memory budget', async () => {
    const small = start({ THREADLINE_WORKER_MAX_MAILBOXES: '2' });
    const smallName = await small.name;
    const starved = start({ THREADLINE_WORKER_MAX_RSS_MB: '1' });
    const starvedName = await starved.name;
    await eventually(
      'the small worker holds its two',
      async () => (await holdersNow(world.app.database)).get(smallName)?.length === 2,
      10_000,
    );
    // A few heartbeats on, nothing more was taken by either.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const held = await holdersNow(world.app.database);
    expect(held.get(smallName)).toHaveLength(2);
    expect(held.get(starvedName)).toBeUndefined();
    expect(await heldCount(world)).toBe(2);
  }, 60_000);
});
