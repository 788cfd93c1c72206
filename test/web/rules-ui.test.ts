import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app/open-app.js';
import { startServer } from '../../src/http/start-server.js';
import { runMessageRules } from '../../src/services/rules/rule-runner.js';
import { startDovecot, type DovecotServer } from '../support/dovecot.js';
import { rawMail, rulesWorld } from '../support/rules-world.js';
import { adminCredentials, openTestApp } from '../support/test-app.js';
import { testBackends } from '../support/test-database.js';
import { launchBrowser, requireBrowserSetup, screenshots, signIn } from '../support/browser.js';

/**
 * The rules page in the built web UI: a territory, a rule with several
 * conditions and actions written (its problems shown at the field),
 * dry-run over a period and switched on, the order and the switch, teams,
 * working hours and holidays, and a failed webhook delivery replayed.
 * Needs `npm run build` (web/dist).
 */

const fromGermany = rawMail({
  from: 'Lena Neumann <lena@neumann-maschinen.de>',
  subject: 'Anfrage',
  id: 'anfrage-ui@neumann-maschinen.de',
  date: '2025-03-05T09:00:00Z',
  body: 'Guten Tag, wir interessieren uns für Ihre Plattform. Könnten Sie uns eine Demo zeigen?',
});

beforeAll(requireBrowserSetup);

