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

describe.each(testBackends())('reading one message on the %s backend', (backend) => {
  const folders = temporaryFolders('tl-reads-');
  let core: App;

  beforeAll(async () => {
    core = await openTestApp(backend);
    await importRealisticCrm(core);
    const dir = await folders.folder({ 'rita.mbox': newsletter });
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
    const rita = (await core.auth.findUserByEmail('rita@threadline.example'))!;
    const [row] = await core.database.query<{ id: string }>(
      `SELECT id FROM messages WHERE message_id = '<monthly@acme.com>'`,
    );
    const message = await core.mailReads.message(rita, row!.id, { remoteImages: false });
    expect(message).toMatchObject({
      captured: false,
      category: 'newsletter',
      reasons: expect.arrayContaining([expect.stringContaining('List-Unsubscribe')]),
    });
  });
});
