import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import {
  mail,
  openSharingWorld,
  type Person,
  type SharingWorld,
} from '../../../test/support/sharing-world.js';
import type { AccountConnections, ContactConnection } from '../../api-shapes/insight.js';
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

  beforeAll(async () => {
    world = await openSharingWorld(backend);
    await world.importMail('rita', ritaAsks, graceAnswers);
    await world.importMail('ravi', raviWrites);
    const connections = createConnectionsService({
      database: world.core.database,
      clock: { now: () => now },
    });
    app = await buildHttpApp(world.core, {
      webRoot: null,
      secureCookies: false,
      localCliToken: null,
      logLevel: 'silent',
      plugins: [insightRoutes(connections)],
    });
    grace = await world.recordId('contacts', 'CON-001');
    acme = await world.accountId('ACC-001');
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
    return response.json<{ items: ContactConnection[] }>().items;
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
    return response.json<AccountConnections>();
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
      { address: 'counsel@lawfirm.example', domain: 'lawfirm.example', threads: 1 },
    ]);
    expect(result.teamScore).toBeGreaterThanOrEqual(result.ours[0]!.score);
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
      `/api/accounts/${missing}/connections`,
    ]) {
      const response = await app.inject({ url, headers: world.as('rita') });
      expect(response.statusCode, url).toBe(404);
      expect(response.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    }
  });
});
