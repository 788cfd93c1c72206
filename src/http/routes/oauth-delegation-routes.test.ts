import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import type { DovecotServer } from '../../../test/support/dovecot.js';
import {
  startDovecotTrusting,
  startOAuthServer,
  type OAuthServer,
} from '../../../test/support/oauth-server.js';
import { storedWithin } from '../../../test/support/stored-within.js';
import { adminCredentials, openTestApp, routesOnlyApp } from '../../../test/support/test-app.js';
import type { App } from '../../app/open-app.js';
import { startBackgroundSync } from '../../services/sync/background-sync.js';
import type { HttpApp } from '../app.js';
import { oauthDelegationRoutes } from './oauth-delegation-routes.js';

let authority: OAuthServer;
let dovecot: DovecotServer;
/** Microsoft's side: an application token opens every mailbox of the tenant's domain. */
let tenantDovecot: DovecotServer;

beforeAll(async () => {
  // Users' tokens shorter than the renewal margin: each use mints a new one, as at expiry.
  authority = await startOAuthServer({ accessTokenSeconds: 30 });
  dovecot = await startDovecotTrusting(authority, ['xoauth2']);
  tenantDovecot = await startDovecotTrusting(authority, ['xoauth2'], 'domain');
}, 60_000);
afterAll(async () => {
  await tenantDovecot?.stop();
  await dovecot?.stop();
  await authority?.stop();
});

type Outcome = { userId: string; email: string | null; status: string; message?: string };

