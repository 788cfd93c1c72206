import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/http/start-server.js';
import { startDnsServer, type DnsServer, type TxtRecord } from '../support/dns-server.js';
import { adminCredentials, openTestApp } from '../support/test-app.js';
import { testBackends } from '../support/test-database.js';
import {
  openSettingsAs,
  requireBrowserSetup,
  screenshots,
  type launchBrowser,
} from '../support/browser.js';

/**
 * An admin's sending domains in the built web UI, checked against a real
 * dnsmasq the test republishes as the domain's owner would. Needs `npm run build`.
 */

beforeAll(requireBrowserSetup);

describe.each(testBackends())('sending domains in the web UI (%s)', (backend) => {
  const domain = `mail-${backend}.acme.test`;
  let dns: DnsServer;
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;

  /** DNS as published so far, on the same port the app asks. */
  const publish = async (txt: TxtRecord[]) => {
    const port = dns.port;
    await dns.stop();
    dns = await startDnsServer({ zones: ['acme.test'], txt, ttlSeconds: 1, port });
  };

  beforeAll(async () => {
    dns = await startDnsServer({ zones: ['acme.test'], txt: [], ttlSeconds: 1 });
    const core = await openTestApp(backend, { PORT: '0', THREADLINE_DNS_SERVER: dns.address });
    server = await startServer(core);
    ({ browser, page } = await openSettingsAs(server.url, adminCredentials));
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await dns?.stop();
  });

  const panel = () => page.getByRole('region', { name: 'Sending domains' });
  const card = () => panel().getByRole('article', { name: `Sending domain ${domain}` });
  const dkimRow = () => card().getByRole('row').filter({ hasText: '._domainkey.' });

  it('names what is wrong with a domain it refuses', async () => {
    await panel()
      .getByText(/No sending domain yet/)
      .waitFor();
    await panel().getByLabel('Domain to send from').fill('not a domain');
    await panel().getByRole('button', { name: 'Add domain' }).click();
    await panel()
      .getByRole('alert')
      .getByText(/"not a domain" is not a domain name/)
      .waitFor();
  });

  it('shows the DKIM record to publish, finds it missing, then verified once published', async () => {
    await panel().getByLabel('Domain to send from').fill(domain.toUpperCase());
    await panel().getByRole('button', { name: 'Add domain' }).click();
    await dkimRow().waitFor();
    const name = (await dkimRow().getByRole('cell').nth(0).locator('code').innerText()).trim();
    const value = (await dkimRow().getByRole('cell').nth(2).locator('code').innerText()).trim();
    expect(name).toMatch(
      new RegExp(`^[a-z0-9-]+\\._domainkey\\.${domain.replaceAll('.', '\\.')}$`),
    );
    expect(value).toMatch(/^v=DKIM1; k=rsa; p=[A-Za-z0-9+/=]{200,}$/);
    expect(await dkimRow().getByRole('cell').nth(1).innerText()).toBe('TXT');
    expect(await dkimRow().getByRole('button', { name: 'Copy dkim value' }).count()).toBe(1);
    await card().getByText('not verified: mail leaves unsigned').waitFor();

    await card().getByRole('button', { name: 'Check now' }).click();
    await dkimRow().getByText('Missing', { exact: true }).waitFor();

    await publish([{ name, text: value }]);
    await card().getByRole('button', { name: 'Check now' }).click();
    await dkimRow().getByText('Verified', { exact: true }).waitFor();
    await card()
      .getByText(/^signing since/)
      .waitFor();
    await panel().screenshot({ path: join(screenshots, 'sending-domains.png') });
  });

  it('removes a domain only after confirmation', async () => {
    await card().getByRole('button', { name: 'Remove…' }).click();
    const confirm = card().getByRole('alertdialog', { name: `Remove ${domain}` });
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect(await card().count()).toBe(1);
    await card().getByRole('button', { name: 'Remove…' }).click();
    await confirm.getByRole('button', { name: 'Remove domain' }).click();
    await panel()
      .getByText(/No sending domain yet/)
      .waitFor();
  });
});
