import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import { startDovecot, type DovecotServer } from '../../../test/support/dovecot.js';
import { startOAuthServer, type OAuthServer } from '../../../test/support/oauth-server.js';
import { adminCredentials, openTestApp } from '../../../test/support/test-app.js';
import { openApp, type App } from '../../app/open-app.js';
import { startBackgroundSync } from '../../services/sync/background-sync.js';
import { buildHttpApp, type HttpApp } from '../app.js';
import { mailboxRoutes } from './mailbox-routes.js';
import { oauthCallbackPath, oauthRoutes } from './oauth-routes.js';

const publicUrl = 'http://threadline.test';
const imapPassword = 'only-for-appending-test-mail';

let authority: OAuthServer;
let dovecot: DovecotServer;

beforeAll(async () => {
  // Access tokens shorter than the renewal margin: every connection renews, and rotates.
  authority = await startOAuthServer({
    accessTokenSeconds: 30,
    redirectUris: [`${publicUrl}${oauthCallbackPath}`],
  });
  dovecot = await startDovecot({
    oauth2: {
      introspectionUrl: authority.introspectionEndpoint,
      clientId: authority.resourceServer.id,
      clientSecret: authority.resourceServer.secret,
      mechanisms: ['oauthbearer', 'xoauth2'],
    },
  });
}, 60_000);
afterAll(async () => {
  await dovecot?.stop();
  await authority?.stop();
});

type Status = {
  state: string;
  code: string | null;
  stateText: string;
  folders: { path: string; captured: number }[];
};

/** The HTTP API with the mailbox and OAuth routes, and background sync, over one app. */
async function serve(core: App) {
  const background = await startBackgroundSync({
    ...core,
    queue: 'in-process',
    maxMessageBytes: 1e7,
    pollSeconds: 3600,
  });
  const http: HttpApp = await buildHttpApp(core, {
    webRoot: null,
    secureCookies: false,
    localCliToken: null,
    logLevel: 'silent',
    plugins: [
      mailboxRoutes(core.mailboxes, {
        testConnection: () => Promise.reject(new Error('not used here')),
        requestSync: (mailbox) => background.requestSync(mailbox),
      }),
      oauthRoutes({
        registrations: core.oauthClients,
        signIn: core.oauthSignIn,
        mailboxes: core.mailboxes,
        publicUrl,
        requestSync: (mailbox) => background.requestSync(mailbox),
      }),
    ],
  });
  return {
    http,
    background,
    async close() {
      await http.close();
      await background.stop();
    },
  };
}

