import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import { openTestCore } from '../../../test/support/test-core.js';
import type { Core } from '../../main.js';
import { importCrmDirectory } from '../crm-csv/import-crm.js';
import { exportMessages, type ExportedMessage } from '../export/export-messages.js';
import { importMailFiles } from './import-mail-files.js';

const realisticCrm = 'test/fixtures/crm/realistic';

function mail(fields: {
  id?: string;
  from: string;
  to: string;
  subject: string;
  date: string;
  headers?: string[];
  body?: string;
}): string {
  return [
    `From: ${fields.from}`,
    `To: ${fields.to}`,
    `Subject: ${fields.subject}`,
    `Date: ${fields.date}`,
    ...(fields.id ? [`Message-ID: ${fields.id}`] : []),
    ...(fields.headers ?? []),
    'Content-Type: text/plain; charset=utf-8',
    '',
    fields.body ?? 'Hello, see you soon.',
    '',
  ].join('\r\n');
}

const mbox = (...messages: string[]) =>
  messages
    .map((m) => `From sender@example Mon Mar  3 10:00:00 2025\n${m.replace(/\r\n/g, '\n')}`)
    .join('\n');

const renewalQuestion = mail({
  id: '<q1@acme.com>',
  from: 'Grace Hopper <grace.hopper@acme.com>',
  to: 'rita@threadline.example',
  subject: 'Renewal pricing',
  date: 'Mon, 03 Mar 2025 10:00:00 +0000',
});
const ritaAnswer = mail({
  id: '<a1@threadline.example>',
  from: 'rita@threadline.example',
  to: 'Grace.Hopper@ACME.com',
  subject: 'RE: Renewal pricing',
  date: 'Mon, 03 Mar 2025 11:00:00 +0000',
  headers: ['In-Reply-To: <q1@acme.com>', 'References: <q1@acme.com>'],
});
const outOfOffice = mail({
  id: '<ooo@acme.com>',
  from: 'grace.hopper@acme.com',
  to: 'rita@threadline.example',
  subject: 'Automatic reply: Renewal pricing',
  date: 'Mon, 03 Mar 2025 11:01:00 +0000',
  headers: ['Auto-Submitted: auto-replied'],
});
const colleagues = mail({
  id: '<int@threadline.example>',
  from: 'max@threadline.example',
  to: 'rita@threadline.example',
  subject: 'Lunch?',
  date: 'Mon, 03 Mar 2025 12:00:00 +0000',
});
const malformed = 'this is not a message at all\r\n';

describe.each(testBackends())('mail import on the %s backend', (backend) => {
  let core: Core;
  let dir: string;
  let rita: Awaited<ReturnType<Core['mailboxes']['importMailboxOf']>>;

  beforeEach(async () => {
    core = await openTestCore(backend);
    dir = await mkdtemp(join(tmpdir(), 'threadline-import-'));
    const report = await importCrmDirectory(core.database, realisticCrm, { now: () => new Date() });
    expect(report.errors).toEqual([]);
    await core.directory.invalidate();
    rita = await core.mailboxes.importMailboxOf('rita@threadline.example');
  });
  afterEach(async () => {
    await core.close();
    await rm(dir, { recursive: true });
  });

  const importFile = async (name: string, content: string) => {
    await writeFile(join(dir, name), content);
    return importMailFiles(
      [join(dir, name)],
      rita,
      (m, items) => core.ingest.ingestBatch(m, items),
      {},
    );
  };
  const exported = async (ownerId: string | null = null) => {
    const lines: ExportedMessage[] = [];
    for await (const line of exportMessages(core.database, { ownerId })) lines.push(line);
    return lines;
  };

  it('captures customer mail with its links, ignores noise with a reason, quarantines what cannot be parsed', async () => {
    const summary = await importFile(
      'rita.mbox',
      mbox(renewalQuestion, ritaAnswer, outOfOffice, colleagues, malformed),
    );
    expect(summary).toMatchObject({
      read: 5,
      captured: 2,
      ignored: { auto_reply: 1, internal: 1 },
      quarantined: 1,
      duplicates: 0,
    });

    const lines = await exported();
    const byId = new Map(lines.map((line) => [line.messageId, line]));
    expect(lines).toHaveLength(4);
    expect(byId.get('<q1@acme.com>')).toMatchObject({
      captured: true,
      category: 'human',
      reasons: ['contact grace.hopper@acme.com', 'account acme.com'],
    });
    expect(byId.get('<q1@acme.com>')?.links).toEqual(
      expect.arrayContaining([
        {
          type: 'contact',
          externalId: 'CON-001',
          reason: 'address grace.hopper@acme.com',
          confidence: 1,
        },
        { type: 'account', externalId: 'ACC-001', reason: "contact's account", confidence: 1 },
        expect.objectContaining({ type: 'deal', externalId: 'DEAL-001' }),
      ]),
    );
    expect(byId.get('<a1@threadline.example>')?.threadId).toBe(byId.get('<q1@acme.com>')?.threadId);
    expect(byId.get('<ooo@acme.com>')).toMatchObject({
      captured: false,
      category: 'auto_reply',
      links: [],
    });
    expect(byId.get('<int@threadline.example>')).toMatchObject({
      captured: false,
      category: 'internal',
    });

    const [quarantined] = await core.database.query<{ reason: string; source: string }>(
      'SELECT reason, source FROM quarantine',
    );
    expect(quarantined?.source).toMatch(/rita\.mbox#4$/);
    expect(quarantined?.reason).not.toBe('');
  });

  it('imports the same mail again without duplicates and with the same threads', async () => {
    await importFile('first.mbox', mbox(ritaAnswer, renewalQuestion));
    const before = await exported();
    const again = await importFile('second.mbox', mbox(renewalQuestion, ritaAnswer));
    expect(again).toMatchObject({ read: 2, duplicates: 2 });
    expect(await exported()).toEqual(before);
    const [count] = await core.database.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM messages',
    );
    expect(count?.n).toBe(2);
  });

  it('puts a reply that arrived before its parent in the parent’s thread', async () => {
    await importFile('reply.mbox', mbox(ritaAnswer));
    await importFile('parent.mbox', mbox(renewalQuestion));
    const lines = await exported();
    expect(new Set(lines.map((line) => line.threadId)).size).toBe(1);
  });

  it('gives one user’s own view with --mailbox-owner, and refuses an unknown owner', async () => {
    await importFile('rita.mbox', mbox(renewalQuestion));
    const ravi = await core.auth.findUserByEmail('ravi@threadline.example');
    expect(await exported(ravi!.id)).toEqual([]);
    expect(await exported(rita.ownerId)).toHaveLength(1);
    await expect(core.mailboxes.importMailboxOf('nobody@nowhere.example')).rejects.toThrow(
      /No user with e-mail nobody@nowhere.example/,
    );
  });
});
