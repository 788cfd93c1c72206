import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/http/start-server.js';
import {
  launchBrowser,
  openSettings,
  requireBrowserSetup,
  screenshots,
} from '../support/browser.js';
import { openFleetWorld, type FleetWorld } from '../support/fleet-world.js';
import { adminCredentials, openTestApp } from '../support/test-app.js';
import { testBackends } from '../support/test-database.js';
import { eventually, holdersNow, startWorkerProcess } from '../support/worker-process.js';

/**
 * The sync workers panel of the settings page: an admin sees each
 * `threadline worker` process and which one holds each mailbox; a rep sees
 * no such panel and the API refuses them. Needs `npm run build`.
 */

const rep = { email: 'rick@threadline.test', password: 'rick-password-42' };

beforeAll(requireBrowserSetup);

describe.runIf(testBackends().includes('server'))('the sync workers panel with a worker', () => {
  let world: FleetWorld;
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let worker: ReturnType<typeof startWorkerProcess>;
  let page: Page;

  beforeAll(async () => {
    world = await openFleetWorld({
      users: 2,
      messages: 2,
      env: { PORT: '0', THREADLINE_SYNC_IN_SERVER: 'off' },
    });
    await world.app.auth.addUser({ ...rep, name: 'Rick Rep', role: 'rep' });
    server = await startServer(world.app);
    worker = startWorkerProcess(world.app, { THREADLINE_SYNC_LEASE_SECONDS: '6' });
    const name = await worker.name;
    await eventually(
      'the worker holds both mailboxes',
      async () => (await holdersNow(world.app.database)).get(name)?.length === 2,
      15_000,
    );
    browser = await launchBrowser({ width: 1400, height: 1000 });
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.setDefaultTimeout(10_000);
    await page.goto(server.url);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await worker?.kill('SIGKILL');
    await server?.close();
    await world?.dovecot.stop();
  });

  const panel = () => page.getByRole('region', { name: 'Sync workers' });

  it('shows an admin the worker, its budget, and that it holds both mailboxes', async () => {
    const name = await worker.name;
    await openSettings(page, adminCredentials);
    const workers = panel().getByRole('table', { name: 'Sync workers' });
    const row = workers.getByRole('row').filter({ hasText: name });
    await row.waitFor();
    expect(await row.innerText()).toContain(String(worker.child.pid));
    expect(await row.innerText()).toMatch(/2 of at most \d+/);
    expect(await row.innerText()).toMatch(/\d+ MB of \d+ MB/);

    const mailboxes = panel().getByRole('table', { name: 'Mailboxes and the worker holding each' });
    for (const account of world.accounts) {
      const held = mailboxes.getByRole('row').filter({ hasText: `${account.user} on` });
      await held.waitFor();
      expect(await held.innerText()).toContain(name);
      expect(await held.innerText()).toContain('rita@threadline.example');
    }
    // Once back-filled, the panel's own refresh shows each mailbox synced.
    await mailboxes
      .getByRole('row')
      .filter({ hasText: 'less than a minute' })
      .nth(world.accounts.length - 1)
      .waitFor({ timeout: 20_000 });
    await panel().screenshot({ path: join(screenshots, 'fleet.png') });
  }, 40_000);

  it('shows a rep no sync workers panel, and the API refuses them', async () => {
    await openSettings(page, rep);
    await page.getByRole('region', { name: 'Sharing' }).waitFor();
    expect(await panel().count()).toBe(0);
    const answer = await page.request.get(`${server.url}/api/fleet`);
    expect(answer.status()).toBe(403);
    expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
  }, 30_000);
});

describe.each(testBackends())(
  'the sync workers panel of a server syncing itself (%s)',
  (backend) => {
    let server: Awaited<ReturnType<typeof startServer>>;
    let browser: Awaited<ReturnType<typeof launchBrowser>>;

    beforeAll(async () => {
      server = await startServer(await openTestApp(backend, { PORT: '0' }));
      browser = await launchBrowser();
    }, 30_000);
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('says why no worker is listed', async () => {
      const page = browser.context.pages()[0] ?? (await browser.context.newPage());
      page.setDefaultTimeout(8_000);
      await page.goto(server.url);
      await openSettings(page, adminCredentials);
      await page
        .getByRole('region', { name: 'Sync workers' })
        .getByText('This server syncs every mailbox itself; no separate workers are running.')
        .waitFor();
    });
  },
);