describe.each(testBackends())('the rules page in the web UI (%s)', (backend) => {
  let dovecot: DovecotServer;
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  let core: App;
  let world: Awaited<ReturnType<typeof rulesWorld>>;

  beforeAll(async () => {
    dovecot = await startDovecot();
    core = await openTestApp(backend, { PORT: '0' });
    world = await rulesWorld(core, dovecot, `rulesui${backend}`);
    await world.deliver(fromGermany);
    server = await startServer(core);
    browser = await launchBrowser({ width: 1280, height: 1400 });
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.setDefaultTimeout(10_000);
    await page.goto(server.url);
    await signIn(page, adminCredentials);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Rules' })
      .click();
    await page.getByRole('heading', { name: 'Rules', level: 1 }).waitFor();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await dovecot?.stop();
  });

  it('sets a territory, dry-runs a rule over a period, then switches it on and sees it fire', async () => {
    const [ravi] = await core.database.query<{ name: string }>(
      'SELECT name FROM users WHERE id = $1',
      [world.people.ravi],
    );
    const territories = page.getByRole('region', { name: 'Territories' });
    await territories.getByLabel('Country code', { exact: true }).fill('DE');
    await territories.getByLabel('Rep', { exact: true }).selectOption(world.people.ravi);
    await territories.getByRole('button', { name: 'Set territory' }).click();
    await territories
      .getByRole('list', { name: 'Country reps' })
      .getByText(`DE: ${ravi!.name}`)
      .waitFor();

    const editor = page.getByRole('region', { name: 'Rule editor' });
    await editor.getByLabel('Name', { exact: true }).fill('DACH newcomers to the DACH rep');
    await editor
      .getByLabel('When', { exact: true })
      .selectOption({ label: 'A message from an unknown sender at an unknown domain' });
    await editor.getByRole('button', { name: 'Add a condition' }).click();
    await editor.getByLabel('Condition 1 field', { exact: true }).selectOption('country');
    await editor.getByLabel('Condition 1 values', { exact: true }).fill('DE, Austria');
    await editor.getByRole('button', { name: 'Add a condition' }).click();
    await editor.getByLabel('Condition 2 field', { exact: true }).selectOption('direction');
    await editor.getByLabel('Condition 2 values', { exact: true }).selectOption(['inbound']);
    await editor
      .getByLabel('Action 1 kind', { exact: true })
      .selectOption({ label: 'Create a lead' });
    await editor
      .getByLabel('Action 1 owner', { exact: true })
      .selectOption({ label: 'The sender’s territory rep' });
    await editor.getByRole('button', { name: 'Add an action' }).click();
    await editor
      .getByLabel('Action 2 kind', { exact: true })
      .selectOption({ label: 'Create a task' });
    await editor.getByLabel('From', { exact: true }).fill('2025-03-01');
    await editor.getByRole('button', { name: 'Dry run' }).click();
    // Each problem shows at its field, and nothing is sent until they are put right.
    const countries = editor.getByLabel('Condition 1 values', { exact: true });
    expect(await countries.getAttribute('aria-invalid')).toBe('true');
    await editor.getByText('Countries are two-letter codes, such as DE or FR').waitFor();
    await editor.getByRole('alert').filter({ hasText: 'Give the task a title' }).waitFor();
    expect(await editor.getByRole('region', { name: 'Dry run result' }).count()).toBe(0);
    await page.screenshot({ path: join(screenshots, 'rules-editor-errors.png'), fullPage: true });
    await countries.fill('DE, AT, CH');
    await editor.getByLabel('Action 2 task title', { exact: true }).fill('Call the newcomer');
    await editor.getByLabel('Action 2 due in business hours', { exact: true }).fill('4');
    await editor.getByLabel('To', { exact: true }).fill('2025-04-01');
    await editor.getByRole('button', { name: 'Dry run' }).click();
    const result = editor.getByRole('region', { name: 'Dry run result' });
    await result
      .getByRole('status')
      .getByText(/Would fire on 1 of \d+ messages/)
      .waitFor();
    expect(await result.getByRole('list', { name: 'What it would do' }).innerText()).toContain(
      `to ${ravi!.name}: 1`,
    );
    expect(await result.getByRole('table').innerText()).toContain('lena@neumann-maschinen.de');
    await page.screenshot({ path: join(screenshots, 'rules-dry-run.png'), fullPage: true });

    await editor.getByRole('button', { name: 'Save and switch on' }).click();
    const rules = page.getByRole('table', { name: 'Workflow rules' });
    await rules
      .getByRole('cell', { name: 'DACH newcomers to the DACH rep', exact: true })
      .waitFor();
    expect(await page.getByLabel('DACH newcomers to the DACH rep switched on').isChecked()).toBe(
      true,
    );
    expect(await runMessageRules(core.database, new Date(), { settleSeconds: 0 })).toMatchObject({
      fired: 1,
    });
    const leads = await core.database.query<{ ownerId: string }>(
      `SELECT l.owner_id AS "ownerId" FROM leads l JOIN lead_emails e ON e.lead_id = l.id
       WHERE e.address = 'lena@neumann-maschinen.de'`,
    );
    expect(leads).toEqual([{ ownerId: world.people.ravi }]);
    const tasks = await core.database.query('SELECT title FROM tasks');
    expect(tasks).toEqual([{ title: 'Call the newcomer' }]);
    const [stored] = await core.workflowRules.list();
    expect(stored).toMatchObject({
      match: 'all',
      conditions: [
        { field: 'country', op: 'in', values: ['DE', 'AT', 'CH'] },
        { field: 'direction', op: 'in', values: ['inbound'] },
      ],
      actions: [
        { kind: 'create_lead', owner: { kind: 'territory' } },
        { kind: 'create_task', title: 'Call the newcomer', dueInBusinessHours: 4 },
      ],
    });
    await page.reload();
    await rules.getByRole('row', { name: /DACH newcomers.*\b1\b/ }).waitFor();
    await page.screenshot({ path: join(screenshots, 'rules-list.png'), fullPage: true });
  });

  it('moves a rule up the order and switches it off', async () => {
    const editor = page.getByRole('region', { name: 'Rule editor' });
    await editor.getByLabel('Name', { exact: true }).fill('Complaints to the manager');
    await editor
      .getByLabel('When', { exact: true })
      .selectOption({ label: 'An intent is detected' });
    await editor.getByLabel('Intents, comma separated (e.g. quote_request)').fill('complaint');
    await editor
      .getByLabel('Action 1 kind', { exact: true })
      .selectOption({ label: 'Escalate to the manager' });
    await editor.getByLabel('Action 1 note', { exact: true }).fill('A customer complains');
    await editor.getByRole('button', { name: 'Dry run' }).click();
    await editor.getByRole('region', { name: 'Dry run result' }).getByRole('status').waitFor();
    await editor.getByRole('button', { name: 'Save and switch on' }).click();
    const rules = page.getByRole('table', { name: 'Workflow rules' });
    await rules.getByRole('cell', { name: 'Complaints to the manager', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Move Complaints to the manager up' }).click();
    await expect
      .poll(async () => (await rules.getByRole('row').nth(1).innerText()).includes('Complaints'))
      .toBe(true);
    await page.getByLabel('Complaints to the manager switched on').click();
    await expect
      .poll(() => page.getByLabel('Complaints to the manager switched on').isChecked())
      .toBe(false);
    const stored = await core.workflowRules.list();
    expect(stored.map((r) => [r.name, r.enabled])).toEqual([
      ['Complaints to the manager', false],
      ['DACH newcomers to the DACH rep', true],
    ]);
  });

  it('manages teams, working hours and holidays, with problems shown at the field', async () => {
    const nameOf = async (id: string) =>
      (
        await core.database.query<{ name: string }>('SELECT name FROM users WHERE id = $1', [id])
      )[0]!.name;
    const [max, rita, ravi] = await Promise.all(
      [world.people.max, world.people.rita, world.people.ravi].map(nameOf),
    );
    const teams = page.getByRole('region', { name: 'Teams' });
    await teams.getByRole('button', { name: 'Add team' }).click();
    await teams.getByRole('alert').filter({ hasText: 'Give the team a name' }).waitFor();
    await teams.getByLabel('Team name', { exact: true }).fill('Inside sales');
    await teams.getByLabel('Manager', { exact: true }).selectOption(world.people.max);
    await teams
      .getByLabel('Members', { exact: true })
      .selectOption([world.people.rita, world.people.ravi]);
    await teams.getByRole('button', { name: 'Add team' }).click();
    const listed = teams.getByRole('list', { name: 'Team list' });
    await listed.getByText(`Inside sales: managed by ${max}`).waitFor();
    expect(await listed.innerText()).toContain(rita);
    expect(await listed.innerText()).toContain(ravi);

    const hours = page.getByRole('region', { name: 'Working hours' });
    await hours.getByLabel('Working hours of', { exact: true }).selectOption(world.people.rita);
    await hours.getByLabel('Days', { exact: true }).selectOption(['1', '2', '3', '4']);
    await hours.getByLabel('Starts', { exact: true }).fill('16:00');
    await hours.getByLabel('Ends', { exact: true }).fill('08:00');
    await hours.getByRole('button', { name: 'Set working hours' }).click();
    await hours.getByRole('alert').filter({ hasText: 'must end after they start' }).waitFor();
    await hours.getByLabel('Starts', { exact: true }).fill('08:00');
    await hours.getByLabel('Ends', { exact: true }).fill('16:00');
    await hours.getByRole('button', { name: 'Set working hours' }).click();
    await hours.getByText(`${rita}: Mon Tue Wed Thu 08:00–16:00 Europe/Berlin`).waitFor();

    const holidays = page.getByRole('region', { name: 'Holidays' });
    await holidays.getByLabel('Day', { exact: true }).fill('2025-12-24');
    await holidays.getByLabel('Holiday name', { exact: true }).fill('Christmas Eve');
    await holidays.getByRole('button', { name: 'Add holiday' }).click();
    await holidays.getByText('2025-12-24 Christmas Eve').waitFor();
    await page.screenshot({ path: join(screenshots, 'rules-teams-hours.png'), fullPage: true });

    const settings = await core.assignmentSettings.read();
    expect(settings.teams).toEqual([
      expect.objectContaining({
        name: 'Inside sales',
        managerId: world.people.max,
        memberIds: expect.arrayContaining([world.people.rita, world.people.ravi]) as string[],
      }),
    ]);
    expect(settings.workingHours).toEqual([
      {
        userId: world.people.rita,
        timeZone: 'Europe/Berlin',
        days: [1, 2, 3, 4],
        startMinute: 480,
        endMinute: 960,
      },
    ]);
    await holidays.getByRole('button', { name: 'Remove 2025-12-24' }).click();
    await expect.poll(async () => (await core.assignmentSettings.read()).holidays).toEqual([]);
  });

  it('lists a webhook delivery that kept failing and replays it', async () => {
    const endpoint = await core.webhooks.createEndpoint(world.people.admin, {
      url: 'http://127.0.0.1:9/hook',
      events: ['rule.fired'],
    });
    await core.database.query(
      `INSERT INTO webhook_deliveries (endpoint_id, event_type, payload, status, attempts, next_attempt_at, last_error, created_at)
       VALUES ($1, 'rule.fired', '{}', 'dead', 9, now(), 'connection refused', now())`,
      [endpoint.id],
    );
    await page.reload();
    const dead = page.getByRole('region', { name: 'Webhook dead letters' });
    await dead.getByText(/rule\.fired to http:\/\/127\.0\.0\.1:9\/hook after 9 attempts/).waitFor();
    await page.screenshot({ path: join(screenshots, 'rules-dead-letters.png'), fullPage: true });
    await dead.getByRole('button', { name: 'Replay' }).click();
    await dead.getByText('No failed deliveries.').waitFor();
    const [delivery] = await core.database.query<{ status: string }>(
      `SELECT status FROM webhook_deliveries WHERE endpoint_id = $1`,
      [endpoint.id],
    );
    expect(delivery?.status).toBe('pending');
  });
});
