import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, freePort, type DovecotServer } from '../../../test/support/dovecot.js';
import { isThreadlineError } from '../../core/errors.js';
import type { ImapSettings } from './imap-settings.js';
import { openImapSession } from './imap-session.js';

const password = 'Tr0ub4dor&3-secret';

const message = (n: number, size = 0) =>
  [
    `From: ada@acme.example`,
    `To: sam@northwind.example`,
    `Subject: Message ${n}`,
    `Message-ID: <m${n}@acme.example>`,
    `Date: Mon, 03 Mar 2025 10:00:00 +0000`,
    '',
    `Body ${n} ${'x'.repeat(size)}`,
    '',
  ].join('\r\n');

async function failureOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (isThreadlineError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a failure');
}

describe('IMAP session against a real Dovecot', () => {
  let dovecot: DovecotServer;
  let settings: ImapSettings;

  beforeAll(async () => {
    dovecot = await startDovecot();
    await dovecot.addUser('sam', password);
    for (const n of [1, 2, 3, 4, 5])
      await dovecot.appendMessage('sam', 'INBOX', message(n, n === 5 ? 5000 : 0));
    settings = {
      host: dovecot.host,
      port: dovecot.port,
      security: 'none',
      user: 'sam',
      allowSelfSigned: false,
      auth: { kind: 'password', password },
      connectTimeoutMs: 3000,
    };
  }, 30_000);
  afterAll(async () => {
    await dovecot?.stop();
  });

  it('lists folders with their special use, selecting INBOX and Sent but not Junk, Trash or Drafts', async () => {
    const session = await openImapSession(settings);
    try {
      const folders = await session.listFolders();
      const byPath = new Map(folders.map((f) => [f.path, f]));
      expect(byPath.get('INBOX')?.defaultSelected).toBe(true);
      expect(byPath.get('Sent')).toMatchObject({ specialUse: '\\Sent', defaultSelected: true });
      for (const skipped of ['Junk', 'Trash', 'Drafts']) {
        expect(byPath.get(skipped)?.defaultSelected).toBe(false);
      }
      expect(session.capabilities()).toContain('CONDSTORE');
    } finally {
      await session.close();
    }
  });

  it('fetches messages after a UID in ascending batches, truncating beyond the byte limit', async () => {
    const session = await openImapSession(settings);
    try {
      const status = await session.openFolder('INBOX');
      expect(status.uidValidity).toBeGreaterThan(0);
      expect(status.exists).toBe(5);
      const batches = [];
      for await (const batch of session.fetchSince('INBOX', 1, { batchSize: 2, maxBytes: 1000 })) {
        batches.push(batch);
      }
      expect(batches.map((batch) => batch.map((m) => m.uid))).toEqual([
        [2, 3],
        [4, 5],
      ]);
      const last = batches[1]![1]!;
      expect(last.truncated).toBe(true);
      expect(last.raw.length).toBe(1000);
      expect(last.size).toBeGreaterThan(5000);
      expect(batches[0]![0]!.raw.toString()).toContain('Message-ID: <m2@acme.example>');
      expect(batches[0]![0]!.truncated).toBe(false);
      const none = [];
      for await (const batch of session.fetchSince('INBOX', 5, { batchSize: 10 })) none.push(batch);
      expect(none).toEqual([]);
    } finally {
      await session.close();
    }
  });

  it('wakes up through IDLE when new mail arrives', async () => {
    const session = await openImapSession(settings);
    try {
      const waiting = session.waitForChange('INBOX', new AbortController().signal, 10_000);
      await new Promise((r) => setTimeout(r, 300));
      await dovecot.appendMessage('sam', 'INBOX', message(6));
      expect(await waiting).toBe('exists');
      expect(await session.waitForChange('INBOX', new AbortController().signal, 200)).toBe(
        'timeout',
      );
    } finally {
      await session.close();
    }
  });

  it('answers AUTH_FAILED for a wrong password, without the password in the message', async () => {
    const failure = await failureOf(
      openImapSession({ ...settings, auth: { kind: 'password', password: 'wrong-Secret-123' } }),
    );
    expect(failure.code).toBe('AUTH_FAILED');
    expect(failure.message).not.toContain('wrong-Secret-123');
  });

  it('refuses a self-signed certificate unless the mailbox allows it', async () => {
    const tls = { ...settings, port: dovecot.tlsPort, security: 'tls' as const };
    expect((await failureOf(openImapSession(tls))).code).toBe('TLS_ERROR');
    const session = await openImapSession({ ...tls, allowSelfSigned: true });
    await session.close();
    const startTls = await openImapSession({
      ...settings,
      security: 'starttls',
      allowSelfSigned: true,
    });
    await startTls.close();
  });

  it('answers HOST_UNREACHABLE for a closed port', async () => {
    const port = await freePort();
    expect((await failureOf(openImapSession({ ...settings, port }))).code).toBe('HOST_UNREACHABLE');
  });

  it('answers TIMEOUT when the server never greets', async () => {
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const address = silent.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const failure = await failureOf(
        openImapSession({ ...settings, port, connectTimeoutMs: 500 }),
      );
      expect(failure.code).toBe('TIMEOUT');
    } finally {
      silent.close();
    }
  });

  it('answers FOLDER_MISSING for a folder that does not exist', async () => {
    const session = await openImapSession(settings);
    try {
      expect((await failureOf(session.openFolder('No/Such/Folder'))).code).toBe('FOLDER_MISSING');
    } finally {
      await session.close();
    }
  });
});
