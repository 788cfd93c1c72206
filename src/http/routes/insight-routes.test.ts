import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import {
  mail,
  openSharingWorld,
  type Person,
  type SharingWorld,
} from '../../../test/support/sharing-world.js';
import type { TimelinePage } from '../../api-shapes/mail.js';
import type * as Insight from '../../api-shapes/insight.js';
import { settingsRepository } from '../../adapters/db/repositories/settings.js';
import { createConnectionsService } from '../../services/insight/connections-service.js';
import { strengthSettingKey } from '../../services/insight/strength-weights.js';
import { buildHttpApp, type HttpApp } from '../app.js';
import { insightRoutes } from './insight-routes.js';

const now = new Date('2025-03-13T10:00:00Z');

/** Rita asks, Grace answers within the hour; a lawyer is copied on the answer. */
const ritaAsks = mail({
  id: '<ins-1@threadline.example>',
  from: 'rita@threadline.example',
  to: 'Grace Hopper <grace.hopper@acme.com>',
  subject: 'Renewal terms',
  date: 'Mon, 03 Mar 2025 10:00:00 +0000',
});
const graceAnswers = mail({
  id: '<ins-2@acme.com>',
  from: 'Grace Hopper <grace.hopper@acme.com>',
  to: 'rita@threadline.example',
  cc: 'counsel@lawfirm.example',
  subject: 'RE: Renewal terms',
  date: 'Mon, 03 Mar 2025 10:30:00 +0000',
  headers: ['In-Reply-To: <ins-1@threadline.example>', 'References: <ins-1@threadline.example>'],
});
/** Ravi writes once, ten days later, and hears nothing. */
const raviWrites = mail({
  id: '<ins-3@threadline.example>',
  from: 'ravi@threadline.example',
  to: 'grace.hopper@acme.com',
  subject: 'Introduction',
  date: 'Thu, 13 Mar 2025 09:00:00 +0000',
});

