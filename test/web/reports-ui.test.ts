import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AuditTrailReport,
  ResponseTimesReport,
  TemplatesReport,
} from '../../src/api-shapes/reports.js';
import type { App } from '../../src/app/open-app.js';
import { importMailFiles } from '../../src/services/capture/import-mail-files.js';
import { mbox } from '../support/mail-fixtures.js';
import { mail } from '../support/sharing-world.js';
import { adminCredentials } from '../support/test-app.js';
import { testBackends } from '../support/test-database.js';
import { openSignedInBrowser, requireBrowserSetup, screenshots } from '../support/browser.js';

/**
 * The Reports page of the built web UI: a chart per report over a small
 * imported conversation and one tracked message written from a template,
 * the figures beside each chart equal to the API's, and the audit trail of
 * a chosen account. Needs `npm run build`.
 */

const admin = adminCredentials;

beforeAll(requireBrowserSetup);

/** Two weeks ago on a weekday, at an hour of the day (UTC): inside default working hours. */
const twoWeeksAgo = (weekday: number, hour: number) => {
  const day = new Date(Date.now() - 14 * 86_400_000);
  const monday =
    Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()) -
    ((day.getUTCDay() + 6) % 7) * 86_400_000;
  return new Date(monday + (weekday - 1) * 86_400_000 + hour * 3_600_000).toUTCString();
};

const conversation = [
  mail({
    id: '<offer@threadline.test>',
    from: `Administrator <${admin.email}>`,
    to: 'Grace Hopper <grace@northwind.example>',
    subject: 'Offer',
    date: twoWeeksAgo(2, 10),
  }),
  mail({
    id: '<offer-reply@northwind.example>',
    from: 'Grace Hopper <grace@northwind.example>',
    to: admin.email,
    subject: 'RE: Offer',
    date: twoWeeksAgo(2, 13.5),
    headers: ['In-Reply-To: <offer@threadline.test>', 'References: <offer@threadline.test>'],
  }),
  mail({
    id: '<follow-up@threadline.test>',
    from: `Administrator <${admin.email}>`,
    to: 'Grace Hopper <grace@northwind.example>',
    subject: 'Follow-up',
    date: twoWeeksAgo(4, 11),
  }),
];

/** Northwind with Grace, the conversation, and the offer sent from a template and opened once. */
async function seed(core: App, mailDir: string): Promise<string> {
  const db = core.database;
  const [account] = await db.query<{ id: string }>(
    `INSERT INTO accounts (name) VALUES ('Northwind Traders') RETURNING id`,
  );
  await db.query(
    `INSERT INTO account_domains (account_id, domain, position) VALUES ($1, 'northwind.example', 0)`,
    [account!.id],
  );
  const [contact] = await db.query<{ id: string }>(
    `INSERT INTO contacts (account_id, first_name, last_name) VALUES ($1, 'Grace', 'Hopper') RETURNING id`,
    [account!.id],
  );
  await db.query(
    `INSERT INTO contact_emails (contact_id, address, position) VALUES ($1, 'grace@northwind.example', 0)`,
    [contact!.id],
  );
  await core.directory.invalidate();
  const file = join(mailDir, 'admin.mbox');
  await writeFile(file, mbox(conversation));
  const mailbox = await core.mailboxes.importMailboxOf(admin.email);
  await importMailFiles([file], mailbox, (m, items) => core.ingest.ingestBatch(m, items), {});
  await db.query(
    `WITH t AS (
       INSERT INTO message_templates (owner_id, shared, name) SELECT id, true, 'Offer' FROM users WHERE email = $1
       RETURNING id, owner_id),
     o AS (
       INSERT INTO outbox (sender_id, mailbox_id, message_id, message, send_at, state, sent_at, template_id)
       SELECT t.owner_id, $2, '<offer@threadline.test>', '{}', now(), 'sent', now() - interval '9 days', t.id FROM t
       RETURNING id),
     tm AS (
       INSERT INTO tracked_messages (id, outbox_id, links, recipients)
       SELECT gen_random_uuid(), o.id, '{}', ARRAY['grace@northwind.example'] FROM o RETURNING id)
     INSERT INTO tracking_events (tracked_message_id, kind, at, verdict, reason, user_agent)
     SELECT tm.id, 'open', now(), 'human', 'test', 'test' FROM tm`,
    [admin.email, mailbox.id],
  );
  return account!.id;
}

