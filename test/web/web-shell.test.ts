import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/adapters/db/database.js';
import { startServer } from '../../src/http/start-server.js';
import { adminCredentials } from '../support/test-app.js';
import { openTestDatabase, testBackends, type TestDatabase } from '../support/test-database.js';
import {
  launchBrowser,
  openBrowserTestCore,
  requireBrowserSetup,
  screenshots,
} from '../support/browser.js';

/**
 * The built web UI against a real server on an ephemeral port, in Debian's
 * Chromium. Builds nothing: `npm run build` must have produced web/dist.
 */

const admin = adminCredentials;

beforeAll(requireBrowserSetup);

/** A small hierarchy: Northwind Holdings > Northwind Traders > Northwind Traders Nordic, plus Contoso. */
async function seed(db: Database): Promise<void> {
  const account = async (
    name: string,
    parentId: string | null,
    domain: string,
    externalId: string,
  ) => {
    const [row] = await db.query<{ id: string }>(
      `INSERT INTO accounts (name, parent_id, external_id, owner_id)
       VALUES ($1, $2, $3, (SELECT id FROM users LIMIT 1)) RETURNING id`,
      [name, parentId, externalId],
    );
    await db.query(
      'INSERT INTO account_domains (account_id, domain, position) VALUES ($1, $2, 0)',
      [row!.id, domain],
    );
    return row!.id;
  };
  const contact = async (
    accountId: string,
    first: string,
    last: string,
    title: string,
    email: string,
  ) => {
    const [row] = await db.query<{ id: string }>(
      `INSERT INTO contacts (account_id, first_name, last_name, title, country)
       VALUES ($1, $2, $3, $4, 'GB') RETURNING id`,
      [accountId, first, last, title],
    );
    await db.query(
      'INSERT INTO contact_emails (contact_id, address, position) VALUES ($1, $2, 0)',
      [row!.id, email],
    );
    return row!.id;
  };
  const holdings = await account('Northwind Holdings', null, 'northwind.example', 'ACC-001');
  const traders = await account(
    'Northwind Traders',
    holdings,
    'northwind-traders.example',
    'ACC-002',
  );
  await account('Northwind Traders Nordic', traders, 'northwind.se', 'ACC-003');
  const contoso = await account('Contoso Ltd', null, 'contoso.example', 'ACC-004');
  const ada = await contact(traders, 'Ada', 'Lovelace', 'CTO', 'ada@northwind-traders.example');
  await contact(
    traders,
    'Grace',
    'Hopper',
    'Head of Engineering',
    'grace@northwind-traders.example',
  );
  await contact(contoso, 'Alan', 'Turing', 'Buyer', 'alan@contoso.example');
  const [deal] = await db.query<{ id: string }>(
    `INSERT INTO deals (account_id, name, stage, amount, product)
     VALUES ($1, 'Northwind Traders renewal', 'Negotiation', 48000, 'Platform') RETURNING id`,
    [traders],
  );
  await db.query(
    `INSERT INTO deal_contacts (deal_id, contact_id, role) VALUES ($1, $2, 'Decision maker')`,
    [deal!.id, ada],
  );
  await db.query('INSERT INTO deal_team (deal_id, user_id) SELECT $1, id FROM users', [deal!.id]);
  await db.query(
    `INSERT INTO cases (number, account_id, contact_id, subject)
     VALUES ('CS-1001', $1, $2, 'Invoices not syncing')`,
    [traders, ada],
  );
}