describe.each(testBackends())('onboarding a whole organisation on the %s backend', (backend) => {
  let core: App;
  let http: HttpApp;
  let stopSync: () => Promise<void>;
  let adminToken: string;
  let repToken: string;
  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  const address = (name: string) => `${name}-${backend}@org.example`;
  const [ada, bo, cy, ghost, dee] = ['ada', 'bo', 'cy', 'ghost', 'dee'].map(address) as [
    string,
    string,
    string,
    string,
    string,
  ];
  const idOf = async (email: string) => (await core.auth.findUserByEmail(email))!.id;
  const registerGoogle = (token: string, serviceAccountKey: string) =>
    http.inject({
      method: 'PUT',
      url: '/api/oauth/delegations/google',
      headers: as(token),
      payload: {
        serviceAccountKey,
        imap: { host: dovecot.host, port: dovecot.port, security: 'none' },
      },
    });
  const connect = async (provider: string, emails: readonly string[]) => {
    const response = await http.inject({
      method: 'POST',
      url: `/api/oauth/delegations/${provider}/mailboxes`,
      headers: as(adminToken),
      payload: { userIds: await Promise.all(emails.map(idOf)) },
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<Outcome[]>();
  };

  beforeAll(async () => {
    core = await openTestApp(backend);
    const sync = await startBackgroundSync({
      ...core,
      queue: 'in-process',
      maxMessageBytes: 1e7,
      pollSeconds: 3600,
    });
    stopSync = () => sync.stop();
    http = await routesOnlyApp(core, [
      oauthDelegationRoutes({
        delegations: core.oauthDelegations,
        onboarding: core.delegatedOnboarding,
        requestSync: (mailbox) => sync.requestSync(mailbox),
      }),
    ]);
    for (const email of [ada, bo, cy, ghost, dee]) {
      await core.auth.addUser({ email, name: email, role: 'rep', password: null });
    }
    for (const email of [ada, bo, cy, dee]) {
      await dovecot.addUser(email, 'only-for-appending-test-mail');
      authority.delegation.directory.add(email);
      await dovecot.appendMessage(
        email,
        'INBOX',
        `From: buyer@customer.example\r\nTo: ${email}\r\nSubject: Order for ${email}\r\nMessage-ID: <order-${email}>\r\n\r\nHello\r\n`,
      );
    }
    adminToken = (await core.auth.createApiToken(adminCredentials.email, 't')).token;
    repToken = (await core.auth.createApiToken(ada, 't')).token;
  });
  afterAll(async () => {
    await http?.close();
    await stopSync?.();
    await core?.close();
  });

  it('lets only an admin register the service account, and keeps its key sealed', async () => {
    const key = authority.delegation.serviceAccount.keyJson();
    expect((await registerGoogle(repToken, key)).statusCode).toBe(403);
    const saved = await registerGoogle(adminToken, key);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({
      provider: 'google',
      principal: authority.delegation.serviceAccount.clientEmail,
      scope: 'https://mail.google.com/',
      tokenEndpoint: authority.tokenEndpoint,
    });
    const listed = await http.inject({ url: '/api/oauth/delegations', headers: as(adminToken) });
    expect(listed.body).not.toContain('PRIVATE KEY');
    const [row] = await core.database.query<{ credential: string }>(
      `SELECT credential FROM oauth_delegations WHERE provider = 'google'`,
    );
    expect(row!.credential).not.toContain('PRIVATE KEY');
  });

  it('refuses a key that is no service account key, saying what is wrong', async () => {
    const response = await registerGoogle(adminToken, '{"type":"authorized_user"}');
    expect(response.statusCode).toBe(400);
    expect(response.json<{ error: { message: string } }>().error.message).toMatch(
      /not a service account key.*client_email.*private_key/,
    );
  });

  it('connects three users’ mailboxes at once without their consent, and syncs them', async () => {
    const outcomes = await connect('google', [ada, bo, cy]);
    expect(outcomes.map((o) => [o.email, o.status])).toEqual([
      [ada, 'connected'],
      [bo, 'connected'],
      [cy, 'connected'],
    ]);
    for (const email of [ada, bo, cy]) {
      await storedWithin(core.database, `<order-${email}>`, 20_000);
    }
    const owners = await core.database.query<{ owner: string }>(
      `SELECT u.email AS owner FROM messages m JOIN message_decisions d ON d.message_id = m.id
         JOIN mailboxes mb ON mb.id = d.mailbox_id JOIN users u ON u.id = mb.owner_id
       WHERE m.message_id = ANY($1) ORDER BY u.email`,
      [[ada, bo, cy].map((email) => `<order-${email}>`)],
    );
    expect(owners.map((o) => o.owner)).toEqual([ada, bo, cy].sort());
  });

  it('says why a user the provider does not know fails, while the others connect', async () => {
    const outcomes = await connect('google', [ghost, dee]);
    expect(outcomes[0]).toMatchObject({ email: ghost, status: 'failed', code: 'AUTH_FAILED' });
    expect(outcomes[0]!.message).toContain(`no token for ${ghost}`);
    expect(outcomes[1]).toMatchObject({ email: dee, status: 'connected' });
  });

  it('mints a new token for a user when the kept one is about to expire, there being no refresh token', async () => {
    const first = await core.oauthDelegations.accessToken('google', ada);
    const second = await core.oauthDelegations.accessToken('google', ada);
    expect(second).not.toBe(first);
    const session = await core.openMailboxSession(
      (await core.mailboxes.list(await idOf(ada))).find((m) => m.kind === 'imap')!,
    );
    await session.close();
  });

  it('answers a second connection of the same mailbox with a conflict for that user', async () => {
    const [again] = await connect('google', [ada]);
    expect(again).toMatchObject({ status: 'failed', code: 'CONFLICT' });
  });

  const registerMicrosoft = (clientSecret: string) =>
    http.inject({
      method: 'PUT',
      url: '/api/oauth/delegations/microsoft',
      headers: as(adminToken),
      payload: {
        clientId: authority.delegation.application.id,
        clientSecret,
        tenant: '72f988bf-86f1-41af-91ab-2d7cd011db47',
        tokenEndpoint: authority.tokenEndpoint,
        imap: { host: tenantDovecot.host, port: tenantDovecot.port, security: 'none' },
      },
    });

  it('connects the tenant’s users with Microsoft’s application token, and not a user outside it', async () => {
    const [inTenant, outsider] = [address('fay'), `gus-${backend}@elsewhere.example`];
    for (const email of [inTenant, outsider]) {
      await core.auth.addUser({ email, name: email, role: 'rep', password: null });
      await tenantDovecot.addUser(email, 'only-for-appending-test-mail');
      await tenantDovecot.appendMessage(
        email,
        'INBOX',
        `From: buyer@customer.example\r\nTo: ${email}\r\nSubject: Tenant order\r\nMessage-ID: <tenant-${email}>\r\n\r\nHello\r\n`,
      );
    }
    const saved = await registerMicrosoft(authority.delegation.application.secret);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ scope: 'https://outlook.office365.com/.default' });

    const outcomes = await connect('microsoft', [inTenant, outsider]);
    expect(outcomes[0]).toMatchObject({ email: inTenant, status: 'connected' });
    expect(outcomes[1]).toMatchObject({ email: outsider, status: 'failed', code: 'AUTH_FAILED' });
    expect(outcomes[1]!.message).toContain(`refused the organisation's token for ${outsider}`);
    await storedWithin(core.database, `<tenant-${inTenant}>`, 20_000);
  });

  it('gets Microsoft’s application token for the tenant, one for all its users', async () => {
    const token = await core.oauthDelegations.accessToken('microsoft', ada);
    expect(await core.oauthDelegations.accessToken('microsoft', bo)).toBe(token);
    const introspected = await fetch(authority.introspectionEndpoint, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${authority.resourceServer.id}:${authority.resourceServer.secret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ token }),
    });
    expect(await introspected.json()).toMatchObject({
      active: true,
      client_id: authority.delegation.application.id,
      scope: 'https://outlook.office365.com/.default',
    });

    expect((await registerMicrosoft('a-secret-the-tenant-deleted')).statusCode).toBe(200);
    await expect(core.oauthDelegations.accessToken('microsoft', ada)).rejects.toMatchObject({
      code: 'AUTH_FAILED',
      message: expect.stringMatching(/no longer accepts the organisation's grant \(invalid_client/),
    });
  });

  it('tells the admin the grant was withdrawn when the provider refuses the service account', async () => {
    await core.auth.addUser({ email: address('eve'), name: 'Eve', role: 'rep', password: null });
    authority.delegation.directory.add(address('eve'));
    authority.delegation.revokeDelegation();
    const [refused] = await connect('google', [address('eve')]).finally(() =>
      authority.delegation.restoreDelegation(),
    );
    expect(refused).toMatchObject({ status: 'failed', code: 'AUTH_FAILED' });
    expect(refused!.message).toMatch(/no longer accepts the organisation's grant/);
  });
});
