import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import { openTestApp } from '../../../test/support/test-app.js';
import type { App } from '../../app/open-app.js';
import { importCrmDirectory } from '../crm-csv/import-crm.js';
import { exportMessages, type ExportedMessage } from '../export/export-messages.js';
import { sha256Hex } from './message-key.js';
import type { IngestOutcome } from './batch-types.js';
import { importMailFiles, type ImportSummary } from './import-mail-files.js';

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

const bytes = (text: string) => new TextEncoder().encode(text);

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

const withAttachment = (id: string, from: string) =>
  [
    `From: ${from}`,
    'To: rita@threadline.example',
    'Subject: Signed order form',
    `Message-ID: ${id}`,
    'Date: Tue, 04 Mar 2025 09:00:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Signed form attached.',
    '--b1',
    'Content-Type: application/pdf; name="order.pdf"',
    'Content-Disposition: attachment; filename="order.pdf"',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from('%PDF-1.4 signed order').toString('base64'),
    '--b1--',
    '',
  ].join('\r\n');

describe.each(testBackends())('mail import on the %s backend', (backend) => {
  let core: App;
  let dir: string;
  let rita: Awaited<ReturnType<App['mailboxes']['importMailboxOf']>>;

  beforeEach(async () => {
    core = await openTestApp(backend);
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

  it('stores a captured message’s attachment once by content hash, and none for ignored mail', async () => {
    await importFile(
      'attachments.mbox',
      mbox(
        withAttachment('<att1@acme.com>', 'grace.hopper@acme.com'),
        withAttachment('<att2@acme.com>', 'grace.hopper@acme.com'),
        withAttachment('<att3@stranger.example>', 'someone@stranger.example'),
      ),
    );
    const rows = await core.database.query<{
      messageId: string;
      sha256: string | null;
      filename: string;
    }>(
      `SELECT m.message_id AS "messageId", a.sha256, a.filename FROM message_attachments a
       JOIN messages m ON m.id = a.message_id ORDER BY m.message_id`,
    );
    expect(rows.map((r) => r.messageId)).toEqual(['<att1@acme.com>', '<att2@acme.com>']);
    expect(rows[0]!.filename).toBe('order.pdf');
    expect(rows[0]!.sha256).toBe(rows[1]!.sha256);
    const content = await text(await core.attachments.open(rows[0]!.sha256!));
    expect(content).toBe('%PDF-1.4 signed order');
    const [blobs] = await core.database.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM attachment_blobs',
    );
    expect(blobs!.n).toBe(1);
  });

  it('creates a contact for a new person on a known account’s domain when the mailbox asks for it', async () => {
    await core.database.query('UPDATE mailboxes SET create_contacts = true WHERE id = $1', [
      rita.id,
    ]);
    rita = await core.mailboxes.get(rita.id);
    const introduction = mail({
      id: '<intro@acme.com>',
      from: 'Grace Hopper <grace.hopper@acme.com>',
      to: 'rita@threadline.example, "Alan Turing" <alan.turing@acme.com>, info@acme.com',
      subject: 'Meet Alan',
      date: 'Tue, 04 Mar 2025 10:00:00 +0000',
    });
    const fromAlan = mail({
      id: '<alan1@acme.com>',
      from: 'Alan Turing <alan.turing@acme.com>',
      to: 'rita@threadline.example',
      subject: 'Hello',
      date: 'Tue, 04 Mar 2025 11:00:00 +0000',
    });
    await importFile('intro.mbox', mbox(introduction));
    await importFile('alan.mbox', mbox(fromAlan));
    const contacts = await core.database.query<{ first: string; last: string; account: string }>(
      `SELECT c.first_name AS first, c.last_name AS last, a.external_id AS account
       FROM contacts c JOIN contact_emails e ON e.contact_id = c.id JOIN accounts a ON a.id = c.account_id
       WHERE e.address IN ('alan.turing@acme.com', 'info@acme.com')`,
    );
    expect(contacts).toEqual([{ first: 'Alan', last: 'Turing', account: 'ACC-001' }]);
    const alan = (await exported()).find((line) => line.messageId === '<alan1@acme.com>');
    expect(alan?.links).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'contact', reason: 'address alan.turing@acme.com' }),
      ]),
    );
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

  it('stores a message found twice in one batch once, with one decision', async () => {
    const report = await importFile(
      'twice.mbox',
      mbox(renewalQuestion, ritaAnswer, renewalQuestion),
    );
    expect(report).toMatchObject({ read: 3, duplicates: 1, quarantined: 0 });
    const [counts] = await core.database.query<{ messages: number; decisions: number }>(
      `SELECT (SELECT count(*)::int FROM messages) AS messages,
         (SELECT count(*)::int FROM message_decisions) AS decisions`,
    );
    expect(counts).toEqual({ messages: 2, decisions: 2 });
  });

  it('stores, once, a message whose Message-ID is too long to index, and threads its reply', async () => {
    // Hashes, so that no compression brings the value back under the index's limit.
    const noise = Array.from({ length: 100 }, (_, i) => sha256Hex(bytes(String(i)))).join('');
    const longId = `<${noise}@acme.com>`;
    const question = mail({
      id: longId,
      from: 'Grace Hopper <grace.hopper@acme.com>',
      to: 'rita@threadline.example',
      subject: 'Renewal pricing',
      date: 'Mon, 03 Mar 2025 10:00:00 +0000',
    });
    const answer = mail({
      id: '<a-long@threadline.example>',
      from: 'rita@threadline.example',
      to: 'grace.hopper@acme.com',
      subject: 'RE: Renewal pricing',
      date: 'Mon, 03 Mar 2025 11:00:00 +0000',
      headers: [`In-Reply-To: ${longId}`],
    });
    expect(await importFile('long.mbox', mbox(question, answer))).toMatchObject({ quarantined: 0 });
    expect(await importFile('again.mbox', mbox(question))).toMatchObject({ duplicates: 1 });
    const lines = await exported();
    expect(lines).toHaveLength(2);
    expect(new Set(lines.map((line) => line.threadId)).size).toBe(1);
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

describe.each(testBackends())('mail import of malformed mail on the %s backend', (backend) => {
  const folder = 'test/fixtures/mail/malformed';
  let core: App;
  let summary: ImportSummary;
  const outcomes = new Map<string, IngestOutcome>();

  beforeAll(async () => {
    core = await openTestApp(backend);
    const report = await importCrmDirectory(core.database, realisticCrm, { now: () => new Date() });
    expect(report.errors).toEqual([]);
    await core.directory.invalidate();
    const rita = await core.mailboxes.importMailboxOf('rita@threadline.example');
    summary = await importMailFiles(
      [folder],
      rita,
      async (m, items) => {
        const results = await core.ingest.ingestBatch(m, items);
        for (const outcome of results) outcomes.set(outcome.source, outcome);
        return results;
      },
      {},
    );
  });
  afterAll(async () => {
    await core?.close();
  });

  const outcomeOf = (name: string) => outcomes.get(`${join(folder, name)}#0`);

  it('quarantines only the files with no header at all, each with why', () => {
    expect(summary.unreadable).toEqual([]);
    expect(summary.quarantined).toBe(3);
    expect([...outcomes].filter(([, outcome]) => outcome.status === 'quarantined')).toEqual([
      [`${join(folder, 'empty.eml')}#0`, expect.objectContaining({ reason: 'empty input' })],
      [
        `${join(folder, 'garbage-bytes.eml')}#0`,
        expect.objectContaining({
          reason: 'no header block: no header field in the first 16 lines',
        }),
      ],
      [
        `${join(folder, 'no-header-block.eml')}#0`,
        expect.objectContaining({
          reason: 'no header block: no header field in the first 16 lines',
        }),
      ],
    ]);
  });

  it.each([
    ['mbox-from-line.eml', '<mbox-from-line-01@mail.gmail.com>', 'Saved from an mbox'],
    [
      'junk-before-headers.eml',
      '<junk-before-headers-01@contoso-logistics.example>',
      'Headers pasted with the line Outlook writes above them',
    ],
    [
      'bom-before-headers.eml',
      '<bom-before-headers-01@contoso-logistics.example>',
      'Saved by an editor that writes a byte order mark',
    ],
    ['trace-headers-only.eml', null, ''],
    [
      'bare-lf-multipart.eml',
      '<bare-lf-01@bakers-garden.example>',
      'Order list with bare line feeds',
    ],
    [
      '8bit-raw-headers.eml',
      '<8bit-headers-01@stahlbau-weber.example>',
      'Bestätigung der Bestellung für März',
    ],
    [
      'windows-1252-quotes.eml',
      '<windows-1252-01@contoso-logistics.example>',
      'Re: “Quoted” offer – final',
    ],
    [
      'missing-close-boundary.eml',
      '<missing-close-boundary-01@mail.gmail.com>',
      'Notes without a closing boundary',
    ],
    ['boundary-absent.eml', '<boundary-absent-01@bakers-garden.example>', 'Multipart in name only'],
    ['broken-boundary.eml', '<broken-boundary-01@bakers-garden.example>', 'Order list'],
    [
      'missing-content-type.eml',
      '<missing-content-type-01@bakers-garden.example>',
      'No content type',
    ],
    [
      'split-encoded-words.eml',
      '<split-encoded-words-01@contoso-logistics.example>',
      'Café meeting – next week',
    ],
  ])('stores malformed/%s with its Message-ID and subject', async (name, id, subject) => {
    expect(outcomeOf(name)).toMatchObject({ status: 'ignored', messageId: id });
    const rows = await core.database.query<{ subject: string }>(
      id === null
        ? 'SELECT subject FROM messages WHERE message_id IS NULL'
        : 'SELECT subject FROM messages WHERE message_id = $1',
      id === null ? [] : [id],
    );
    expect(rows).toEqual([{ subject }]);
  });
});
