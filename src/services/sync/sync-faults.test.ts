import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import {
  commandIs,
  type ClientCommand,
  type FaultAction,
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
  proxiedDovecot,
  smallBatchSyncDeps,
} from '../../../test/support/sync-world.js';
import type { App } from '../../app/open-app.js';
import type { MailboxRow } from '../../adapters/db/repositories/mailboxes.js';
import { openImapSession } from '../../adapters/imap/imap-client.js';
import { syncMailboxOnce, type SyncDeps, type SyncReport } from './sync-mailbox.js';

/**
 * The fault matrix: a sync pass struck at each command it sends, by a dropped
 * connection, a BYE or a server slower than the connection's patience, while
 * another client changes the mailbox before and after. Once the next passes
 * have run, the store holds what the server holds, and no pass ever reported
 * live while a change was left unapplied.
 */

const folders = ['INBOX', 'Projects'];
/** How long the sync's IMAP connections wait for the server; a delayed command waits longer. */
const patienceMs = 2500;
const delayMs = 4000;

const examine = commandIs('SELECT', 'EXAMINE');
const struckCommands: readonly [string, (command: ClientCommand) => boolean, number?][] = [
  ['LOGIN or AUTHENTICATE', commandIs('LOGIN', 'AUTHENTICATE')],
  ['LIST', commandIs('LIST')],
  ['the first SELECT or EXAMINE', examine, 1],
  ['the second SELECT or EXAMINE', examine, 2],
  ['UID SEARCH', commandIs('UID SEARCH')],
  ['the first UID FETCH', commandIs('UID FETCH'), 1],
  ['the third UID FETCH', commandIs('UID FETCH'), 3],
  ['a FETCH with CHANGEDSINCE', (command) => /CHANGEDSINCE/i.test(command.line)],
];
/** Each fault, and what the struck pass records of it (code and message). */
const actions: readonly [string, FaultAction, RegExp][] = [
  ['drop', { kind: 'drop' }, /^PROTOCOL_ERROR .* closed the connection without a word/],
  [
    'BYE',
    { kind: 'bye', text: 'Server shutting down' },
    /^PROTOCOL_ERROR .*: Server shutting down/,
  ],
  ['delay past the timeout', { kind: 'delay', ms: delayMs }, /^TIMEOUT .* did not answer in time/],
];

const servers = proxiedDovecot();

let users = 0;

