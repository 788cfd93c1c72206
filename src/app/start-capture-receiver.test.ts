import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testBackends } from '../../test/support/backends.js';
import { startDovecot, type DovecotServer } from '../../test/support/dovecot.js';
import { ritaForwardsGrace } from '../../test/support/mail-fixtures.js';
import { openTestApp } from '../../test/support/test-app.js';
import { writeSelfSignedCertificate } from '../../test/support/self-signed.js';
import type { RunningReceiver } from '../adapters/smtp-receiver/smtp-receiver.js';
import { importCrmDirectory } from '../services/crm-csv/import-crm.js';
import { mailboxSessionOpener } from '../services/sync/open-mailbox-session.js';
import { syncMailboxOnce } from '../services/sync/sync-mailbox.js';
import type { App } from './open-app.js';
import { startCaptureReceiver } from './start-capture-receiver.js';

const domain = 'capture.threadline.test';
const maxBytes = 100_000;
const testStart = Date.now();

/** Grace's question to Rita, as her client sent it. */
const graceQuestion = (n: number) =>
  [
    'From: Grace Hopper <grace.hopper@acme.com>',
    'To: Rita Rep <rita@threadline.example>',
    `Subject: Renewal question ${n}`,
    `Message-ID: <question-${n}@acme.com>`,
    `Date: ${new Date(testStart - n * 60_000).toUTCString()}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    `Could you send the renewal quote, number ${n}?`,
    '',
  ].join('\r\n');

/** Rita's answer to Grace, as sent: the capture address is a BCC and appears in no header. */
const ritaAnswer = (n: number) =>
  [
    'From: Rita Rep <rita@threadline.example>',
    'To: Grace Hopper <grace.hopper@acme.com>',
    `Subject: Re: Renewal question ${n}`,
    `Message-ID: <answer-${n}@threadline.example>`,
    `In-Reply-To: <question-${n}@acme.com>`,
    `Date: ${new Date(testStart - n * 60_000 + 30_000).toUTCString()}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Here it is.',
    '',
  ].join('\r\n');

/** A mailbox's settings beside its server and credentials: every folder, the default windows. */
const mailboxDefaults = {
  smtp: null,
  folders: null,
  activityWindowDays: 30,
  statsWindowDays: 180,
  dataScope: 'full',
  captureMode: 'auto',
  createContacts: false,
} as const;

/** Where the test's Dovecot listens, without TLS. */
const plainImap = (server: DovecotServer) =>
  ({ host: server.host, port: server.port, security: 'none', allowSelfSigned: false }) as const;

let certDir: string;
let dovecot: DovecotServer;
beforeAll(async () => {
  certDir = await mkdtemp(join(tmpdir(), 'threadline-capture-tls-'));
  await writeSelfSignedCertificate(certDir);
  dovecot = await startDovecot();
}, 30_000);
afterAll(async () => {
  await dovecot?.stop();
  await rm(certDir, { recursive: true, force: true });
});

