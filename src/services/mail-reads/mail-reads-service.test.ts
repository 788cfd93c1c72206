import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import { importRealisticCrm } from '../../../test/support/mail-fixtures.js';
import { temporaryFolders } from '../../../test/support/temporary-folders.js';
import { openTestApp } from '../../../test/support/test-app.js';
import type { App } from '../../app/open-app.js';
import { importMailFiles } from '../capture/import-mail-files.js';

const newsletter = [
  'From sender@example Mon Mar  3 10:00:00 2025',
  'From: Grace Hopper <grace.hopper@acme.com>',
  'To: rita@threadline.example',
  'Subject: Acme monthly',
  'Date: Mon, 03 Mar 2025 11:00:00 +0000',
  'Message-ID: <monthly@acme.com>',
  'List-Unsubscribe: <mailto:unsubscribe@acme.com>',
  'List-Id: <monthly.acme.com>',
  '',
  'All the news.',
  '',
].join('\n');

/** A Postfix bounce of Rita's mail to an address that no longer exists. */
const bounce = [
  'From MAILER-DAEMON Mon Mar  3 12:00:00 2025',
  'Return-Path: <>',
  'From: Mail Delivery System <MAILER-DAEMON@mx.acme.com>',
  'To: rita@threadline.example',
  'Subject: Undelivered Mail Returned to Sender',
  'Date: Mon, 03 Mar 2025 12:00:00 +0000',
  'Message-ID: <bounce-1@mx.acme.com>',
  'Auto-Submitted: auto-replied',
  'Content-Type: text/plain; charset=us-ascii',
  '',
  'This is the mail system at host mx.acme.com.',
  '',
  "I'm sorry to have to inform you that your message could not",
  'be delivered to one or more recipients.',
  '',
  '<old.contact@acme.com>: host mx.acme.com[192.0.2.25] said: 550 5.1.1',
  '    <old.contact@acme.com>: Recipient address rejected: User unknown',
  '',
].join('\n');

describe.each(testBackends())('reading one message on the %s backend', (backend) => {
  const folders = temporaryFolders('tl-reads-');
  let core: App;

  beforeAll(async () => {
    core = await openTestApp(backend);
    await importRealisticCrm(core);
    const dir = await folders.folder({ 'rita.mbox': `${newsletter}\n${bounce}` });
    await importMailFiles(
      [join(dir, 'rita.mbox')],
      await core.mailboxes.importMailboxOf('rita@threadline.example'),
      (mailbox, items) => core.ingest.ingestBatch(mailbox, items),
      {},
    );
  });
  afterAll(async () => {
    await core.close();
    await folders.removeAll();
  });

  it('says why a message was not captured', async () => {
    const message = await read('<monthly@acme.com>');
    expect(message).toMatchObject({
      captured: false,
      category: 'newsletter',
      reasons: expect.arrayContaining([expect.stringContaining('List-Unsubscribe')]),
      deliveryFailure: null,
    });
  });

  it('says whom a bounce could not reach, and why', async () => {
    const message = await read('<bounce-1@mx.acme.com>');
    expect(message).toMatchObject({
      captured: false,
      category: 'bounce',
      deliveryFailure:
        'Delivery to old.contact@acme.com failed (status 5.1.1: bad destination mailbox address (no such user))',
    });
  });

  const read = async (messageId: string) => {
    const rita = (await core.auth.findUserByEmail('rita@threadline.example'))!;
    const [row] = await core.database.query<{ id: string }>(
      'SELECT id FROM messages WHERE message_id = $1',
      [messageId],
    );
    return core.mailReads.message(rita, row!.id, { remoteImages: false });
  };
});
