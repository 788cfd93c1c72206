import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import { openTestApp } from '../../../test/support/test-app.js';
import type { App } from '../../app/open-app.js';
import { importCrmDirectory } from '../crm-csv/import-crm.js';
import { exportMessages, type ExportedMessage } from '../export/export-messages.js';
import { importMailFiles } from './import-mail-files.js';
import { reevaluateMessages } from './reevaluate.js';

const mbox = (...messages: string[]) =>
  messages.map((m) => `From sender@example Mon Mar  3 10:00:00 2025\n${m}\n`).join('\n');

const fromNewcomer = [
  'From: Nina Newcomer <Nina.Newcomer@Newco.example>',
  'To: rita@threadline.example',
  'Subject: Introduction',
  'Date: Mon, 03 Mar 2025 10:00:00 +0000',
  'Message-ID: <intro@newco.example>',
  '',
  'Hi Rita, I have just joined Newco and would like to talk about your platform.',
].join('\n');
const newsletter = [
  'From: news@newco.example',
  'To: rita@threadline.example',
  'Subject: Newco monthly',
  'Date: Mon, 03 Mar 2025 11:00:00 +0000',
  'Message-ID: <news@newco.example>',
  'List-Unsubscribe: <mailto:unsubscribe@newco.example>',
  'List-Id: <monthly.newco.example>',
  '',
  'All the news.',
].join('\n');

