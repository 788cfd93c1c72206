import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app/open-app.js';
import { startServer } from '../../src/http/start-server.js';
import { launchBrowser, requireBrowserSetup, screenshots, signIn } from '../support/browser.js';
import { calendarEvent } from '../support/calendar-objects.js';
import { startRadicale, type RadicaleServer } from '../support/radicale.js';
import { adminCredentials, openTestApp } from '../support/test-app.js';
import { testBackends } from '../support/test-database.js';

/**
 * Calendars and address books in the built web UI, against Radicale: a
 * wrong password refused in words, a calendar connected, synced and shown
 * with its health, then removed. Needs `npm run build` (web/dist).
 */

beforeAll(requireBrowserSetup);

describe.each(testBackends())('calendars and address books in the web UI (%s)', (backend) => {
  let radicale: RadicaleServer;
  let calendarUrl: string;
  let core: App;
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;

  beforeAll(async () => {
    radicale = await startRadicale();
    await radicale.addUser('rita', 'rita-pass');
    calendarUrl = await radicale.createCalendar('rita', 'work');
    for (const n of [1, 2]) {
      await radicale.put(
        'rita',
        'rita-pass',
        `${calendarUrl}call-${n}.ics`,
        calendarEvent({ uid: `call-${n}@cal`, summary: `Call ${n}` }),
      );
    }
    core = await openTestApp(backend);
    server = await startServer(core);
    browser = await launchBrowser({ width: 1280, height: 1400 });
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.setDefaultTimeout(15_000);
    await page.goto(server.url);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await radicale?.close();
  });

  it('connects a calendar, syncs it, shows its health and removes it', async () => {
    await signIn(page, adminCredentials);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Mailboxes' })
      .click();
    const form = page.getByRole('form', { name: 'Connect a calendar or address book' });
    await form.getByLabel('Name', { exact: true }).fill('Work');
    await form.getByLabel('Collection URL').fill(calendarUrl);
    await form.getByLabel('User name').fill('rita');
    await form.getByLabel('Password').fill('wrong-pass');
    await form.getByRole('button', { name: 'Test and connect' }).click();
    await form.getByText('refused the user name or password').waitFor();

    await form.getByLabel('Password').fill('rita-pass');
    await form.getByRole('button', { name: 'Test and connect' }).click();
    const calendar = page.getByRole('article', { name: 'Calendar Work' });
    await calendar.waitFor();
    await calendar.getByRole('button', { name: 'Sync now' }).click();
    await calendar.getByText('Synced: 2 changed.').waitFor();
    await calendar.getByText('2 on the server, 2 handled, 0 failed').waitFor();
    await page.screenshot({ path: `${screenshots}/dav-sources-${backend}.png`, fullPage: true });

    await calendar.getByRole('button', { name: 'Remove' }).click();
    await page.getByText('No calendar or address book connected yet.').waitFor();
    expect(await core.dav.list({ id: 'nobody', isAdmin: true })).toEqual([]);
  }, 60_000);
});
