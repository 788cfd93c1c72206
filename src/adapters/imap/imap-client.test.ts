import { createServer, type Server, type Socket } from 'node:net';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startDovecot, type DovecotServer } from '../../../test/support/dovecot.js';
import { commandIs, startImapFaultProxy } from '../../../test/support/imap-fault-proxy.js';
import { eventually } from '../../../test/support/worker-process.js';
import { isThreadlineError } from '../../core/errors.js';
import { reattachParts } from '../mime/detached-parts.js';
import { parseMessageWithContent } from '../mime/parse-message.js';
import { openImapSession, type ImapSession } from './imap-client.js';
import type { DetachedPart, FetchedMessage } from '../../services/sync/mail-source.js';
import type { ImapSettings } from './imap-settings.js';

const password = 'Tr0ub4dor&3-horse-battery';

const message = (n: number, bodyBytes = 20) =>
  [
    'From: Ada <ada@acme.example>',
    'To: Sam <sam@northwind.example>',
    `Subject: Message ${n}`,
    `Message-ID: <m${n}@acme.example>`,
    'Date: Mon, 03 Mar 2025 10:00:00 +0000',
    '',
    `Body ${n} ${'x'.repeat(bodyBytes)}`,
    '',
  ].join('\r\n');

const contentOf = (part: DetachedPart) => ('content' in part ? Buffer.from(part.content) : null);

let dovecot: DovecotServer;
let plain: ImapSettings;

