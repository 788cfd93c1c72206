import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import { startDovecot, type DovecotServer } from '../../../test/support/dovecot.js';
import {
  startImapFaultProxy,
  type ImapFaultProxy,
} from '../../../test/support/imap-fault-proxy.js';
import {
  compareStoreWithServer,
  type ServerAccount,
} from '../../../test/support/store-equals-server.js';
import {
  connectRitasMailbox,
  contactMail,
  mutateMailbox,
  openCrmTestApp,
  smallBatchSyncDeps,
} from '../../../test/support/sync-world.js';
import type { App } from '../../app/open-app.js';
import { mailboxSessionOpener } from './open-mailbox-session.js';
import { syncMailboxOnce, type SyncDeps } from './sync-mailbox.js';

/**
 * The core of sync (back-fill, new mail, flags, deletions, moves) against
 * Dovecot with one extension at a time kept quiet, as servers without it
 * behave. Each server still reports HIGHESTMODSEQ on SELECT: the sync
 * reaches it through a proxy that asks for it on every SELECT and EXAMINE,
 * as some servers report it without offering CONDSTORE.
 */

/** CONDSTORE goes with QRESYNC, which needs it. */
const serversWithout: readonly (readonly string[])[] = [
  ['CONDSTORE', 'QRESYNC'],
  ['QRESYNC'],
  ['IDLE'],
  ['SPECIAL-USE'],
  ['BINARY'],
  ['MOVE'],
];
const folders = ['INBOX', 'Sent', 'Projects'];

/** A SELECT or EXAMINE of a folder, asking for its HIGHESTMODSEQ. */
const withModseq = (line: string) =>
  line.replace(/^(\S+ (?:SELECT|EXAMINE) [^\s(]+)$/i, '$1 (CONDSTORE)');

const servers = new Map<string, { dovecot: DovecotServer; proxy: ImapFaultProxy }>();
const nameOf = (without: readonly string[]) => without.join(' and ');
beforeAll(async () => {
  for (const without of serversWithout) {
    const dovecot = await startDovecot({ withoutCapabilities: without });
    const proxy = await startImapFaultProxy(dovecot, { rewrite: withModseq });
    servers.set(nameOf(without), { dovecot, proxy });
  }
}, 60_000);
afterAll(async () => {
  await Promise.all(
    [...servers.values()].map(async ({ dovecot, proxy }) => {
      await proxy.stop();
      await dovecot.stop();
    }),
  );
});

/** HIGHESTMODSEQ of INBOX as the server reports it on SELECT, through the proxy's rewrite. */
async function reportedHighestModseq(account: ServerAccount): Promise<number | null> {
  const socket = connect(account.port, account.host);
  let heard = '';
  socket.on('data', (chunk: Buffer) => (heard += chunk.toString('latin1')));
  const answered = async (tag: string) => {
    while (!new RegExp(`^${tag} `, 'm').test(heard)) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  try {
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(`a LOGIN "${account.user}" "${account.password}"\r\n`);
    await answered('a');
    socket.write('b SELECT INBOX\r\n');
    await answered('b');
    const match = /HIGHESTMODSEQ (\d+)/.exec(heard);
    return match ? Number(match[1]) : null;
  } finally {
    socket.destroy();
  }
}

let users = 0;

describe.each(testBackends())('sync on the %s backend', (backend) => {
  let core: App;
  let deps: SyncDeps;
  beforeAll(async () => {
    core = await openCrmTestApp(backend);
    deps = smallBatchSyncDeps(
      core,
      mailboxSessionOpener(core.mailboxes, () => Date.now()),
    );
  });
  afterAll(async () => {
    await core?.close();
  });

  describe.each(serversWithout.map(nameOf))('with a server without %s', (name) => {
    it('back-fills, then follows new mail, flags, deletions and moves: the store equals the server after each pass', async () => {
      const { dovecot: server, proxy } = servers.get(name)!;
      const user = `plain${(users += 1)}`;
      const account: ServerAccount = {
        host: server.host,
        port: server.port,
        user,
        password: 'plain-Pa55!',
      };
      await server.addUser(user, account.password);
      await server.createFolder(user, 'Projects');
      for (const n of [1, 2, 3]) await server.appendMessage(user, 'INBOX', contactMail(user, n));
      await server.appendMessage(user, 'Sent', contactMail(user, 4), ['\\Seen']);
      await server.appendMessage(user, 'Projects', contactMail(user, 5));
      expect(
        await reportedHighestModseq({ ...account, host: proxy.host, port: proxy.port }),
      ).toBeGreaterThan(0);

      const mailbox = await connectRitasMailbox(
        core,
        { ...account, host: proxy.host, port: proxy.port },
        folders,
      );
      /** A pass with no failed folder, after which the store equals the server and reads live. */
      const passEqual = async (count: number) => {
        const report = await syncMailboxOnce(deps, mailbox.id, { worker: 'plain' });
        expect(report).toMatchObject({ status: 'done' });
        expect(report.status === 'done' && report.folders.map((f) => f.error)).toEqual(
          folders.map(() => null),
        );
        expect(
          await compareStoreWithServer(core.database, mailbox.id, account, folders),
        ).toMatchObject({ equal: true, counts: { server: count, store: count } });
        const status = await core.mailboxes.status(await core.mailboxes.get(mailbox.id));
        expect(status.state).toBe('live');
      };

      await passEqual(5);
      await mutateMailbox(account, [
        { kind: 'append', folder: 'INBOX', n: 6 },
        { kind: 'append', folder: 'INBOX', n: 7 },
        { kind: 'flag', folder: 'INBOX', uid: 1, flag: '\\Flagged' },
        { kind: 'delete', folder: 'INBOX', uid: 2 },
        { kind: 'move', folder: 'INBOX', uid: 3, to: 'Projects' },
        { kind: 'flag', folder: 'Projects', uid: 1, flag: '\\Answered' },
      ]);
      await passEqual(6);
      // Flags alone change: the folder holds as many messages as before.
      await mutateMailbox(account, [
        { kind: 'unflag', folder: 'INBOX', uid: 1, flag: '\\Flagged' },
        { kind: 'flag', folder: 'INBOX', uid: 6, flag: '\\Seen' },
        { kind: 'flag', folder: 'Sent', uid: 1, flag: '\\Flagged' },
      ]);
      await passEqual(6);
    }, 30_000);
  });
});
