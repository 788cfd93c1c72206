import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import { startDovecot, type DovecotServer } from '../../../test/support/dovecot.js';
import { openTestApp } from '../../../test/support/test-app.js';
import type { App } from '../../app/open-app.js';
import { testMailboxConnection } from '../../services/mailboxes/test-connection.js';
import { startBackgroundSync } from '../../services/sync/background-sync.js';
import { buildHttpApp, type HttpApp } from '../app.js';
import { mailboxRoutes } from './mailbox-routes.js';

const imapPassword = 'Sup3r-secret-imap';

let dovecot: DovecotServer;
/** A loopback service that is no mail server: it records every connection made to it. */
let internal: Server;
let internalPort: number;
let internalConnections = 0;
/** An OAuth2 token endpoint an admin configured; it records the grants it is sent. */
let tokenServer: HttpServer;
let tokenEndpoint: string;
const grants: URLSearchParams[] = [];

beforeAll(async () => {
  internal = createServer((socket) => {
    internalConnections += 1;
    socket.end('* OK internal service\r\n');
  });
  await new Promise<void>((resolve) => internal.listen(0, '127.0.0.2', resolve));
  internalPort = (internal.address() as AddressInfo).port;
  tokenServer = createHttpServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += String(chunk)));
    request.on('end', () => {
      grants.push(new URLSearchParams(body));
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ access_token: 'corp-access', expires_in: 3600 }));
    });
  });
  await new Promise<void>((resolve) => tokenServer.listen(0, '127.0.0.1', resolve));
  tokenEndpoint = `http://127.0.0.1:${(tokenServer.address() as AddressInfo).port}/token`;
  dovecot = await startDovecot();
  await dovecot.addUser('rep', imapPassword);
  await dovecot.appendMessage(
    'rep',
    'INBOX',
    'From: buyer@customer.example\r\nTo: rep@threadline.example\r\nSubject: Hi\r\nMessage-ID: <hi@customer.example>\r\n\r\nHello\r\n',
  );
}, 30_000);
afterAll(async () => {
  await dovecot?.stop();
  internal?.close();
  tokenServer?.close();
});

