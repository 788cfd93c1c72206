import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dkimVerify } from 'mailauth';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type App } from '../../src/app/open-app.js';
import { loadConfig } from '../../src/config/config.js';
import { cachingResolver } from '../../src/adapters/sender-auth/caching-resolver.js';
import { scannerWindowMs } from '../../src/core/tracking/judge-event.js';
import { startServer } from '../../src/http/start-server.js';
import { launchBrowser, requireBrowserSetup, screenshots, signIn } from '../support/browser.js';
import { startDnsServer, type DnsServer, type TxtRecord } from '../support/dns-server.js';
import { freePort, type DovecotServer } from '../support/dovecot.js';
import { loopbackMailServers } from '../support/loopback-mail-servers.js';
import type { PostfixServer } from '../support/postfix.js';
import {
  connectSendingMailbox,
  folderHeaders,
  sender,
  startSendingServers,
} from '../support/sending-world.js';
import { adminCredentials } from '../support/test-app.js';
import { openTestDatabase, testBackends, type TestDatabase } from '../support/test-database.js';
import { recordedRequests } from '../support/tracking-requests.js';
import { trackingUrlsIn } from '../support/tracking-world.js';

/**
 * An admin makes the organisation's domain a sending domain (its DKIM key
 * published in a test dnsmasq) and allows tracking; a rep writes to a
 * contact from a template in the built web UI with tracking on, schedules
 * it in the recipient's time zone, and the server restarts before it is
 * due: the message reaches the customer's Dovecot mailbox once through
 * Postfix with a DKIM signature that verifies, shows once on the contact's
 * timeline, and the customer's reply threads under it. The customer's own
 * open and click, made in a browser of their own, show on the thread; a
 * link scanner's click does not. Needs `npm run build`.
 */

let servers: Awaited<ReturnType<typeof startSendingServers>>;
let dovecot: DovecotServer;
let postfix: PostfixServer;
beforeAll(async () => {
  await requireBrowserSetup();
  servers = await startSendingServers();
  ({ dovecot, postfix } = servers);
}, 60_000);
afterAll(async () => {
  await servers?.stop();
});

const waitFor = async <T>(what: string, check: () => Promise<T | null>, seconds = 60) => {
  for (let i = 0; i < seconds * 4; i += 1) {
    const found = await check();
    if (found !== null) return found;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`waited ${seconds} s for ${what}`);
};

/** A wall-clock time in a zone, as the schedule form takes it, with seconds. */
function localTimeIn(instant: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
}