describe.each(testBackends())('the capture address on the %s backend', (backend) => {
  let app: App;
  let receiver: RunningReceiver;
  let ritaId: string;
  let address: string;
  let imapUsers = 0;

  const open = async (env: Record<string, string> = {}) => {
    app = await openTestApp(backend, {
      THREADLINE_CAPTURE_DOMAIN: domain,
      THREADLINE_CAPTURE_SMTP_HOST: '127.0.0.1',
      THREADLINE_CAPTURE_SMTP_PORT: '0',
      THREADLINE_CAPTURE_MAX_BYTES: String(maxBytes),
      THREADLINE_CAPTURE_SENDER_RATE: '4',
      THREADLINE_CAPTURE_TLS_CERT: join(certDir, 'cert.pem'),
      THREADLINE_CAPTURE_TLS_KEY: join(certDir, 'key.pem'),
      ...env,
    });
    const imported = await importCrmDirectory(app.database, 'test/fixtures/crm/realistic', {
      now: () => new Date(),
    });
    expect(imported.errors).toEqual([]);
    await app.directory.invalidate();
    receiver = (await startCaptureReceiver(app))!;
    ritaId = (await app.auth.findUserByEmail('rita@threadline.example'))!.id;
    address = (await app.captureAddresses.addressOf(ritaId)).address!;
  };
  beforeEach(async () => {
    await open();
  });
  afterEach(async () => {
    await receiver?.close();
    await app?.close();
  });

  const transport = (options: Record<string, unknown> = {}) =>
    nodemailer.createTransport({
      host: '127.0.0.1',
      port: receiver.port,
      secure: false,
      ignoreTLS: true,
      ...options,
    });
  const deliver = (raw: string, to = address, from = 'rita@threadline.example') =>
    transport().sendMail({ envelope: { from, to }, raw });
  const rows = <T>(sql: string, params: unknown[] = []) => app.database.query<T>(sql, params);
  const linksOf = async (messageId: string) =>
    (
      await rows<{ type: string }>(
        `SELECT l.record_type AS type FROM message_links l JOIN messages m ON m.id = l.message_id
         WHERE m.message_id = $1 ORDER BY 1`,
        [messageId],
      )
    ).map((row) => row.type);

  it('files a BCC copy as if it were in the user’s mailbox, on the customer’s records', async () => {
    const info = await deliver(ritaAnswer(1));
    expect(info.response).toMatch(/^250/);
    const [stored] = await rows<{ from: string; captured: boolean; kind: string; owner: string }>(
      `SELECT m.from_address AS "from", d.captured, mb.kind, mb.owner_id AS owner
       FROM messages m JOIN message_decisions d ON d.message_id = m.id JOIN mailboxes mb ON mb.id = d.mailbox_id`,
    );
    expect(stored).toEqual({
      from: 'rita@threadline.example',
      captured: true,
      kind: 'capture',
      owner: ritaId,
    });
    expect(await linksOf('<answer-1@threadline.example>')).toEqual(
      expect.arrayContaining(['account', 'contact', 'deal']),
    );
  });

  it('stores one message when the same mail arrives by IMAP and as a BCC copy, with both copies’ decisions', async () => {
    const user = `rita-capture-${backend}-${(imapUsers += 1)}`;
    await dovecot.addUser(user, 'imap-Pa55word!');
    await dovecot.appendMessage(user, 'INBOX', graceQuestion(2));
    const mailbox = await app.mailboxes.create(ritaId, {
      ...mailboxDefaults,
      label: 'work',
      imap: { ...plainImap(dovecot), user },
      auth: { kind: 'password', password: 'imap-Pa55word!' },
    });
    const report = await syncMailboxOnce(
      {
        database: app.database,
        ingest: app.ingest,
        clock: app.clock,
        openSession: mailboxSessionOpener(app.mailboxes, () => Date.now()),
        batchSize: 10,
      },
      mailbox.id,
      { worker: 'test' },
    );
    expect(report.status).toBe('done');

    await deliver(graceQuestion(2));
    const stored = await rows<{ decisions: number }>(
      `SELECT (SELECT count(*)::int FROM message_decisions d WHERE d.message_id = m.id) AS decisions
       FROM messages m`,
    );
    expect(stored).toEqual([{ decisions: 2 }]);
    expect(await linksOf('<question-2@acme.com>')).toEqual(
      expect.arrayContaining(['account', 'contact']),
    );
  });

  it('unwraps an inline forward and files it with its original participants, not the forwarder', async () => {
    const forward = ritaForwardsGrace({
      to: address,
      subject: 'Renewal question 3',
      messageId: '<fwd-3@threadline.example>',
      date: new Date().toUTCString(),
      sentAt: 'Mon, Dec 7, 2026 at 10:00 AM',
      body: 'Could you send the renewal quote?',
    });
    await deliver(forward);
    await deliver(forward);
    const stored = await rows<{
      from: string;
      subject: string;
      participants: string[];
      text: string;
    }>(`SELECT from_address AS "from", subject, participants, text_body AS text FROM messages`);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      from: 'grace.hopper@acme.com',
      subject: 'Renewal question 3',
    });
    expect(stored[0]!.participants).toEqual(['grace.hopper@acme.com', 'rita@threadline.example']);
    expect(stored[0]!.text).toContain('Could you send the renewal quote?');
    expect(stored[0]!.text).not.toContain('For the record');
  });

  it('files a message forwarded as an attachment as itself, one message with its IMAP twin', async () => {
    await app.ingest.ingestBatch(await app.mailboxes.importMailboxOf('rita@threadline.example'), [
      { raw: Buffer.from(graceQuestion(4)), truncated: false, source: 'imap twin', location: null },
    ]);
    await transport().sendMail({
      envelope: { from: 'rita@threadline.example', to: address },
      from: 'Rita Rep <rita@threadline.example>',
      to: address,
      subject: 'Fwd: Renewal question 4',
      text: 'See attached.',
      attachments: [
        { content: graceQuestion(4), contentType: 'message/rfc822', filename: 'question.eml' },
      ],
    });
    const stored = await rows<{ id: string; from: string; decisions: number }>(
      `SELECT message_id AS id, from_address AS "from",
         (SELECT count(*)::int FROM message_decisions d WHERE d.message_id = m.id) AS decisions
       FROM messages m`,
    );
    expect(stored).toEqual([
      { id: '<question-4@acme.com>', from: 'grace.hopper@acme.com', decisions: 2 },
    ]);
  });

  it('refuses an unknown secret, and the old address after a rotation, at RCPT with a clear reason', async () => {
    const unknown = `log+${'0'.repeat(32)}@${domain}`;
    await expect(deliver(ritaAnswer(5), unknown)).rejects.toMatchObject({
      responseCode: 550,
      response: expect.stringContaining('unknown or was revoked'),
    });
    await expect(deliver(ritaAnswer(5), `sales@${domain}`)).rejects.toMatchObject({
      responseCode: 550,
      response: expect.stringContaining('not a capture address'),
    });
    await expect(deliver(ritaAnswer(5), 'grace.hopper@acme.com')).rejects.toMatchObject({
      responseCode: 550,
      response: expect.stringContaining(`only for capture addresses at ${domain}`),
    });
    const rotated = (await app.captureAddresses.rotate(ritaId)).address!;
    expect(rotated).not.toBe(address);
    await expect(deliver(ritaAnswer(5), address)).rejects.toMatchObject({ responseCode: 550 });
    expect((await deliver(ritaAnswer(5), rotated)).response).toMatch(/^250/);
    expect(await rows('SELECT id FROM messages')).toHaveLength(1);
  });

  it('refuses a message over the size limit and stores nothing of it', async () => {
    const big = ritaAnswer(6).replace('Here it is.', 'x'.repeat(maxBytes + 10));
    await expect(deliver(big)).rejects.toMatchObject({ responseCode: 552 });
    expect(await rows('SELECT id FROM messages')).toEqual([]);
  });

  it('tells a sender over its rate to come back later', async () => {
    for (const n of [11, 12, 13, 14]) await deliver(ritaAnswer(n));
    await expect(deliver(ritaAnswer(15))).rejects.toMatchObject({ responseCode: 450 });
    expect(await deliver(ritaAnswer(15), address, 'max@threadline.example')).toBeTruthy();
  });

  it('keeps malformed mail in quarantine with its reason rather than dropping it', async () => {
    expect((await deliver('this is not a message at all\r\n')).response).toMatch(/^250/);
    const [kept] = await rows<{ reason: string }>('SELECT reason FROM quarantine');
    expect(kept?.reason).not.toBe('');
  });

  it('answers a pipelined session command by command, each message filed', async () => {
    const replies = await pipelined(
      receiver.port,
      [
        'EHLO client.test',
        'MAIL FROM:<rita@threadline.example>',
        `RCPT TO:<${address}>`,
        `RCPT TO:<log+${'f'.repeat(32)}@${domain}>`,
        'DATA',
      ],
      ritaAnswer(7),
      ['MAIL FROM:<rita@threadline.example>', `RCPT TO:<${address}>`, 'DATA'],
      ritaAnswer(8),
    );
    expect(replies.filter((line) => /^\d{3} /.test(line)).map((line) => line.slice(0, 3))).toEqual([
      '220',
      '250',
      '250',
      '250',
      '550',
      '354',
      '250',
      '250',
      '250',
      '354',
      '250',
      '221',
    ]);
    expect(await rows('SELECT id FROM messages')).toHaveLength(2);
  });

  it('offers STARTTLS with the configured certificate, and none without one', async () => {
    const certificate = await readFile(join(certDir, 'cert.pem'), 'utf8');
    const secure = transport({
      ignoreTLS: false,
      requireTLS: true,
      tls: { ca: certificate, servername: 'localhost' },
    });
    const info = await secure.sendMail({
      envelope: { from: 'rita@threadline.example', to: address },
      raw: ritaAnswer(9),
    });
    expect(info.response).toMatch(/^250/);

    await receiver.close();
    await app.close();
    await open({ THREADLINE_CAPTURE_TLS_CERT: '', THREADLINE_CAPTURE_TLS_KEY: '' });
    await expect(
      transport({ ignoreTLS: false, requireTLS: true }).sendMail({
        envelope: { from: 'rita@threadline.example', to: address },
        raw: ritaAnswer(9),
      }),
    ).rejects.toMatchObject({ code: 'ETLS' });
  });
});