describe.each(testBackends())('the fault matrix on the %s backend', (backend) => {
  let core: App;
  beforeAll(async () => {
    core = await openCrmTestApp(backend);
  });
  afterAll(async () => {
    await core?.close();
  });

  /** A new user with four messages in INBOX and two in Projects, and a mailbox reaching it through the servers.proxy. */
  async function world() {
    const user = `fault${(users += 1)}`;
    const password = 'fault-Pa55!';
    await servers.dovecot.addUser(user, password);
    await servers.dovecot.createFolder(user, 'Projects');
    for (const n of [1, 2, 3, 4])
      await servers.dovecot.appendMessage(user, 'INBOX', contactMail(user, n));
    for (const n of [11, 12])
      await servers.dovecot.appendMessage(user, 'Projects', contactMail(user, n));
    const proxied: ServerAccount = {
      host: servers.proxy.host,
      port: servers.proxy.port,
      user,
      password,
    };
    const mailbox = await connectRitasMailbox(core, proxied, folders);
    const direct: ServerAccount = {
      host: servers.dovecot.host,
      port: servers.dovecot.port,
      user,
      password,
    };
    return { user, password, mailbox, direct };
  }
  type World = Awaited<ReturnType<typeof world>>;

  /** IMAP connections through the proxy that give up on a server silent for longer than `patienceMs`. */
  const deps = (w: World): SyncDeps =>
    smallBatchSyncDeps(core, () =>
      openImapSession({
        host: servers.proxy.host,
        port: servers.proxy.port,
        security: 'none',
        user: w.user,
        allowSelfSigned: false,
        auth: { kind: 'password', password: w.password },
        connectTimeoutMs: patienceMs,
        inactivityTimeoutMs: patienceMs,
      }),
    );

  /** One pass; whenever it leaves the mailbox reading live, the store equals the server. */
  async function pass(w: World, mailbox: MailboxRow = w.mailbox): Promise<SyncReport> {
    const report = await syncMailboxOnce(deps(w), mailbox.id, { worker: 'faults' });
    const status = await core.mailboxes.status(await core.mailboxes.get(mailbox.id));
    if (status.state === 'live') {
      const comparison = await compareStoreWithServer(core.database, mailbox.id, w.direct, folders);
      expect(comparison, `live after ${JSON.stringify(report)}`).toMatchObject({ equal: true });
    }
    return report;
  }

  /** The code and message of the pass's failure, or of its first failed folder. */
  const firstFailure = (report: SyncReport) => {
    const failure =
      report.status === 'failed'
        ? report
        : report.status === 'done'
          ? report.folders.find((folder) => folder.error)?.error
          : null;
    return failure ? `${failure.code} ${failure.message}` : null;
  };
  const clean = (report: SyncReport) =>
    report.status === 'done' && report.folders.every((folder) => folder.error === null);

  describe.each(struckCommands)('struck at %s', (_, on, occurrence) => {
    it.each(actions)(
      'by a %s: after the next passes, the store equals the server',
      async (__, action, recorded) => {
        const w = await world();
        expect(clean(await pass(w))).toBe(true);
        await mutateMailbox(w.direct, [
          ...[5, 6, 7].map((n) => ({ kind: 'append' as const, folder: 'INBOX', n })),
          { kind: 'flag', folder: 'INBOX', uid: 1, flag: '\\Flagged' },
          { kind: 'flag', folder: 'INBOX', uid: 2, flag: '\\Seen' },
          { kind: 'delete', folder: 'INBOX', uid: 3 },
          { kind: 'move', folder: 'INBOX', uid: 4, to: 'Projects' },
          { kind: 'flag', folder: 'Projects', uid: 1, flag: '\\Answered' },
        ]);

        const fault = servers.proxy.inject({ on, occurrence, action });
        const struck = await pass(w);
        expect(fault.struck, 'the pass reached the command').not.toBeNull();
        expect(firstFailure(struck)).toMatch(recorded);

        await mutateMailbox(w.direct, [
          { kind: 'append', folder: 'Projects', n: 13 },
          { kind: 'flag', folder: 'INBOX', uid: 5, flag: '\\Flagged' },
          { kind: 'unflag', folder: 'INBOX', uid: 2, flag: '\\Seen' },
          { kind: 'delete', folder: 'Projects', uid: 2 },
        ]);
        for (let tries = 0; tries < 3 && !clean(await pass(w)); tries += 1);

        const comparison = await compareStoreWithServer(
          core.database,
          w.mailbox.id,
          w.direct,
          folders,
        );
        expect(comparison).toMatchObject({ equal: true, counts: { server: 8, store: 8 } });
        const status = await core.mailboxes.status(await core.mailboxes.get(w.mailbox.id));
        expect(status.state).toBe('live');
      },
    );
  });

  it('a pass of the matrix sends every command the matrix strikes', async () => {
    const w = await world();
    await pass(w);
    await mutateMailbox(w.direct, [
      ...[5, 6, 7].map((n) => ({ kind: 'append' as const, folder: 'INBOX', n })),
      { kind: 'flag', folder: 'INBOX', uid: 1, flag: '\\Flagged' },
    ]);
    const from = servers.proxy.commands.length;
    await pass(w);
    const sent = servers.proxy.commands.slice(from);
    for (const [name, on, occurrence = 1] of struckCommands) {
      expect(sent.filter(on).length, name).toBeGreaterThanOrEqual(occurrence);
    }
  });
});
