import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import { openInsightWorld, type InsightWorld } from '../../../test/support/insight-world.js';
import type { Person } from '../../../test/support/sharing-world.js';
import type * as Insight from '../../api-shapes/insight.js';
import { settingsRepository } from '../../adapters/db/repositories/settings.js';
import { strengthSettingKey } from '../../services/insight/strength-weights.js';

describe.each(testBackends())('relationship insight on the %s backend', (backend) => {
  let insight: InsightWorld;
  let world: InsightWorld['world'];
  let app: InsightWorld['app'];
  let grace: string;
  let acme: string;

  beforeAll(async () => {
    insight = await openInsightWorld(backend);
    ({ world, app, grace, acme } = insight);
  }, 60_000);
  afterAll(async () => {
    await insight?.close();
  });

  const contactAs = async (person: Person) => {
    const response = await app.inject({
      url: `/api/contacts/${grace}/connections`,
      headers: world.as(person),
    });
    expect(response.statusCode).toBe(200);
    return response.json<{ items: Insight.ContactConnection[] }>().items;
  };

  it('explains a colleague’s score with the contact, point by point', async () => {
    const [rita, ...others] = await contactAs('rita');
    expect(others).toEqual([]);
    // Sent 10 days ago: 3 × 0.5^(10/45) = 2.57; the answer 30 minutes later, in a thread
    // of 2: 10 × 0.5^(9.98/45) × 1.25 = 10.7. Both sides wrote: reciprocity 1;
    // 100 × (1 − e^(−13.3 / 50)) = 23.4.
    expect(rita).toMatchObject({
      user: { email: 'rita@threadline.example' },
      score: 23,
      trend: 'rising',
      points: 13.3,
      reciprocity: 1,
      lastAt: '2025-03-03T10:30:00.000Z',
      breakdown: [
        {
          kind: 'reply_received',
          points: 10.7,
          reason: 'reply received 9 days ago, within 30 minutes',
        },
        { kind: 'message_sent', points: 2.6, reason: 'message sent 10 days ago' },
      ],
    });
  });
  it('counts only mail the reader may open: private mail tells a manager nothing', async () => {
    expect(await contactAs('max')).toEqual([]);
    expect((await contactAs('ravi')).map((item) => item.user.email)).toEqual([
      'ravi@threadline.example',
    ]);
  });
  it('shows a colleague’s connection once their mail is shared', async () => {
    await world.share('rita', 'public');
    try {
      const asRavi = await contactAs('ravi');
      expect(asRavi.map((item) => [item.user.email, item.reciprocity])).toEqual([
        ['rita@threadline.example', 1],
        ['ravi@threadline.example', 0.5],
      ]);
    } finally {
      await world.share('rita', 'private');
    }
  });

  const accountAs = async (person: Person) => {
    const response = await app.inject({
      url: `/api/accounts/${acme}/connections`,
      headers: world.as(person),
    });
    expect(response.statusCode).toBe(200);
    return response.json<Insight.AccountConnections>();
  };

  it('private mail tells an admin nothing either', async () => {
    const result = await accountAs('ada');
    expect(result.ours).toEqual([]);
    expect(result.thirdParties).toEqual([]);
  });

  it('tells who knows whom at the account, and who else is on the threads', async () => {
    await world.share('rita', 'public');
    await world.share('ravi', 'public');
    const result = await accountAs('ada').finally(async () => {
      await world.share('rita', 'private');
      await world.share('ravi', 'private');
    });
    expect(result.ours.map((side) => [side.user.email, side.closest])).toEqual([
      ['rita@threadline.example', 'grace.hopper@acme.com'],
      ['ravi@threadline.example', 'grace.hopper@acme.com'],
    ]);
    expect(result.theirs).toMatchObject([
      {
        address: 'grace.hopper@acme.com',
        contact: { id: grace, name: 'Grace Hopper' },
        closestColleague: { email: 'rita@threadline.example' },
      },
    ]);
    expect(result.thirdParties).toEqual([
      {
        address: 'counsel@lawfirm.example',
        domain: 'lawfirm.example',
        organisation: 'lawfirm.example',
        threads: 1,
        role: 'lawyer',
        reason: 'domain lawfirm.example says “lawfirm”',
      },
    ]);
    // Rita 23 (above); Ravi sent once an hour ago, unanswered: 3.0 points × reciprocity 0.5,
    // 100 × (1 − e^(−1.5 / 50)) = 3. The team: 100 × (1 − 0.77 × 0.97) = 25.3.
    expect(result.ours.map((side) => side.score)).toEqual([23, 3]);
    expect(result).toMatchObject({
      teamScore: 25,
      teamTrend: 'rising',
      teamLastAt: '2025-03-13T09:00:00.000Z',
    });
  });
  it('names the colleague to ask for an introduction, with no subject of mail that is private', async () => {
    const closestAs = async (person: Person) => {
      const response = await app.inject({
        url: `/api/contacts/${grace}/closest-colleagues`,
        headers: world.as(person),
      });
      expect(response.statusCode).toBe(200);
      expect(response.body).not.toMatch(/Renewal terms|Introduction/);
      return response.json<{ items: Insight.ClosestColleague[] }>().items;
    };
    expect(await closestAs('ravi')).toMatchObject([
      { user: { email: 'rita@threadline.example' }, score: 23, privateMail: true },
    ]);
    expect((await closestAs('max')).map((item) => [item.user.email, item.privateMail])).toEqual([
      ['rita@threadline.example', true],
      ['ravi@threadline.example', true],
    ]);
    await world.share('rita', 'public');
    try {
      expect(await closestAs('ravi')).toMatchObject([{ score: 23, privateMail: false }]);
    } finally {
      await world.share('rita', 'private');
    }
  });
  it('lets an admin set the weights, audited, and refuses a rep or a broken weight', async () => {
    const put = (person: Person, payload: object) =>
      app.inject({
        method: 'PUT',
        url: '/api/settings/connection-strength',
        headers: world.as(person),
        payload,
      });
    try {
      expect((await put('rita', { halfLifeDays: 90 })).statusCode).toBe(403);
      const broken = await put('ada', { halfLifeDays: 0 });
      expect(broken.statusCode).toBe(400);
      expect(broken.json()).toMatchObject({
        error: { code: 'VALIDATION_FAILED', message: expect.stringMatching(/^halfLifeDays: /) },
      });
      const saved = await put('ada', { points: { meeting: 20 } });
      expect(saved.statusCode).toBe(200);
      const read = await app.inject({
        url: '/api/settings/connection-strength',
        headers: world.as('rita'),
      });
      const { weights, override } = read.json<Insight.StrengthWeightsShape>();
      expect(override).toEqual({ points: { meeting: 20 } });
      expect(weights.points).toMatchObject({ meeting: 20, reply_received: 10 });
      const [audit] = await world.core.database.query<{ details: unknown }>(
        `SELECT details FROM audit_log WHERE action = 'settings.connection_strength'`,
      );
      expect(audit?.details).toEqual({ points: { meeting: 20 } });
    } finally {
      await world.core.database.query('DELETE FROM settings WHERE key = $1', [strengthSettingKey]);
    }
  });
  it('weighs by the organisation’s settings, and names a broken one', async () => {
    const settings = settingsRepository(world.core.database);
    await settings.saveSetting(strengthSettingKey, {
      points: { message_sent: 0, reply_received: 0 },
    });
    try {
      expect((await contactAs('rita'))[0]).toMatchObject({ score: 0, points: 0 });
      await settings.saveSetting(strengthSettingKey, { halfLifeDays: -3 });
      const broken = await app.inject({
        url: `/api/contacts/${grace}/connections`,
        headers: world.as('rita'),
      });
      expect(broken.statusCode).toBe(400);
      expect(broken.json()).toMatchObject({
        error: {
          code: 'VALIDATION_FAILED',
          message: expect.stringMatching(/^Setting connection_strength: halfLifeDays: /),
        },
      });
    } finally {
      await world.core.database.query('DELETE FROM settings WHERE key = $1', [strengthSettingKey]);
    }
  });
  it('answers NOT_FOUND for a contact or account that does not exist', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    for (const url of [
      `/api/contacts/${missing}/connections`,
      `/api/contacts/${missing}/closest-colleagues`,
      `/api/accounts/${missing}/connections`,
      `/api/deals/${missing}/buying-roles`,
    ]) {
      const response = await app.inject({ url, headers: world.as('rita') });
      expect(response.statusCode, url).toBe(404);
      expect(response.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    }
  });
});
