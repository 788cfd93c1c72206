import { describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import { newcomerMail, rawMail, useRulesWorld } from '../../../test/support/rules-world.js';
import type { App } from '../../app/open-app.js';
import type { WorkflowRuleFields } from '../../adapters/db/repositories/workflow-rules.js';
import { checkUnansweredThreads, runMessageRules } from './rule-runner.js';

const since = new Date('2025-01-01T00:00:00Z');
const run = (core: App, now = new Date('2025-03-20T12:00:00Z')) =>
  runMessageRules(core.database, now, { settleSeconds: 0 });

const fromGermany = rawMail({
  from: 'Lena Neumann <lena@neumann-maschinen.de>',
  subject: 'Anfrage',
  id: 'anfrage@neumann-maschinen.de',
  date: '2025-03-05T09:00:00Z',
  body: 'Guten Tag, wir interessieren uns für Ihre Plattform. Könnten Sie uns eine Demo zeigen?',
});
const frenchPricing = rawMail({
  from: 'Omar Haddad <omar@globex.example>',
  subject: 'Devis',
  id: 'devis@globex.example',
  date: '2025-03-06T09:00:00Z',
  body: 'Bonjour, pourriez-vous nous envoyer un devis pour 50 licences ? Quel est le prix par utilisateur ?',
});
// Friday 7 March 2025, 15:00 UTC.
const complaint = rawMail({
  from: 'Grace Hopper <grace.hopper@acme.com>',
  subject: 'Outage',
  id: 'outage@acme.com',
  date: '2025-03-07T15:00:00Z',
  body: 'This is unacceptable. I want to file a formal complaint about the outage last week, nobody has answered us.',
});

describe.each(testBackends())('workflow rules on real mail on the %s backend', (backend) => {
  const t = useRulesWorld(backend, since);
  const switchedOn = (fields: WorkflowRuleFields) => t.switchedOn(fields);
  const leads = () =>
    t.core.database.query<{ email: string; ownerId: string; country: string }>(
      `SELECT e.address AS email, l.owner_id AS "ownerId", l.country FROM leads l
       JOIN lead_emails e ON e.lead_id = l.id WHERE l.external_id IS NULL ORDER BY e.address`,
    );
  const dachLeads: WorkflowRuleFields = {
    name: 'Unknown DACH senders become the DACH rep’s leads',
    trigger: { kind: 'unknown_sender' },
    conditions: [{ field: 'country', op: 'in', values: ['DE', 'AT', 'CH'] }],
    actions: [{ kind: 'create_lead', owner: { kind: 'territory' } }],
  };

  it('makes an unknown sender in Germany a lead owned by the DACH rep', async () => {
    await t.core.assignmentSettings.setTerritory(t.world.people.admin, 'de', t.world.people.ravi);
    await switchedOn(dachLeads);
    await t.world.deliver(fromGermany, newcomerMail(1));
    expect(await run(t.core)).toMatchObject({ messages: 2, fired: 1 });
    expect(await leads()).toEqual([
      { email: 'lena@neumann-maschinen.de', ownerId: t.world.people.ravi, country: 'DE' },
    ]);
    // The message that prompted the lead is filed on it by the firing itself.
    const filed = await t.core.database.query<{ key: string; reason: string }>(
      `SELECT m.message_id AS key, l.reason FROM message_links l
       JOIN messages m ON m.id = l.message_id JOIN leads d ON d.id = l.record_id
       WHERE l.record_type = 'lead' AND d.external_id IS NULL`,
    );
    expect(filed).toEqual([
      { key: '<anfrage@neumann-maschinen.de>', reason: 'address lena@neumann-maschinen.de' },
    ]);
  });

  it('assigns three leads to three reps in turn', async () => {
    const team = await t.core.assignmentSettings.saveTeam(t.world.people.admin, {
      name: 'Inside sales',
      memberIds: [t.world.people.rita, t.world.people.ravi, t.world.people.rosa],
    });
    await switchedOn({
      name: 'Newcomers by round robin',
      trigger: { kind: 'unknown_sender' },
      conditions: [{ field: 'country', op: 'not_in', values: ['DE', 'AT', 'CH'] }],
      actions: [{ kind: 'create_lead', owner: { kind: 'round_robin', teamId: team } }],
    });
    await t.world.deliver(newcomerMail(1), newcomerMail(2), newcomerMail(3));
    await run(t.core);
    // Mail stored in one batch is read in the store's order, not the mail's: each rep gets one.
    expect((await leads()).map((l) => l.ownerId).sort()).toEqual(
      [t.world.people.rita, t.world.people.ravi, t.world.people.rosa].sort(),
    );
  });

  it('creates a task from a pricing request in French, due in business hours', async () => {
    const rule = await switchedOn({
      name: 'Pricing requests become tasks',
      trigger: { kind: 'intent_detected', intents: ['quote_request'] },
      conditions: [],
      actions: [
        {
          kind: 'create_task',
          title: 'Send a quote',
          dueInBusinessHours: 4,
          owner: { kind: 'mailbox_owner' },
        },
      ],
    });
    await t.world.deliver(frenchPricing, newcomerMail(1));
    // Friday 14 March 2025, 15:00 UTC: 2 hours left that day, 2 more on Monday.
    await run(t.core, new Date('2025-03-14T15:00:00Z'));
    expect(
      await t.core.database.query(
        `SELECT title, owner_id AS "ownerId", due_at AS "dueAt", rule_id AS "ruleId" FROM tasks`,
      ),
    ).toEqual([
      {
        title: 'Send a quote',
        ownerId: t.world.people.rita,
        dueAt: new Date('2025-03-17T11:00:00Z'),
        ruleId: rule.id,
      },
    ]);
    const [firing] = await t.core.workflowRules.firings(rule.id);
    expect(firing?.reasons[0]).toMatch(/^quote_request: .*devis/i);
  });

  it('escalates an unanswered complaint after 8 business hours, not over a weekend or a holiday', async () => {
    await switchedOn({
      name: 'Unanswered complaints escalate',
      trigger: { kind: 'thread_unanswered', businessHours: 8 },
      conditions: [{ field: 'intent', op: 'in', values: ['complaint'] }],
      actions: [{ kind: 'escalate', note: 'Complaint waiting' }],
    });
    await t.core.assignmentSettings.addHoliday(t.world.people.admin, '2025-03-10', 'Company day');
    await t.world.deliver(complaint);
    const notifications = () =>
      t.core.database.query<{ userId: string; text: string }>(
        `SELECT user_id AS "userId", text FROM notifications`,
      );
    const check = (at: string) => checkUnansweredThreads(t.core.database, new Date(at));
    // Friday 15:00 to Monday 17:00 is 2 hours: the weekend and Monday's holiday do not count.
    await check('2025-03-10T17:00:00Z');
    // Tuesday 15:00: 2 + 6 = 8 hours... not yet at 14:59.
    await check('2025-03-11T14:59:00Z');
    expect(await notifications()).toEqual([]);
    expect(await check('2025-03-11T15:00:00Z')).toMatchObject({ fired: 1 });
    expect(await check('2025-03-12T15:00:00Z')).toMatchObject({ fired: 0, alreadyFired: 1 });
    expect(await notifications()).toEqual([
      { userId: t.world.people.max, text: 'Escalated: Complaint waiting (Outage)' },
    ]);
  });

  it('does not escalate a complaint that was answered', async () => {
    await switchedOn({
      name: 'Unanswered complaints escalate',
      trigger: { kind: 'thread_unanswered', businessHours: 1 },
      conditions: [],
      actions: [{ kind: 'escalate', note: 'Complaint waiting' }],
    });
    const answer = rawMail({
      from: 'Rita Rep <rita@threadline.example>',
      to: 'grace.hopper@acme.com',
      subject: 'Re: Outage',
      id: 'answer@threadline.example',
      inReplyTo: 'outage@acme.com',
      date: '2025-03-07T16:00:00Z',
      body: 'Dear Grace, we are on it.',
    });
    await t.world.deliver(complaint, answer);
    expect(
      await checkUnansweredThreads(t.core.database, new Date('2025-03-12T15:00:00Z')),
    ).toMatchObject({
      fired: 0,
    });
  });

  it('fires once per message across re-syncs, a UIDVALIDITY change and two workers at once', async () => {
    const rule = await switchedOn({
      name: 'Pricing requests become tasks',
      trigger: { kind: 'intent_detected', intents: ['quote_request'] },
      conditions: [],
      actions: [
        {
          kind: 'create_task',
          title: 'Send a quote',
          dueInBusinessHours: 8,
          owner: { kind: 'mailbox_owner' },
        },
      ],
    });
    await t.world.deliver(frenchPricing);
    const both = await Promise.all([run(t.core), run(t.core)]);
    expect(both.reduce((sum, o) => sum + o.fired, 0)).toBe(1);
    await t.world.resync();
    await t.dovecot.resetFolder(t.world.user, 'INBOX');
    await t.world.deliver(frenchPricing);
    // Switched off and on again, the rule reads the stored mail from the start.
    await t.core.workflowRules.setEnabled(t.world.people.admin, rule.id, false);
    await t.core.workflowRules.setEnabled(t.world.people.admin, rule.id, true, since);
    expect(await run(t.core)).toMatchObject({ fired: 0, alreadyFired: 1 });
    expect(await t.core.database.query('SELECT title FROM tasks')).toEqual([
      { title: 'Send a quote' },
    ]);
  });

  it('reads each stored message once in steps smaller than the batch that stored them', async () => {
    // One capture batch stores its messages with one creation time, to the microsecond.
    await switchedOn({ ...dachLeads, conditions: [] });
    await t.world.deliver(newcomerMail(1), newcomerMail(2), newcomerMail(3), newcomerMail(4));
    const now = new Date('2025-03-20T12:00:00Z');
    const steps = { settleSeconds: 0, batchSize: 2 };
    expect(await runMessageRules(t.core.database, now, steps)).toMatchObject({
      messages: 4,
      fired: 4,
    });
    expect(await runMessageRules(t.core.database, now, steps)).toMatchObject({
      messages: 0,
      fired: 0,
    });
  });

  it('shows in a dry run what switching the rule on then does', async () => {
    const team = await t.core.assignmentSettings.saveTeam(t.world.people.admin, {
      name: 'Inside sales',
      memberIds: [t.world.people.rita, t.world.people.rosa],
    });
    const fields: WorkflowRuleFields = {
      name: 'Newcomers get a task and a lead',
      trigger: { kind: 'unknown_sender' },
      conditions: [{ field: 'direction', op: 'in', values: ['inbound'] }],
      actions: [
        {
          kind: 'create_task',
          title: 'Reply',
          dueInBusinessHours: 8,
          owner: { kind: 'round_robin', teamId: team },
        },
        { kind: 'create_lead', owner: { kind: 'territory', fallbackUserId: t.world.people.ravi } },
      ],
    };
    await t.world.deliver(newcomerMail(1), newcomerMail(2), frenchPricing, complaint);
    const period = { from: new Date('2025-03-01T00:00:00Z'), to: new Date('2025-03-07T00:00:00Z') };
    const report = await t.core.workflowRules.dryRun(
      t.world.people.admin,
      fields,
      period.from,
      period.to,
    );
    expect(report).toMatchObject({
      scanned: 3,
      matched: 2,
      effectCounts: { create_task: 2, create_lead: 2 },
      ownerCounts: { [t.world.people.rita]: 1, [t.world.people.rosa]: 1, [t.world.people.ravi]: 2 },
    });
    expect(await t.core.database.query('SELECT 1 FROM tasks')).toEqual([]);

    const rule = await t.core.workflowRules.create(t.world.people.admin, fields);
    await t.core.workflowRules.setEnabled(t.world.people.admin, rule.id, true, period.from);
    await runMessageRules(t.core.database, t.core.clock.now(), { settleSeconds: 0 });
    const fired = await t.core.workflowRules.firings(rule.id);
    const effectsOf = (effects: readonly unknown[]) =>
      effects.map((e) => {
        const { kind, target, ownerId } = e as { kind: string; target: string; ownerId: string };
        return { kind, target, ownerId };
      });
    const byKey = (list: { messageKey?: string; eventKey?: string }[]) =>
      list.map((f) => f.messageKey ?? f.eventKey?.replace('message:', '')).sort();
    // The complaint was sent after the period: switched on from the period's start, the rule acts on it too.
    expect(byKey(fired).filter((k) => k !== '<outage@acme.com>')).toEqual(
      byKey([...report.firings]),
    );
    for (const dry of report.firings) {
      const real = fired.find((f) => f.eventKey === `message:${dry.messageKey}`);
      expect(effectsOf(real!.effects)).toEqual(effectsOf(dry.effects));
    }
  });

  it('refuses a rule that names a team that does not exist, saying so', async () => {
    await expect(
      t.core.workflowRules.create(t.world.people.admin, {
        ...dachLeads,
        actions: [
          {
            kind: 'create_lead',
            owner: { kind: 'round_robin', teamId: '00000000-0000-4000-8000-000000000009' },
          },
        ],
      }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: /team 00000000-0000-4000-8000-000000000009/,
    });
  });

  it('lets no rep manage rules', async () => {
    const rita = await t.core.auth.findUserByEmail('rita@threadline.example');
    await expect(t.core.workflowRules.create(rita!, dachLeads)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});
