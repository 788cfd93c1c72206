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
 * The review queue and the sales inbox in the built web UI, over a
 * real Dovecot mailbox that files through review: held mail stays off the
 * records until included, excluded or filed by subject. Needs `npm run build`.
 */

const admin = adminCredentials;
const colleague = 'bob@threadline.test';
const imapUser = 'review-mail';
const imapPassword = 'imap-secret-43';

beforeAll(requireBrowserSetup);

/** Northwind Traders with Ada, a renewal deal and a pilot deal. */
async function seed(db: Database): Promise<void> {
  const [account] = await db.query<{ id: string }>(
    `INSERT INTO accounts (name, external_id) VALUES ('Northwind Traders', 'ACC-1') RETURNING id`,
  );
  await db.query(
    `INSERT INTO account_domains (account_id, domain, position) VALUES ($1, 'northwind-traders.example', 0)`,
    [account!.id],
  );
  const [ada] = await db.query<{ id: string }>(
    `INSERT INTO contacts (account_id, first_name, last_name) VALUES ($1, 'Ada', 'Lovelace') RETURNING id`,
    [account!.id],
  );
  await db.query(
    `INSERT INTO contact_emails (contact_id, address, position) VALUES ($1, 'ada@northwind-traders.example', 0)`,
    [ada!.id],
  );
  await db.query(
    `INSERT INTO deals (account_id, name, stage, product) VALUES
       ($1, 'Northwind renewal', 'Negotiation', 'Platform'),
       ($1, 'Northwind pilot', 'Discovery', 'Pilot')`,
    [account!.id],
  );
}

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toUTCString();

