import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type App } from '../../src/app/open-app.js';
import { loadConfig } from '../../src/config/config.js';
import { startServer } from '../../src/http/start-server.js';
import { launchBrowser, requireBrowserSetup, screenshots, signIn } from '../support/browser.js';
import type { DovecotServer } from '../support/dovecot.js';
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

/**
 * A rep writes to a contact from a template in the built web UI, schedules
 * it in the recipient's time zone, and the server restarts before it is
 * due: the message reaches the customer's Dovecot mailbox once through
 * Postfix, shows once on the contact's timeline, and the customer's reply
 * threads under it. Needs `npm run build`.
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

  /** The app as `threadline start` opens it on this store: a restart opens it again. */
  const start = async () => {
    core = await openApp(
      loadConfig({
        THREADLINE_DATA_DIR: dataDir,
        PORT: '0',
        THREADLINE_LOG_LEVEL: 'silent',
        THREADLINE_ADMIN_EMAIL: adminCredentials.email,
        THREADLINE_ADMIN_PASSWORD: adminCredentials.password,
        THREADLINE_SEND_UNDO_SECONDS: '8',
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
      html: null,
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
    await rm(dataDir, { recursive: true, force: true });
  });

  const deliveredToCustomer = async () =>
    (await folderHeaders(dovecot, customer, 'INBOX')).filter((m) =>
      m.subject.startsWith('Hello Dana'),
    );

  it('writes from a template and schedules it in the recipient’s time zone', async () => {
    await page.goto(`${server.url}/contacts/${contactId}`);
    await signIn(page, adminCredentials);
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
    const [delivered] = await waitFor('the delivery', async () => {
      const found = await deliveredToCustomer();
      return found.length > 0 ? found : null;
    });
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
        `In-Reply-To: ${delivered!.messageId}`,
        `References: ${delivered!.messageId}`,
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
      [delivered!.messageId, `<reply-${backend}@customer.test>`],
    );
    expect(threads[0]?.n).toBe(1);
    expect(mailboxId).toBeTruthy();
  }, 180_000);

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
