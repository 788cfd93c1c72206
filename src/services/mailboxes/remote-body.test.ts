import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import { startDovecot, type DovecotServer } from '../../../test/support/dovecot.js';
import { importRealisticCrm } from '../../../test/support/mail-fixtures.js';
import { openTestApp } from '../../../test/support/test-app.js';
import type { App } from '../../app/open-app.js';
import { createAuditLog } from '../sharing/audit-log.js';
import { mailboxSessionOpener } from '../sync/open-mailbox-session.js';
import { syncMailboxOnce } from '../sync/sync-mailbox.js';
import { createMailReadsService } from '../mail-reads/mail-reads-service.js';
import { createRemoteBodyFetcher } from './remote-body.js';

const marker = 'quarterly-volume-7731';
let dovecot: DovecotServer;
let users = 0;
beforeAll(async () => {
  dovecot = await startDovecot();
}, 30_000);
afterAll(async () => {
  await dovecot?.stop();
});

describe.each(testBackends())('metadata-only mail on the %s backend', (backend) => {
  let core: App;
  let messageId: string;

  beforeEach(async () => {
    core = await openTestApp(backend);
    await importRealisticCrm(core);
    const user = `meta${(users += 1)}`;
    await dovecot.addUser(user, 'pw-meta-1');
    await dovecot.appendMessage(
      user,
      'INBOX',
      [
        'From: Grace Hopper <grace.hopper@acme.com>',
        'To: rita@threadline.example',
        'Subject: Volumes',
        `Message-ID: <${user}@acme.com>`,
        `Date: ${new Date().toUTCString()}`,
        '',
        `Our ${marker} figures are attached.`,
        '',
      ].join('\r\n'),
    );
    const rita = await core.auth.findUserByEmail('rita@threadline.example');
    const mailbox = await core.mailboxes.create(rita!.id, {
      label: 'metadata',
      imap: {
        host: dovecot.host,
        port: dovecot.port,
        security: 'none',
        user,
        allowSelfSigned: false,
      },
      auth: { kind: 'password', password: 'pw-meta-1' },
      smtp: null,
      folders: ['INBOX'],
      activityWindowDays: 30,
      statsWindowDays: 180,
      dataScope: 'metadata',
      captureMode: 'auto',
      createContacts: false,
    });
    const openSession = mailboxSessionOpener(core.mailboxes, () => Date.now());
    await syncMailboxOnce({ ...core, openSession }, mailbox.id, { worker: 'test' });
    messageId = (await core.database.query<{ id: string }>('SELECT id FROM messages'))[0]!.id;
  });
  afterEach(async () => {
    await core.close();
  });

  const reads = () =>
    createMailReadsService({
      database: core.database,
      audit: createAuditLog(core.database, core.clock),
      fetchRemoteBody: createRemoteBodyFetcher({
        database: core.database,
        openSession: mailboxSessionOpener(core.mailboxes, () => Date.now()),
      }),
    });

  it('lets a participant read the body fetched from the mailbox, and stores none of it', async () => {
    const rita = await core.auth.findUserByEmail('rita@threadline.example');
    const message = await reads().message(rita!, messageId, { remoteImages: false });
    expect(message).toMatchObject({ bodyStored: false, bodyFetched: true });
    expect(message.text).toContain(marker);
    const [stored] = await core.database.query<{ text: string | null; html: string | null }>(
      'SELECT text_body AS text, html_body AS html FROM messages WHERE id = $1',
      [messageId],
    );
    expect(stored).toEqual({ text: null, html: null });
    const anywhere = await core.database.query(
      "SELECT 1 FROM messages WHERE search @@ to_tsquery('simple', $1)",
      [marker.replace(/-/g, ' & ')],
    );
    expect(anywhere).toEqual([]);
  });

  it('refuses a colleague who was not on the message, even an admin', async () => {
    const admin = await core.auth.findUserByEmail('ada@threadline.example');
    // Private mail: an admin without a break-glass grant does not even learn it exists.
    await expect(reads().message(admin!, messageId, { remoteImages: false })).rejects.toMatchObject(
      {
        code: 'NOT_FOUND',
      },
    );
  });
});