describe.each(testBackends())('relationship insight on the %s backend', (backend) => {
  let world: SharingWorld;
  let app: HttpApp;
  let grace: string;
  let acme: string;
  let renewal: string;

  /** The same routes with the clock at another moment: the same history, seen later. */
  const appAt = (moment: Date) =>
    buildHttpApp(world.core, {
      webRoot: null,
      secureCookies: false,
      localCliToken: null,
      logLevel: 'silent',
      plugins: [
        insightRoutes(
          createConnectionsService({ database: world.core.database, clock: { now: () => moment } }),
        ),
      ],
    });

  beforeAll(async () => {
    world = await openSharingWorld(backend);
    await world.importMail('rita', ritaAsks, graceAnswers);
    await world.importMail('ravi', raviWrites);
    app = await appAt(now);
    grace = await world.recordId('contacts', 'CON-001');
    acme = await world.accountId('ACC-001');
    renewal = await world.recordId('deals', 'DEAL-001');
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await world?.close();
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

  it('tells who knows whom at the account, and who else is on the threads', async () => {
    const response = await app.inject({
      url: `/api/accounts/${acme}/connections`,
      headers: world.as('ada'),
    });
    expect(response.statusCode).toBe(200);
    const result = response.json<Insight.AccountConnections>();
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

  it('rolls the team’s connection up to the deal, by buying role, and names the roles never reached', async () => {
    const rolesAs = async (person: Person) => {
      const response = await app.inject({
        url: `/api/deals/${renewal}/buying-roles`,
        headers: world.as(person),
      });
      expect(response.statusCode).toBe(200);
      return response.json<Insight.DealBuyingRoles>();
    };
    const asAda = await rolesAs('ada');
    expect(asAda.team).toMatchObject({ score: 25, trend: 'rising' });
    const technical = asAda.roles.find((role) => role.role === 'technical');
    expect(technical).toMatchObject({
      reached: true,
      contacts: [{ contact: { id: grace, name: 'Grace Hopper' }, title: 'CTO', score: 25 }],
    });
    expect(asAda.roles.find((role) => role.role === 'purchasing')).toMatchObject({
      reached: false,
      contacts: [{ contact: { name: 'Jürgen Klein' }, engaged: false, score: 0, trend: 'cold' }],
    });
    expect(asAda.unreached).toEqual(['decision_maker', 'finance', 'purchasing', 'legal', 'user']);
    // Rita sees her own mail alone; Olga, of another team, none: every role unreached.
    expect((await rolesAs('rita')).team.score).toBe(23);
    const asOlga = await rolesAs('olga');
    expect(asOlga.team.score).toBe(0);
    expect(asOlga.unreached).toHaveLength(asOlga.roles.length);
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

  it('counts mail shared by name (custom sharing) for that colleague alone', async () => {
    const shared = await world.app.inject({
      method: 'PUT',
      url: '/api/me/sharing',
      headers: world.as('rita'),
      payload: { mode: 'custom', excludedDomains: [], sharedWith: [world.users.ravi.id] },
    });
    expect(shared.statusCode).toBe(200);
    try {
      const teamAs = async (person: Person) =>
        (
          await app.inject({
            url: `/api/deals/${renewal}/buying-roles`,
            headers: world.as(person),
          })
        ).json<Insight.DealBuyingRoles>().team.score;
      expect(await teamAs('ravi')).toBe(25);
      expect(await teamAs('olga')).toBe(0);
      const closest = await app.inject({
        url: `/api/contacts/${grace}/closest-colleagues`,
        headers: world.as('ravi'),
      });
      expect(closest.json<{ items: Insight.ClosestColleague[] }>().items).toMatchObject([
        { user: { email: 'rita@threadline.example' }, privateMail: false },
      ]);
    } finally {
      await world.share('rita', 'private');
    }
  });

  it('labels the trend on a scripted history as time passes, and lists accounts going cold', async () => {
    const moments: [string, string][] = [
      ['2025-03-13T10:00:00Z', 'rising'],
      ['2025-04-20T10:00:00Z', 'cooling'],
      ['2025-07-01T10:00:00Z', 'cold'],
    ];
    for (const [moment, trend] of moments) {
      const later = await appAt(new Date(moment));
      try {
        const account = await later.inject({
          url: `/api/accounts/${acme}/connections`,
          headers: world.as('rita'),
        });
        expect(account.json<Insight.AccountConnections>().teamTrend, moment).toBe(trend);
        const cold = await later.inject({ url: '/api/me/going-cold', headers: world.as('rita') });
        expect(cold.statusCode).toBe(200);
        const items = cold.json<{ items: Insight.GoingColdAccount[] }>().items;
        expect(
          items.filter((item) => item.id === acme).map((item) => [item.trend, item.deals]),
          moment,
        ).toEqual(
          trend === 'rising' ? [] : [[trend, [{ id: renewal, name: 'Acme platform renewal' }]]],
        );
      } finally {
        await later.close();
      }
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

  it('counts mail outside the activity window in scores, without a timeline entry', async () => {
    const juergen = await world.recordId('contacts', 'CON-002');
    const asked = mail({
      id: '<ins-old-1@threadline.example>',
      from: 'rita@threadline.example',
      to: 'juergen.klein@acme.de',
      subject: 'Framework agreement',
      date: 'Mon, 06 Jan 2025 09:00:00 +0000',
    });
    const answered = mail({
      id: '<ins-old-2@acme.de>',
      from: 'juergen.klein@acme.de',
      to: 'rita@threadline.example',
      subject: 'RE: Framework agreement',
      date: 'Mon, 06 Jan 2025 11:00:00 +0000',
      headers: ['In-Reply-To: <ins-old-1@threadline.example>'],
    });
    await world.importStatisticsOnly('rita', asked, answered);
    const timeline = async () => {
      const response = await world.app.inject({
        url: `/api/contacts/${juergen}/timeline`,
        headers: world.as('rita'),
      });
      expect(response.statusCode).toBe(200);
      return response.json<TimelinePage>().items;
    };
    expect(await timeline()).toEqual([]);
    const scored = await app.inject({
      url: `/api/contacts/${juergen}/connections`,
      headers: world.as('rita'),
    });
    expect(scored.json<{ items: Insight.ContactConnection[] }>().items).toMatchObject([
      {
        user: { email: 'rita@threadline.example' },
        reciprocity: 1,
        breakdown: [
          { kind: 'reply_received', reason: 'reply received 65 days ago, within 2 hours' },
          { kind: 'message_sent', reason: 'message sent 66 days ago' },
        ],
      },
    ]);
    // A copy inside another mailbox's activity window makes the thread an entry after all.
    await world.importMail('rita', answered);
    expect((await timeline()).map((thread) => thread.subject)).toEqual(['RE: Framework agreement']);
  });
});
