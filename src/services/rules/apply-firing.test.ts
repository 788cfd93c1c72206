import { describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import { newcomerMail, useRulesWorld } from '../../../test/support/rules-world.js';
import type { Firing } from '../../core/rules/evaluate-rules.js';
import { factsForTest } from '../../core/rules/facts-for-test.js';
import { applyFirings } from './apply-firing.js';
import { loadAssignmentContext } from './assignment-context.js';

const since = new Date('2025-01-01T00:00:00Z');
const now = new Date('2025-03-20T12:00:00Z');

describe.each(testBackends())('applying a batch of firings on the %s backend', (backend) => {
  const t = useRulesWorld(backend, since);

  /** A rule making a round-robin task and a webhook event, and its firings on three stored messages. */
  const threeFirings = async (): Promise<Firing[]> => {
    const { people } = t.world;
    const admin = people.admin;
    const team = await t.core.assignmentSettings.saveTeam(admin, {
      name: 'Inside sales',
      memberIds: [people.rita, people.ravi, people.rosa],
    });
    await t.core.webhooks.createEndpoint(admin, {
      url: 'http://127.0.0.1:9/hooks',
      events: ['task.created', 'rule.fired'],
    });
    const rule = await t.core.workflowRules.create(admin, {
      name: 'Talks become tasks',
      trigger: { kind: 'message_captured', direction: 'inbound' },
      conditions: [],
      actions: [
        {
          kind: 'create_task',
          title: 'Call back',
          dueInBusinessHours: 4,
          owner: { kind: 'round_robin', teamId: team },
        },
        { kind: 'notify', to: { kind: 'user', userId: people.max }, note: 'New talk' },
      ],
    });
    await t.world.deliver(newcomerMail(1), newcomerMail(2), newcomerMail(3));
    const messages = await t.core.database.query<{ id: string; key: string; threadId: string }>(
      `SELECT id, message_key AS key, thread_id AS "threadId" FROM messages ORDER BY sent_at`,
    );
    return messages.map((m) => ({
      ruleId: rule.id,
      eventKey: `message:${m.key}`,
      facts: factsForTest({ messageId: m.id, messageKey: m.key, threadId: m.threadId }),
      reasons: ['test'],
      actions: rule.actions,
    }));
  };
  const apply = async (firings: readonly Firing[], expectNew = false) => {
    const context = await loadAssignmentContext(t.core.database);
    const named = { ...context, ruleName: () => 'Talks' };
    return applyFirings(t.core.database, firings, named, now, expectNew);
  };
  const count = async (table: string) =>
    (await t.core.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;

  it.each([
    ['asking first which are recorded', false],
    ['expecting them new, as for mail no rule has read', true],
  ])(
    'acts only on firings not recorded before, and once on a key the batch holds twice, %s',
    async (_, expectNew) => {
      const [first, second, third] = await threeFirings();
      expect(await apply([first!], expectNew)).toEqual({ fired: 1, alreadyFired: 0 });
      expect(await apply([first!, second!, second!, third!], expectNew)).toEqual({
        fired: 2,
        alreadyFired: 2,
      });
      expect(await apply([first!, second!, third!], expectNew)).toEqual({
        fired: 0,
        alreadyFired: 3,
      });
      expect(await count('tasks')).toBe(3);
      expect(await count('notifications')).toBe(3);
      expect(await count('rule_firings')).toBe(3);
      // Each firing sends a task.created and a rule.fired event to the one endpoint.
      expect(await count('webhook_deliveries')).toBe(6);
    },
  );

  it('hands round-robin turns out in firing order and records each task on its firing and event', async () => {
    const firings = await threeFirings();
    await apply(firings);
    const { rita, ravi, rosa } = t.world.people;
    const recorded = await t.core.database.query<{ taskId: string; ownerId: string }>(
      `SELECT f.effects->0->>'recordId' AS "taskId", t.owner_id AS "ownerId"
       FROM rule_firings f JOIN messages m ON m.id = f.message_id
       JOIN tasks t ON t.id = (f.effects->0->>'recordId')::uuid ORDER BY m.sent_at`,
    );
    expect(recorded.map((r) => r.ownerId)).toEqual([rita, ravi, rosa]);
    const events = await t.core.database.query<{ id: string }>(
      `SELECT payload->>'id' AS id FROM webhook_deliveries WHERE event_type = 'task.created'`,
    );
    expect(events.map((e) => e.id).sort()).toEqual(recorded.map((r) => r.taskId).sort());
    // Thursday 12:00 UTC plus 4 business hours of the default calendar, the same for each task.
    const due = await t.core.database.query<{ dueAt: Date }>(`SELECT due_at AS "dueAt" FROM tasks`);
    expect(due.map((d) => d.dueAt.toISOString())).toEqual(
      Array(3).fill('2025-03-20T16:00:00.000Z'),
    );
  });

  it('applies overlapping batches of two workers, in opposite orders, each firing once', async () => {
    const firings = await threeFirings();
    const both = await Promise.all([apply(firings), apply([...firings].reverse())]);
    expect(both.reduce((sum, o) => sum + o.fired, 0)).toBe(3);
    expect(both.reduce((sum, o) => sum + o.alreadyFired, 0)).toBe(3);
    expect(await count('tasks')).toBe(3);
    // The worker that lost gave back the turns it took: the next task goes to the first member again.
    const turns = await t.core.database.query<{ n: number }>(
      `SELECT sum(next_turn)::int AS n FROM round_robin_turns`,
    );
    expect(turns[0]!.n).toBe(3);
  });

  it('queues only the events an enabled endpoint takes', async () => {
    const firings = await threeFirings();
    await t.core.database.query(
      `INSERT INTO webhook_endpoints (url, secret, events, enabled)
       VALUES ('http://127.0.0.1:9/off', 'x', '{record.created,task.created,rule.fired}', false)`,
    );
    await t.core.database.query(
      `UPDATE webhook_endpoints SET events = '{rule.fired,record.created}' WHERE enabled`,
    );
    await apply(firings);
    const queued = await t.core.database.query<{ type: string; n: number }>(
      `SELECT event_type AS type, count(*)::int AS n FROM webhook_deliveries GROUP BY event_type`,
    );
    expect(queued).toEqual([{ type: 'rule.fired', n: 3 }]);
    const effects = await t.core.database.query<{ effects: { kind: string }[] }>(
      `SELECT effects FROM rule_firings`,
    );
    expect(effects.map((f) => f.effects.map((e) => e.kind))).toEqual([
      ['create_task', 'notify'],
      ['create_task', 'notify'],
      ['create_task', 'notify'],
    ]);
  });

  it('queues no event while no endpoint is enabled, and still acts', async () => {
    const firings = await threeFirings();
    await t.core.database.query(`UPDATE webhook_endpoints SET enabled = false`);
    expect(await apply(firings)).toEqual({ fired: 3, alreadyFired: 0 });
    expect(await count('webhook_deliveries')).toBe(0);
    expect(await count('tasks')).toBe(3);
  });

  it('writes nothing when a firing names a rule that does not exist', async () => {
    const [first] = await threeFirings();
    const unknown = { ...first!, ruleId: '00000000-0000-4000-8000-000000000009' };
    await expect(apply([first!, unknown])).rejects.toThrow(/foreign key/);
    expect(await count('rule_firings')).toBe(0);
    expect(await count('tasks')).toBe(0);
  });
});
