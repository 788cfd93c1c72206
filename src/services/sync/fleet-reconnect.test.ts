import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot } from '../../../test/support/dovecot.js';
import { openFleetWorld, type FleetWorld } from '../../../test/support/fleet-world.js';
import {
  eventually,
  startWorkerProcess,
  type WorkerProcess,
} from '../../../test/support/worker-process.js';
import {
  startImapFaultProxy,
  type ImapFaultProxy,
} from '../../../test/support/imap-fault-proxy.js';
import { contactMail } from '../../../test/support/sync-world.js';
import { testBackends } from '../../../test/support/test-database.js';

const users = 50;
const loginsPerSecond = 10;

/** The most logins the proxy saw start within any one second. */
function busiestSecond(times: readonly number[]): number {
  let most = 0;
  for (const [i, start] of times.entries()) {
    most = Math.max(most, times.slice(i).filter((at) => at < start + 1000).length);
  }
  return most;
}

const storedMessages = async (world: FleetWorld) =>
  (
    await world.app.database.query<{ count: number }>('SELECT count(*)::int AS count FROM messages')
  )[0]!.count;

describe.runIf(testBackends().includes('server'))(
  'a sync worker when its mail server restarts',
  () => {
    let world: FleetWorld;
    let proxy: ImapFaultProxy;
    let worker: WorkerProcess;

    beforeAll(async () => {
      const dovecot = await startDovecot();
      proxy = await startImapFaultProxy(dovecot);
      world = await openFleetWorld({ users, messages: 1, dovecot, port: () => proxy.port });
    }, 120_000);
    afterAll(async () => {
      await worker?.kill('SIGKILL');
      await world?.app.close();
      await proxy?.stop();
      await world?.dovecot.stop();
    });

    it('reconnects every mailbox within a minute, never logging in faster than its cap', async () => {
      worker = startWorkerProcess(world.app, {
        THREADLINE_WORKER_LOGINS_PER_SECOND: String(loginsPerSecond),
      });
      await worker.name;
      await eventually(
        'every mailbox back-filled',
        async () => (await storedMessages(world)) === users,
        45_000,
      );
      await eventually(
        'every INBOX watched',
        async () =>
          new Set(proxy.commands.filter((c) => c.name === 'IDLE').map((c) => c.connection)).size >=
          users,
        30_000,
      );

      const seenBefore = proxy.commands.length;
      const restartedAt = performance.now();
      await world.dovecot.restart();
      for (const account of world.accounts) {
        await world.dovecot.appendMessage(account.user, 'INBOX', contactMail(account.user, 2));
      }
      await eventually(
        'mail delivered after the restart stored in every mailbox',
        async () => (await storedMessages(world)) === 2 * users,
        60_000,
      );
      expect((performance.now() - restartedAt) / 1000).toBeLessThan(60);

      const logins = proxy.commands
        .slice(seenBefore)
        .filter((command) => command.name === 'LOGIN' || command.name === 'AUTHENTICATE')
        .map((command) => command.at);
      expect(logins.length).toBeGreaterThanOrEqual(users);
      // Logins leave the worker evenly spaced; their arrival may bunch by a network hop's jitter.
      expect(busiestSecond(logins)).toBeLessThanOrEqual(loginsPerSecond + 1);
    }, 180_000);
  },
);