describe.each(testBackends())('writing from a contact in the web UI (%s)', (backend) => {
  const rep = { user: `rep-ui-${backend}@acme.test`, password: 'rep-ui-secret' };
  const customer = { user: `dana-ui-${backend}@customer.test`, password: 'dana-ui-secret' };
  let dataDir: string;
  let handle: TestDatabase | null = null;
  let core: App;
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  let contactId: string;
  let mailboxId: string;
  let appPort: number;
  let dnsPort: number;
  let dns: DnsServer | null = null;
  let delivered: { messageId: string; source: string };
  let deliveredAt: number;

  const publicUrl = () => `http://127.0.0.1:${appPort}`;
  /** DNS as the domain's administrator has published it so far, on the port the app asks. */
  const publish = async (txt: TxtRecord[]) => {
    await dns?.stop();
    dns = await startDnsServer({ zones: ['threadline.test'], txt, ttlSeconds: 1, port: dnsPort });
  };

  /** The app as `threadline start` opens it on this store: a restart opens it again. */
  const start = async () => {
    core = await openApp(
      loadConfig({
        THREADLINE_DATA_DIR: dataDir,
        THREADLINE_LOG_LEVEL: 'silent',
        THREADLINE_ADMIN_EMAIL: adminCredentials.email,
        THREADLINE_ADMIN_PASSWORD: adminCredentials.password,
        THREADLINE_SEND_UNDO_SECONDS: '8',
        PORT: String(appPort),
        THREADLINE_PUBLIC_URL: publicUrl(),
        THREADLINE_DNS_SERVER: `127.0.0.1:${dnsPort}`,
        // The rep writes from loopback; the customer's browser comes through a loopback proxy
        // that forwards its own address, so the judge does not take it for the sender.
        THREADLINE_TRUST_PROXY: '127.0.0.1',
        // The admin sends through a mailbox of another login; sender-address-ui proves addresses.
        THREADLINE_VERIFY_SENDER_ADDRESSES: 'off',
        ...loopbackMailServers,
        ...(handle?.url ? { DATABASE_URL: handle.url } : {}),
      }),
    );
    server = await startServer(core);
  };

  beforeAll(async () => {
    await dovecot.addUser(rep.user, rep.password);
    await dovecot.addUser(customer.user, customer.password);
    dataDir = await mkdtemp(join(tmpdir(), 'threadline-compose-ui-'));
    if (backend === 'server') handle = await openTestDatabase('server');
    [appPort, dnsPort] = [await freePort(), await freePort()];
    await publish([]);
    await start();
    const user = await sender(core);
    const accountId = await core.recordEditing.create(user, 'account', {
      name: 'Customer Co',
      domains: ['customer.test'],
    });
    contactId = await core.recordEditing.create(user, 'contact', {
      firstName: 'Dana',
      lastName: 'Doe',
      emails: [customer.user],
      accountId,
    });
    await core.templates.create(user, {
      name: 'First contact',
      shared: true,
      subject: 'Hello {{contact.first_name}} from {{account.domain}}',
      text: 'Hi {{contact.first_name}},\n\nA short note for {{account.name}}.\n\n{{sender.first_name | "The team"}}',
      html:
        '<p>Hi {{contact.first_name}},</p><p>A short note for {{account.name}}.</p>' +
        '<p><a href="https://offers.customer.test/plans">Our plans</a></p>' +
        '<p>{{sender.first_name | "The team"}}</p>',
    });
    mailboxId = (await connectSendingMailbox(core, user, { dovecot, postfix }, rep)).id;
    browser = await launchBrowser({ width: 1280, height: 1400 });
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.setDefaultTimeout(15_000);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await handle?.drop();
    await dns?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const deliveredToCustomer = async () =>
    (await folderHeaders(dovecot, customer, 'INBOX')).filter((m) =>
      m.subject.startsWith('Hello Dana'),
    );

  /** A write to the API under the signed-in admin's cookie. */
  const adminWrite = async (method: 'POST' | 'PUT', path: string, data: object = {}) => {
    const me = (await (await page.request.get(`${server.url}/api/auth/me`)).json()) as {
      csrfToken: string;
    };
    const response = await page.request.fetch(`${server.url}${path}`, {
      method,
      data,
      headers: { 'x-csrf-token': me.csrfToken },
    });
    expect(response.ok(), await response.text()).toBe(true);
    return response.status() === 204 ? null : ((await response.json()) as Record<string, unknown>);
  };

  it('signs for the organisation’s domain once DNS carries its key, and allows tracking', async () => {
    await page.goto(`${server.url}/contacts/${contactId}`);
    await signIn(page, adminCredentials);
    const added = (await adminWrite('POST', '/api/sending-domains', {
      domain: 'threadline.test',
    })) as { id: string; records: { kind: string; name: string; value: string }[] };
    const [dkim] = added.records;
    expect(dkim).toMatchObject({ kind: 'dkim', name: expect.stringMatching(/\._domainkey\./) });
    const unpublished = await adminWrite('POST', `/api/sending-domains/${added.id}/check`);
    expect(unpublished).toMatchObject({ verdicts: [{ kind: 'dkim', status: 'missing' }] });

    await publish([{ name: dkim!.name, text: dkim!.value }]);
    const published = await adminWrite('POST', `/api/sending-domains/${added.id}/check`);
    expect(published).toMatchObject({
      verdicts: [{ kind: 'dkim', status: 'verified' }],
      verifiedAt: expect.any(String),
    });
    await adminWrite('PUT', '/api/settings/tracking', { allowed: true });
    expect(await core.tracking.allowed()).toBe(true);
  }, 60_000);

  it('writes from a template and schedules it in the recipient’s time zone', async () => {
    await page.goto(`${server.url}/contacts/${contactId}`);
    await page.getByRole('heading', { name: 'Dana Doe', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Write e-mail' }).click();
    const compose = page.getByRole('region', { name: 'Write to Dana Doe' });
    expect(await compose.getByLabel('To', { exact: true }).inputValue()).toBe(customer.user);
    await compose.getByLabel('Start from a template').selectOption({ index: 1 });
    const preview = compose.getByLabel('Template preview');
    await preview.getByText('A short note for Customer Co.').waitFor();
    await page.screenshot({ path: join(screenshots, 'compose-template.png'), fullPage: true });
    await preview.getByRole('button', { name: 'Use this template' }).click();
    expect(await compose.getByLabel('Subject').inputValue()).toBe('Hello Dana from customer.test');
    await compose.getByLabel(/Tell me when it is opened/).check();

    await compose.getByLabel('Send later').check();
    await compose.getByLabel('In the time zone of').selectOption('recipient');
    await compose.getByLabel('Recipient’s time zone').selectOption('Asia/Tokyo');
    const due = new Date(Date.now() + 25_000);
    await compose.getByLabel('Date and time').fill(localTimeIn(due, 'Asia/Tokyo'));
    await compose.getByRole('button', { name: 'Schedule' }).click();
    await compose.getByText(/Scheduled for .* \(Asia\/Tokyo\)/).waitFor();
    await page.screenshot({ path: join(screenshots, 'compose-scheduled.png'), fullPage: true });
    expect(await deliveredToCustomer()).toEqual([]);
  }, 60_000);

  it('sends it once after a restart, and shows it once on the contact’s timeline', async () => {
    await server.close();
    await start();
    delivered = (
      await waitFor('the delivery', async () => {
        const found = await deliveredToCustomer();
        return found.length > 0 ? found : null;
      })
    )[0]!;
    deliveredAt = Date.now();
    // Link scanners follow every link as the message arrives.
    const links = await trackingUrlsIn(delivered.source, publicUrl());
    expect(links.pixel).toHaveLength(1);
    expect(links.clicks).toHaveLength(1);
    for (const scanner of [recordedRequests.safeLinksScanner, recordedRequests.headCheck]) {
      const scanned = await fetch(links.clicks[0]!, {
        method: scanner.method,
        redirect: 'manual',
        headers: { 'user-agent': scanner.userAgent, 'x-forwarded-for': scanner.ip },
      });
      expect(scanned.headers.get('location')).toBe('https://offers.customer.test/plans');
    }

    const lookup = cachingResolver({ server: `127.0.0.1:${dnsPort}`, timeoutMs: 1500 }).resolve;
    const verdict = await dkimVerify(Buffer.from(delivered.source), {
      resolver: (name: string, type: string) => lookup(name, type) as Promise<string[][]>,
    });
    expect(verdict.results).toEqual([
      expect.objectContaining({
        signingDomain: 'threadline.test',
        status: expect.objectContaining({ result: 'pass' }),
      }),
    ]);
    const [outbox] = await core.database.query<{ state: string }>(
      'SELECT state FROM outbox ORDER BY created_at DESC LIMIT 1',
    );
    expect(outbox?.state).toBe('sent');
    await postfix.drain();
    expect(await deliveredToCustomer()).toHaveLength(1);

    await page.goto(`${server.url}/contacts/${contactId}`);
    await waitFor('the sent copy on the timeline', async () => {
      await page.reload();
      await page.getByRole('heading', { name: 'Dana Doe', level: 1 }).waitFor();
      return (await page.getByText('Hello Dana from customer.test').count()) > 0 ? true : null;
    });
    expect(await page.getByText('Hello Dana from customer.test').count()).toBe(1);

    // The customer answers; the answer lands in the rep's INBOX and threads under the message.
    await dovecot.appendMessage(
      rep.user,
      'INBOX',
      [
        `From: Dana Doe <${customer.user}>`,
        `To: ${adminCredentials.email}`,
        'Subject: Re: Hello Dana from customer.test',
        `Message-ID: <reply-${backend}@customer.test>`,
        `In-Reply-To: ${delivered.messageId}`,
        `References: ${delivered.messageId}`,
        `Date: ${new Date().toUTCString()}`,
        '',
        'Thanks, happy to talk.',
        '',
      ].join('\r\n'),
    );
    await waitFor('the reply in the thread', async () => {
      await page.reload();
      await page.getByRole('heading', { name: 'Dana Doe', level: 1 }).waitFor();
      return (await page.getByText(/2 messages/).count()) > 0 ? true : null;
    });
    expect(await page.getByText('Hello Dana from customer.test').count()).toBe(1);
    await page.screenshot({ path: join(screenshots, 'compose-thread.png'), fullPage: true });
    const threads = await core.database.query<{ n: number }>(
      `SELECT count(DISTINCT thread_id)::int AS n FROM messages
       WHERE message_id IN ($1, $2)`,
      [delivered.messageId, `<reply-${backend}@customer.test>`],
    );
    expect(threads[0]?.n).toBe(1);
    expect(mailboxId).toBeTruthy();
  }, 180_000);

  it('shows the customer’s own open and click on the thread, and not the scanner’s', async () => {
    // Past the window in which the judge takes a click for a scanner's.
    const pause = deliveredAt + scannerWindowMs + 1000 - Date.now();
    if (pause > 0) await new Promise((resolve) => setTimeout(resolve, pause));
    const { html } = await trackingUrlsIn(delivered.source, publicUrl());
    const customerBrowser = await launchBrowser();
    try {
      const reading = await customerBrowser.context.newPage();
      await customerBrowser.context.setExtraHTTPHeaders({
        'x-forwarded-for': recordedRequests.person.ip,
      });
      await customerBrowser.context.route('https://offers.customer.test/**', (route) =>
        route.fulfill({ contentType: 'text/html', body: '<h1>Plans</h1>' }),
      );
      const pixel = reading.waitForResponse((response) => response.url().includes('/t/o/'));
      await reading.setContent(html);
      expect((await pixel).status()).toBe(200);
      await reading.getByRole('link', { name: 'Our plans' }).click();
      await reading.getByRole('heading', { name: 'Plans' }).waitFor();
    } finally {
      await customerBrowser.close();
    }
    await core.tracking.flush();

    await page.goto(`${server.url}/contacts/${contactId}`);
    const thread = page.getByRole('article', { name: 'Hello Dana from customer.test' });
    await thread.getByText('opened 1× · clicked 1×').waitFor();
    await page.screenshot({
      path: join(screenshots, 'compose-tracked-thread.png'),
      fullPage: true,
    });
    const [sent] = await core.database.query<{ id: string }>(
      'SELECT id FROM messages WHERE message_id = $1',
      [delivered.messageId],
    );
    const tracked = (await (
      await page.request.get(`${server.url}/api/messages/${sent!.id}/tracking`)
    ).json()) as { opens: number; clicks: number; events: { kind: string; verdict: string }[] };
    expect(tracked).toMatchObject({ opens: 1, clicks: 1 });
    expect(tracked.events.map((e) => `${e.kind} ${e.verdict}`).sort()).toEqual([
      'click human',
      'click machine',
      'click machine',
      'open human',
    ]);
  }, 120_000);

  it('answers the reply from the message reader, and takes the answer back with Undo', async () => {
    const [reply] = await core.database.query<{ id: string }>(
      'SELECT id FROM messages WHERE message_id = $1',
      [`<reply-${backend}@customer.test>`],
    );
    await page.goto(`${server.url}/messages/${reply!.id}`);
    await page.getByRole('button', { name: 'Reply', exact: true }).click();
    const compose = page.getByRole('region', { name: 'Reply: Re: Hello Dana from customer.test' });
    await compose.getByLabel('Message').fill('Great, talk soon.');
    await compose.getByRole('button', { name: 'Send' }).click();
    await compose.getByText(/Sending in \d+ s/).waitFor();
    await compose.getByRole('button', { name: 'Undo' }).click();
    await compose.getByText('Not sent: the message was taken back.').waitFor();
    const [answer] = await core.database.query<{ state: string }>(
      'SELECT state FROM outbox WHERE answers = $1',
      [reply!.id],
    );
    expect(answer?.state).toBe('cancelled');
  }, 60_000);
});
