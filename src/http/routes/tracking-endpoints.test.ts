import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import { launchBrowser } from '../../../test/support/browser.js';
import { startDovecot, type DovecotServer } from '../../../test/support/dovecot.js';
import { startPostfix, type PostfixServer } from '../../../test/support/postfix.js';
import {
  connectSendingMailbox,
  draft,
  folderHeaders,
  handClock,
  sender,
  sendingParts,
  syncOnce,
} from '../../../test/support/sending-world.js';
import { recordedRequests } from '../../../test/support/tracking-requests.js';
import {
  openTrackingApp,
  trackingUrlsIn,
  type TrackingApp,
} from '../../../test/support/tracking-world.js';
import type { UserRow } from '../../adapters/db/repositories/users.js';
import { pixelGif } from './tracking-endpoints.js';

let dovecot: DovecotServer;
let postfix: PostfixServer;
beforeAll(async () => {
  dovecot = await startDovecot({ delivery: true });
  postfix = await startPostfix(dovecot);
}, 60_000);
afterAll(async () => {
  await postfix?.stop();
  await dovecot?.stop();
});

const hour = 3_600_000;

describe.each(testBackends())('open and click tracking on the %s backend', (backend) => {
  const rep = { user: `rep-${backend}@acme.test`, password: 'rep-secret-3' };
  const customer = { user: `dana-${backend}@customer.test`, password: 'dana-secret-3' };
  const quiet = `quiet-${backend}@customer.test`;
  let world: TrackingApp;
  let user: UserRow;
  let mailboxId: string;

  beforeAll(async () => {
    await dovecot.addUser(rep.user, rep.password);
    await dovecot.addUser(customer.user, customer.password);
    world = await openTrackingApp(backend);
    const { core } = world;
    user = await sender(core);
    mailboxId = (await connectSendingMailbox(core, user, { dovecot, postfix }, rep)).id;
    await core.database.query(
      `INSERT INTO settings (key, value) VALUES ('internal_domains', '["acme.test"]')`,
    );
    await core.doNotTrack.add(user, quiet);
    await core.directory.invalidate();
  }, 60_000);
  afterAll(async () => {
    await world?.close();
  });

  /** Sends through Postfix as if `sentAgoMs` ago, and reads the copy the customer received. */
  async function sendTracked(subject: string, to: string[], sentAgoMs = 2 * hour) {
    const clock = handClock(new Date(Date.now() - sentAgoMs));
    const { send, worker } = sendingParts(world.core, clock, `worker-${subject}`, true);
    const html = `<p>Our <a href="${world.publicUrl}/api/health?plan=pro&amp;seats=5">pricing</a> and <a href="${world.publicUrl}/api/health?terms">terms</a>.</p>`;
    const row = await send.send(user, draft({ mailboxId, to, subject, html, track: true }));
    await worker.sendDue();
    await postfix.drain();
    const [delivered] = (await folderHeaders(dovecot, customer, 'INBOX')).filter(
      (m) => m.subject === subject,
    );
    return { row, ...(await trackingUrlsIn(delivered!.source, world.publicUrl)) };
  }

  const eventsOf = async (outboxId: string) => {
    await world.core.tracking.flush();
    return world.core.database.query<{ kind: string; verdict: string; reason: string }>(
      `SELECT e.kind, e.verdict, e.reason FROM tracking_events e
       JOIN tracked_messages t ON t.id = e.tracked_message_id
       WHERE t.outbox_id = $1 ORDER BY e.id`,
      [outboxId],
    );
  };

  const request = (
    url: string,
    pattern: { method: string; userAgent: string; ip: string } = recordedRequests.person,
  ) =>
    world.http.inject({
      method: pattern.method as 'GET' | 'HEAD',
      url: new URL(url).pathname + new URL(url).search,
      headers: { 'user-agent': pattern.userAgent },
      remoteAddress: pattern.ip,
    });

  it('sends a pixel and redirects, and counts a person’s open and click in Chromium', async () => {
    const sent = await sendTracked('Pricing for Dana', [customer.user]);
    expect(sent.pixel).toHaveLength(1);
    expect(sent.clicks).toHaveLength(2);
    expect(sent.html).not.toContain('plan=pro');
    const browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      const pixelLoaded = page.waitForResponse((r) => r.url() === sent.pixel[0]);
      await page.setContent(sent.html);
      expect((await pixelLoaded).status()).toBe(200);
      await Promise.all([page.waitForURL(/\/api\/health\?plan=pro&seats=5$/), page.click('a')]);
    } finally {
      await browser.close();
    }
    expect(await eventsOf(sent.row.id)).toEqual([
      expect.objectContaining({ kind: 'open', verdict: 'human' }),
      expect.objectContaining({ kind: 'click', verdict: 'human' }),
    ]);

    await syncOnce(world.core, mailboxId);
    const [captured] = await world.core.database.query<{ id: string; threadId: string }>(
      `SELECT id, thread_id AS "threadId" FROM messages WHERE message_id = $1`,
      [sent.row.messageId],
    );
    const shown = await world.core.tracking.messageTracking(user, captured!.id);
    expect(shown).toMatchObject({ opens: 1, clicks: 1 });
    expect(shown.events[1]).toMatchObject({
      target: `${world.publicUrl}/api/health?plan=pro&seats=5`,
    });
    expect(await world.core.tracking.threadCounts(user, [captured!.threadId])).toEqual([
      { threadId: captured!.threadId, opens: 1, clicks: 1 },
    ]);
  }, 60_000);

  it('fires the tracked-click rules on a person’s click of captured mail, not on a scanner’s', async () => {
    const sent = await sendTracked('Seats for Dana', [customer.user]);
    await syncOnce(world.core, mailboxId);
    const rule = await world.core.workflowRules.create(user, {
      name: 'Clicked',
      trigger: { kind: 'tracked_click' },
      conditions: [],
      actions: [{ kind: 'notify', to: { kind: 'user', userId: user.id }, note: 'Dana clicked' }],
    });
    await world.core.workflowRules.setEnabled(user, rule.id, true, new Date(Date.now() - 3 * hour));
    const notes = async () => {
      await world.core.tracking.flush();
      // The rule runs after the redirect has answered: wait for it, not for a fixed time.
      for (let tries = 0; tries < 50; tries += 1) {
        const rows = await world.core.database.query<{ text: string }>(
          `SELECT text FROM notifications WHERE text LIKE '%Dana clicked%'`,
        );
        if (rows.length > 0 || tries === 49) return rows;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return [];
    };

    expect((await request(sent.clicks[0]!, recordedRequests.headCheck)).statusCode).toBe(302);
    await world.core.tracking.flush();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(
      await world.core.database.query(
        `SELECT 1 FROM notifications WHERE text LIKE '%Dana clicked%'`,
      ),
    ).toEqual([]);

    expect((await request(sent.clicks[0]!)).statusCode).toBe(302);
    expect(await notes()).toHaveLength(1);
  }, 60_000);

  it('stores proxies’ and scanners’ requests as machine ones, with the reason, and counts none', async () => {
    const sent = await sendTracked('Terms for Dana', [customer.user], 5_000);
    await request(sent.pixel[0]!, recordedRequests.appleMailPrivacyProtection);
    await request(sent.pixel[0]!, recordedRequests.gmailImageProxy);
    for (const link of sent.clicks) await request(link, recordedRequests.safeLinksScanner);
    await request(sent.clicks[0]!, recordedRequests.headCheck);
    const events = await eventsOf(sent.row.id);
    expect(events.map((e) => e.verdict)).toEqual(Array(5).fill('machine'));
    expect(events.map((e) => e.reason)).toEqual([
      'Apple Mail Privacy Protection (an Apple proxy address)',
      'Gmail’s image proxy fetched it',
      expect.stringMatching(/^clicked \d+ s after delivery: a link scanner$/),
      expect.stringMatching(/^clicked \d+ s after delivery: a link scanner$/),
      'a HEAD request: a scanner checking the link',
    ]);
  }, 60_000);

  it('answers a forged or altered token as it answers nothing, and stores nothing', async () => {
    const sent = await sendTracked('Forgery check', [customer.user]);
    const alter = (url: string) => url.slice(0, -3) + (url.endsWith('AAA') ? 'BBB' : 'AAA');
    const genuine = await request(sent.pixel[0]!);
    const altered = await request(alter(sent.pixel[0]!));
    const madeUp = await request(`${world.publicUrl}/t/o/nothing-here`);
    for (const answer of [genuine, altered, madeUp]) {
      expect(answer.statusCode).toBe(200);
      expect(answer.headers['content-type']).toBe('image/gif');
      expect(answer.rawPayload.equals(pixelGif)).toBe(true);
    }
    const badClick = await request(alter(sent.clicks[0]!));
    const unknownClick = await request(`${world.publicUrl}/t/c/${'A'.repeat(47)}`);
    expect(badClick.statusCode).toBe(404);
    expect(badClick.body).toBe(unknownClick.body);
    expect(badClick.headers.location).toBeUndefined();
    expect(await eventsOf(sent.row.id)).toHaveLength(1);
  }, 60_000);

  it('redirects only to the link stored with the message', async () => {
    const sent = await sendTracked('Redirect check', [customer.user]);
    const withTarget = await request(
      `${sent.clicks[1]!}?url=https://evil.example/&to=https://evil.example/`,
    );
    expect(withTarget.statusCode).toBe(302);
    expect(withTarget.headers.location).toBe(`${world.publicUrl}/api/health?terms`);
    const asPath = await request(
      `${world.publicUrl}/t/c/${encodeURIComponent('https://evil.example/')}`,
    );
    expect(asPath.statusCode).toBe(404);
    expect(asPath.headers.location).toBeUndefined();
  }, 60_000);

  it('never tracks mail that also goes to a colleague or to someone who asked not to be', async () => {
    const colleague = await sendTracked('With a colleague', [customer.user, 'kim@acme.test']);
    expect(colleague.row.untrackedReason).toBe('a recipient is a colleague');
    const untracked = await sendTracked('With a quiet customer', [customer.user, quiet]);
    expect(untracked.row.untrackedReason).toBe('a recipient asked not to be tracked');
    for (const sent of [colleague, untracked]) {
      expect(sent.pixel).toEqual([]);
      expect(sent.clicks).toEqual([]);
      expect(sent.html).toContain('/api/health?plan=pro');
    }
    const [{ count }] = (await world.core.database.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM tracked_messages WHERE outbox_id = ANY($1::uuid[])`,
      [[colleague.row.id, untracked.row.id]],
    )) as [{ count: number }];
    expect(count).toBe(0);
  }, 60_000);
});
