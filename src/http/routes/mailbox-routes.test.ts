import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import { startDovecot, type DovecotServer } from '../../../test/support/dovecot.js';
import { openTestCore } from '../../../test/support/test-core.js';
import type { Core } from '../../main.js';
import { testMailboxConnection } from '../../services/mailboxes/test-connection.js';
import { startBackgroundSync } from '../../services/sync/background-sync.js';
import { buildHttpApp, type HttpApp } from '../app.js';
import { mailboxRoutes } from './mailbox-routes.js';

const imapPassword = 'Sup3r-secret-imap';

let dovecot: DovecotServer;
beforeAll(async () => {
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
});

describe.each(testBackends())('mailbox API on the %s backend', (backend) => {
  let core: Core;
  let app: HttpApp;
  let background: Awaited<ReturnType<typeof startBackgroundSync>>;
  let repToken: string;
  let peerToken: string;

  beforeAll(async () => {
    core = await openTestCore(backend);
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
          testConnection: (input) => testMailboxConnection(input, () => Date.now()),
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
});
