import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app/open-app.js';
import { oauthCallbackPath } from '../../src/http/routes/oauth-routes.js';
import { startServer } from '../../src/http/start-server.js';
import { launchBrowser, requireBrowserSetup, screenshots, signIn } from '../support/browser.js';
import { freePort, startDovecot, type DovecotServer } from '../support/dovecot.js';
import { startOAuthServer, type OAuthServer } from '../support/oauth-server.js';
import { adminCredentials, openTestApp } from '../support/test-app.js';
import { testBackends } from '../support/test-database.js';

/**
 * A user connects a mailbox with one button: the provider's own sign-in
 * and consent pages in Chromium, no server settings and no pasted tokens,
 * and back to a mailbox that syncs. Needs `npm run build` (web/dist).
 */

const ada = { email: 'ada@example.test', password: 'violet-harbour-lantern-58' };

beforeAll(requireBrowserSetup);

describe.each(testBackends())('signing a mailbox in with OAuth in the web UI (%s)', (backend) => {
  let authority: OAuthServer;
  let dovecot: DovecotServer;
  let core: App;
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;

  beforeAll(async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    authority = await startOAuthServer({ redirectUris: [`${url}${oauthCallbackPath}`] });
    dovecot = await startDovecot({
      oauth2: {
        introspectionUrl: authority.introspectionEndpoint,
        clientId: authority.resourceServer.id,
        clientSecret: authority.resourceServer.secret,
        mechanisms: ['oauthbearer', 'xoauth2'],
      },
    });
    await dovecot.addUser(ada.email, 'only-for-appending');
    for (const n of [1, 2]) {
      await dovecot.appendMessage(
        ada.email,
        'INBOX',
        `From: buyer@customer.example\r\nTo: ${ada.email}\r\nSubject: Order ${n}\r\nMessage-ID: <ui-order-${n}@customer.example>\r\n\r\nHello\r\n`,
      );
    }
    core = await openTestApp(backend, { PORT: String(port), THREADLINE_PUBLIC_URL: url });
    await core.auth.addUser({ ...ada, name: 'Ada', role: 'rep' });
    const [admin] = await core.database.query<{ id: string }>(
      'SELECT id FROM users WHERE email = $1',
      [adminCredentials.email],
    );
    await core.oauthClients.register({ id: admin!.id, email: adminCredentials.email }, 'oidc', {
      clientId: authority.client.id,
      clientSecret: authority.client.secret,
      issuer: authority.issuer,
      imap: { host: dovecot.host, port: dovecot.port, security: 'none' },
    });
    server = await startServer(core);
    browser = await launchBrowser({ width: 1280, height: 900 });
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.setDefaultTimeout(10_000);
    await page.goto(server.url);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await dovecot?.stop();
    await authority?.stop();
  });

  it('connects with one button through the provider’s consent screen and ends with a syncing mailbox', async () => {
    await signIn(page, ada);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Mailboxes' })
      .click();
    await page
      .getByRole('button', { name: `Sign in with ${new URL(authority.issuer).host}` })
      .click();

    // The provider's pages, not Threadline's: its sign-in form, then its consent.
    await page.getByPlaceholder('Enter any login').fill(ada.email);
    await page.getByPlaceholder('and password').fill('any');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();

    await page.getByText(`Signed in: “${ada.email}” is connected and syncing.`).waitFor();
    expect(new URL(page.url()).pathname).toBe('/mailboxes');
    // Every message read is decided on, captured or not: both arrived through the signed-in session.
    let decided = 0;
    for (let i = 0; i < 200 && decided < 2; i += 1) {
      await new Promise((r) => setTimeout(r, 100));
      const [row] = await core.database.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM message_decisions',
      );
      decided = row!.n;
    }
    expect(decided).toBe(2);
    await page.screenshot({ path: `${screenshots}/oauth-signed-in-${backend}.png` });
  }, 60_000);
});