describe.each(testBackends())('web UI (%s)', (backend) => {
  let handle: TestDatabase;
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  const cspViolations: string[] = [];

  beforeAll(async () => {
    handle = await openTestDatabase(backend);
    const core = await openBrowserTestCore(handle.database);
    await seed(core.database);
    server = await startServer(core);
    browser = await launchBrowser();
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    // Fail within the test's budget with Playwright's own message, not Vitest's timeout.
    page.setDefaultTimeout(5_000);
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) cspViolations.push(message.text());
    });
  });

  afterAll(async () => {
    await browser?.close();
    // The test database handle owns the connection: close only the HTTP side here.
    await server?.http.close();
    await handle?.drop();
  });

  it('rejects a wrong password with a readable error', async () => {
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.screenshot({ path: join(screenshots, 'sign-in.png') });
    await page.getByLabel('E-mail').fill(admin.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toBe('Wrong e-mail or password');
  });

  it('signs in and lists the accounts', async () => {
    await page.getByLabel('Password').fill(admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
    expect(await page.getByRole('banner').textContent()).toContain(admin.email);
    const table = page.getByRole('table', { name: 'Accounts' });
    await table.getByRole('link', { name: 'Contoso Ltd' }).waitFor();
    const names = await table.locator('tbody tr td:first-child').allTextContents();
    expect(names).toEqual([
      'Contoso Ltd',
      'Northwind Holdings',
      'Northwind Traders',
      'Northwind Traders Nordic',
    ]);
    await page.screenshot({ path: join(screenshots, 'accounts.png') });
  });

  it('searches the accounts list', async () => {
    await page.getByLabel('Search accounts').fill('contoso');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText('1–1 of 1').waitFor();
    expect(await page.locator('tbody tr').count()).toBe(1);
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.getByText('1–4 of 4').waitFor();
  });

  it('shows an account with its parent, children and contacts', async () => {
    // The first column holds the account itself; the Parent column links to it too.
    await page
      .locator('tbody td:first-child')
      .getByRole('link', { name: 'Northwind Traders', exact: true })
      .click();
    await page.getByRole('heading', { name: 'Northwind Traders', level: 1 }).waitFor();
    const hierarchy = page.getByRole('region', { name: 'Hierarchy' });
    await hierarchy.getByRole('link', { name: 'Northwind Holdings' }).waitFor();
    await hierarchy.getByRole('link', { name: 'Northwind Traders Nordic' }).waitFor();
    const breadcrumb = page.getByRole('navigation', { name: 'Breadcrumb' });
    expect(await breadcrumb.getByRole('link').allTextContents()).toEqual([
      'Accounts',
      'Northwind Holdings',
    ]);
    const contacts = page.getByRole('region', { name: /^Contacts/ });
    expect(await contacts.getByRole('link').allTextContents()).toEqual([
      'Grace Hopper',
      'Ada Lovelace',
    ]);
    await page
      .getByRole('region', { name: /^Deals/ })
      .getByText('Northwind Traders renewal')
      .waitFor();
    await page
      .getByRole('region', { name: /^Cases/ })
      .getByText('CS-1001')
      .waitFor();
    await page.screenshot({ path: join(screenshots, 'account.png'), fullPage: true });
  });

  it('opens a contact and shows its e-mail', async () => {
    await page.getByRole('link', { name: 'Ada Lovelace' }).click();
    await page.getByRole('heading', { name: 'Ada Lovelace', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'ada@northwind-traders.example' }).waitFor();
    const details = page.getByRole('region', { name: 'Details' });
    expect(await details.getByRole('link', { name: 'Northwind Traders' }).count()).toBe(1);
  });

  it('shows a deal with its contacts, their roles and the team', async () => {
    await page.getByRole('link', { name: 'Northwind Traders renewal' }).click();
    await page.getByRole('heading', { name: 'Northwind Traders renewal', level: 1 }).waitFor();
    const contacts = page.getByRole('region', { name: /^Contacts/ });
    expect(await contacts.locator('tbody tr').allInnerTexts()).toEqual([
      'Ada Lovelace\tDecision maker',
    ]);
    await page.getByRole('region', { name: /^Team/ }).getByText(admin.email).first().waitFor();
  });

  it('loads a deep link after a reload and signs out', async () => {
    await page.reload();
    await page.getByRole('heading', { name: 'Northwind Traders renewal', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(cspViolations).toEqual([]);
  });
});
