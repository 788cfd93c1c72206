import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../../../test/support/backends.js';
import { imapMailboxInput } from '../../../../test/support/mail-fixtures.js';
import { adminCredentials, openTestApp } from '../../../../test/support/test-app.js';
import type { App } from '../../../app/open-app.js';
import { fleetLeasesRepository } from './fleet-leases.js';
import { eventually } from '../../../../test/support/worker-process.js';
import { openPresence } from '../presence-connection.js';
import { syncWorkersRepository } from './sync-workers.js';

describe.each(testBackends())('passes asked of sync workers on the %s backend', (backend) => {
  let core: App & { readonly databaseUrl: string | null };
  let mailboxId: string;
  const deadAfterSeconds = 15;
  /** A server pid no connection has: the presence of a worker whose process died. */
  const noSuchBackend = 2_147_483_646;

  beforeAll(async () => {
    core = await openTestApp(backend);
    const admin = await core.auth.findUserByEmail(adminCredentials.email);
    const input = imapMailboxInput({ host: '127.0.0.1', port: 10143, user: 'a', password: 'pw-1' });
    mailboxId = (await core.mailboxes.create(admin!.id, input)).id;
    const workers = { alive: null, silent: null, vanished: noSuchBackend };
    for (const [name, backendPid] of Object.entries(workers)) {
      await syncWorkersRepository(core.database).register({
        name,
        host: 'host',
        pid: 1,
        maxMailboxes: 10,
        maxRssMb: 1024,
        backendPid,
      });
    }
    await core.database.query(
      `UPDATE sync_workers SET heartbeat_at = now() - interval '1 minute' WHERE name = 'silent'`,
    );
  });
  afterAll(async () => {
    await core?.close();
  });

  const leases = () => fleetLeasesRepository(core.database);
  const heldBy = (worker: string | null) =>
    core.database.query(
      `UPDATE mailboxes SET lease_owner = $2::text,
         lease_expires_at = CASE WHEN $2::text IS NULL THEN NULL ELSE now() + interval '1 minute' END
       WHERE id = $1`,
      [mailboxId, worker],
    );

  it('asks nothing of anyone while no worker holds the mailbox', async () => {
    await heldBy(null);
    expect(await leases().requestPass(mailboxId, deadAfterSeconds)).toBeNull();
    await heldBy('alive');
    expect(await leases().takeRequestedPasses('alive')).toEqual([]);
  });

  it('asks nothing of a holder whose heartbeat stopped', async () => {
    await heldBy('silent');
    expect(await leases().requestPass(mailboxId, deadAfterSeconds)).toBeNull();
    expect(await leases().takeRequestedPasses('silent')).toEqual([]);
  });

  it('counts a worker whose presence connection is gone as dead at once, its heartbeat fresh', async () => {
    await heldBy('vanished');
    expect(await leases().requestPass(mailboxId, deadAfterSeconds)).toBeNull();
    const live = await syncWorkersRepository(core.database).live(deadAfterSeconds);
    expect(live.map((worker) => worker.name)).toEqual(['alive']);
    const lease = { seconds: 60, deadAfterSeconds };
    expect(await leases().claimFree('alive', 5, lease)).toEqual([mailboxId]);
    expect(await leases().claimFree('silent', 5, lease)).toEqual([]);
  });

  it.runIf(backend === 'server')(
    'counts a worker live while its presence connection is open, dead once it closes',
    async () => {
      const presence = await openPresence(core.databaseUrl!);
      const workers = syncWorkersRepository(core.database);
      const load = { rssMb: 1, held: 0, connections: 0, queueDepth: 0, stored: 0, errors: {} };
      await workers.heartbeat('alive', load, presence.pid());
      const liveNames = async () =>
        (await workers.live(deadAfterSeconds)).map((worker) => worker.name);
      expect(await liveNames()).toEqual(['alive']);
      await presence.close();
      await eventually(
        'the closed connection gone from the server',
        async () => (await liveNames()).length === 0,
        5000,
      );
      await workers.heartbeat('alive', load, null);
    },
  );

  it('hands a pass asked for to the holding worker once, and to no other worker', async () => {
    await heldBy('alive');
    expect(await leases().requestPass(mailboxId, deadAfterSeconds)).toBe('alive');
    expect(await leases().requestPass(mailboxId, deadAfterSeconds)).toBe('alive');
    expect(await leases().takeRequestedPasses('silent')).toEqual([]);
    expect(await leases().takeRequestedPasses('alive')).toEqual([mailboxId]);
    expect(await leases().takeRequestedPasses('alive')).toEqual([]);
  });

  it('asks nothing of the holder of a paused mailbox', async () => {
    await heldBy('alive');
    await core.database.query('UPDATE mailboxes SET paused_at = now() WHERE id = $1', [mailboxId]);
    expect(await leases().requestPass(mailboxId, deadAfterSeconds)).toBeNull();
    await core.database.query('UPDATE mailboxes SET paused_at = NULL WHERE id = $1', [mailboxId]);
  });
});
