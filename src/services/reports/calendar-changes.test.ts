import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import { mail, openSharingWorld, type SharingWorld } from '../../../test/support/sharing-world.js';
import { reportAggregatesRepository } from '../../adapters/db/repositories/report-aggregates.js';
import type { UserRow } from '../../adapters/db/repositories/users.js';
import { createAssignmentSettingsService } from '../rules/assignment-settings.js';
import { createAggregateRefresher } from './aggregate-refresher.js';

/**
 * Rita writes to Grace on Friday 7 March 2025 at 16:00 UTC (11:00 in New
 * York); Grace answers on Monday at 10:00 UTC (06:00, New York being on
 * summer time since Sunday); Rita answers at 15:00 UTC (11:00).
 */
const thread = [
  mail({
    id: '<cal-1@threadline.example>',
    from: 'rita@threadline.example',
    to: 'grace.hopper@acme.com',
    subject: 'Renewal terms',
    date: 'Fri, 07 Mar 2025 16:00:00 +0000',
  }),
  mail({
    id: '<cal-2@acme.com>',
    from: 'Grace Hopper <grace.hopper@acme.com>',
    to: 'rita@threadline.example',
    subject: 'Re: Renewal terms',
    date: 'Mon, 10 Mar 2025 10:00:00 +0000',
    headers: ['In-Reply-To: <cal-1@threadline.example>'],
  }),
  mail({
    id: '<cal-3@threadline.example>',
    from: 'rita@threadline.example',
    to: 'grace.hopper@acme.com',
    subject: 'Re: Renewal terms',
    date: 'Mon, 10 Mar 2025 15:00:00 +0000',
    headers: ['In-Reply-To: <cal-2@acme.com>'],
  }),
];

describe.each(testBackends())(
  'working hours and holidays reaching response times on the %s backend',
  (backend) => {
    let world: SharingWorld;
    let admin: UserRow;
    let settings: ReturnType<typeof createAssignmentSettingsService>;
    const refresh = () => createAggregateRefresher(world.core).refresh();
    const hours = (userId: string, startHour: number) =>
      settings.setWorkingHours(admin, {
        userId,
        timeZone: 'America/New_York',
        days: [1, 2, 3, 4, 5],
        startMinute: startHour * 60,
        endMinute: 17 * 60,
      });

    /** Rita's median response minutes, ours and theirs, as her report shows them. */
    const responseMinutes = async () => {
      const response = await world.app.inject({
        url: `/api/reports/response-times?from=2025-03-01&to=2025-03-31&ownerId=${world.users.rita.id}`,
        headers: world.as('rita'),
      });
      expect(response.statusCode, response.body).toBe(200);
      const { reps } = response.json<{ reps: { side: string; medianMinutes: number }[] }>();
      return Object.fromEntries(reps.map((rep) => [rep.side, Math.round(rep.medianMinutes)]));
    };
    const pending = () =>
      world.core.database.query<{ scope: string }>(
        'SELECT scope FROM report_calendar_changes ORDER BY scope',
      );
    const staleCount = async () =>
      (
        await world.core.database.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM report_stale',
        )
      )[0]!.n;

    beforeAll(async () => {
      world = await openSharingWorld(backend);
      admin = (await world.core.auth.findUserByEmail('ada@threadline.example'))!;
      settings = createAssignmentSettingsService({ database: world.core.database });
      await hours(world.users.rita.id, 9);
      await world.importMail('rita', ...thread);
      await refresh();
    }, 60_000);
    afterAll(async () => {
      await world.close();
    });

    it('counts response times in Rita’s working hours', async () => {
      // Grace: Friday 11:00–17:00 (360); Rita: Monday 06:00–11:00 from 9:00 (120).
      expect(await responseMinutes()).toEqual({ ours: 120, theirs: 360 });
      expect(await pending()).toEqual([]);
    });

    it('notes a change of hours in the request, and recomputes her answers in the background', async () => {
      await hours(world.users.rita.id, 8);
      // The request only noted the change: nothing marked, nothing recomputed yet.
      expect(await pending()).toEqual([{ scope: world.users.rita.id }]);
      expect(await staleCount()).toBe(0);
      expect(await responseMinutes()).toEqual({ ours: 120, theirs: 360 });

      // Grace's and Rita's answers, and nothing else.
      expect(await refresh()).toBe(2);
      // Rita's answer now counts from 8:00: 180 minutes; Grace's is the same.
      expect(await responseMinutes()).toEqual({ ours: 180, theirs: 360 });
      expect(await pending()).toEqual([]);
    });

    it('leaves Rita’s answers alone when someone else’s hours change, or hers are written unchanged', async () => {
      await hours(world.users.ravi.id, 7);
      await hours(world.users.rita.id, 8);
      expect(await pending()).toEqual([{ scope: world.users.ravi.id }]);
      // Ravi answered nothing: there is nothing of his to recompute.
      expect(await refresh()).toBe(0);
      expect(await pending()).toEqual([]);
    });

    it('recomputes everyone’s answers for a new holiday, and again when it is removed', async () => {
      await settings.addHoliday(admin, '2025-03-10', 'Closing day');
      expect(await pending()).toEqual([{ scope: '*' }]);
      expect(await refresh()).toBe(2);
      // Monday is no working day: Rita answered in no working time at all.
      expect(await responseMinutes()).toEqual({ ours: 0, theirs: 360 });

      // Renaming it moves no working time.
      await settings.addHoliday(admin, '2025-03-10', 'Company day');
      expect(await pending()).toEqual([]);

      await settings.removeHoliday(admin, '2025-03-10');
      expect(await refresh()).toBe(2);
      expect(await responseMinutes()).toEqual({ ours: 180, theirs: 360 });
    });

    it('walks a change a batch at a time, and starts over when it is made again midway', async () => {
      await hours(world.users.rita.id, 9);
      const [change] = await reportAggregatesRepository(world.core.database).calendarChanges();
      const markOne = () =>
        world.core.database.transaction((tx) =>
          reportAggregatesRepository(tx).markCalendarChange(change!, 1),
        );
      expect(await markOne()).toBe(1);
      expect(await staleCount()).toBe(1);
      // Changed again before the walk ends: the walk read with 9:00 must not go on.
      await hours(world.users.rita.id, 10);
      expect(await markOne()).toBe(0);
      expect(await refresh()).toBe(2);
      // Rita's answer counts from 10:00: 60 minutes.
      expect(await responseMinutes()).toEqual({ ours: 60, theirs: 360 });
      expect(await pending()).toEqual([]);
    });
  },
);