describe.each(testBackends())('reports in the web UI (%s)', (backend) => {
  let world: Awaited<ReturnType<typeof openSignedInBrowser<string>>>;
  let page: Page;
  let mailDir: string;
  let accountId: string;

  beforeAll(async () => {
    mailDir = await mkdtemp(join(tmpdir(), 'threadline-reports-'));
    world = await openSignedInBrowser(backend, (core) => seed(core, mailDir), {
      width: 1280,
      height: 1000,
    });
    ({ page, seeded: accountId } = world);
  }, 90_000);

  afterAll(async () => {
    await world?.close();
    if (mailDir) await rm(mailDir, { recursive: true, force: true });
  });

  const api = async <T>(path: string): Promise<T> => {
    const response = await page.request.get(new URL(path, world.server.url).toString());
    expect(response.status(), path).toBe(200);
    return (await response.json()) as T;
  };

  /** The background refresher catches up within its interval: wait until the report counts the mail. */
  const untilCounted = async () => {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const { reps } = await api<{ reps: { total: number }[] }>('/api/reports/volume');
      if (reps.reduce((sum, rep) => sum + rep.total, 0) === conversation.length) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('the aggregates never counted the imported mail');
  };

  it('shows each report as a chart, the figures beside it as the API answers them', async () => {
    await untilCounted();
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Reports' })
      .click();
    for (const [section, chart, shot] of [
      ['Engagement over time', 'Messages and meetings per week', 'reports-engagement.png'],
      ['Volume per rep and team', 'Messages per rep', 'reports-volume.png'],
      [
        'Response times in working hours',
        'Median working minutes to answer',
        'reports-response-times.png',
      ],
      ['Template open and click rates', 'Opens and clicks per template', 'reports-templates.png'],
    ] as const) {
      const region = page.getByRole('region', { name: new RegExp(`^${section}`) });
      const drawn = region.getByRole('img', { name: chart });
      await drawn.locator('canvas').waitFor();
      await region.screenshot({ path: join(screenshots, shot) });
    }

    const times = await api<ResponseTimesReport>('/api/reports/response-times');
    // Grace answered the offer; the follow-up is a thread of its own, not yet answered.
    // Tuesday 10:00 to 13:30 UTC, inside the default working day.
    expect(times.overall).toEqual([
      expect.objectContaining({ side: 'theirs', medianMinutes: 210 }),
    ]);
    const overall = page
      .getByRole('list', { name: 'Response times overall' })
      .getByRole('listitem');
    expect(await overall.allTextContents()).toEqual(
      times.overall.map(
        (row) =>
          `${row.side}: median ${Math.round(row.medianMinutes)} min, p90 ${Math.round(row.p90Minutes)} min (${row.count} answers)`,
      ),
    );
    const templates = await api<TemplatesReport>('/api/reports/templates');
    expect(templates.items).toEqual([
      expect.objectContaining({ name: 'Offer', sent: 1, opened: 1, clicked: 0, openRate: 1 }),
    ]);
    const csv = await page.request.get(
      new URL('/api/reports/templates/export?format=csv', world.server.url).toString(),
    );
    expect((await csv.text()).split('\n')[1]).toBe('Offer,1,1,0,100,0');
  });

  it('filters by a record and lists its audit trail', async () => {
    const filters = page.getByRole('form', { name: 'Report filters' });
    await filters.getByLabel('Record type').selectOption('account');
    await filters.getByLabel('Record id').fill(accountId);
    await filters.getByRole('button', { name: 'Show' }).click();
    const trail = page.getByRole('table', { name: 'Audit trail' });
    await trail.locator('tbody tr').first().waitFor();
    const { items } = await api<AuditTrailReport>(
      `/api/reports/audit-trail?recordType=account&recordId=${accountId}`,
    );
    expect(items.map((item) => item.subject)).toEqual(['Follow-up', 'RE: Offer', 'Offer']);
    expect(await trail.locator('tbody tr td:nth-child(3)').allTextContents()).toEqual(
      items.map((item) => item.subject),
    );
    await page
      .getByRole('region', { name: /^Communication audit trail/ })
      .screenshot({ path: join(screenshots, 'reports-audit-trail.png') });
  });
});
