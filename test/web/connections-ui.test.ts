import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Insight from '../../src/api-shapes/insight.js';
import type { App } from '../../src/app/open-app.js';
import { startServer } from '../../src/http/start-server.js';
import { importMailFiles } from '../../src/services/capture/import-mail-files.js';
import { mbox } from '../support/mail-fixtures.js';
import { mail } from '../support/sharing-world.js';
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
 * Relationship insight in the built web UI: a contact's connections with
 * their breakdown and closest colleague, who knows whom at the account, a
 * deal's buying roles, the accounts going cold and the score's weights,
 * showing the figures the API computes from a small imported conversation.
 * Needs `npm run build`.
 */

const admin = adminCredentials;
const rita = { email: 'rita@threadline.test', name: 'Rita Rep' };

beforeAll(requireBrowserSetup);

const daysAgo = (days: number, minutes = 0) =>
  new Date(Date.now() - days * 86_400_000 + minutes * 60_000).toUTCString();

/** We ask Grace with a colleague of hers copied; she answers within the hour, copying a lawyer. */
const adminMail = [
  mail({
    id: '<terms@threadline.test>',
    from: `Administrator <${admin.email}>`,
    to: 'Grace Hopper <grace@northwind.example>',
    cc: 'Bob Buyer <bob@northwind.example>',
    subject: 'Renewal terms',
    date: daysAgo(10),
  }),
  mail({
    id: '<terms-reply@northwind.example>',
    from: 'Grace Hopper <grace@northwind.example>',
    to: admin.email,
    cc: 'counsel@lawfirm.example',
    subject: 'RE: Renewal terms',
    date: daysAgo(10, 30),
    headers: ['In-Reply-To: <terms@threadline.test>', 'References: <terms@threadline.test>'],
  }),
];
/** Rita met Grace weeks ago and has not written since. */
const ritaMail = [
  mail({
    id: '<intro@threadline.test>',
    from: `${rita.name} <${rita.email}>`,
    to: 'grace@northwind.example',
    subject: 'Introduction',
    date: daysAgo(50),
  }),
];

interface Seeded {
  grace: string;
  alan: string;
  renewal: string;
}

