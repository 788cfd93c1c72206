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