/** The error a failing call ends with, as code and message. */
async function failureOf(work: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await work;
  } catch (error) {
    if (isThreadlineError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected the call to fail');
}

async function withSession<T>(
  settings: ImapSettings,
  work: (session: ImapSession) => Promise<T>,
): Promise<T> {
  const session = await openImapSession(settings);
  try {
    return await work(session);
  } finally {
    await session.close();
  }
}

async function collectBatches(
  session: ImapSession,
  path: string,
  afterUid: number,
  options: { batchSize: number; maxBytes?: number; sinceDate?: Date },
) {
  const batches = [];
  for await (const batch of session.fetchSince(path, afterUid, options)) batches.push(batch);
  return batches;
}

beforeAll(async () => {
  dovecot = await startDovecot();
  await dovecot.addUser('sam', password);
  await dovecot.addUser('ada', password);
  for (const n of [1, 2, 3, 4, 5]) {
    const flags = n === 2 ? ['\\Seen', '\\Flagged'] : [];
    await dovecot.appendMessage('sam', 'INBOX', message(n, n === 5 ? 5_000 : 20), flags);
  }
  await dovecot.writeMaildirMessages('sam', 'Projects/Acme', [Buffer.from(message(6))]);
  plain = {
    host: dovecot.host,
    port: dovecot.port,
    security: 'none',
    user: 'sam',
    allowSelfSigned: false,
    auth: { kind: 'password', password },
    connectTimeoutMs: 3_000,
  };
});

afterAll(async () => {
  await dovecot?.stop();
});

describe('signing in', () => {
  it('signs in with a password and reports the server capabilities', async () => {
    const capabilities = await withSession(plain, async (session) => session.capabilities());
    expect(capabilities).toEqual(expect.arrayContaining(['IMAP4rev1', 'IDLE', 'CONDSTORE']));
  });

  it('reports a wrong password as AUTH_FAILED, suggesting an app password', async () => {
    const failure = await failureOf(
      openImapSession({ ...plain, auth: { kind: 'password', password: `${password}-wrong` } }),
    );
    expect(failure.code).toBe('AUTH_FAILED');
    expect(failure.message).toMatch(/user name or password/);
    expect(failure.message).toMatch(/app password/);
  });

  it('refuses the self-signed certificate of the TLS port as TLS_ERROR', async () => {
    const failure = await failureOf(
      openImapSession({ ...plain, port: dovecot.tlsPort, security: 'tls' }),
    );
    expect(failure.code).toBe('TLS_ERROR');
    expect(failure.message).toMatch(/self-signed certificate/);
  });

  it('accepts the self-signed certificate of the TLS port when the mailbox allows it', async () => {
    const settings: ImapSettings = {
      ...plain,
      port: dovecot.tlsPort,
      security: 'tls',
      allowSelfSigned: true,
    };
    const folders = await withSession(settings, (session) => session.listFolders());
    expect(folders.map((f) => f.path)).toContain('INBOX');
  });

  it('upgrades the plain port with STARTTLS, refusing the self-signed certificate unless allowed', async () => {
    const starttls: ImapSettings = { ...plain, security: 'starttls' };
    expect((await failureOf(openImapSession(starttls))).code).toBe('TLS_ERROR');
    const folders = await withSession({ ...starttls, allowSelfSigned: true }, (session) =>
      session.listFolders(),
    );
    expect(folders.map((f) => f.path)).toContain('INBOX');
  });

  it('connects to the vetted address, naming the server for TLS and in errors', async () => {
    // The name does not resolve: only the address can have carried the connection.
    const named: ImapSettings = {
      ...plain,
      host: 'imap.threadline.invalid',
      address: dovecot.host,
      port: dovecot.tlsPort,
      security: 'tls',
    };
    const folders = await withSession({ ...named, allowSelfSigned: true }, (session) =>
      session.listFolders(),
    );
    expect(folders.map((f) => f.path)).toContain('INBOX');
    const failure = await failureOf(openImapSession(named));
    expect(failure.code).toBe('TLS_ERROR');
    expect(failure.message).toContain('imap.threadline.invalid');
  });

  it('reports TLS spoken to a plain port as TLS_ERROR', async () => {
    const failure = await failureOf(
      openImapSession({ ...plain, security: 'tls', allowSelfSigned: true }),
    );
    expect(failure.code).toBe('TLS_ERROR');
  });

  it('reports a port nobody listens on as HOST_UNREACHABLE', async () => {
    const failure = await failureOf(openImapSession({ ...plain, port: await freePort() }));
    expect(failure.code).toBe('HOST_UNREACHABLE');
    expect(failure.message).toMatch(/ECONNREFUSED/);
  });

  it('gives up on a server that accepts but never greets, as TIMEOUT, after connectTimeoutMs', async () => {
    const sockets = new Set<Socket>();
    const silent: Server = createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const address = silent.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const started = Date.now();
      const failure = await failureOf(openImapSession({ ...plain, port, connectTimeoutMs: 1_000 }));
      expect(failure.code).toBe('TIMEOUT');
      expect(Date.now() - started).toBeLessThan(4_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('never puts the password in an error message', async () => {
    const failures = await Promise.all([
      failureOf(
        openImapSession({ ...plain, auth: { kind: 'password', password: `${password}!` } }),
      ),
      failureOf(openImapSession({ ...plain, port: dovecot.tlsPort, security: 'tls' })),
      failureOf(openImapSession({ ...plain, port: await freePort() })),
      withSession(plain, (session) => failureOf(session.openFolder('Nowhere'))),
    ]);
    for (const failure of failures) expect(failure.message).not.toContain(password);
  });
});

describe('folders', () => {
  it('lists folders with their special use, selecting INBOX, Sent and user folders by default', async () => {
    const folders = await withSession(plain, (session) => session.listFolders());
    const byPath = new Map(folders.map((f) => [f.path, f]));
    expect(byPath.get('INBOX')).toMatchObject({ specialUse: '\\Inbox', defaultSelected: true });
    expect(byPath.get('Sent')).toMatchObject({ specialUse: '\\Sent', defaultSelected: true });
    expect(byPath.get('Projects/Acme')).toMatchObject({
      name: 'Acme',
      delimiter: '/',
      specialUse: null,
      defaultSelected: true,
    });
    for (const [path, specialUse] of [
      ['Drafts', '\\Drafts'],
      ['Junk', '\\Junk'],
      ['Trash', '\\Trash'],
    ]) {
      expect(byPath.get(path!)).toMatchObject({ specialUse, defaultSelected: false });
    }
  });

  it('leaves out folders that cannot be opened (\\Noselect)', async () => {
    const folders = await withSession(plain, (session) => session.listFolders());
    // Maildir++ holds Projects/Acme without a Projects folder: the parent is listed \Noselect.
    expect(folders.map((f) => f.path)).not.toContain('Projects');
  });

  it('opens a folder with a positive UIDVALIDITY, its next UID, message count and HIGHESTMODSEQ', async () => {
    const status = await withSession(plain, (session) => session.openFolder('INBOX'));
    expect(status.uidValidity).toBeGreaterThan(0);
    expect(status.uidNext).toBe(6);
    expect(status.exists).toBe(5);
    expect(status.highestModseq).toMatch(/^\d+$/);
  });

  it('reports a folder that does not exist as FOLDER_MISSING, when opening or fetching', async () => {
    await withSession(plain, async (session) => {
      expect((await failureOf(session.openFolder('Archive/2019'))).code).toBe('FOLDER_MISSING');
      const fetching = collectBatches(session, 'Archive/2019', 0, { batchSize: 10 });
      expect((await failureOf(fetching)).code).toBe('FOLDER_MISSING');
      // The session stays usable after the refusal.
      expect((await session.openFolder('INBOX')).exists).toBe(5);
    });
  });
});

describe('fetching messages', () => {
  it('yields every message in ascending UID order, in batches of batchSize', async () => {
    const batches = await withSession(plain, (session) =>
      collectBatches(session, 'INBOX', 0, { batchSize: 2 }),
    );
    expect(batches.map((batch) => batch.map((m) => m.uid))).toEqual([[1, 2], [3, 4], [5]]);
    const first = batches[0]![0]!;
    expect(first.raw.toString()).toContain('Subject: Message 1');
    expect(first.size).toBe(first.raw.length);
    expect(first.truncated).toBe(false);
    expect(first.internalDate).toBeInstanceOf(Date);
    expect(first.flags).not.toContain('\\Seen');
    expect(batches[0]![1]!.flags).toEqual(expect.arrayContaining(['\\Seen', '\\Flagged']));
  });

  it('starts after afterUid, and yields nothing when no UID is above it', async () => {
    await withSession(plain, async (session) => {
      const after3 = await collectBatches(session, 'INBOX', 3, { batchSize: 10 });
      expect(after3.flat().map((m) => m.uid)).toEqual([4, 5]);
      // `6:*` matches the last message in IMAP; it must not come back.
      expect(await collectBatches(session, 'INBOX', 5, { batchSize: 10 })).toEqual([]);
    });
  });

  it('cuts messages bigger than maxBytes, marking them truncated with their full size', async () => {
    const messages = (
      await withSession(plain, (session) =>
        collectBatches(session, 'INBOX', 3, { batchSize: 10, maxBytes: 1_000 }),
      )
    ).flat();
    const [small, big] = messages;
    expect(small).toMatchObject({ uid: 4, truncated: false });
    expect(small!.raw.length).toBe(small!.size);
    expect(big).toMatchObject({ uid: 5, truncated: true });
    expect(big!.raw.length).toBe(1_000);
    expect(big!.size).toBeGreaterThan(5_000);
  });

  it('only yields messages received since sinceDate', async () => {
    const tomorrow = new Date(Date.now() + 86_400_000);
    const yesterday = new Date(Date.now() - 86_400_000);
    await withSession(plain, async (session) => {
      expect(
        await collectBatches(session, 'INBOX', 0, { batchSize: 10, sinceDate: tomorrow }),
      ).toEqual([]);
      const recent = await collectBatches(session, 'INBOX', 0, {
        batchSize: 10,
        sinceDate: yesterday,
      });
      expect(recent.flat()).toHaveLength(5);
    });
  });
});

describe('fetching whole messages', () => {
  const wholeMessages = async (session: ImapSession, uids: number[], maxBytes?: number) => {
    const messages = [];
    for await (const message of session.fetchWhole('INBOX', uids, { maxBytes }))
      messages.push(message);
    return messages.sort((a, b) => a.uid - b.uid);
  };
  const lin = (): ImapSettings => ({ ...plain, user: 'lin' });
  const base64Lines = (bytes: Buffer) => bytes.toString('base64').replace(/.{76}/g, '$&\r\n');
  const file = (size: number, seed: number) =>
    Buffer.from(Array.from({ length: size }, (_, i) => (i * 31 + seed * 7 + (i >> 8)) % 256));
  const withFiles = [
    'From: Ada <ada@acme.example>',
    'To: Lin <lin@northwind.example>',
    'Subject: =?UTF-8?Q?Offer_=E2=80=93_files?=',
    'Message-ID: <files@acme.example>',
    'Date: Mon, 03 Mar 2025 10:00:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="outer"',
    '',
    'This is a multi-part message in MIME format.',
    '--outer',
    'Content-Type: multipart/related; boundary="rel"',
    '',
    '--rel',
    'Content-Type: multipart/alternative; boundary="alt"',
    '',
    '--alt',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    'The offer is attached =E2=80=93 see the logo.',
    '--alt',
    'Content-Type: text/html; charset=utf-8',
    '',
    '<p>The offer is attached. <img src="cid:logo@acme"></p>',
    '--alt--',
    '--rel',
    'Content-Type: image/png; name="logo.png"',
    'Content-Transfer-Encoding: base64',
    'Content-ID: <logo@acme>',
    'Content-Disposition: inline; filename="logo.png"',
    '',
    base64Lines(file(40_000, 1)),
    '--rel--',
    '--outer',
    'Content-Type: application/pdf; name="offer.pdf"',
    'Content-Transfer-Encoding: base64',
    'Content-Disposition: attachment; filename="offer.pdf"',
    '',
    base64Lines(file(120_000, 2)),
    '--outer',
    'Content-Type: text/csv; name="prices.csv"',
    'Content-Disposition: attachment; filename="prices.csv"',
    '',
    'item,price\r\nwidget,12',
    '--outer',
    'Content-Type: application/octet-stream; name="small.bin"',
    'Content-Transfer-Encoding: base64',
    'Content-Disposition: attachment; filename="small.bin"',
    '',
    base64Lines(file(2_000, 3)),
    '--outer--',
    '',
  ].join('\r\n');

  beforeAll(async () => {
    await dovecot.addUser('lin', password);
    await dovecot.appendMessage('lin', 'INBOX', withFiles, []);
    await dovecot.appendMessage('lin', 'INBOX', message(7), []);
    await dovecot.appendMessage('lin', 'INBOX', withFiles.replace('<files@', '<files-again@'), []);
  });

  /** The skeleton parsed with its files put back gives the message as parsed whole. */
  const expectSameAsWhole = async (fetched: FetchedMessage) => {
    const fromSkeleton = await reattachParts(
      await parseMessageWithContent(fetched.raw),
      fetched.detached!,
    );
    const fromMessage = await parseMessageWithContent(Buffer.from(withFiles));
    expect({ ...fromSkeleton.message, size: 0 }).toEqual({ ...fromMessage.message, size: 0 });
    // The hashes compared above are of these bytes; the bytes themselves go to the attachment store.
    expect(
      fromSkeleton.attachmentContents.map((content, i) =>
        Buffer.compare(content, fromMessage.attachmentContents[i]!),
      ),
    ).toEqual([0, 0, 0, 0]);
    expect(fromMessage.message.attachments.map((a) => a.filename)).toEqual([
      'logo.png',
      'offer.pdf',
      'prices.csv',
      'small.bin',
    ]);
  };

  it('detaches large files, decoded by the server: the parse with them put back equals the parse of the message', async () => {
    const [whole, small, again] = await withSession(lin(), (session) =>
      wholeMessages(session, [1, 2, 3]),
    );
    expect(whole!.detached?.map((part) => part.marker)).toEqual([
      'threadline detached part 1.2',
      'threadline detached part 2',
    ]);
    expect(whole!.size).toBe(Buffer.byteLength(withFiles));
    expect(whole!.raw.length).toBeLessThan(whole!.size / 10);
    await expectSameAsWhole(whole!);
    // Messages alike in shape come together, each with its own parts.
    expect(again).toMatchObject({ uid: 3, detached: whole!.detached });
    expect(again!.raw.toString()).toBe(whole!.raw.toString().replace('<files@', '<files-again@'));
    // A message without large files comes as the server holds it.
    expect(small!.detached).toBeUndefined();
    expect(small!.raw.toString()).toBe(message(7));
  });

  it('detaches large files from a server without BINARY too, decoding their base64 here', async () => {
    const plainServer = await startDovecot({ withoutCapabilities: ['BINARY'] });
    try {
      await plainServer.addUser('lin', password);
      await plainServer.appendMessage('lin', 'INBOX', withFiles, []);
      const settings = { ...lin(), host: plainServer.host, port: plainServer.port };
      const [capabilities, [whole]] = await withSession(settings, async (session) => [
        session.capabilities(),
        await wholeMessages(session, [1]),
      ]);
      expect(capabilities).toContain('IDLE');
      expect(capabilities).not.toContain('BINARY');
      expect(whole!.detached?.map((part) => contentOf(part)?.length)).toEqual([40_000, 120_000]);
      expect(contentOf(whole!.detached![1]!)?.equals(file(120_000, 2))).toBe(true);
      await expectSameAsWhole(whole!);
    } finally {
      await plainServer.stop();
    }
  });

  it('leaves the large files on the server when only the text is wanted', async () => {
    const [skeleton] = await withSession(lin(), async (session) => {
      const messages = [];
      for await (const message of session.fetchWhole('INBOX', [1], { withoutFiles: true }))
        messages.push(message);
      return messages;
    });
    expect(skeleton!.detached).toBeUndefined();
    expect(skeleton!.raw.length).toBeLessThan(skeleton!.size / 10);
    const parsed = await parseMessageWithContent(skeleton!.raw);
    const whole = await parseMessageWithContent(Buffer.from(withFiles));
    expect([parsed.message.text, parsed.message.html]).toEqual([
      whole.message.text,
      whole.message.html,
    ]);
  });

  it('fetches a message known to be small whole, without a look at its structure', async () => {
    const fetched = await withSession(lin(), async (session) => {
      const messages = [];
      const sizes = new Map([[1, 1_000]]);
      for await (const message of session.fetchWhole('INBOX', [1], { sizes }))
        messages.push(message);
      return messages;
    });
    expect(fetched).toHaveLength(1);
    expect(fetched[0]!.detached).toBeUndefined();
    expect(fetched[0]!.raw.toString()).toBe(withFiles);
  });

  it('leaves a file over maxBytes on the server as too large, and detaches the rest of a message bigger than maxBytes', async () => {
    const [whole] = await withSession(lin(), (session) => wholeMessages(session, [1], 100_000));
    expect(whole).toMatchObject({ uid: 1, truncated: false, size: Buffer.byteLength(withFiles) });
    expect(whole!.size).toBeGreaterThan(100_000);
    expect(whole!.detached?.map((part) => part.marker)).toEqual([
      'threadline detached part 1.2',
      'threadline detached part 2',
    ]);
    expect(contentOf(whole!.detached![0]!)?.equals(file(40_000, 1))).toBe(true);
    const tooLarge = whole!.detached![1]!;
    expect('tooLarge' in tooLarge && tooLarge.tooLarge.size).toBeCloseTo(120_000, -1);

    const parsed = await reattachParts(await parseMessageWithContent(whole!.raw), whole!.detached!);
    const fromMessage = await parseMessageWithContent(Buffer.from(withFiles));
    expect([parsed.message.text, parsed.message.html]).toEqual([
      fromMessage.message.text,
      fromMessage.message.html,
    ]);
    const [logo, offer, prices, small] = parsed.message.attachments;
    expect([logo, prices, small]).toEqual([
      fromMessage.message.attachments[0],
      fromMessage.message.attachments[2],
      fromMessage.message.attachments[3],
    ]);
    expect(offer).toMatchObject({ filename: 'offer.pdf', contentType: 'application/pdf' });
    expect(offer!.contentHash).toBeNull();
    expect(offer!.size).toBeCloseTo(120_000, -1);
    expect(parsed.attachmentContents[1]!.byteLength).toBe(0);
  });

  it('keeps a message cut, nothing detached, when what it holds besides its large files is bigger than maxBytes', async () => {
    const [whole] = await withSession(lin(), (session) => wholeMessages(session, [1], 2_000));
    expect(whole).toMatchObject({ uid: 1, truncated: true });
    expect(whole!.detached).toBeUndefined();
    expect(whole!.raw.length).toBe(2_000);
  });
});

describe('changes', () => {
  const ada = (): ImapSettings => ({ ...plain, user: 'ada' });

  /** Another IMAP client of Ada's changes the folder, as a mail app would. */
  async function asOtherClient(folder: string, change: (client: ImapFlow) => Promise<unknown>) {
    const other = new ImapFlow({
      host: dovecot.host,
      port: dovecot.port,
      secure: false,
      doSTARTTLS: false,
      auth: { user: 'ada', pass: password },
      logger: false,
    });
    await other.connect();
    try {
      await other.mailboxOpen(folder);
      await change(other);
    } finally {
      await other.logout();
    }
  }

  it('reports flags changed since a HIGHESTMODSEQ (CONDSTORE)', async () => {
    await dovecot.appendMessage('ada', 'Sent', message(1));
    await dovecot.appendMessage('ada', 'Sent', message(2));
    await withSession(ada(), async (session) => {
      const before = await session.openFolder('Sent');
      await asOtherClient('Sent', (other) =>
        other.messageFlagsAdd('2', ['\\Flagged'], { uid: true }),
      );
      const changes = await session.changedSince('Sent', before.highestModseq!);
      expect(changes).toEqual({ flags: [{ uid: 2, flags: ['\\Flagged'] }], vanished: [] });
    });
  });

  it('names the UIDs expunged since a HIGHESTMODSEQ (QRESYNC VANISHED)', async () => {
    await dovecot.createFolder('ada', 'Vanishing');
    for (const n of [1, 2, 3]) await dovecot.appendMessage('ada', 'Vanishing', message(n));
    await withSession(ada(), async (session) => {
      expect(session.capabilities()).toContain('QRESYNC');
      const before = await session.openFolder('Vanishing');
      await asOtherClient('Vanishing', (other) => other.messageDelete('2:3', { uid: true }));
      const changes = await session.changedSince('Vanishing', before.highestModseq!);
      expect(changes).toEqual({ flags: [], vanished: [2, 3] });
    });
  });

  it('wakes with "exists" when another client delivers to the folder it waits on', async () => {
    await withSession(ada(), async (session) => {
      const waiting = session.waitForChange('INBOX', new AbortController().signal, 10_000);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await dovecot.appendMessage('ada', 'INBOX', message(7));
      expect(await waiting).toBe('exists');
      // IDLE has ended: the session answers the next command.
      const batches = await collectBatches(session, 'INBOX', 0, { batchSize: 10 });
      expect(batches.flat().map((m) => m.raw.toString())).toEqual([
        expect.stringContaining('Subject: Message 7'),
      ]);
    });
  });

  it('counts mail that arrives while it refreshes a selected folder, which IDLE would not report again', async () => {
    const proxy = await startImapFaultProxy(dovecot);
    try {
      await withSession({ ...ada(), port: proxy.port }, async (session) => {
        const before = await session.openFolder('INBOX');
        // The mail arrives after the STATUS, and this connection is told of it by the NOOP.
        const noop = proxy.inject({ on: commandIs('NOOP'), action: { kind: 'delay', ms: 1500 } });
        const refreshing = session.refreshFolder('INBOX');
        await eventually('the NOOP held', async () => noop.struck !== null, 5000);
        await dovecot.appendMessage('ada', 'INBOX', message(8));
        expect(await refreshing).toMatchObject({
          uidNext: before.uidNext + 1,
          exists: before.exists + 1,
        });
      });
    } finally {
      await proxy.stop();
    }
  });

  it('gives up with "timeout" after timeoutMs, and with "aborted" when the signal aborts', async () => {
    await withSession(ada(), async (session) => {
      expect(await session.waitForChange('INBOX', new AbortController().signal, 150)).toBe(
        'timeout',
      );
      const controller = new AbortController();
      const waiting = session.waitForChange('INBOX', controller.signal, 10_000);
      setTimeout(() => controller.abort(), 100);
      expect(await waiting).toBe('aborted');
      expect(await session.waitForChange('INBOX', controller.signal, 10_000)).toBe('aborted');
      expect((await session.openFolder('INBOX')).exists).toBeGreaterThan(0);
    });
  });
});
