import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type DovecotServer } from './dovecot.js';
import {
  commandHas,
  commandIs,
  commandReader,
  startImapFaultProxy,
  type ImapFaultProxy,
} from './imap-fault-proxy.js';
import { plainImapClient } from './plain-imap-client.js';

const user = 'proxied';
const password = 'proxy-Pa55!';
const mail = (n: number) =>
  `From: a@example.com\r\nSubject: ${n}\r\nMessage-ID: <p${n}@example.com>\r\n\r\nBody ${n}\r\n`;

let dovecot: DovecotServer;
let proxy: ImapFaultProxy;
beforeAll(async () => {
  dovecot = await startDovecot();
  await dovecot.addUser(user, password);
  for (const n of [1, 2, 3]) await dovecot.appendMessage(user, 'INBOX', mail(n));
  proxy = await startImapFaultProxy({ host: dovecot.host, port: dovecot.port });
}, 30_000);
afterAll(async () => {
  await proxy?.stop();
  await dovecot?.stop();
});

/** A plain client through the proxy; a lost connection is left for the test to see. */
async function throughProxy(): Promise<ImapFlow> {
  const client = await plainImapClient(proxy.port, user, password);
  client.on('error', () => undefined);
  return client;
}

async function uidsOf(client: ImapFlow): Promise<number[]> {
  const uids: number[] = [];
  for await (const message of client.fetch('1:*', { uid: true }, { uid: true })) {
    uids.push(message.uid);
  }
  return uids;
}

describe('the fault-injecting IMAP proxy', () => {
  it('passes a connection through unchanged and names each command it carries', async () => {
    const client = await throughProxy();
    await client.mailboxOpen('INBOX', { readOnly: true });
    expect(await uidsOf(client)).toEqual([1, 2, 3]);
    await client.logout();
    const names = proxy.commands.map((command) => command.name);
    expect(names).toEqual(
      expect.arrayContaining(['AUTHENTICATE', 'LIST', 'EXAMINE', 'UID FETCH', 'LOGOUT']),
    );
    expect(proxy.commands.find((c) => c.name === 'EXAMINE')?.line).toMatch(/^\S+ EXAMINE "?INBOX/);
  });

  it('drops the connection at the n-th matching command, before the server sees it', async () => {
    const client = await throughProxy();
    await client.mailboxOpen('INBOX', { readOnly: true });
    const fault = proxy.inject({
      on: commandIs('UID FETCH'),
      occurrence: 2,
      action: { kind: 'drop' },
    });
    expect(await uidsOf(client)).toEqual([1, 2, 3]);
    expect(fault.struck).toBeNull();
    await expect(uidsOf(client)).rejects.toThrow();
    expect(fault.struck?.name).toBe('UID FETCH');
    expect(client.usable).toBe(false);
  });

  it("answers BYE at a command whose line holds a word, and the client hears the proxy's words", async () => {
    const client = await throughProxy();
    await client.mailboxOpen('INBOX', { readOnly: true });
    const fault = proxy.inject({
      on: commandHas('UID FETCH', 'CHANGEDSINCE'),
      action: { kind: 'bye', text: 'Shutting down for the test' },
    });
    const closed = new Promise((resolve) => client.once('close', resolve));
    await expect(
      (async () => {
        for await (const _ of client.fetch(
          '1:*',
          { flags: true },
          { uid: true, changedSince: 1n },
        )) {
          // Nothing comes before the BYE.
        }
      })(),
    ).rejects.toThrow();
    await closed;
    expect(fault.struck?.line).toContain('CHANGEDSINCE');
  });

  it('holds a command for the delay it is given, then lets it through', async () => {
    const client = await throughProxy();
    const fault = proxy.inject({ on: commandIs('EXAMINE'), action: { kind: 'delay', ms: 600 } });
    const started = performance.now();
    const opened = await client.mailboxOpen('INBOX', { readOnly: true });
    expect(performance.now() - started).toBeGreaterThanOrEqual(550);
    expect(opened.exists).toBe(3);
    expect(fault.struck?.name).toBe('EXAMINE');
    await client.logout();
  });

  it('lets a client give up on a command held past its inactivity timeout', async () => {
    const client = new ImapFlow({
      host: proxy.host,
      port: proxy.port,
      secure: false,
      doSTARTTLS: false,
      auth: { user, pass: password },
      logger: false,
      socketTimeout: 500,
    });
    client.on('error', () => undefined);
    await client.connect();
    proxy.inject({ on: commandIs('EXAMINE'), action: { kind: 'delay', ms: 3000 } });
    const started = performance.now();
    await expect(client.mailboxOpen('INBOX', { readOnly: true })).rejects.toThrow();
    expect(performance.now() - started).toBeLessThan(2500);
  });

  it('drops the connection while an IDLE runs, the given time after the server saw it', async () => {
    const client = await throughProxy();
    await client.mailboxOpen('INBOX', { readOnly: true });
    const fault = proxy.inject({ on: commandIs('IDLE'), action: { kind: 'drop' }, afterMs: 300 });
    const closed = new Promise((resolve) => client.once('close', resolve));
    const started = performance.now();
    void client.idle().catch(() => undefined);
    await closed;
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);
    expect(fault.struck?.name).toBe('IDLE');
  });
});

describe('a proxy that rewrites commands', () => {
  it('hands the server the rewritten line, and records the one the client sent', async () => {
    const rewriting = await startImapFaultProxy(
      { host: dovecot.host, port: dovecot.port },
      { rewrite: (line) => line.replace(/ UID FETCH 1:\* /, ' UID FETCH 2 ') },
    );
    try {
      const client = await plainImapClient(rewriting.port, user, password);
      await client.mailboxOpen('INBOX', { readOnly: true });
      expect(await uidsOf(client)).toEqual([2]);
      await client.logout();
      expect(rewriting.commands.find((c) => c.name === 'UID FETCH')?.line).toContain('1:*');
    } finally {
      await rewriting.stop();
    }
  });
});

describe('reading client commands', () => {
  it('skips literals, so a message carried by APPEND is never read as commands', () => {
    const reader = commandReader();
    const body = 'A9 LOGOUT\r\nB1 DELETE INBOX\r\n';
    const pieces = [
      ...reader.read(
        Buffer.from(`A1 APPEND INBOX (\\Seen) {${body.length}+}\r\n${body.slice(0, 5)}`),
      ),
      ...reader.read(Buffer.from(`${body.slice(5)}\r\nA2 UID FETCH 1:* (FLAGS)\r\nDONE\r\n`)),
    ];
    const commands = pieces.flatMap((piece) => (piece.command ? [piece.command.name] : []));
    expect(commands).toEqual(['APPEND', 'UID FETCH']);
    expect(Buffer.concat(pieces.map((piece) => piece.bytes)).toString()).toBe(
      `A1 APPEND INBOX (\\Seen) {${body.length}+}\r\n${body}\r\nA2 UID FETCH 1:* (FLAGS)\r\nDONE\r\n`,
    );
  });

  it('reads nothing more once the connection turns to TLS', () => {
    const reader = commandReader();
    const pieces = reader.read(Buffer.from('A1 STARTTLS\r\n\u0016\u0003\u0001A2 LOGOUT\r\n'));
    expect(pieces.map((piece) => piece.command?.name ?? null)).toEqual(['STARTTLS', null]);
    expect(reader.read(Buffer.from('A3 NOOP\r\n'))[0]!.command).toBeNull();
  });
});
