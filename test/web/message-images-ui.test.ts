import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/http/start-server.js';
import { importMailFiles } from '../../src/services/capture/import-mail-files.js';
import { mbox } from '../support/mail-fixtures.js';
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
 * Images in the message reader of the built web UI: a remote image loads
 * nothing until the reader asks, then loads through our image proxy; an
 * inline `cid:` image shows at once. The image host is a server of the test
 * on this machine, which the proxy may reach here only. Needs `npm run build`.
 */

const admin = adminCredentials;

beforeAll(requireBrowserSetup);

/** A 1×1 PNG of one colour: the page draws it at the size the HTML asks. */
const pixel = (base64: string) => Buffer.from(base64, 'base64');
const orange = pixel(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP40CMHAAQKAZu1d6DOAAAAAElFTkSuQmCC',
);
const blue = pixel(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGPQiDoBAAH4AUspz9deAAAAAElFTkSuQmCC',
);

function newsletter(imageUrl: string): string {
  return [
    'From: Ada Lovelace <ada@northwind-traders.example>',
    `To: ${admin.email}`,
    'Subject: Product launch',
    `Date: ${new Date(Date.now() - 86_400_000).toUTCString()}`,
    'Message-ID: <launch@northwind-traders.example>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/related; boundary="rel"',
    '',
    '--rel',
    'Content-Type: text/html; charset=utf-8',
    '',
    '<p>Our logo, sent with the message:</p>',
    '<img src="cid:logo@northwind-traders.example" alt="Inline logo" width="120" height="40">',
    '<p>The product photo, on our web site:</p>',
    `<img src="${imageUrl}" alt="Product photo" width="240" height="80">`,
    '--rel',
    'Content-Type: image/png',
    'Content-ID: <logo@northwind-traders.example>',
    'Content-Disposition: inline; filename="logo.png"',
    'Content-Transfer-Encoding: base64',
    '',
    orange.toString('base64'),
    '--rel--',
    '',
  ].join('\r\n');
}

/** The image's decoded width in the frame: 0 while it has not loaded. */
const loadedWidth = (frame: Frame, alt: string) =>
  frame
    .locator(`img[alt="${alt}"]`)
    .evaluate((img: { naturalWidth?: number }) => img.naturalWidth ?? 0);

describe.each(testBackends())('message images in the web UI (%s)', (backend) => {
  let handle: TestDatabase;
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  let imageHost: Server;
  let mailDir: string;
  let messageId: string;
  const imageRequests: string[] = [];
  const foreignRequests: string[] = [];

  beforeAll(async () => {
    imageHost = createServer((request, response) => {
      imageRequests.push(request.url ?? '');
      response.writeHead(200, { 'content-type': 'image/png' }).end(blue);
    });
    await new Promise<void>((resolve) => imageHost.listen(0, '127.0.0.1', resolve));
    const imageUrl = `http://127.0.0.1:${(imageHost.address() as AddressInfo).port}/photo.png`;

    handle = await openTestDatabase(backend);
    const core = await openBrowserTestCore(handle.database, {
      imageFetch: { allowPrivateAddresses: true },
    });
    await core.database.query(
      `WITH account AS (
         INSERT INTO accounts (name, external_id, owner_id)
         VALUES ('Northwind Traders', 'ACC-1', (SELECT id FROM users LIMIT 1)) RETURNING id)
       INSERT INTO account_domains (account_id, domain, position)
       SELECT id, 'northwind-traders.example', 0 FROM account`,
    );
    await core.directory.invalidate();
    mailDir = await mkdtemp(join(tmpdir(), 'threadline-images-'));
    const file = join(mailDir, 'launch.mbox');
    await writeFile(file, mbox([newsletter(imageUrl)]));
    const mailbox = await core.mailboxes.importMailboxOf(admin.email);
    await importMailFiles([file], mailbox, (m, items) => core.ingest.ingestBatch(m, items), {});
    const [row] = await core.database.query<{ id: string }>(
      `SELECT id FROM messages WHERE message_id = '<launch@northwind-traders.example>'`,
    );
    messageId = row!.id;

    server = await startServer(core);
    browser = await launchBrowser({ width: 1280, height: 800 });
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.setDefaultTimeout(8_000);
    const own = new URL(server.url).host;
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (!['about:', 'data:'].includes(url.protocol) && url.host !== own) {
        foreignRequests.push(request.url());
      }
    });
    await page.goto(server.url);
    await signIn(page, admin);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await server?.http.close();
    await handle?.drop();
    await new Promise((resolve) => imageHost?.close(resolve));
    if (mailDir) await rm(mailDir, { recursive: true, force: true });
  });

  it('shows the cid: image at once and the remote one only when asked, through our proxy', async () => {
    await page.goto(`${server.url}/messages/${messageId}`);
    await page.getByRole('heading', { name: 'Product launch', level: 1 }).waitFor();
    const frame = page.frame({ url: 'about:srcdoc' }) ?? page.frames()[1]!;
    await frame.getByText('Our logo, sent with the message').waitFor();

    await expect.poll(() => loadedWidth(frame, 'Inline logo')).toBe(1);
    expect(await frame.locator('img[alt="Inline logo"]').getAttribute('src')).toBe(
      `/api/messages/${messageId}/inline/logo%40northwind-traders.example`,
    );
    expect(await frame.locator('img[alt="Product photo"]').getAttribute('src')).toBeNull();
    await page.getByText('1 remote image was blocked').waitFor();
    await page.waitForTimeout(300);
    expect(imageRequests).toEqual([]);

    await page.getByRole('button', { name: 'Show images' }).click();
    const shown = page.frame({ url: 'about:srcdoc' }) ?? page.frames()[1]!;
    await expect.poll(() => loadedWidth(shown, 'Product photo'), { timeout: 8_000 }).toBe(1);
    expect(await shown.locator('img[alt="Product photo"]').getAttribute('src')).toMatch(
      new RegExp(`^/api/messages/${messageId}/images\\?url=http%3A%2F%2F127\\.0\\.0\\.1`),
    );
    expect(imageRequests).toEqual(['/photo.png']);
    // The page itself asked no other host: the image came through our origin.
    expect(foreignRequests).toEqual([]);
    await page.screenshot({ path: join(screenshots, 'message-images.png'), fullPage: true });
  });

  it('lists the files the message carried as links to download them', async () => {
    const link = page
      .getByRole('region', { name: 'Envelope' })
      .getByRole('link', { name: /^logo\.png / });
    expect(await link.getAttribute('href')).toBe(`/api/messages/${messageId}/attachments/0`);
    const download = await page.request.get(`${server.url}${await link.getAttribute('href')}`);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-disposition']).toMatch(/^attachment;.*logo\.png/);
  });
});
