import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { App } from '../../src/app/open-app.js';
import { startServer } from '../../src/http/start-server.js';
import { openSettingsAs, requireBrowserSetup, screenshots } from '../support/browser.js';
import type { DovecotServer } from '../support/dovecot.js';
import {
  startDovecotTrusting,
  startOAuthServer,
  type OAuthServer,
} from '../support/oauth-server.js';
import { storedWithin } from '../support/stored-within.js';
import { adminCredentials, openTestApp } from '../support/test-app.js';
import { testBackends } from '../support/test-database.js';

/**
 * An admin connects colleagues' mailboxes from Settings, told plainly what
 * they grant, without the colleagues signing in. Needs `npm run build` (web/dist).
 */

const colleagues = ['ada@org.example', 'bo@org.example'];

beforeAll(requireBrowserSetup);

describe.each(testBackends())('onboarding the organisation in the web UI (%s)', (backend) => {
  let authority: OAuthServer;
  let dovecot: DovecotServer;
  let core: App;
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Awaited<ReturnType<typeof openSettingsAs>>['browser'];
  let page: Page;
  const stops: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    authority = await startOAuthServer();
    stops.push(() => authority.stop());
    dovecot = await startDovecotTrusting(authority, ['xoauth2']);
    stops.push(() => dovecot.stop());
    core = await openTestApp(backend, { PORT: '0' });
    for (const email of colleagues) {
      await dovecot.addUser(email, 'only-for-appending');
      await dovecot.appendMessage(
        email,
        'INBOX',
        `From: buyer@customer.example\r\nTo: ${email}\r\nSubject: Hello\r\nMessage-ID: <ui-${email}>\r\n\r\nHello\r\n`,
      );
      authority.delegation.directory.add(email);
      await core.auth.addUser({ email, name: email.split('@')[0]!, role: 'rep', password: null });
    }
    const admin = (await core.auth.findUserByEmail(adminCredentials.email))!;
    await core.oauthDelegations.register(admin, 'google', {
      serviceAccountKey: authority.delegation.serviceAccount.keyJson(),
      imap: { host: dovecot.host, port: dovecot.port, security: 'none' },
    });
    server = await startServer(core);
    stops.push(() => server.close());
    ({ browser, page } = await openSettingsAs(server.url, adminCredentials));
    stops.push(() => browser.close());
  }, 60_000);

  afterAll(async () => {
    // The page first, then the servers it used, the last started first.
    for (const stop of stops.reverse()) await stop();
  });

  it('connects the picked colleagues’ mailboxes once the admin confirms what they grant', async () => {
    const panel = page.getByRole('region', { name: 'Whole organisation' });
    const connect = panel.getByRole('button', { name: 'Connect 2 mailboxes' });
    for (const email of colleagues) await panel.getByLabel(`(${email})`).check();
    await connect.waitFor();
    if (await connect.isEnabled()) throw new Error('connects before the admin confirmed');
    await panel.getByLabel('I understand: Threadline will read the mail').check();
    await connect.click();
    const outcomes = panel.getByRole('list', { name: 'Connection outcomes' });
    for (const email of colleagues) {
      await outcomes.getByText(`${email}: connected, syncing`).waitFor();
      await storedWithin(core.database, `<ui-${email}>`, 20_000);
    }
    await panel.screenshot({ path: `${screenshots}/organisation-mail-${backend}.png` });
  }, 60_000);
});