async function seed(core: App, mailDir: string): Promise<Seeded> {
  const db = core.database;
  const account = async (name: string, domain: string) => {
    const [row] = await db.query<{ id: string }>(
      `INSERT INTO accounts (name, owner_id) VALUES ($1, (SELECT id FROM users LIMIT 1))
       RETURNING id`,
      [name],
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
    email: string,
    title = '',
  ) => {
    const [row] = await db.query<{ id: string }>(
      `INSERT INTO contacts (account_id, first_name, last_name, title) VALUES ($1, $2, $3, $4)
       RETURNING id`,
      [accountId, first, last, title],
    );
    await db.query(
      'INSERT INTO contact_emails (contact_id, address, position) VALUES ($1, $2, 0)',
      [row!.id, email],
    );
    return row!.id;
  };
  const northwind = await account('Northwind Traders', 'northwind.example');
  const contoso = await account('Contoso Ltd', 'contoso.example');
  const grace = await contact(northwind, 'Grace', 'Hopper', 'grace@northwind.example', 'CTO');
  const fiona = await contact(northwind, 'Fiona', 'Funds', 'fiona@northwind.example', 'CFO');
  const alan = await contact(contoso, 'Alan', 'Turing', 'alan@contoso.example');
  /** An open deal of the admin's at each account: Northwind's written about, Contoso's not. */
  const deal = async (accountId: string, name: string, contacts: string[]) => {
    const [row] = await db.query<{ id: string }>(
      `INSERT INTO deals (account_id, name, owner_id)
       VALUES ($1, $2, (SELECT id FROM users WHERE email = $3)) RETURNING id`,
      [accountId, name, admin.email],
    );
    for (const [position, contactId] of contacts.entries()) {
      await db.query(
        'INSERT INTO deal_contacts (deal_id, contact_id, position) VALUES ($1, $2, $3)',
        [row!.id, contactId, position],
      );
    }
    return row!.id;
  };
  const renewal = await deal(northwind, 'Northwind renewal', [grace, fiona]);
  await deal(contoso, 'Contoso pilot', [alan]);
  const ritaUser = await core.auth.addUser({ ...rita, role: 'rep', password: null });
  // Shared with everyone: private mail would tell the admin nothing either.
  await core.sharing.updateOwn(ritaUser, {
    mode: 'public',
    excludedDomains: [],
    sharedWith: [],
    recordShares: [],
  });
  await core.directory.invalidate();

  for (const [owner, messages] of [
    [admin.email, adminMail],
    [rita.email, ritaMail],
  ] as const) {
    const file = join(mailDir, `${owner}.mbox`);
    await writeFile(file, mbox(messages));
    const mailbox = await core.mailboxes.importMailboxOf(owner);
    await importMailFiles([file], mailbox, (m, items) => core.ingest.ingestBatch(m, items), {});
  }
  return { grace, alan, renewal };
}

describe.each(testBackends())('relationship insight in the web UI (%s)', (backend) => {
  let handle: TestDatabase;
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  let mailDir: string;
  let ids: Seeded & { northwind: string; contoso: string };

  beforeAll(async () => {
    handle = await openTestDatabase(backend);
    const core = await openBrowserTestCore(handle.database);
    mailDir = await mkdtemp(join(tmpdir(), 'threadline-connections-'));
    const contacts = await seed(core, mailDir);
    const accountOf = async (contactId: string) => {
      const [row] = await core.database.query<{ account_id: string }>(
        'SELECT account_id FROM contacts WHERE id = $1',
        [contactId],
      );
      return row!.account_id;
    };
    ids = {
      ...contacts,
      northwind: await accountOf(contacts.grace),
      contoso: await accountOf(contacts.alan),
    };
    server = await startServer(core);
    browser = await launchBrowser();
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.setDefaultTimeout(8_000);
    await page.goto(server.url);
    await signIn(page, admin);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await server?.http.close();
    await handle?.drop();
    if (mailDir) await rm(mailDir, { recursive: true, force: true });
  });

  /** What the API answers the signed-in reader, through the browser's own session. */
  const api = async <T>(path: string): Promise<T> => {
    const response = await page.request.get(new URL(path, server.url).toString());
    expect(response.status(), path).toBe(200);
    return (await response.json()) as T;
  };
  /** The date as the page formats it, in the browser's own locale. */
  const shownDate = (iso: string) =>
    page.evaluate(
      (at) => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(new Date(at)),
      iso,
    );
  const cellsOf = (row: Locator) => row.locator('td').allTextContents();

  it('lists each colleague’s connection with a contact and opens its breakdown', async () => {
    const { items } = await api<{ items: Insight.ContactConnection[] }>(
      `/api/contacts/${ids.grace}/connections`,
    );
    expect(items.map((item) => item.user.email)).toEqual([admin.email, rita.email]);

    await page.goto(`${server.url}/contacts/${ids.grace}`);
    const panel = page.getByRole('region', { name: /^Connections/ });
    const rows = panel.locator('tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(items.length);
    for (const [index, item] of items.entries()) {
      expect(await cellsOf(rows.nth(index))).toEqual([
        item.user.name,
        String(Math.round(item.score)),
        item.trend,
        await shownDate(item.lastAt!),
      ]);
    }

    const strongest = items[0]!;
    await panel.getByRole('button', { name: strongest.user.name }).click();
    const breakdown = panel.getByRole('list', {
      name: `How ${strongest.user.name}’s score is made`,
    });
    const lines = await breakdown.getByRole('listitem').allTextContents();
    expect(lines).toEqual(
      strongest.breakdown.map((line) => `+${line.points.toFixed(1)} ${line.reason}`),
    );
    expect(lines[0]).toMatch(/^\+\d+\.\d reply received 9 days ago, within 30 minutes$/);
    await panel.screenshot({ path: join(screenshots, 'contact-connections.png') });

    await panel.getByRole('button', { name: strongest.user.name }).click();
    expect(await breakdown.count()).toBe(0);
  });

  it('shows who knows whom at the account, and who else is on the threads', async () => {
    const result = await api<Insight.AccountConnections>(
      `/api/accounts/${ids.northwind}/connections`,
    );
    expect(result.theirs.map((side) => side.address).sort()).toEqual([
      'bob@northwind.example',
      'grace@northwind.example',
    ]);

    await page.goto(`${server.url}/accounts/${ids.northwind}`);
    const panel = page.getByRole('region', { name: 'Who knows whom' });
    const ours = panel.getByRole('table', { name: 'Our people' }).locator('tbody tr');
    await ours.first().waitFor();
    expect(await panel.locator('.fields dd').first().innerText()).toBe(
      String(Math.round(result.teamScore)),
    );
    expect(await ours.count()).toBe(result.ours.length);
    for (const [index, side] of result.ours.entries()) {
      expect(await cellsOf(ours.nth(index))).toEqual([
        side.user.name,
        String(Math.round(side.score)),
        side.trend,
        result.theirs.find((their) => their.address === side.closest)?.contact?.name ??
          side.closest,
        await shownDate(side.lastAt!),
      ]);
    }

    const theirs = panel.getByRole('table', { name: 'Their people' }).locator('tbody tr');
    expect(await theirs.count()).toBe(result.theirs.length);
    for (const [index, side] of result.theirs.entries()) {
      const [person, ...rest] = await cellsOf(theirs.nth(index));
      expect(person).toBe(side.contact ? `${side.contact.name}${side.address}` : side.address);
      expect(rest).toEqual([
        String(Math.round(side.score)),
        side.trend,
        side.closestColleague.name,
        await shownDate(side.lastAt!),
      ]);
    }
    const grace = result.theirs.find((side) => side.contact)!;
    expect(await theirs.getByRole('link', { name: grace.contact!.name }).getAttribute('href')).toBe(
      `/contacts/${ids.grace}`,
    );

    const others = panel
      .getByRole('table', { name: 'Third parties on the threads' })
      .locator('tbody tr');
    expect(await Promise.all((await others.all()).map(cellsOf))).toEqual(
      result.thirdParties.map((party) => [
        party.address,
        party.organisation,
        `${party.role[0]!.toUpperCase()}${party.role.slice(1)}${party.reason}`,
        String(party.threads),
      ]),
    );
    expect(result.thirdParties.map((party) => [party.address, party.role])).toEqual([
      ['counsel@lawfirm.example', 'lawyer'],
    ]);
    await panel.screenshot({ path: join(screenshots, 'account-connections.png') });
  });

  it('says why a contact or an account without mail has no connections', async () => {
    await page.goto(`${server.url}/contacts/${ids.alan}`);
    await page
      .getByRole('region', { name: /^Connections/ })
      .getByText('No mail with this contact that you may see yet.')
      .waitFor();
    await page.goto(`${server.url}/accounts/${ids.contoso}`);
    await page
      .getByRole('region', { name: 'Who knows whom' })
      .getByText('No mail with this account that you may see yet.')
      .waitFor();
  });

  it('shows a deal’s buying roles and names the roles never reached', async () => {
    const roles = await api<Insight.DealBuyingRoles>(`/api/deals/${ids.renewal}/buying-roles`);
    expect(roles.unreached).toContain('finance');
    expect(roles.roles.find((role) => role.role === 'technical')?.reached).toBe(true);

    await page.goto(`${server.url}/deals/${ids.renewal}`);
    const panel = page.getByRole('region', { name: 'Buying roles' });
    const rows = panel
      .getByRole('table', { name: 'Buying roles of this deal' })
      .locator('tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(roles.roles.length);
    const technical = await cellsOf(rows.filter({ hasText: 'Technical' }));
    expect(technical[1]).toContain('Grace Hopper');
    expect(technical[2]).toBe('reached');
    const finance = await cellsOf(rows.filter({ hasText: 'Finance' }));
    expect(finance[1]).toContain('Fiona Funds');
    expect(finance[2]).toBe('never reached');
    expect(await panel.locator('.fields dd').first().innerText()).toBe(
      String(Math.round(roles.team.score)),
    );
    await panel.screenshot({ path: join(screenshots, 'deal-buying-roles.png') });
  });

  it('names the colleague closest to a contact, to ask for an introduction', async () => {
    const { items } = await api<{ items: Insight.ClosestColleague[] }>(
      `/api/contacts/${ids.grace}/closest-colleagues`,
    );
    expect(items.map((item) => item.user.email)).toEqual([rita.email]);
    await page.goto(`${server.url}/contacts/${ids.grace}`);
    const panel = page.getByRole('region', { name: 'Closest colleague' });
    const rows = panel.locator('tbody tr');
    await rows.first().waitFor();
    const [name, score, trend] = await cellsOf(rows.first());
    expect([name, score, trend]).toEqual([rita.name, String(items[0]!.score), items[0]!.trend]);
    await panel.screenshot({ path: join(screenshots, 'contact-closest-colleague.png') });
  });

  it('lists the accounts of my open deals going cold on the inbox page', async () => {
    const { items } = await api<{ items: Insight.GoingColdAccount[] }>('/api/me/going-cold');
    expect(items.map((item) => [item.name, item.trend])).toEqual([['Contoso Ltd', 'cold']]);
    await page.goto(`${server.url}/inbox`);
    const panel = page.getByRole('region', { name: /^Going cold/ });
    const rows = panel.locator('tbody tr');
    await rows.first().waitFor();
    expect(await cellsOf(rows.first())).toEqual([
      'Contoso Ltd',
      'Contoso pilot',
      '0',
      'cold',
      'Never',
    ]);
    await panel.screenshot({ path: join(screenshots, 'inbox-going-cold.png') });
  });

  it('lets the admin change the score’s weights and restore the defaults', async () => {
    await page.goto(`${server.url}/settings`);
    const panel = page.getByRole('region', { name: 'Connection strength' });
    const meeting = panel.getByLabel('Meeting');
    await meeting.fill('20');
    await panel.getByRole('button', { name: 'Save weights' }).click();
    await panel.getByRole('status').getByText('Weights saved.').waitFor();
    const saved = await api<Insight.StrengthWeightsShape>('/api/settings/connection-strength');
    expect(saved.weights.points.meeting).toBe(20);
    await panel.screenshot({ path: join(screenshots, 'settings-connection-strength.png') });
    await panel.getByRole('button', { name: 'Restore defaults' }).click();
    await panel.getByRole('status').getByText('Defaults restored.').waitFor();
    expect(await meeting.inputValue()).toBe('15');
    expect(
      (await api<Insight.StrengthWeightsShape>('/api/settings/connection-strength')).override,
    ).toEqual({});
  });
});
