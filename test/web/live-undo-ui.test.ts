import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app/open-app.js';
import { startServer } from '../../src/http/start-server.js';
import { startDovecot, type DovecotServer } from '../support/dovecot.js';
import { adminCredentials } from '../support/test-app.js';
import { openTestDatabase, testBackends, type TestDatabase } from '../support/test-database.js';
import {
  bearerApi,
  launchBrowser,
  openBrowserTestCore,
  requireBrowserSetup,
  screenshots,
  signIn,
} from '../support/browser.js';

/**
 * The live UI and undo in the built web UI over real Dovecot mailboxes: mail
 * appended to a mailbox shows on an open account page without a reload, and
 * a File & Clear of the review queue, confirmed with its count, is undone.
 * Needs `npm run build`.
 */

const admin = adminCredentials;
const liveUser = 'live-mail';
const heldUser = 'held-mail';
const imapPassword = 'imap-secret-77';

beforeAll(requireBrowserSetup);

function rawMail(fields: { id: string; subject: string; minutes: number }): string {
  return [
    'From: Ada <ada@northwind-traders.example>',
    `To: ${admin.email}`,
    `Subject: ${fields.subject}`,
    `Date: ${new Date(Date.now() - fields.minutes * 60_000).toUTCString()}`,
    `Message-ID: <${fields.id}@mail.example>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `About: ${fields.subject}.`,
    '',
  ].join('\r\n');
}

describe.each(testBackends())('live pages and undo in the web UI (%s)', (backend) => {
  let handle: TestDatabase;
  let dovecot: DovecotServer;
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  let token: string;
  let accountId: string;

  const api = bearerApi(
    () => server.url,
    () => token,
  );

  /**
   * Connects a mailbox of the admin's before the server starts, so its INBOX
   * is watched through IDLE from the start.
   */
  const connect = (core: App, user: string, captureMode: 'auto' | 'review') =>
    core.auth.findUserByEmail(admin.email).then((owner) =>
      core.mailboxes.create(owner!.id, {
        label: user,
        imap: {
          host: dovecot.host,
          port: dovecot.port,
          security: 'none',
          user,
          allowSelfSigned: false,
        },
        auth: { kind: 'password', password: imapPassword },
        smtp: null,
        folders: ['INBOX'],
        activityWindowDays: 30,
        statsWindowDays: 180,
        dataScope: 'full',
        captureMode,
        createContacts: false,
      }),
    );

  const waitUntilLive = async () => {
    for (let i = 0; ; i += 1) {
      const mailboxes = await api<{ id: string }[]>('/api/mailboxes');
      const states = await Promise.all(
        mailboxes.map((m) => api<{ state: string }>(`/api/mailboxes/${m.id}/status`)),
      );
      if (states.every(({ state }) => state === 'live')) return;
      if (i > 300) throw new Error(`the mailboxes did not get live: ${JSON.stringify(states)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  beforeAll(async () => {
    [handle, dovecot] = await Promise.all([openTestDatabase(backend), startDovecot()]);
    await dovecot.addUser(liveUser, imapPassword);
    await dovecot.addUser(heldUser, imapPassword);
    await dovecot.appendMessage(
      liveUser,
      'INBOX',
      rawMail({ id: 'agenda', subject: 'Kickoff agenda', minutes: 90 }),
    );
    await dovecot.appendMessage(
      heldUser,
      'INBOX',
      rawMail({ id: 'terms', subject: 'Renewal terms', minutes: 80 }),
    );
    await dovecot.appendMessage(
      heldUser,
      'INBOX',
      rawMail({ id: 'pilot', subject: 'Pilot plan', minutes: 70 }),
    );
    const core = await openBrowserTestCore(handle.database);
    token = (await core.auth.createApiToken(admin.email, 'browser test')).token;
    const owner = (await core.auth.findUserByEmail(admin.email))!;
    accountId = await core.recordEditing.create(owner, 'account', {
      name: 'Northwind Traders',
      domains: ['northwind-traders.example'],
    });
    await connect(core, liveUser, 'auto');
    await connect(core, heldUser, 'review');
    server = await startServer(core);
    await waitUntilLive();

    browser = await launchBrowser({ width: 1280, height: 900 });
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.setDefaultTimeout(8_000);
    await page.goto(server.url);
    await signIn(page, admin);
    await page.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await server?.http.close();
    await handle?.drop();
    await dovecot?.stop();
  });

  const conversation = (subject: string) => page.getByRole('article', { name: subject });

  it('shows mail appended to the mailbox on the open account page without a reload', async () => {
    await page.goto(`${server.url}/accounts/${accountId}`);
    await conversation('Kickoff agenda').waitFor();
    const appended = Date.now();
    await dovecot.appendMessage(
      liveUser,
      'INBOX',
      rawMail({ id: 'prices', subject: 'Price list', minutes: 1 }),
    );
    await conversation('Price list').waitFor({ timeout: 10_000 });
    expect(Date.now() - appended).toBeLessThan(5_000);
    await page.screenshot({ path: join(screenshots, 'live-timeline.png'), fullPage: true });
  });

  it('asks with the count before File & Clear, and undoes it', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Review' })
      .click();
    const queue = page.getByRole('region', { name: /^To review/ });
    await queue.getByRole('article', { name: 'Renewal terms' }).waitFor();
    expect(await queue.getByRole('article').count()).toBe(2);

    await page.getByRole('button', { name: 'File & Clear' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Confirm File & Clear' });
    expect(await confirm.innerText()).toContain('File all 2 conversations in your queue');
    await page.screenshot({ path: join(screenshots, 'review-file-and-clear-confirm.png') });
    await confirm.getByRole('button', { name: 'File 2 conversations' }).click();
    await page.getByText('Nothing to review.').waitFor();
    expect((await api<{ total: number }>('/api/review')).total).toBe(0);

    const toast = page.locator('.toast');
    await toast.getByText('File & Clear: 2 messages filed').waitFor();
    await toast.getByRole('button', { name: 'Undo' }).click();
    await toast.getByText('Undone: File & Clear: 2 messages filed').waitFor();
    // The queue refills from the change notice, without a reload.
    await queue.getByRole('article', { name: 'Pilot plan' }).waitFor();
    expect(await queue.getByRole('article').count()).toBe(2);
    expect((await api<{ total: number }>('/api/review')).total).toBe(2);
    await page.screenshot({ path: join(screenshots, 'review-undone.png'), fullPage: true });
  });
});
