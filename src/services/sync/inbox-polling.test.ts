import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import { storedWithin as waitForStored } from '../../../test/support/stored-within.js';
import { startCyrus } from '../../../test/support/cyrus.js';
import { startDovecot, type DovecotServer } from '../../../test/support/dovecot.js';
import { adminCredentials, openTestApp } from '../../../test/support/test-app.js';
import type { App } from '../../app/open-app.js';
import type { MailboxRow } from '../../adapters/db/repositories/mailboxes.js';
import { startBackgroundSync } from './background-sync.js';

const mail = (id: string) =>
  [
    'From: Grace Hopper <grace.hopper@acme.com>',
    'To: rita@threadline.example',
    `Subject: Live ${id}`,
    `Message-ID: <${id}@acme.com>`,
    `Date: ${new Date().toUTCString()}`,
    '',
    'Are you there?',
    '',
  ].join('\r\n');
const pollSeconds = 2;
const password = 'pw-poll-123';

type Server = Pick<DovecotServer, 'host' | 'port' | 'addUser' | 'appendMessage' | 'stop'>;

describe.each<[string, boolean, () => Promise<Server>]>([
  [
    'Cyrus without idled, which accepts IDLE and never reports new mail in it',
    false,
    () => startCyrus({ idled: false }),
  ],
  ['Dovecot, which reports new mail in IDLE at once', true, () => startDovecot()],
])('%s', (_, pushes, start) => {
  let server: Server;
  let users = 0;
  beforeAll(async () => {
    server = await start();
  }, 30_000);
  afterAll(async () => {
    await server?.stop();
  });

  describe.each(testBackends())('on the %s store', (backend) => {
    let core: App;
    let background: Awaited<ReturnType<typeof startBackgroundSync>>;
    let mailbox: MailboxRow;
    let user: string;

    beforeEach(async () => {
      core = await openTestApp(backend);
      user = `poll${(users += 1)}${backend}`;
      await server.addUser(user, password);
      await server.appendMessage(user, 'INBOX', mail(`${user}-first`));
      const owner = await core.auth.findUserByEmail(adminCredentials.email);
      mailbox = await core.mailboxes.create(owner!.id, {
        label: 'live',
        imap: {
          host: server.host,
          port: server.port,
          security: 'none',
          user,
          allowSelfSigned: false,
        },
        auth: { kind: 'password', password },
        smtp: null,
        folders: ['INBOX'],
        activityWindowDays: 30,
        statsWindowDays: 180,
        dataScope: 'full',
        captureMode: 'auto',
        createContacts: false,
      });
      background = await startBackgroundSync({
        ...core,
        queue: 'in-process',
        maxMessageBytes: 1e7,
        pollSeconds: 3600,
        inboxPollSeconds: pollSeconds,
      });
      await storedWithin(`<${user}-first@acme.com>`, 15_000);
    });
    afterEach(async () => {
      await background.stop();
      await core.close();
    });

    const storedWithin = (messageId: string, ms: number) =>
      waitForStored(core.database, messageId, ms);
    const health = async () => core.mailboxes.status(await core.mailboxes.get(mailbox.id));

    it(
      pushes
        ? 'stores pushed mail at once and reads plain live'
        : `stores new mail within the ${pollSeconds} s poll, and reads "live (polled every ${pollSeconds} s)"`,
      async () => {
        // Mail that comes while the back-fill's pass still runs was heard by
        // nobody, and proves nothing about the server: a few messages, each
        // after a full IDLE round, until one arrives while the watcher listens.
        for (let n = 1; n <= 3; n += 1) {
          await new Promise((r) => setTimeout(r, pollSeconds * 1000 + 500));
          const started = performance.now();
          await server.appendMessage(user, 'INBOX', mail(`${user}-new${n}`));
          await storedWithin(`<${user}-new${n}@acme.com>`, 10_000);
          // One poll interval, and the pass it asks for on a loaded machine.
          expect(performance.now() - started).toBeLessThan(pollSeconds * 1000 + 3000);
          if (!pushes && (await health()).inboxPollSeconds !== null) break;
        }
        // The pass may end a moment after the message is stored.
        await new Promise((r) => setTimeout(r, 300));
        const status = await health();
        expect(status.state).toBe('live');
        expect(status.inboxPollSeconds).toBe(pushes ? null : pollSeconds);
        expect(status.stateText).toBe(pushes ? 'live' : `live (polled every ${pollSeconds} s)`);
      },
      60_000,
    );
  });
});
