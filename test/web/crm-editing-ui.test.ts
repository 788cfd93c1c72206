import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app/open-app.js';
import { startServer } from '../../src/http/start-server.js';
import { importMailFiles } from '../../src/services/capture/import-mail-files.js';
import { launchBrowser, requireBrowserSetup, screenshots, signIn } from '../support/browser.js';
import { mbox } from '../support/mail-fixtures.js';
import { mail } from '../support/sharing-world.js';
import { openTestApp } from '../support/test-app.js';
import { testBackends } from '../support/test-database.js';

/**
 * Editing the CRM in the built web UI as a rep: an account with a domain
 * picks up the stored mail from it, a contact is created and edited, a lead
 * converted, two contacts merged, a deal's roles, team and products edited,
 * a task added and completed, and a record archived. Needs `npm run build`.
 */

const rita = { email: 'rita@threadline.test', password: 'rita-password-42' };

beforeAll(requireBrowserSetup);

describe.each(testBackends())('editing the CRM in the web UI (%s)', (backend) => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  let core: App;
  let dir: string;

  beforeAll(async () => {
    core = await openTestApp(backend, { PORT: '0' });
    await core.auth.addUser({ ...rita, name: 'Rita Rep', role: 'rep' });
    await core.auth.addUser({
      email: 'ravi@threadline.test',
      name: 'Ravi Rep',
      role: 'rep',
      password: null,
    });
    dir = await mkdtemp(join(tmpdir(), 'threadline-crm-ui-'));
    await writeFile(
      join(dir, 'rita.mbox'),
      mbox([
        mail({
          id: '<pricing@umbrella.example>',
          from: 'Alice Wong <alice@umbrella.example>',
          to: rita.email,
          subject: 'Pricing for Umbrella',
          date: 'Mon, 03 Mar 2025 10:00:00 +0000',
        }),
      ]),
    );
    const mailbox = await core.mailboxes.importMailboxOf(rita.email);
    await importMailFiles(
      [join(dir, 'rita.mbox')],
      mailbox,
      (m, items) => core.ingest.ingestBatch(m, items),
      {},
    );
    server = await startServer(core);
    browser = await launchBrowser({ width: 1280, height: 1000 });
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.setDefaultTimeout(10_000);
    await page.goto(server.url);
    await signIn(page, rita);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function openList(title: string) {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: title }).click();
    await page.getByRole('heading', { name: title, level: 1 }).waitFor();
  }
  const heading = (name: string) => page.getByRole('heading', { name, level: 1 });

  it('shows a refused domain at its field', async () => {
    await openList('Accounts');
    await page.getByRole('button', { name: 'New account' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Free mail');
    await page.getByLabel('Domains').fill('gmail.com');
    await page.getByRole('button', { name: 'Create account' }).click();
    const error = page.locator('.form-field.invalid').getByText(/free-mail domain/);
    await error.waitFor();
    expect(await page.getByLabel('Domains').getAttribute('aria-invalid')).toBe('true');
    await page.screenshot({ path: join(screenshots, 'crm-field-error.png'), fullPage: true });
    await page.getByRole('button', { name: 'Cancel' }).click();
  });

  it('creates an account with a domain and shows the stored mail from it', async () => {
    await page.getByRole('button', { name: 'New account' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Umbrella Corp');
    await page.getByLabel('Domains').fill('Umbrella.example');
    await page.getByRole('button', { name: 'Create account' }).click();
    await heading('Umbrella Corp').waitFor();
    await page.getByText('umbrella.example', { exact: true }).waitFor();
    await page.getByText('Pricing for Umbrella').first().waitFor();
    await page.screenshot({ path: join(screenshots, 'crm-new-account.png'), fullPage: true });
  });

  it('creates a contact on the account and edits it', async () => {
    await openList('Contacts');
    await page.getByRole('button', { name: 'New contact' }).click();
    await page.getByLabel('First name').fill('Alice');
    await page.getByLabel('Last name').fill('Wong');
    await page.getByLabel('E-mail addresses').fill('alice@umbrella.example');
    await page.getByLabel('Find account').fill('Umbrella');
    await page
      .locator('select option', { hasText: 'Umbrella Corp' })
      .waitFor({ state: 'attached' });
    await page.getByLabel('Account', { exact: true }).selectOption({ label: 'Umbrella Corp' });
    await page.getByRole('button', { name: 'Create contact' }).click();
    await heading('Alice Wong').waitFor();
    await page.getByRole('link', { name: 'Umbrella Corp' }).first().waitFor();

    await page.getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel('Title').fill('CFO');
    await page.screenshot({ path: join(screenshots, 'crm-edit-contact.png'), fullPage: true });
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('dd', { hasText: 'CFO' }).waitFor();
  });

  it('merges a second contact into the first', async () => {
    await openList('Contacts');
    await page.getByRole('button', { name: 'New contact' }).click();
    await page.getByLabel('First name').fill('Alice');
    await page.getByLabel('Last name').fill('Wong-Smith');
    await page.getByLabel('E-mail addresses').fill('awong@umbrella.example');
    await page.getByRole('button', { name: 'Create contact' }).click();
    await heading('Alice Wong-Smith').waitFor();

    await openList('Contacts');
    await page.getByRole('link', { name: 'Alice Wong', exact: true }).click();
    await heading('Alice Wong').waitFor();
    await page.getByRole('button', { name: 'Merge…' }).click();
    await page.getByLabel('Find the contact to merge').fill('Wong-Smith');
    await page.getByRole('button', { name: 'Alice Wong-Smith' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Confirm the merge' });
    await confirm.getByText(/is archived/).waitFor();
    await page.screenshot({ path: join(screenshots, 'crm-merge-contacts.png'), fullPage: true });
    await confirm.getByRole('button', { name: 'Merge' }).click();
    await page.getByRole('link', { name: 'awong@umbrella.example' }).waitFor();
    await openList('Contacts');
    expect(await page.getByRole('link', { name: 'Alice Wong-Smith' }).count()).toBe(0);
  });

  it('converts a lead into a contact, an account and a deal', async () => {
    await openList('Leads');
    await page.getByRole('button', { name: 'New lead' }).click();
    await page.getByLabel('First name').fill('Lin');
    await page.getByLabel('Last name').fill('Chen');
    await page.getByLabel('E-mail addresses').fill('lin.chen@initech.example');
    await page.getByLabel('Company').fill('Initech');
    await page.getByRole('button', { name: 'Create lead' }).click();
    await heading('Lin Chen').waitFor();
    await page.getByRole('button', { name: 'Convert…' }).click();
    expect(await page.getByLabel('New account name').inputValue()).toBe('Initech');
    await page.getByLabel('Also create a deal').check();
    await page.getByLabel('Deal name').fill('Initech pilot');
    await page.screenshot({ path: join(screenshots, 'crm-convert-lead.png'), fullPage: true });
    await page.getByRole('button', { name: 'Convert lead' }).click();
    await page.getByText('Contact', { exact: true }).waitFor();
    await heading('Lin Chen').waitFor();
    await page.getByRole('link', { name: 'Initech' }).first().waitFor();
    await openList('Deals');
    await page.getByRole('link', { name: 'Initech pilot' }).waitFor();
  });

  it('edits a deal’s contact roles, team and products, a refused product shown at its cell', async () => {
    await page.getByRole('link', { name: 'Initech pilot' }).click();
    await heading('Initech pilot').waitFor();
    await page.getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel('Find contact to add').fill('Alice');
    await page
      .locator('select option', { hasText: 'Alice Wong' })
      .first()
      .waitFor({ state: 'attached' });
    await page.getByLabel('Contact to add', { exact: true }).selectOption({ label: 'Alice Wong' });
    await page.getByRole('button', { name: 'Add contact' }).click();
    await page.getByLabel('Role of Alice Wong').fill('Champion');
    await page
      .getByLabel('Colleague to add')
      .selectOption({ label: 'Ravi Rep (ravi@threadline.test)' });
    await page.getByRole('button', { name: 'Add to team' }).click();
    await page.getByLabel('Role of Ravi Rep').fill('Sales engineer');
    await page.getByRole('button', { name: 'Add product' }).click();
    await page.getByLabel('Name of product 1').fill('Pilot licence');
    await page.getByLabel('Quantity of product 1').fill('0');
    await page.getByLabel('Unit price of product 1').fill('200');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('quantity: must be more than 0').waitFor();
    expect(await page.getByLabel('Quantity of product 1').getAttribute('aria-invalid')).toBe(
      'true',
    );
    await page.screenshot({ path: join(screenshots, 'crm-deal-parts-form.png'), fullPage: true });

    await page.getByLabel('Quantity of product 1').fill('5');
    await page.getByRole('button', { name: 'Save' }).click();
    const products = page.getByRole('table', { name: 'Products on this deal' });
    await products.getByRole('cell', { name: 'Pilot licence' }).waitFor();
    await page.getByText('Total of the product lines: 1,000').waitFor();
    const contacts = page.getByRole('table', { name: 'Contacts on this deal and their roles' });
    await contacts.getByRole('cell', { name: 'Champion' }).waitFor();
    const team = page.getByRole('table', { name: 'Colleagues on this deal' });
    await team.getByRole('cell', { name: 'Sales engineer' }).waitFor();
    await page.screenshot({ path: join(screenshots, 'crm-deal-parts.png'), fullPage: true });
  });

  it('adds an overdue task on the deal, lists it on the Tasks page and completes it', async () => {
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const tasks = page.getByRole('region', { name: 'Tasks' });
    await tasks.getByLabel('New task').fill('Send the pilot agreement');
    await tasks.getByLabel('Due').fill(yesterday);
    await tasks.getByRole('button', { name: 'Add task' }).click();
    await tasks.getByText('Send the pilot agreement').waitFor();
    await tasks.getByText(/overdue since/).waitFor();

    await openList('Tasks');
    const task = page.getByRole('listitem').filter({ hasText: 'Send the pilot agreement' });
    await task.getByText(/overdue since/).waitFor();
    await task.getByRole('link', { name: 'Initech pilot' }).waitFor();
    await page.screenshot({ path: join(screenshots, 'tasks-page.png'), fullPage: true });
    await task.getByRole('button', { name: 'Done' }).click();
    await page.getByText('No open tasks assigned to you or made by you.').waitFor();
    await page.getByRole('button', { name: 'Done', exact: true }).click();
    await page
      .getByRole('listitem')
      .filter({ hasText: 'Send the pilot agreement' })
      .getByRole('button', { name: 'Reopen' })
      .waitFor();
    await openList('Deals');
  });

  it('archives a record after a confirmation', async () => {
    await page.getByRole('link', { name: 'Initech pilot' }).click();
    await heading('Initech pilot').waitFor();
    await page.getByRole('button', { name: 'Archive…' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Archive deal' }).click();
    await page.getByText(/^Archived on/).waitFor();
    await openList('Deals');
    expect(await page.getByRole('link', { name: 'Initech pilot' }).count()).toBe(0);
  });
});
