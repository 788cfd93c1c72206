import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import { openInsightWorld, type InsightWorld } from '../../../test/support/insight-world.js';
import { mail, type Person } from '../../../test/support/sharing-world.js';
import type * as Insight from '../../api-shapes/insight.js';
import type { TimelinePage } from '../../api-shapes/mail.js';

describe.each(testBackends())(
  'relationship roll-ups and statistics on the %s backend',
  (backend) => {
    let insight: InsightWorld;
    let world: InsightWorld['world'];
    let app: InsightWorld['app'];
    let grace: string;
    let acme: string;
    let renewal: string;

    beforeAll(async () => {
      insight = await openInsightWorld(backend);
      ({ world, app, grace, acme, renewal } = insight);
    }, 60_000);
    afterAll(async () => {
      await insight?.close();
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
      // An admin sees only shared mail: Rita and Ravi share theirs with everyone for this.
      await world.share('rita', 'public');
      await world.share('ravi', 'public');
      const asAda = await rolesAs('ada').finally(async () => {
        await world.share('rita', 'private');
        await world.share('ravi', 'private');
      });
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

    it('rolls up one team’s connections alone, and names a team that does not exist', async () => {
      const [team] = await world.core.database.query<{ id: string }>(
        `INSERT INTO teams (name) VALUES ('Rita alone') RETURNING id`,
      );
      await world.core.database.query(
        'INSERT INTO team_members (team_id, user_id, position) VALUES ($1, $2, 0)',
        [team!.id, world.users.rita.id],
      );
      const get = (url: string) => app.inject({ url, headers: world.as('ada') });
      await world.share('rita', 'public');
      await world.share('ravi', 'public');
      const [account, deal] = await Promise.all([
        get(`/api/accounts/${acme}/connections?team=${team!.id}`),
        get(`/api/deals/${renewal}/buying-roles?team=${team!.id}`),
      ]).finally(async () => {
        await world.share('rita', 'private');
        await world.share('ravi', 'private');
      });
      expect(account.json<Insight.AccountConnections>()).toMatchObject({
        teamScore: 23,
        ours: [{ user: { email: 'rita@threadline.example' } }],
      });
      expect(account.json<Insight.AccountConnections>().ours).toHaveLength(1);
      expect(deal.json<Insight.DealBuyingRoles>().team.score).toBe(23);
      const missing = await get(`/api/deals/${renewal}/buying-roles?team=${world.users.ada.id}`);
      expect(missing.statusCode).toBe(404);
      expect(missing.json()).toMatchObject({
        error: { code: 'NOT_FOUND', message: `No team with id ${world.users.ada.id}` },
      });
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
        const later = await insight.appAt(new Date(moment));
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
      expect((await timeline()).map((thread) => thread.subject)).toEqual([
        'RE: Framework agreement',
      ]);
    });
  },
);
