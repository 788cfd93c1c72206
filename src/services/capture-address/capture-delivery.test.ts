import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import { ritaForwardsGrace } from '../../../test/support/mail-fixtures.js';
import { openTestApp } from '../../../test/support/test-app.js';
import type { App } from '../../app/open-app.js';
import { importCrmDirectory } from '../crm-csv/import-crm.js';
import { createCaptureDelivery } from './capture-delivery.js';

const domain = 'capture.threadline.test';

/** Grace's question to Rita as her client sent it, at 10:00 UTC. */
const question = [
  'From: Grace Hopper <grace.hopper@acme.com>',
  'To: Rita Rep <rita@threadline.example>',
  'Subject: Renewal question',
  'Message-ID: <renewal@acme.com>',
  'Date: Mon, 07 Dec 2026 10:00:00 +0000',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'Could you send the renewal quote before Friday? We sign next week.',
  '',
].join('\r\n');

/** Rita forwarding Grace's question inline to her capture address, an hour after it came. */
const inlineForward = (to: string, body: string) =>
  ritaForwardsGrace({
    to,
    subject: 'Renewal question',
    messageId: `<fwd-${body.length}@threadline.example>`,
    date: 'Mon, 07 Dec 2026 15:00:00 +0000',
    sentAt: 'Mon, Dec 7, 2026 at 11:00 AM',
    body,
  });

describe.each(testBackends())('capture deliveries on the %s backend', (backend) => {
  let app: App;
  let delivery: ReturnType<typeof createCaptureDelivery>;
  let address: string;
  const userId = async (email: string) => (await app.auth.findUserByEmail(email))!.id;
  const storedMessages = () =>
    app.database.query<{ messageId: string }>(
      'SELECT message_id AS "messageId" FROM messages ORDER BY sent_at',
    );
  /** Each stored message with the records it is filed on and the kinds of mailbox holding it. */
  const filings = () =>
    app.database.query<{ messageId: string; records: string[]; mailboxes: string[] }>(
      `SELECT m.message_id AS "messageId",
         coalesce((SELECT array_agg(l.record_type ORDER BY l.record_type) FROM message_links l
                   WHERE l.message_id = m.id), '{}') AS records,
         (SELECT array_agg(mb.kind ORDER BY mb.kind) FROM message_decisions d
            JOIN mailboxes mb ON mb.id = d.mailbox_id WHERE d.message_id = m.id) AS mailboxes
       FROM messages m ORDER BY m.sent_at`,
    );
  const storedThreads = async () =>
    (await app.database.query<{ n: number }>('SELECT count(*)::int AS n FROM threads'))[0]!.n;
  const forwardToRita = async (body: string) =>
    delivery.deliver(
      [await userId('rita@threadline.example')],
      Buffer.from(inlineForward(address, body)),
      'smtp',
    );
  const readByImap = async (email: string) =>
    app.ingest.ingestBatch(await app.mailboxes.importMailboxOf(email), [
      { raw: Buffer.from(question), truncated: false, source: 'imap copy', location: null },
    ]);

  beforeEach(async () => {
    app = await openTestApp(backend, { THREADLINE_CAPTURE_DOMAIN: domain });
    const imported = await importCrmDirectory(app.database, 'test/fixtures/crm/realistic', {
      now: () => new Date(),
    });
    expect(imported.errors).toEqual([]);
    await app.directory.invalidate();
    delivery = createCaptureDelivery({
      database: app.database,
      clock: app.clock,
      ingest: app.ingest,
      domain,
    });
    address = (await app.captureAddresses.addressOf(await userId('rita@threadline.example')))
      .address!;
  });
  afterEach(async () => {
    await app?.close();
  });

  it('stores an inline forward of a message the user’s mailbox already holds once', async () => {
    await readByImap('rita@threadline.example');
    const body = '> Could you send the renewal quote before\n> Friday? We sign next week.';
    const outcomes = await forwardToRita(body);
    expect(outcomes).toEqual([]);
    expect(await storedMessages()).toEqual([{ messageId: '<renewal@acme.com>' }]);
  });

  it('keeps the message as it came when the inline forward arrived before the mailbox’s copy', async () => {
    const body = '> Could you send the renewal quote before\n> Friday? We sign next week.';
    await forwardToRita(body);
    const [forwarded] = await filings();
    expect(forwarded).toMatchObject({ mailboxes: ['capture'] });
    expect(forwarded!.records.length).toBeGreaterThan(0);

    await readByImap('rita@threadline.example');

    expect(await filings()).toEqual([
      { messageId: '<renewal@acme.com>', records: forwarded!.records, mailboxes: ['import'] },
    ]);
    expect(await storedThreads()).toBe(1);
  });

  it('keeps one message whichever of the forward and the mailbox copy comes first', async () => {
    const body = 'Could you send the renewal quote before Friday? We sign next week.';
    await readByImap('rita@threadline.example');
    await forwardToRita(body);
    const imapFirst = await filings();
    await app.database.exec('DELETE FROM messages; DELETE FROM threads;');
    await forwardToRita(body);
    await readByImap('rita@threadline.example');
    expect(await filings()).toEqual(imapFirst);
  });

  it('leaves the forward of a colleague’s copy with the user who forwarded it', async () => {
    await forwardToRita('Could you send the renewal quote before Friday? We sign next week.');
    await readByImap('ravi@threadline.example');
    const held = (await filings()).map((m) => m.mailboxes.join());
    expect(held.sort()).toEqual(['capture', 'import']);
  });

  it('keeps a forward of another message from the same sender when the mailbox’s copy arrives', async () => {
    await forwardToRita('One more thing: the quote should list the EU entity.');
    await readByImap('rita@threadline.example');
    expect(await storedMessages()).toHaveLength(2);
  });

  it('files a forward of another message with the same sender and subject as a message of its own', async () => {
    await readByImap('rita@threadline.example');
    const outcomes = await forwardToRita('One more thing: the quote should list the EU entity.');
    expect(outcomes).toMatchObject([{ status: 'captured', duplicate: false }]);
    expect(await storedMessages()).toHaveLength(2);
  });

  it('files the forward for its user when only a colleague’s mailbox holds the original', async () => {
    await readByImap('ravi@threadline.example');
    const body = 'Could you send the renewal quote before Friday? We sign next week.';
    const outcomes = await forwardToRita(body);
    expect(outcomes).toMatchObject([{ status: 'captured' }]);
    expect(await storedMessages()).toHaveLength(2);
  });
});