function rawMail(fields: { id: string; from: string; subject: string; hours: number }): string {
  return [
    `From: ${fields.from}`,
    `To: ${admin.email}`,
    `Subject: ${fields.subject}`,
    `Date: ${hoursAgo(fields.hours)}`,
    `Message-ID: <${fields.id}@mail.example>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `About: ${fields.subject}.`,
    '',
  ].join('\r\n');
}

const inbox = [
  rawMail({
    id: 'terms',
    from: 'Ada <ada@northwind-traders.example>',
    subject: 'Renewal terms',
    hours: 6,
  }),
  rawMail({
    id: 'kickoff',
    from: 'ada@northwind-traders.example',
    subject: 'Pilot kickoff',
    hours: 5,
  }),
  rawMail({
    id: 'lunch',
    from: 'ada@northwind-traders.example',
    subject: 'Lunch on Friday?',
    hours: 4,
  }),
  rawMail({
    id: 'idea',
    from: 'Sam Stone <sam@startup.example>',
    subject: 'Partnership idea',
    hours: 3,
  }),
  rawMail({ id: 'sync', from: `Bob <${colleague}>`, subject: 'Team sync', hours: 2 }),
];

describe.each(testBackends())('review queue and sales inbox in the web UI (%s)', (backend) => {
  let handle: TestDatabase;
  let dovecot: DovecotServer;
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  let token: string;

  const api = async <T>(path: string, init: { method?: string; body?: unknown } = {}) => {
    const response = await fetch(`${server.url}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        authorization: `Bearer ${token}`,
        ...(init.body ? { 'content-type': 'application/json' } : {}),
      },
      ...(init.body ? { body: JSON.stringify(init.body) } : {}),
    });
    expect(response.status, `${init.method ?? 'GET'} ${path}`).toBeLessThan(300);
    return (await response.json()) as T;
  };
  const timelineOf = async (type: 'deals' | 'contacts', name: string) => {
    const { items } = await api<{ items: { id: string; name: string }[] }>(
      `/api/${type}?search=${encodeURIComponent(name)}`,
    );
    const record = items.find((item) => item.name === name);
    expect(record, name).toBeDefined();
    const timeline = await api<{ items: { subject: string }[] }>(
      `/api/${type}/${record!.id}/timeline`,
    );
    return timeline.items.map((thread) => thread.subject);
  };

  beforeAll(async () => {
    [handle, dovecot] = await Promise.all([openTestDatabase(backend), startDovecot()]);
    await dovecot.addUser(imapUser, imapPassword);
    for (const raw of inbox) await dovecot.appendMessage(imapUser, 'INBOX', raw);
    const core = await openBrowserTestCore(handle.database);
    await seed(core.database);
    await core.auth.addUser({ email: colleague, name: 'Bob', role: 'rep', password: null });
    await core.directory.invalidate();
    token = (await core.auth.createApiToken(admin.email, 'browser test')).token;
    server = await startServer(core);

    const mailbox = await api<{ id: string }>('/api/mailboxes', {
      method: 'POST',
      body: {
        label: 'Review mail',
        imap: { host: dovecot.host, port: dovecot.port, security: 'none', user: imapUser },
        auth: { kind: 'password', password: imapPassword },
        captureMode: 'review',
      },
    });
    for (let i = 0; ; i += 1) {
      const { state } = await api<{ state: string }>(`/api/mailboxes/${mailbox.id}/status`);
      if (state === 'live') break;
      if (i > 200) throw new Error(`the review mailbox did not get live: ${state}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    browser = await launchBrowser({ width: 1280, height: 900 });
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.setDefaultTimeout(8_000);
    await page.goto(server.url);
    await signIn(page, admin);
    await page.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.http.close();
    await handle?.drop();
    await dovecot?.stop();
  });

  const nav = (name: string) =>
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click();
  const row = (subject: string) => page.getByRole('article', { name: subject });

  it('lists the held threads with their suggested filing and why; none is on a record yet', async () => {
    await nav('Review');
    await page.getByRole('heading', { name: 'Review', level: 1 }).waitFor();
    const queue = page.getByRole('region', { name: /^To review/ });
    await queue.getByRole('article').first().waitFor();
    const subjects = await Promise.all(
      (await queue.getByRole('article').all()).map((article) => article.getAttribute('aria-label')),
    );
    expect(subjects).toEqual(['Lunch on Friday?', 'Pilot kickoff', 'Renewal terms']);
    const filing = row('Renewal terms').getByRole('list', { name: 'Suggested filing' });
    expect(await filing.innerText()).toContain('Ada Lovelace');
    expect(await filing.innerText()).toMatch(/address ada@northwind-traders\.example · 100%/);
    expect(await row('Renewal terms').innerText()).toContain('Why:');
    expect(await timelineOf('contacts', 'Ada Lovelace')).toEqual([]);
    await page.screenshot({ path: join(screenshots, 'review-queue.png'), fullPage: true });
  });

  it('sets a follow-up that is due at once, shows it in the navigation, and cancels it', async () => {
    await row('Renewal terms').getByRole('button', { name: 'Follow up' }).click();
    const form = page.getByRole('form', { name: 'Follow up Renewal terms' });
    await form.getByLabel('Remind at').fill('2020-01-01T09:00');
    await form.getByLabel('Note').fill('Send the signed order form');
    await form.getByRole('button', { name: 'Set follow-up' }).click();
    const followUps = page.getByRole('region', { name: /^Follow-ups/ });
    const item = followUps.getByRole('listitem', { name: 'Follow-up: Renewal terms' });
    await item.waitFor();
    expect(await item.innerText()).toContain('Due');
    expect(await item.innerText()).toContain('Send the signed order form');
    await page.reload();
    const navLink = page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: /Review/ });
    await navLink.getByText('1 follow-up due').waitFor({ state: 'attached' });
    await item.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('status').filter({ hasText: 'cancelled' }).waitFor();
    // With nothing left to follow up, the section goes once the list has reloaded.
    await followUps.waitFor({ state: 'detached' });
  });

  it('excludes a thread: it leaves the queue and is filed nowhere', async () => {
    await row('Lunch on Friday?').getByRole('button', { name: 'Exclude' }).click();
    await page.getByRole('status').filter({ hasText: 'Lunch on Friday? excluded.' }).waitFor();
    // The notice comes first; the row goes once the queue has reloaded.
    await row('Lunch on Friday?').waitFor({ state: 'detached' });
    expect(await timelineOf('contacts', 'Ada Lovelace')).toEqual([]);
  });

  it('includes a thread on a new deal with stage and product', async () => {
    await row('Renewal terms').getByRole('button', { name: 'Include' }).click();
    const form = page.getByRole('form', { name: 'Include Renewal terms' });
    const addresses = form.getByRole('group', { name: 'Address list' });
    expect(await addresses.getByLabel('ada@northwind-traders.example').isChecked()).toBe(true);
    await form.getByLabel('On a new deal').check();
    await form.getByLabel('Deal name').fill('Northwind expansion');
    await form.getByLabel('Stage').fill('Proposal');
    await form.getByLabel('Product').fill('Analytics');
    await form.getByRole('button', { name: 'Include' }).click();
    await page.getByRole('status').filter({ hasText: 'Renewal terms included.' }).waitFor();
    // The notice comes first; the row goes once the queue has reloaded.
    await row('Renewal terms').waitFor({ state: 'detached' });
    expect(await timelineOf('deals', 'Northwind expansion')).toEqual(['Renewal terms']);
    expect(await timelineOf('contacts', 'Ada Lovelace')).toEqual(['Renewal terms']);
  });

  it('files a thread by subject on a chosen deal, with a rule for future mail', async () => {
    await row('Pilot kickoff').getByRole('button', { name: 'File by subject' }).click();
    const picker = row('Pilot kickoff').getByRole('group', { name: /^File “Pilot kickoff”/ });
    await picker.getByLabel('Find a record').fill('pilot');
    await picker.getByRole('button', { name: 'Find' }).click();
    await picker.getByRole('button', { name: 'Northwind pilot' }).click();
    await page.getByText('Nothing to review.').waitFor();
    expect(await timelineOf('deals', 'Northwind pilot')).toEqual(['Pilot kickoff']);
    const rules = await api<{ kind: string; pattern: string }[]>('/api/rules');
    expect(rules).toEqual([expect.objectContaining({ kind: 'subject', pattern: 'Pilot kickoff' })]);
  });

  it('keeps a personal block list on the mailboxes page', async () => {
    await nav('Mailboxes');
    const panel = page.getByRole('region', { name: /^Never capture/ });
    await panel.getByText('Nothing blocked.').waitFor();
    await panel.getByLabel('Address or domain').fill('@Startup.example');
    await panel.getByRole('button', { name: 'Block' }).click();
    const list = panel.getByRole('list', { name: 'Blocked addresses and domains' });
    await list.getByText('startup.example').waitFor();
    await panel.getByLabel('Address or domain').fill('not a domain');
    await panel.getByRole('button', { name: 'Block' }).click();
    await panel
      .getByRole('alert')
      .filter({ hasText: 'not an e-mail address or a domain' })
      .waitFor();
    await page.reload();
    await list.getByText('startup.example').waitFor();
    expect(await api<{ items: string[] }>('/api/me/blocklist')).toEqual({
      items: ['startup.example'],
    });
  });

  it('sorts the user’s mail into the sales inbox columns', async () => {
    await nav('Inbox');
    await page.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();
    const column = (name: string) => page.getByRole('region', { name: new RegExp(`^${name}`) });
    const crm = column('Deals, contacts and leads');
    await crm.getByRole('article', { name: 'Renewal terms' }).waitFor();
    expect(await crm.getByRole('article', { name: 'Pilot kickoff' }).count()).toBe(1);
    const unknown = column('Unknown senders');
    const idea = unknown.getByRole('article', { name: 'Partnership idea' });
    await idea.waitFor();
    expect(await idea.getByRole('button', { name: 'Create lead' }).count()).toBe(1);
    expect(await column('Colleagues').getByRole('article', { name: 'Team sync' }).count()).toBe(1);
    expect(await crm.getByRole('article', { name: 'Team sync' }).count()).toBe(0);
    await page.screenshot({ path: join(screenshots, 'sales-inbox.png'), fullPage: true });
  });

  it('opens a thread from its subject, over the period the user chose', async () => {
    await page.getByLabel('Period').selectOption({ label: 'last 7 days' });
    await page.getByText('Your own mail of the last 7 days').waitFor();
    await page.getByRole('link', { name: 'Renewal terms' }).click();
    await page.getByRole('heading', { name: 'Renewal terms', level: 1 }).waitFor();
    expect(page.url()).toMatch(/\/messages\/[0-9a-f-]{36}$/);
  });
});
