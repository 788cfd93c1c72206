import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFleetWorld, type FleetWorld } from '../../../test/support/fleet-world.js';
import { compareStoreWithServer } from '../../../test/support/store-equals-server.js';
import { contactMail } from '../../../test/support/sync-world.js';
import { adminCredentials } from '../../../test/support/test-app.js';
import { testBackends } from '../../../test/support/test-database.js';
import {
  eventually,
  holdersNow,
  startWorkerProcess,
  type WorkerProcess,
} from '../../../test/support/worker-process.js';
import { startServer } from '../../http/start-server.js';

/**
 * "Sync now" on a web server that leaves sync to `threadline worker`
 * processes: the worker holding the mailbox runs the pass within a couple of
 * seconds, and with no worker holding it the API says so.
 */
describe.runIf(testBackends().includes('server'))('Sync now with separate sync workers', () => {
  let world: FleetWorld;
  let server: Awaited<ReturnType<typeof startServer>>;
  let worker: WorkerProcess | null = null;
  let token: string;

  const syncNow = () =>
    server.http.inject({
      method: 'POST',
      url: `/api/mailboxes/${world.mailboxes[0]!.id}/sync`,
      headers: { authorization: `Bearer ${token}` },
    });
  const storeEqualsServer = async () =>
    compareStoreWithServer(world.app.database, world.mailboxes[0]!.id, world.accounts[0]!, [
      'INBOX',
      'Projects',
    ]);

  beforeAll(async () => {
    world = await openFleetWorld({
      users: 1,
      messages: 2,
      folders: ['Projects'],
      env: { THREADLINE_SYNC_IN_SERVER: 'off' },
    });
    server = await startServer(world.app, { webRoot: null });
    token = (await world.app.auth.createApiToken(adminCredentials.email, 'sync now test')).token;
  }, 60_000);
  afterAll(async () => {
    await worker?.kill('SIGKILL');
    await server?.close();
    await world?.dovecot.stop();
  });

  it('refuses, naming the reason, while no worker holds the mailbox', async () => {
    const reply = await syncNow();
    expect(reply.statusCode).toBe(409);
    expect(reply.json<{ error: { code: string; message: string } }>().error).toMatchObject({
      code: 'NO_SYNC_WORKER',
      message: expect.stringContaining('threadline worker') as unknown,
    });
  });

  it('has the holding worker store new mail of a polled folder at once, long before its poll', async () => {
    // Folders other than INBOX wait for the poll: ten minutes here.
    worker = startWorkerProcess(world.app, {
      THREADLINE_SYNC_LEASE_SECONDS: '6',
      THREADLINE_WORKER_POLL_SECONDS: '600',
    });
    const name = await worker.name;
    await eventually(
      'the worker holds the mailbox',
      async () => (await holdersNow(world.app.database)).get(name)?.length === 1,
      15_000,
    );
    await eventually(
      'the mailbox back-filled',
      async () => (await storeEqualsServer()).equal,
      30_000,
    );

    await world.dovecot.appendMessage(
      world.accounts[0]!.user,
      'Projects',
      contactMail('fleet0', 7),
    );
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect((await storeEqualsServer()).missing).toHaveLength(1);

    expect((await syncNow()).statusCode).toBe(202);
    const took = await eventually(
      'the new message stored',
      async () => (await storeEqualsServer()).equal,
      10_000,
    );
    expect(took).toBeLessThan(3000);
    expect(await storeEqualsServer()).toMatchObject({ duplicated: [], counts: { server: 3 } });
  }, 90_000);

  it('refuses again once the worker has stopped and handed the mailbox back', async () => {
    await worker!.kill('SIGTERM');
    worker = null;
    expect((await syncNow()).statusCode).toBe(409);
  });
});