/**
 * Sends each transaction's commands in one write, as a pipelining client
 * does (RFC 2920), then its data once the server said 354; returns every
 * reply line.
 */
async function pipelined(
  port: number,
  first: string[],
  firstData: string,
  second: string[],
  secondData: string,
): Promise<string[]> {
  const socket = connect(port, '127.0.0.1');
  const lines: string[] = [];
  let buffer = '';
  const waiters: { test: (line: string) => boolean; resolve: () => void }[] = [];
  socket.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('latin1');
    const parts = buffer.split('\r\n');
    buffer = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      for (const waiter of waiters.splice(0)) {
        if (waiter.test(line)) waiter.resolve();
        else waiters.push(waiter);
      }
    }
  });
  const until = (test: (line: string) => boolean, after = lines.length) =>
    lines.slice(after).some(test)
      ? Promise.resolve()
      : new Promise<void>((resolve) => waiters.push({ test, resolve }));
  await until((line) => line.startsWith('220 '));
  let mark = lines.length;
  socket.write(`${first.join('\r\n')}\r\n`);
  await until((line) => line.startsWith('354 '), mark);
  mark = lines.length;
  socket.write(`${firstData}\r\n.\r\n${second.join('\r\n')}\r\n`);
  await until((line) => line.startsWith('354 '), mark);
  mark = lines.length;
  socket.write(`${secondData}\r\n.\r\nQUIT\r\n`);
  await until((line) => line.startsWith('221 '), mark);
  socket.end();
  return lines;
}
