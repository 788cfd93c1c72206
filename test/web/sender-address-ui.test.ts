import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/http/start-server.js';
import {
  openSettingsAs,
  requireBrowserSetup,
  screenshots,
  type launchBrowser,
} from '../support/browser.js';
import {
  connectSendingMailbox,
  folderHeaders,
  sender,
  startSendingServers,
} from '../support/sending-world.js';
import { adminCredentials, openTestApp } from '../support/test-app.js';
import { testBackends } from '../support/test-database.js';

/**
 * A user proves their sender address in Settings, or in the compose window
 * when a send is refused: the code arrives through Postfix in their own
 * Dovecot mailbox and entering it verifies the address.
 * Needs `npm run build`.
 */

let servers: Awaited<ReturnType<typeof startSendingServers>>;
beforeAll(async () => {
  await requireBrowserSetup();
  servers = await startSendingServers();
}, 60_000);
afterAll(() => servers?.stop());

describe.each(testBackends())('verifying the sender address in the web UI (%s)', (backend) => {
  const shared = { user: `desk-${backend}@acme.test`, password: 'desk-secret-9' };
  const own = { user: adminCredentials.email, password: 'admin-inbox-secret' };
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  let contactId: string;
  let core: Awaited<ReturnType<typeof openTestApp>>;

  beforeAll(async () => {
    await servers.dovecot.addUser(shared.user, shared.password);
    await servers.dovecot.addUser(own.user, own.password);
    core = await openTestApp(backend, {
      PORT: '0',
      THREADLINE_VERIFY_SENDER_ADDRESSES: 'on',
    });
    const user = await sender(core);
    await connectSendingMailbox(core, user, servers, shared);
    contactId = await core.recordEditing.create(user, 'contact', {
      firstName: 'Dana',
      lastName: 'Doe',
      emails: [`dana-${backend}@customer.test`],
    });
    server = await startServer(core);
    ({ browser, page } = await openSettingsAs(server.url, adminCredentials));
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('mails a code to the address, refuses a wrong one, and verifies with the right one', async () => {
    const panel = page.getByRole('region', { name: 'Sender address' });
    const verify = panel.getByRole('region', { name: 'Verify your address' });
    await verify.getByText(adminCredentials.email).waitFor();
    await verify.getByRole('button', { name: 'Send me a code' }).click();
    await verify.getByLabel('Code from the message').waitFor();
    const inbox = await folderHeaders(servers.dovecot, own, 'INBOX');
    const code = /code: (\d{6})$/.exec(inbox.at(-1)?.subject ?? '')?.[1];
    expect(code).toMatch(/^\d{6}$/);

    await verify.getByLabel('Code from the message').fill(code === '000000' ? '000001' : '000000');
    await verify.getByRole('button', { name: 'Verify' }).click();
    await verify.getByRole('alert').getByText('Wrong code: 4 attempts left').waitFor();
    await page.screenshot({ path: join(screenshots, 'sender-address.png'), fullPage: false });

    await verify.getByLabel('Code from the message').fill(code!);
    await verify.getByRole('button', { name: 'Verify' }).click();
    await panel.getByText(`${adminCredentials.email} was verified on`, { exact: false }).waitFor();
    expect(await verify.count()).toBe(0);
  });

  it('asks for the code in the compose window when the address is not verified, then sends', async () => {
    // As for a user who never opened Settings.
    await core.database.query('DELETE FROM sender_addresses');
    await page.goto(`${server.url}/contacts/${contactId}`);
    await page.getByRole('button', { name: 'Write e-mail' }).click();
    const compose = page.getByRole('region', { name: 'Write to Dana Doe' });
    await compose.getByLabel('Subject').fill('Our proposal');
    await compose.getByLabel('Message').fill('Here it is.');
    await compose.getByRole('button', { name: 'Send' }).click();
    const verify = compose.getByRole('region', { name: 'Verify your address' });
    await verify.getByText(adminCredentials.email).waitFor();
    await verify.getByRole('button', { name: 'Send me a code' }).click();
    await verify.getByLabel('Code from the message').waitFor();
    const inbox = await folderHeaders(servers.dovecot, own, 'INBOX');
    const code = /code: (\d{6})$/.exec(inbox.at(-1)?.subject ?? '')?.[1];
    await verify.getByLabel('Code from the message').fill(code!);
    await verify.getByRole('button', { name: 'Verify' }).click();
    await expect.poll(() => verify.count()).toBe(0);
    await compose.getByRole('button', { name: 'Send' }).click();
    await page
      .getByText(/Sending in \d+ s|Sent|Queued/)
      .first()
      .waitFor();
  });
});