describe.each(testBackends())('mailbox API on the %s backend', (backend) => {
  let core: App;
  let app: HttpApp;
  let background: Awaited<ReturnType<typeof startBackgroundSync>>;
  let repToken: string;
  let peerToken: string;

  beforeAll(async () => {
    // Dovecot's loopback address is allowed; the other loopback service is not, though its port is.
    core = await openTestApp(backend, {
      THREADLINE_MAIL_PORTS: [dovecot.port, dovecot.tlsPort, internalPort].join(','),
      THREADLINE_OAUTH_PROVIDERS: `corp=${tokenEndpoint}`,
    });
    background = await startBackgroundSync({
      ...core,
      queue: 'in-process',
      maxMessageBytes: 1e7,
      pollSeconds: 3600,
    });
    app = await buildHttpApp(core, {
      webRoot: null,
      secureCookies: false,
      localCliToken: null,
      logLevel: 'silent',
      plugins: [
        mailboxRoutes(core.mailboxes, {
          testConnection: (input) =>
            testMailboxConnection(input, core.mailboxes.access, () => Date.now()),
          requestSync: (mailbox) => background.requestSync(mailbox),
        }),
      ],
    });
    for (const email of ['rep@threadline.example', 'peer@threadline.example']) {
      await core.auth.addUser({ email, name: email, role: 'rep', password: null });
    }
    await core.database.query(`INSERT INTO accounts (name) VALUES ('Customer')`);
    await core.database.query(
      `INSERT INTO account_domains (account_id, domain, position) SELECT id, 'customer.example', 0 FROM accounts`,
    );
    await core.directory.invalidate();
    repToken = (await core.auth.createApiToken('rep@threadline.example', 't')).token;
    peerToken = (await core.auth.createApiToken('peer@threadline.example', 't')).token;
  });
  afterAll(async () => {
    await app.close();
    await background.stop();
    await core.close();
  });

  const settings = (password: string, port = dovecot.port) => ({
    label: 'Work',
    imap: { host: dovecot.host, port, security: 'none', user: 'rep' },
    auth: { kind: 'password', password },
  });
  const as = (token: string) => ({ authorization: `Bearer ${token}` });

  it('tests a connection: AUTH_FAILED for a wrong password, the folders when it works', async () => {
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/mailboxes/test',
      headers: as(repToken),
      payload: settings('nope-nope'),
    });
    expect(wrong.json()).toMatchObject({ ok: false, code: 'AUTH_FAILED' });
    const right = await app.inject({
      method: 'POST',
      url: '/api/mailboxes/test',
      headers: as(repToken),
      payload: settings(imapPassword),
    });
    expect(right.json()).toMatchObject({
      ok: true,
      folders: expect.arrayContaining([expect.objectContaining({ path: 'INBOX' })]),
    });
  });

  it('rejects invalid settings with the field that is wrong', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/mailboxes',
      headers: as(repToken),
      payload: { ...settings(imapPassword), imap: { ...settings(imapPassword).imap, port: 70000 } },
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('port');
  });

  it('connects a mailbox, syncs it in the background, reports health, and never returns the password', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/mailboxes',
      headers: as(repToken),
      payload: settings(imapPassword),
    });
    expect(created.statusCode).toBe(201);
    expect(created.body).not.toContain(imapPassword);
    const { id } = created.json<{ id: string }>();

    let status: { state: string; folders: { path: string; captured: number }[] } | null = null;
    for (let i = 0; i < 100 && status?.state !== 'live'; i += 1) {
      await new Promise((r) => setTimeout(r, 100));
      status = (
        await app.inject({ url: `/api/mailboxes/${id}/status`, headers: as(repToken) })
      ).json();
    }
    expect(status?.state).toBe('live');
    expect(status?.folders.find((f) => f.path === 'INBOX')?.captured).toBe(1);

    const list = await app.inject({ url: '/api/mailboxes', headers: as(repToken) });
    expect(list.body).not.toContain(imapPassword);
    const peer = await app.inject({ url: `/api/mailboxes/${id}/status`, headers: as(peerToken) });
    expect(peer.statusCode).toBe(404);
    expect((await app.inject({ url: '/api/mailboxes', headers: as(peerToken) })).json()).toEqual(
      [],
    );
  });

  describe('after connecting', () => {
    let serial = 0;
    /** A mailbox of its own on the server, connected by the rep and synced once. */
    /** `old` messages the server received 100 days ago come first. */
    const connected = async (messages: number, choices: object = {}, old = 0) => {
      serial += 1;
      const user = `after-${backend}-${serial}`;
      await dovecot.addUser(user, imapPassword);
      for (let i = 0; i < old; i += 1) {
        await append(user, `${serial}-old-${i}`, new Date(Date.now() - 100 * 86_400_000));
      }
      for (let i = 0; i < messages; i += 1) await append(user, `${serial}-${i}`);
      const created = await app.inject({
        method: 'POST',
        url: '/api/mailboxes',
        headers: as(repToken),
        payload: {
          ...settings(imapPassword),
          label: user,
          imap: { ...settings('').imap, user },
          ...choices,
        },
      });
      expect(created.statusCode).toBe(201);
      const id = created.json<{ id: string }>().id;
      await waitFor(id, (status) => status.state === 'live' && captured(status) === messages);
      return { id, user };
    };
    const append = (user: string, key: string, receivedAt?: Date) =>
      dovecot.appendMessage(
        user,
        'INBOX',
        `From: buyer@customer.example\r\nTo: rep@threadline.example\r\nSubject: ${key}\r\nMessage-ID: <${key}@customer.example>\r\n\r\nHello\r\n`,
        [],
        receivedAt,
      );
    type Status = {
      state: string;
      stateText: string;
      message: string | null;
      folders: { path: string; captured: number }[];
    };
    const statusOf = async (id: string) =>
      (
        await app.inject({ url: `/api/mailboxes/${id}/status`, headers: as(repToken) })
      ).json<Status>();
    const captured = (status: Status) => status.folders.find((f) => f.path === 'INBOX')?.captured;
    const waitFor = async (id: string, done: (status: Status) => boolean) => {
      let status = await statusOf(id);
      for (let i = 0; i < 100 && !done(status); i += 1) {
        await new Promise((r) => setTimeout(r, 100));
        status = await statusOf(id);
      }
      expect(done(status), JSON.stringify(status)).toBe(true);
      return status;
    };
    const sealedCredentials = async (id: string) =>
      (
        await core.database.query<{ credentials: string }>(
          'SELECT credentials FROM mailboxes WHERE id = $1',
          [id],
        )
      )[0]?.credentials;
    const patch = (id: string, payload: object, token = repToken) =>
      app.inject({ method: 'PATCH', url: `/api/mailboxes/${id}`, headers: as(token), payload });

    it('edits settings, and answers 404 to someone else and 400 naming a bad field', async () => {
      const { id } = await connected(0);
      const edited = await patch(id, {
        label: 'Renamed',
        activityWindowDays: 60,
        statsWindowDays: 365,
        dataScope: 'metadata',
        captureMode: 'review',
        createContacts: true,
        folders: ['INBOX'],
      });
      expect(edited.statusCode).toBe(200);
      expect(edited.json()).toMatchObject({
        label: 'Renamed',
        activityWindowDays: 60,
        statsWindowDays: 365,
        dataScope: 'metadata',
        captureMode: 'review',
        createContacts: true,
        folders: ['INBOX'],
      });
      expect((await patch(id, { label: 'Mine now' }, peerToken)).statusCode).toBe(404);
      for (const [field, payload] of [
        ['activityWindowDays', { activityWindowDays: -1 }],
        ['dataScope', { dataScope: 'everything' }],
        ['label', { label: '' }],
      ] as const) {
        const bad = await patch(id, payload);
        expect(bad.statusCode, field).toBe(400);
        expect(bad.json()).toMatchObject({
          error: { code: 'VALIDATION_FAILED', message: expect.stringContaining(field) },
        });
      }
      const after = await app.inject({ url: '/api/mailboxes', headers: as(repToken) });
      expect(after.json<{ id: string; label: string }[]>().find((m) => m.id === id)?.label).toBe(
        'Renamed',
      );
    });

    it('tests a new password before saving it: a wrong one is AUTH_FAILED and nothing changes', async () => {
      const { id } = await connected(0);
      const before = await sealedCredentials(id);
      const wrong = await patch(id, {
        label: 'Not saved',
        auth: { kind: 'password', password: 'wrong-password' },
      });
      expect(wrong.statusCode).toBe(422);
      expect(wrong.json()).toMatchObject({ error: { code: 'AUTH_FAILED' } });
      expect(await sealedCredentials(id)).toBe(before);
      expect((await statusOf(id)).state).toBe('live');
      const right = await patch(id, { auth: { kind: 'password', password: imapPassword } });
      expect(right.statusCode).toBe(200);
      expect(right.body).not.toContain(imapPassword);
      expect(await sealedCredentials(id)).not.toBe(before);
    });

    it('back-fills the older mail a widened window takes in', async () => {
      const { id } = await connected(1, { activityWindowDays: 30, statsWindowDays: 30 }, 1);
      const widened = await patch(id, { statsWindowDays: 180 });
      expect(widened.statusCode).toBe(200);
      await waitFor(id, (status) => status.state === 'live' && captured(status) === 2);
    });

    it('reads "needs new password" with the server\'s words once the server refuses the password', async () => {
      const { id, user } = await connected(0);
      await dovecot.addUser(user, 'changed-on-the-server');
      // Dovecot reads a changed password file about once a second.
      await new Promise((r) => setTimeout(r, 1500));
      await app.inject({ method: 'POST', url: `/api/mailboxes/${id}/sync`, headers: as(repToken) });
      const status = await waitFor(id, (s) => s.state === 'failed');
      expect(status.stateText).toBe('needs new password');
      expect(status.message).toContain('refused the user name or password (it said: "');
      expect(status.message).toMatch(/authentication failed/i);
      const notices = await core.database.query<{ text: string }>(
        `SELECT text FROM notices WHERE kind = 'needs_new_password' AND mailbox_id = $1`,
        [id],
      );
      expect(notices.map((notice) => notice.text)).toEqual([
        expect.stringContaining('needs a new password: 127.0.0.1 refused'),
      ]);
    });

    it('takes in no mail while paused, and what arrived meanwhile after resuming', async () => {
      const { id, user } = await connected(1);
      const paused = await app.inject({
        method: 'POST',
        url: `/api/mailboxes/${id}/pause`,
        headers: as(repToken),
      });
      expect(paused.json()).toMatchObject({ pausedAt: expect.any(String) });
      await append(user, `while-paused-${backend}`);
      await app.inject({ method: 'POST', url: `/api/mailboxes/${id}/sync`, headers: as(repToken) });
      await new Promise((r) => setTimeout(r, 1500));
      const during = await statusOf(id);
      expect(during.state).toBe('paused');
      expect(captured(during)).toBe(1);
      const other = await app.inject({
        method: 'POST',
        url: `/api/mailboxes/${id}/resume`,
        headers: as(peerToken),
      });
      expect(other.statusCode).toBe(404);
      await app.inject({
        method: 'POST',
        url: `/api/mailboxes/${id}/resume`,
        headers: as(repToken),
      });
      await waitFor(id, (status) => status.state === 'live' && captured(status) === 2);
    });

    const messageCount = async (key: string) =>
      (
        await core.database.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM messages WHERE message_key LIKE $1`,
          [`<${key}%`],
        )
      )[0]?.n;

    it('disconnects keeping the mail: messages stay, the mailbox is no longer listed', async () => {
      const { id } = await connected(2);
      const key = String(serial);
      const refused = await app.inject({
        method: 'DELETE',
        url: `/api/mailboxes/${id}?keepMail=true`,
        headers: as(peerToken),
      });
      expect(refused.statusCode).toBe(404);
      expect(
        (await app.inject({ method: 'DELETE', url: `/api/mailboxes/${id}`, headers: as(repToken) }))
          .statusCode,
      ).toBe(400);
      const done = await app.inject({
        method: 'DELETE',
        url: `/api/mailboxes/${id}?keepMail=true`,
        headers: as(repToken),
      });
      expect(done.json()).toEqual({ messagesDeleted: 0, filesRemoved: 0 });
      expect(await messageCount(key)).toBe(2);
      const list = await app.inject({ url: '/api/mailboxes', headers: as(repToken) });
      expect(list.json<{ id: string }[]>().map((m) => m.id)).not.toContain(id);
      expect(
        (await app.inject({ url: `/api/mailboxes/${id}/status`, headers: as(repToken) }))
          .statusCode,
      ).toBe(404);
      const audit = await core.database.query<{ action: string }>(
        `SELECT action FROM audit_log WHERE target_id = $1`,
        [id],
      );
      expect(audit.map((row) => row.action)).toEqual(['mailbox.disconnect']);
    });

    it('disconnects deleting the mail only it held; a message another mailbox holds stays', async () => {
      const { id } = await connected(2);
      const key = String(serial);
      const { id: otherId, user: other } = await connected(0);
      // The very same message, as a colleague on the thread has it too.
      await append(other, `${key}-0`);
      await app.inject({
        method: 'POST',
        url: `/api/mailboxes/${otherId}/sync`,
        headers: as(repToken),
      });
      await waitFor(otherId, (status) => captured(status) === 1);
      const done = await app.inject({
        method: 'DELETE',
        url: `/api/mailboxes/${id}?keepMail=false`,
        headers: as(repToken),
      });
      expect(done.statusCode).toBe(200);
      expect(done.json()).toMatchObject({ messagesDeleted: 1 });
      expect(await messageCount(`${key}-`)).toBe(1);
      expect(await core.database.query('SELECT id FROM mailboxes WHERE id = $1', [id])).toEqual([]);
    });
  });

  describe('server-side requests', () => {
    beforeEach(() => {
      grants.length = 0;
    });
    const postAsRep = (url: string, payload: object) =>
      app.inject({ method: 'POST', url, headers: as(repToken), payload });
    const aimedAt = (host: string, port: number) => ({
      ...settings(imapPassword),
      label: `Aimed at ${host}:${port}`,
      imap: { host, port, security: 'none', user: 'rep' },
    });
    const mailboxCount = async () =>
      (await core.database.query<{ n: number }>('SELECT count(*)::int AS n FROM mailboxes'))[0]?.n;

    it('refuses, before connecting, hosts the policy denies and ports that are no mail ports', async () => {
      const before = await mailboxCount();
      for (const [host, port] of [
        ['127.0.0.2', internalPort],
        ['::ffff:127.0.0.2', internalPort],
        ['127.0.0.1', 5432],
        ['169.254.169.254', 993],
        ['169.254.169.254', 80],
      ] as const) {
        for (const url of ['/api/mailboxes/test', '/api/mailboxes']) {
          const response = await postAsRep(url, aimedAt(host, port));
          expect(response.statusCode, `${url} ${host}:${port}`).toBe(403);
          expect(response.json()).toMatchObject({ error: { code: 'MAIL_HOST_NOT_ALLOWED' } });
        }
      }
      expect(internalConnections).toBe(0);
      expect(await mailboxCount()).toBe(before);
    });

    it('refuses a token endpoint in the request, and a provider nobody configured', async () => {
      const oauth = (auth: Record<string, unknown>) =>
        postAsRep('/api/mailboxes/test', {
          ...settings(imapPassword),
          auth: { kind: 'oauth2', ...auth },
        });
      const grant = { clientId: 'threadline', refreshToken: 'refresh' };
      const smuggled = await oauth({
        ...grant,
        provider: 'corp',
        tokenEndpoint: `http://127.0.0.2:${internalPort}/`,
      });
      expect(smuggled.statusCode).toBe(400);
      expect(smuggled.json()).toMatchObject({
        error: { code: 'VALIDATION_FAILED', message: expect.stringContaining('tokenEndpoint') },
      });
      const unknown = await oauth({ ...grant, provider: 'elsewhere' });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
      expect(grants).toEqual([]);
      expect(internalConnections).toBe(0);
    });

    it('renews an OAuth2 grant at the token endpoint of the provider the admin configured', async () => {
      const response = await postAsRep('/api/mailboxes/test', {
        ...settings(imapPassword),
        auth: { kind: 'oauth2', provider: 'corp', clientId: 'threadline', refreshToken: 'r1' },
      });
      expect(response.statusCode).toBe(200);
      expect(grants.map((grant) => grant.get('refresh_token'))).toEqual(['r1']);
    });

    it('names the field that is too long instead of trying to connect', async () => {
      const base = settings(imapPassword);
      for (const [field, payload] of [
        ['imap.user', { ...base, imap: { ...base.imap, user: 'u'.repeat(1024 * 1024) } }],
        ['imap.host', { ...base, imap: { ...base.imap, host: `${'a'.repeat(250)}.example` } }],
        ['auth.password', { ...base, auth: { kind: 'password', password: 'p'.repeat(5000) } }],
      ] as const) {
        const response = await postAsRep('/api/mailboxes/test', payload);
        expect(response.statusCode, field).toBe(400);
        expect(response.json()).toMatchObject({
          error: { code: 'VALIDATION_FAILED', message: expect.stringContaining(field) },
        });
      }
    });
  });
});