describe.each(testBackends())('mailboxes signed in with OAuth on the %s backend', (backend) => {
  let core: App;
  let served: Awaited<ReturnType<typeof serve>>;
  let adminToken: string;
  let adaToken: string;
  let kimToken: string;
  const ada = `ada-${backend}@example.test`;
  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  let sent = 0;
  const deliver = async () => {
    sent += 1;
    await dovecot.appendMessage(
      ada,
      'INBOX',
      `From: buyer@customer.example\r\nTo: ${ada}\r\nSubject: Order ${sent}\r\nMessage-ID: <order-${sent}-${backend}@customer.example>\r\n\r\nHello\r\n`,
    );
  };
  const statusOf = async (http: HttpApp, id: string) =>
    (
      await http.inject({ url: `/api/mailboxes/${id}/status`, headers: as(adaToken) })
    ).json<Status>();
  const waitFor = async (http: HttpApp, id: string, done: (status: Status) => boolean) => {
    let status = await statusOf(http, id);
    for (let i = 0; i < 150 && !done(status); i += 1) {
      await new Promise((r) => setTimeout(r, 100));
      status = await statusOf(http, id);
    }
    expect(done(status), JSON.stringify(status)).toBe(true);
    return status;
  };
  const captured = (status: Status) => status.folders.find((f) => f.path === 'INBOX')?.captured;
  /** Through the provider's pages as `account`, back to the callback: where the browser lands. */
  const signIn = async (http: HttpApp, payload: object, account = ada, token = adaToken) => {
    const started = await http.inject({
      method: 'POST',
      url: '/api/mailboxes/sign-in',
      headers: as(token),
      payload,
    });
    expect(started.statusCode, started.body).toBe(200);
    const back = await authority.consentAs(
      started.json<{ authorizationUrl: string }>().authorizationUrl,
      account,
    );
    expect(back.origin + back.pathname).toBe(`${publicUrl}${oauthCallbackPath}`);
    const landed = await http.inject({ url: `${oauthCallbackPath}${back.search}` });
    expect(landed.statusCode).toBe(303);
    return new URL(landed.headers.location as string, publicUrl);
  };
  /** Messages stored for the mailbox, and how many distinct ones: equal when nothing is twice. */
  const stored = async (id: string) =>
    (
      await core.database.query<{ copies: number; distinct: number }>(
        `SELECT count(*)::int AS copies, count(DISTINCT m.message_key)::int AS distinct
         FROM message_decisions d JOIN messages m ON m.id = d.message_id WHERE d.mailbox_id = $1`,
        [id],
      )
    )[0]!;

  beforeAll(async () => {
    core = await openTestApp(backend, { THREADLINE_PUBLIC_URL: publicUrl });
    served = await serve(core);
    await dovecot.addUser(ada, imapPassword);
    for (const email of [ada, `kim-${backend}@example.test`]) {
      await core.auth.addUser({ email, name: email, role: 'rep', password: null });
    }
    await core.database.query(`INSERT INTO accounts (name) VALUES ('Customer')`);
    await core.database.query(
      `INSERT INTO account_domains (account_id, domain, position) SELECT id, 'customer.example', 0 FROM accounts`,
    );
    await core.directory.invalidate();
    adminToken = (await core.auth.createApiToken(adminCredentials.email, 't')).token;
    adaToken = (await core.auth.createApiToken(ada, 't')).token;
    kimToken = (await core.auth.createApiToken(`kim-${backend}@example.test`, 't')).token;
  });
  afterAll(async () => {
    await served?.close();
    await core?.close();
  });

  it('lets only an admin register the organisation’s client, and never shows its secret', async () => {
    const registration = {
      clientId: authority.client.id,
      clientSecret: authority.client.secret,
      issuer: authority.issuer,
      imap: { host: dovecot.host, port: dovecot.port, security: 'none' },
    };
    const refused = await served.http.inject({
      method: 'PUT',
      url: '/api/oauth/clients/oidc',
      headers: as(adaToken),
      payload: registration,
    });
    expect(refused.statusCode).toBe(403);
    const saved = await served.http.inject({
      method: 'PUT',
      url: '/api/oauth/clients/oidc',
      headers: as(adminToken),
      payload: registration,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ provider: 'oidc', clientId: authority.client.id });
    const listed = await served.http.inject({ url: '/api/oauth/clients', headers: as(adminToken) });
    expect(listed.body).not.toContain(authority.client.secret);
    const [row] = await core.database.query<{ secret: string }>(
      `SELECT client_secret AS secret FROM oauth_clients WHERE provider = 'oidc'`,
    );
    expect(row!.secret).not.toContain(authority.client.secret);
    const choices = await served.http.inject({
      url: '/api/oauth/providers',
      headers: as(adaToken),
    });
    expect(choices.json()).toEqual([{ provider: 'oidc', label: new URL(authority.issuer).host }]);
  });

  it('refuses a registration with what is wrong, all at once', async () => {
    const response = await served.http.inject({
      method: 'PUT',
      url: '/api/oauth/clients/microsoft',
      headers: as(adminToken),
      payload: { clientId: 'x' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ error: { message: string } }>().error.message).toBe(
      'tenant is required for Microsoft 365: the Directory (tenant) ID; clientSecret is required',
    );
  });

  it('connects a mailbox with one sign-in, syncs it, keeps syncing after a restart that follows rotations, and asks to sign in again once revoked', async () => {
    await deliver();
    await deliver();
    const landed = await signIn(served.http, { provider: 'oidc', label: 'Work' });
    expect(landed.searchParams.get('signInError')).toBeNull();
    const id = landed.searchParams.get('signedIn')!;
    expect(landed.pathname).toBe('/mailboxes');
    let status = await waitFor(served.http, id, (s) => s.state === 'live' && captured(s) === 2);
    expect(status.stateText).toBe('live');

    const sealed = async () =>
      (
        await core.database.query<{ credentials: string }>(
          'SELECT credentials FROM mailboxes WHERE id = $1',
          [id],
        )
      )[0]!.credentials;
    const refreshTokenStored = async () => {
      const mailbox = await core.mailboxes.get(id);
      const imap = core.mailboxes.secretsOf(mailbox).imap;
      if (imap.kind !== 'oauth2-signed-in') throw new Error('not a signed-in mailbox');
      return imap.refreshToken;
    };
    const firstRefreshToken = await refreshTokenStored();
    expect(await sealed()).not.toContain(firstRefreshToken);

    // A second pass renews the access token: the provider rotates the refresh token.
    const rotatedBefore = authority.counts.rotated;
    await deliver();
    await served.background.requestSync(await core.mailboxes.get(id));
    await waitFor(served.http, id, (s) => s.state === 'live' && captured(s) === 3);
    expect(authority.counts.rotated).toBeGreaterThan(rotatedBefore);
    expect(await refreshTokenStored()).not.toBe(firstRefreshToken);

    // A restart: nothing of the first process's memory, only what it saved.
    await served.close();
    const restarted = await openApp(core.config, { database: core.database });
    served = await serve(restarted);
    await deliver();
    await served.background.requestSync(await restarted.mailboxes.get(id));
    await waitFor(served.http, id, (s) => s.state === 'live' && captured(s) === 4);

    // The user revokes Threadline at the provider: the next pass asks them to sign in again.
    await authority.revokeGrantOf(ada);
    await deliver();
    await served.background.requestSync(await restarted.mailboxes.get(id));
    status = await waitFor(served.http, id, (s) => s.state === 'failed');
    expect(status).toMatchObject({
      code: 'SIGN_IN_AGAIN',
      stateText: 'needs you to sign in again',
    });
    const notices = await core.database.query<{ kind: string; text: string }>(
      `SELECT kind, text FROM notices WHERE mailbox_id = $1 AND kind = 'sign_in_again'`,
      [id],
    );
    expect(notices).toEqual([
      expect.objectContaining({
        kind: 'sign_in_again',
        text: expect.stringContaining('"Work" needs you to sign in again'),
      }),
    ]);

    // Signing in as someone else does not hand the mailbox over.
    const wrongUser = await signIn(
      served.http,
      { provider: 'oidc', mailboxId: id },
      'eve@example.test',
    );
    expect(wrongUser.searchParams.get('signInError')).toMatch(/You signed in as eve@example.test/);

    // Signed in again: sync resumes from its checkpoint, nothing lost, nothing twice.
    await deliver();
    const again = await signIn(served.http, { mailboxId: id });
    expect(again.searchParams.get('signedIn')).toBe(id);
    await waitFor(served.http, id, (s) => s.state === 'live' && captured(s) === sent);
    expect(await stored(id)).toEqual({ copies: sent, distinct: sent });
  }, 90_000);

  it('lets no one start a sign-in for another user’s mailbox', async () => {
    const [mailbox] = await core.mailboxes.list(null);
    const response = await served.http.inject({
      method: 'POST',
      url: '/api/mailboxes/sign-in',
      headers: as(kimToken),
      payload: { provider: 'oidc', mailboxId: mailbox!.id },
    });
    expect(response.statusCode).toBe(404);
  });

  it('answers a provider that is not registered with what to do', async () => {
    const response = await served.http.inject({
      method: 'POST',
      url: '/api/mailboxes/sign-in',
      headers: as(adaToken),
      payload: { provider: 'google' },
    });
    expect(response.statusCode).toBe(404);
    expect(response.json<{ error: { message: string } }>().error.message).toMatch(
      /an admin registers it under Settings/,
    );
  });

  it('sends a callback with an unknown state, a refusal, or a replayed code back with the reason', async () => {
    const unknown = await served.http.inject({ url: `${oauthCallbackPath}?state=made-up&code=x` });
    expect(
      new URL(unknown.headers.location as string, publicUrl).searchParams.get('signInError'),
    ).toMatch(/unknown or has expired/);
    const started = await served.http.inject({
      method: 'POST',
      url: '/api/mailboxes/sign-in',
      headers: as(kimToken),
      payload: { provider: 'oidc' },
    });
    const state = new URL(
      started.json<{ authorizationUrl: string }>().authorizationUrl,
    ).searchParams.get('state')!;
    const denied = await served.http.inject({
      url: `${oauthCallbackPath}?state=${state}&error=access_denied&iss=${encodeURIComponent(authority.issuer)}`,
    });
    expect(
      new URL(denied.headers.location as string, publicUrl).searchParams.get('signInError'),
    ).toMatch(/refused the sign-in \(access_denied\)/);
    const replay = await served.http.inject({
      url: `${oauthCallbackPath}?state=${state}&error=access_denied&iss=${encodeURIComponent(authority.issuer)}`,
    });
    expect(
      new URL(replay.headers.location as string, publicUrl).searchParams.get('signInError'),
    ).toMatch(/unknown or has expired/);
  });
});