describe.each(testBackends())(
  're-deciding stored mail after a CRM change on the %s backend',
  (backend) => {
    let core: App;
    let dir: string;

    beforeEach(async () => {
      core = await openTestApp(backend);
      dir = await mkdtemp(join(tmpdir(), 'threadline-reevaluate-'));
      expect(
        (await importCrmDirectory(core.database, 'test/fixtures/crm/realistic')).errors,
      ).toEqual([]);
      await core.directory.invalidate();
      const rita = await core.mailboxes.importMailboxOf('rita@threadline.example');
      await writeFile(join(dir, 'rita.mbox'), mbox(fromNewcomer, newsletter));
      await importMailFiles(
        [join(dir, 'rita.mbox')],
        rita,
        (m, items) => core.ingest.ingestBatch(m, items),
        {},
      );
    });
    afterEach(async () => {
      await core.close();
      await rm(dir, { recursive: true });
    });

    const exported = async () => {
      const lines = new Map<string | null, ExportedMessage>();
      for await (const line of exportMessages(core.database, { ownerId: null }))
        lines.set(line.messageId, line);
      return lines;
    };
    const addNewcomerAsContact = async () => {
      const crm = join(dir, 'crm');
      await mkdir(crm);
      await writeFile(
        join(crm, 'contacts.csv'),
        'external_id,account_external_id,first_name,last_name,emails\nCON-900,ACC-003,Nina,Newcomer,nina.newcomer@newco.example\n',
      );
      expect((await importCrmDirectory(core.database, crm)).errors).toEqual([]);
      await core.directory.invalidate();
    };

    it('captures an unknown sender’s mail once the sender becomes a contact, with the new links', async () => {
      expect((await exported()).get('<intro@newco.example>')).toMatchObject({
        captured: false,
        category: 'no_crm_participant',
      });
      await addNewcomerAsContact();
      const counts = await reevaluateMessages(core.database, await core.directory.current());

      expect(counts).toMatchObject({
        messages: 2,
        nowCaptured: 1,
        noLongerCaptured: 0,
        linksAdded: 2,
        linksRemoved: 0,
      });
      const intro = (await exported()).get('<intro@newco.example>');
      expect(intro).toMatchObject({
        captured: true,
        category: 'human',
        reasons: ['contact nina.newcomer@newco.example', 'account xn--mller-maschinen-zvb.de'],
      });
      expect(intro?.links.map((l) => [l.type, l.externalId]).sort()).toEqual([
        ['account', 'ACC-003'],
        ['contact', 'CON-900'],
      ]);
      const [decision] = await core.database.query<{ captured: boolean; category: string }>(
        `SELECT md.captured, md.category FROM message_decisions md JOIN messages m ON m.id = md.message_id
       WHERE m.message_id = '<intro@newco.example>'`,
      );
      expect(decision).toEqual({ captured: true, category: 'human' });
      expect((await exported()).get('<news@newco.example>')).toMatchObject({
        captured: false,
        category: 'newsletter',
      });
    });

    it('leaves a link a user made by hand alone, and changes nothing when run again', async () => {
      await core.database.query(
        `INSERT INTO message_links (message_id, record_type, record_id, reason, confidence, source)
       SELECT m.id, 'deal', d.id, 'added by a user', 1, 'manual'
       FROM messages m, deals d WHERE m.message_id = '<intro@newco.example>' AND d.external_id = 'DEAL-003'`,
      );
      await addNewcomerAsContact();
      await reevaluateMessages(core.database, await core.directory.current());
      const again = await reevaluateMessages(core.database, await core.directory.current());

      expect(again).toMatchObject({
        decisionsChanged: 0,
        linksAdded: 0,
        linksRemoved: 0,
        linksUpdated: 0,
      });
      const rows = await core.database.query<{ type: string; source: string; reason: string }>(
        `SELECT l.record_type AS type, l.source, l.reason FROM message_links l JOIN messages m ON m.id = l.message_id
       WHERE m.message_id = '<intro@newco.example>' ORDER BY l.record_type`,
      );
      expect(rows).toEqual([
        { type: 'account', source: 'auto', reason: "contact's account" },
        { type: 'contact', source: 'auto', reason: 'address nina.newcomer@newco.example' },
        { type: 'deal', source: 'manual', reason: 'added by a user' },
      ]);
    });

    it('captures a list post once its list becomes a contact, and not for a subscriber who does', async () => {
      const post = [
        'From: Sam Stranger <sam@elsewhere.example>',
        'To: users@lists.newco.example',
        'Cc: nina.newcomer@newco.example',
        'Subject: SSO question',
        'Date: Mon, 03 Mar 2025 12:00:00 +0000',
        'Message-ID: <post@elsewhere.example>',
        'List-Id: <users.lists.newco.example>',
        'List-Post: <mailto:users@lists.newco.example>',
        'Precedence: list',
        '',
        'Has anyone set up SSO?',
      ].join('\n');
      await writeFile(join(dir, 'post.mbox'), mbox(post));
      const rita = await core.mailboxes.importMailboxOf('rita@threadline.example');
      await importMailFiles(
        [join(dir, 'post.mbox')],
        rita,
        (m, items) => core.ingest.ingestBatch(m, items),
        {},
      );
      expect((await exported()).get('<post@elsewhere.example>')).toMatchObject({
        captured: false,
        category: 'list',
      });

      await addNewcomerAsContact();
      await reevaluateMessages(core.database, await core.directory.current());
      expect((await exported()).get('<post@elsewhere.example>')).toMatchObject({
        captured: false,
        category: 'list',
      });

      const crm = join(dir, 'crm-list');
      await mkdir(crm);
      await writeFile(
        join(crm, 'contacts.csv'),
        'external_id,account_external_id,first_name,last_name,emails\nCON-901,ACC-003,Users,List,users@lists.newco.example\n',
      );
      expect((await importCrmDirectory(core.database, crm)).errors).toEqual([]);
      await core.directory.invalidate();
      await reevaluateMessages(core.database, await core.directory.current());
      const captured = (await exported()).get('<post@elsewhere.example>');
      expect(captured).toMatchObject({ captured: true, category: 'list' });
      expect(captured?.links.map((l) => [l.type, l.externalId]).sort()).toEqual([
        ['account', 'ACC-003'],
        ['contact', 'CON-901'],
      ]);
    });

    it('changes nothing, reasons included, when the CRM is unchanged', async () => {
      const question = [
        'From: Grace Hopper <grace.hopper@acme.com>',
        'To: rita@threadline.example',
        'Subject: [Case #00001001] Login fails',
        'Date: Tue, 04 Mar 2025 09:00:00 +0000',
        'Message-ID: <login@acme.com>',
        '',
        'Since the SSO change we get error 403.',
      ].join('\n');
      const answer = [
        'From: Rita Rep <rita@threadline.example>',
        'To: grace.hopper@acme.com',
        'Subject: Re: [Case #00001001] Login fails',
        'Date: Tue, 04 Mar 2025 10:00:00 +0000',
        'Message-ID: <login-answer@threadline.example>',
        'In-Reply-To: <login@acme.com>',
        '',
        'We are on it.',
      ].join('\n');
      await writeFile(join(dir, 'thread.mbox'), mbox(question, answer));
      const rita = await core.mailboxes.importMailboxOf('rita@threadline.example');
      await importMailFiles(
        [join(dir, 'thread.mbox')],
        rita,
        (m, items) => core.ingest.ingestBatch(m, items),
        {},
      );
      const links = async (messageId: string) =>
        (await exported())
          .get(messageId)
          ?.links.map((l) => `${l.externalId}: ${l.reason}`)
          .sort();
      expect(await links('<login@acme.com>')).toEqual([
        "ACC-001: contact's account",
        'CASE-001: case number 00001001 in subject',
        'CON-001: address grace.hopper@acme.com',
        'DEAL-001: the only open deal of a participating contact',
      ]);
      const before = await exported();

      const counts = await reevaluateMessages(core.database, await core.directory.current());

      expect(counts).toMatchObject({
        decisionsChanged: 0,
        nowCaptured: 0,
        noLongerCaptured: 0,
        linksAdded: 0,
        linksRemoved: 0,
        linksUpdated: 0,
      });
      expect(await exported()).toEqual(before);
    });

    it('says who unlinked a thread from every record it was filed on', async () => {
      await addNewcomerAsContact();
      await reevaluateMessages(core.database, await core.directory.current());
      const intro = (await exported()).get('<intro@newco.example>')!;
      // The mailbox's owner: private mail is hers to unlink, not an admin's.
      const rita = (await core.auth.findUserByEmail('rita@threadline.example'))!;
      for (const link of (await core.links.messages(rita, intro.threadId)).links) {
        await core.links.edit(rita, intro.threadId, {
          action: 'remove',
          type: link.type,
          recordId: link.id,
        });
      }

      await reevaluateMessages(core.database, await core.directory.current());

      expect((await exported()).get('<intro@newco.example>')).toMatchObject({
        captured: false,
        category: 'no_crm_participant',
        reasons: ['unlinked by rita@threadline.example'],
      });
    });

    it('stops between pages when aborted', async () => {
      const controller = new AbortController();
      controller.abort();
      await expect(
        reevaluateMessages(core.database, await core.directory.current(), {
          signal: controller.signal,
        }),
      ).rejects.toThrow();
    });
  },
);
