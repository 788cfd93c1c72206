import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app/open-app.js';
import { startServer } from '../../src/http/start-server.js';
import { createAuditLog } from '../../src/services/sharing/audit-log.js';
import { createSharingService } from '../../src/services/sharing/sharing-service.js';
import { adminCredentials, openTestApp } from '../support/test-app.js';
import { testBackends } from '../support/test-database.js';
import {
  launchBrowser,
  openSettings,
  requireBrowserSetup,
  screenshots,
} from '../support/browser.js';

/**
 * The settings page in the built web UI: a rep's own sharing and who read
 * their private mail, and the admin's break-glass, do-not-track list and
 * audit log. Needs `npm run build` (web/dist).
 */

const admin = adminCredentials;
const rita = { email: 'rita@threadline.test', password: 'rita-password-42' };

beforeAll(requireBrowserSetup);

describe.each(testBackends())('sharing and privacy settings in the web UI (%s)', (backend) => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  let ritaId: string;
  let core: App;

  beforeAll(async () => {
    core = await openTestApp(backend, { PORT: '0' });
    ritaId = (await core.auth.addUser({ ...rita, name: 'Rita Rep', role: 'rep' })).id;
    await core.auth.addUser({
      email: 'olga@threadline.test',
      name: 'Olga Other',
      role: 'rep',
      password: null,
    });
    server = await startServer(core);
    browser = await launchBrowser({ width: 1280, height: 900 });
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.setDefaultTimeout(8_000);
    await page.goto(server.url);
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function signInAs(user: { email: string; password: string }) {
    await openSettings(page, user);
    await page.getByRole('radio', { name: /^Private/ }).waitFor();
  }

  const sharing = () => page.getByRole('region', { name: 'Sharing' });

  it('keeps a custom sharing choice with a named colleague and an excluded domain', async () => {
    await signInAs(rita);
    expect(await page.getByRole('radio', { name: /^Private/ }).isChecked()).toBe(true);
    await page.getByRole('radio', { name: /^Custom/ }).check();
    await page
      .getByLabel('Colleague', { exact: true })
      .selectOption({ label: 'Olga Other (olga@threadline.test)' });
    await page.getByRole('button', { name: 'Add colleague' }).click();
    await page.getByLabel('Domain to exclude').fill('Partner.Example');
    await page.getByRole('button', { name: 'Add domain' }).click();
    await page.getByRole('button', { name: 'Save sharing' }).click();
    await sharing().getByRole('status').getByText('Sharing saved.').waitFor();

    await page.reload();
    await page.getByRole('radio', { name: /^Custom/ }).waitFor();
    expect(await page.getByRole('radio', { name: /^Custom/ }).isChecked()).toBe(true);
    expect(await page.getByRole('list', { name: 'Colleagues I share with' }).innerText()).toContain(
      'olga@threadline.test',
    );
    expect(await page.getByRole('list', { name: 'Excluded domains' }).innerText()).toContain(
      'partner.example',
    );
    await page.screenshot({ path: join(screenshots, 'settings-sharing.png'), fullPage: true });
  });

  it('shows a rep no admin sections, and the API refuses them too', async () => {
    expect(await page.getByRole('region', { name: /^Do not track/ }).count()).toBe(0);
    expect(await page.getByRole('region', { name: 'Audit log' }).count()).toBe(0);
    expect(await page.getByRole('region', { name: 'Break glass' }).count()).toBe(0);
    await page.getByText(/not even admins, unless an admin breaks the glass/).waitFor();
    await page
      .getByRole('region', { name: 'Who read my private mail' })
      .getByText('No admin has read your private mail.')
      .waitFor();
    const audit = await page.request.get(`${server.url}/api/audit`);
    expect(audit.status()).toBe(403);
  });

  it('lets an admin add a do-not-track address and see the changes in the audit log', async () => {
    await signInAs(admin);
    const doNotTrack = page.getByRole('region', { name: /^Do not track/ });
    await doNotTrack.getByLabel('Address').fill('Sam@Example.org');
    await doNotTrack.getByRole('button', { name: 'Add address' }).click();
    await doNotTrack
      .getByRole('list', { name: 'Addresses not tracked' })
      .getByText('sam@example.org')
      .waitFor();

    const log = page.getByRole('region', { name: 'Audit log' });
    const rows = log.getByRole('row');
    await rows.filter({ hasText: 'privacy.do-not-track.add' }).waitFor();
    const change = rows.filter({ hasText: 'sharing.update' });
    expect(await change.innerText()).toContain(rita.email);
    expect(await change.innerText()).toContain('private → custom');
    expect(
      await log.getByRole('link', { name: 'Export the whole audit log' }).getAttribute('href'),
    ).toBe('/api/audit/export');
    await page.screenshot({ path: join(screenshots, 'settings-admin.png'), fullPage: true });

    await doNotTrack.getByRole('button', { name: 'Remove sam@example.org' }).click();
    await doNotTrack.getByText('Nobody has asked not to be tracked.').waitFor();
    await rows.filter({ hasText: 'privacy.do-not-track.remove' }).waitFor();
  });

  it('lets an admin break the glass with a reason, and Rita sees who read her private mail', async () => {
    const breakGlass = page.getByRole('region', { name: 'Break glass' });
    await breakGlass.getByLabel('User').selectOption({ label: `Rita Rep (${rita.email})` });
    await breakGlass.getByLabel('Reason').fill('Customer dispute, ticket 4411');
    await breakGlass.getByLabel('Minutes').fill('30');
    await breakGlass.getByRole('button', { name: 'Read their private mail' }).click();
    await breakGlass
      .getByRole('status')
      .getByText(`You may read ${rita.email}’s mail until`)
      .waitFor();
    await page
      .getByRole('region', { name: 'Audit log' })
      .getByRole('row')
      .filter({ hasText: 'mail.break_glass' })
      .waitFor();

    await signInAs(rita);
    const reads = page.getByRole('region', { name: 'Who read my private mail' });
    const row = reads.getByRole('row').filter({ hasText: 'Customer dispute, ticket 4411' });
    await row.waitFor();
    expect(await row.innerText()).toContain(admin.email);
    expect(await row.innerText()).toContain('All your mail');
    await page.screenshot({
      path: join(screenshots, 'settings-private-reads.png'),
      fullPage: true,
    });
  });

  it('shows a mode an admin imposed as read-only', async () => {
    const audit = createAuditLog(core.database, core.clock);
    await createSharingService({ database: core.database, clock: core.clock, audit }).impose(
      { id: '00000000-0000-0000-0000-000000000000', email: 'test' },
      ritaId,
      { mode: 'public', excludedDomains: [], imposed: true },
    );
    await signInAs(rita);
    await sharing()
      .getByRole('note')
      .getByText(/An admin has set your sharing mode/)
      .waitFor();
    expect(await page.getByRole('radio', { name: /^Public/ }).isChecked()).toBe(true);
    expect(await page.getByRole('radio', { name: /^Private/ }).isDisabled()).toBe(true);
    expect(await page.getByLabel('Domain to exclude').isDisabled()).toBe(true);
  });
});
