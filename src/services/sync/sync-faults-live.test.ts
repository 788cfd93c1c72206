import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import { commandIs, type Fault } from '../../../test/support/imap-fault-proxy.js';
import {
  compareStoreWithServer,
  type ServerAccount,
} from '../../../test/support/store-equals-server.js';
import {
  connectRitasMailbox,
  contactMail,
  mutateMailbox,
  openCrmTestApp,
  proxiedDovecot,
} from '../../../test/support/sync-world.js';
import type { App } from '../../app/open-app.js';
import { startBackgroundSync } from './background-sync.js';

/**
 * The fault matrix's live half: the background sync's IDLE on INBOX, and the
 * STATUS with which a pass asked for by IDLE refreshes INBOX, struck by a
 * dropped connection, a BYE or a server slower than the connection's
 * patience. New mail and flag changes made meanwhile reach the store without
 * waiting for the poll, and the mailbox reads live once they have.
 */

const patienceMs = 2500;
const folders = ['INBOX'];

const servers = proxiedDovecot();

const faults: readonly [string, Omit<Fault, 'on'>][] = [
  ['a drop', { action: { kind: 'drop' }, afterMs: 300 }],
  ['a BYE', { action: { kind: 'bye', text: 'Server shutting down' }, afterMs: 300 }],
  ['a delay past the timeout', { action: { kind: 'delay', ms: 2 * patienceMs } }],
];
const commands = [
  ['IDLE', commandIs('IDLE')],
  ['STATUS', commandIs('STATUS')],
] as const;

let users = 0;

describe.each(testBackends())('live sync struck by faults on the %s backend', (backend) => {
  let core: App;
  let background: Awaited<ReturnType<typeof startBackgroundSync>> | null = null;
  beforeAll(async () => {
    core = await openCrmTestApp(backend);
  });
  afterEach(async () => {
    await background?.stop();
    background = null;
  });
  afterAll(async () => {
    await core?.close();
  });

  /** Waits until the store equals the server and the mailbox reads live; fails after `ms`. */
  async function settles(mailboxId: string, account: ServerAccount, ms = 20_000) {
    const started = performance.now();
    for (;;) {
      const comparison = await compareStoreWithServer(core.database, mailboxId, account, folders);
      const status = await core.mailboxes.status(await core.mailboxes.get(mailboxId));
      if (comparison.equal && status.state === 'live') return comparison;
      if (performance.now() - started > ms) {
        expect({ ...comparison, state: status.state }).toMatchObject({
          equal: true,
          state: 'live',
        });
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  describe.each(commands)('struck at %s', (_, on) => {
    it.each(faults)(
      'by %s: new mail and flags reach the store without waiting for the poll',
      async (__, fault) => {
        const user = `live${(users += 1)}`;
        const direct: ServerAccount = {
          host: servers.dovecot.host,
          port: servers.dovecot.port,
          user,
          password: 'live-Pa55!',
        };
        await servers.dovecot.addUser(user, direct.password);
        for (const n of [1, 2])
          await servers.dovecot.appendMessage(user, 'INBOX', contactMail(user, n));
        const mailbox = await connectRitasMailbox(
          core,
          { ...direct, host: servers.proxy.host, port: servers.proxy.port },
          folders,
        );
        background = await startBackgroundSync({
          ...core,
          queue: 'in-process',
          maxMessageBytes: 1e7,
          pollSeconds: 3600,
          imapTimeouts: { connectTimeoutMs: patienceMs, inactivityTimeoutMs: patienceMs },
        });
        expect(await settles(mailbox.id, direct)).toMatchObject({ counts: { server: 2 } });

        const armed = servers.proxy.inject({ on, ...fault });
        await mutateMailbox(direct, [{ kind: 'append', folder: 'INBOX', n: 3 }]);
        for (let waited = 0; armed.struck === null && waited < 10_000; waited += 50) {
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        expect(armed.struck, 'the fault struck').not.toBeNull();
        await mutateMailbox(direct, [
          { kind: 'append', folder: 'INBOX', n: 4 },
          { kind: 'flag', folder: 'INBOX', uid: 1, flag: '\\Flagged' },
          { kind: 'delete', folder: 'INBOX', uid: 2 },
        ]);
        expect(await settles(mailbox.id, direct)).toMatchObject({ counts: { server: 3 } });
      },
    );
  });
});
