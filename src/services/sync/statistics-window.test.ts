import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import { startDovecot, type DovecotServer } from '../../../test/support/dovecot.js';
import {
  connectRitasMailbox,
  openCrmTestApp,
  smallBatchSyncDeps,
} from '../../../test/support/sync-world.js';
import type { App } from '../../app/open-app.js';
import { createConnectionsService } from '../insight/connections-service.js';
import { mailboxSessionOpener } from './open-mailbox-session.js';
import { syncMailboxOnce } from './sync-mailbox.js';

/**
 * Mail between a mailbox's activity window (30 days) and its statistics
 * window (180 days) is stored from its headers alone, counts in the
 * relationship scores and makes no timeline entry; older mail is not read.
 */

const dayMs = 86_400_000;
const now = Date.now();

/** Grace writes to Rita `days` ago; the server received it then too. */
const graceWrote = (user: string, days: number) => ({
  raw: [
    'From: Grace Hopper <grace.hopper@acme.com>',
    'To: rita@threadline.example',
    `Subject: Written ${days} days ago`,
    `Message-ID: <${user}-${days}d@acme.com>`,
    `Date: ${new Date(now - days * dayMs).toUTCString()}`,
    '',
    'The body of an older message.',
    '',
  ].join('\r\n'),
  at: new Date(now - days * dayMs),
});

let dovecot: DovecotServer;
beforeAll(async () => {
  dovecot = await startDovecot();
}, 30_000);
afterAll(async () => {
  await dovecot?.stop();
});

describe.each(testBackends())('the statistics window on the %s backend', (backend) => {
  let core: App;
  const user = `stats-${backend}`;
  const password = 'imap-Pa55word!';

  beforeAll(async () => {
    core = await openCrmTestApp(backend);
    await dovecot.addUser(user, password);
    for (const days of [2, 90, 200]) {
      const { raw, at } = graceWrote(user, days);
      await dovecot.appendMessage(user, 'INBOX', raw, [], at);
    }
    const mailbox = await connectRitasMailbox(
      core,
      { host: dovecot.host, port: dovecot.port, user, password },
      ['INBOX'],
    );
    const deps = smallBatchSyncDeps(
      core,
      mailboxSessionOpener(core.mailboxes, () => Date.now()),
    );
    expect(await syncMailboxOnce(deps, mailbox.id, { worker: 'test' })).toMatchObject({
      status: 'done',
    });
  }, 60_000);
  afterAll(async () => {
    await core?.close();
  });

  it('keeps mail outside the activity window from its headers, for statistics only', async () => {
    const rows = await core.database.query<{ subject: string; stats: boolean; body: boolean }>(
      `SELECT subject, statistics_only AS stats, text_body IS NOT NULL AS body
       FROM messages WHERE message_id LIKE $1 ORDER BY sent_at`,
      [`<${user}-%`],
    );
    expect(rows).toEqual([
      { subject: 'Written 90 days ago', stats: true, body: false },
      { subject: 'Written 2 days ago', stats: false, body: true },
    ]);
  });

  it('counts it in the scores', async () => {
    const rita = await core.auth.findUserByEmail('rita@threadline.example');
    const [grace] = await core.database.query<{ id: string }>(
      `SELECT id FROM contacts WHERE external_id = 'CON-001'`,
    );
    const connections = createConnectionsService({ database: core.database, clock: core.clock });
    const [mine] = await connections.contact(rita!, grace!.id);
    expect(mine?.breakdown.map((line) => line.reason)).toEqual([
      'message received 2 days ago',
      'message received 90 days ago',
    ]);
  });
});
