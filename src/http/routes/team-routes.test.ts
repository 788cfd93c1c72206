import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import { importRealisticCrm } from '../../../test/support/mail-fixtures.js';
import { openTestApp, routesOnlyApp } from '../../../test/support/test-app.js';
import type { App } from '../../app/open-app.js';
import type { HttpApp } from '../app.js';
import { businessHoursRoutes } from './business-hours-routes.js';
import { teamRoutes } from './team-routes.js';

describe.each(testBackends())(
  'teams, working hours and holidays over the API on the %s backend',
  (backend) => {
    let core: App;
    let app: HttpApp;
    let admin: string;
    let rep: string;
    const people: Record<string, string> = {};

    beforeEach(async () => {
      core = await openTestApp(backend);
      await importRealisticCrm(core);
      app = await routesOnlyApp(core, [
        teamRoutes(core.assignmentSettings),
        businessHoursRoutes(core.assignmentSettings),
      ]);
      admin = (await core.auth.createApiToken('admin@threadline.test', 't')).token;
      rep = (await core.auth.createApiToken('rita@threadline.example', 't')).token;
      const users = await core.database.query<{ id: string; email: string }>(
        'SELECT id, email FROM users',
      );
      for (const user of users) people[user.email.split('@')[0]!] = user.id;
    });
    afterEach(async () => {
      await app.close();
      await core.close();
    });

    const call = (
      token: string,
      method: 'GET' | 'POST' | 'PUT' | 'DELETE',
      url: string,
      payload?: object,
    ) => app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, payload });

    it('creates a team with its manager and members in order, edits and removes it', async () => {
      const created = await call(admin, 'POST', '/api/teams', {
        name: 'Inside sales',
        managerId: people.max,
        memberIds: [people.ravi, people.rita],
      });
      expect(created.statusCode).toBe(201);
      const { id } = created.json<{ id: string }>();
      expect((await call(rep, 'GET', '/api/teams')).json()).toEqual([
        { id, name: 'Inside sales', managerId: people.max, memberIds: [people.ravi, people.rita] },
      ]);
      const edited = await call(admin, 'PUT', `/api/teams/${id}`, {
        name: 'Inside sales DACH',
        managerId: null,
        memberIds: [people.ada],
      });
      expect(edited.statusCode, edited.body).toBe(200);
      expect((await call(admin, 'GET', '/api/teams')).json()).toEqual([
        { id, name: 'Inside sales DACH', managerId: null, memberIds: [people.ada] },
      ]);
      expect((await call(admin, 'DELETE', `/api/teams/${id}`)).statusCode).toBe(204);
      expect((await call(admin, 'DELETE', `/api/teams/${id}`)).statusCode).toBe(404);
      expect((await call(admin, 'GET', '/api/teams')).json()).toEqual([]);
    });

    it('refuses a second team of the same name, and an empty one', async () => {
      const team = { name: 'Field sales', memberIds: [] };
      expect((await call(admin, 'POST', '/api/teams', team)).statusCode).toBe(201);
      const again = await call(admin, 'POST', '/api/teams', team);
      expect(again.statusCode).toBe(409);
      expect(again.json<{ error: { message: string } }>().error.message).toContain('Field sales');
      const empty = await call(admin, 'POST', '/api/teams', { name: ' ', memberIds: [] });
      expect(empty.statusCode).toBe(400);
    });

    it('lets a rep read teams but not change them, nor holidays, nor anyone else’s hours', async () => {
      const team = { name: 'Reps only', memberIds: [people.rita] };
      expect((await call(rep, 'POST', '/api/teams', team)).statusCode).toBe(403);
      expect((await call(rep, 'PUT', '/api/holidays/2025-12-24', { name: 'Eve' })).statusCode).toBe(
        403,
      );
      const hours = { timeZone: 'Europe/Berlin', days: [1, 2], startMinute: 480, endMinute: 960 };
      const others = await call(rep, 'PUT', `/api/working-hours/${people.ravi}`, hours);
      expect(others.statusCode).toBe(403);
      expect((await call(rep, 'GET', '/api/teams')).statusCode).toBe(200);
      expect((await call(admin, 'GET', '/api/teams')).json()).toEqual([]);
      expect((await call(rep, 'GET', '/api/holidays')).json()).toEqual([]);
    });

    it('sets working hours, a rep their own, and names what is wrong with bad ones', async () => {
      const hours = {
        timeZone: 'Europe/Berlin',
        days: [1, 2, 3, 4],
        startMinute: 480,
        endMinute: 960,
      };
      expect((await call(rep, 'PUT', `/api/working-hours/${people.rita}`, hours)).statusCode).toBe(
        204,
      );
      expect((await call(admin, 'GET', '/api/working-hours')).json()).toEqual([
        { userId: people.rita, ...hours },
      ]);
      const zone = await call(admin, 'PUT', `/api/working-hours/${people.ravi}`, {
        ...hours,
        timeZone: 'Mars/Olympus',
      });
      expect(zone.statusCode).toBe(400);
      expect(zone.json<{ error: { message: string } }>().error.message).toContain('Mars/Olympus');
      const backwards = await call(admin, 'PUT', `/api/working-hours/${people.ravi}`, {
        ...hours,
        startMinute: 960,
        endMinute: 480,
      });
      expect(backwards.statusCode).toBe(400);
      expect(backwards.body).toContain('end after they start');
    });

    it('adds, renames and removes holidays, and refuses a day that is not a date', async () => {
      expect(
        (await call(admin, 'PUT', '/api/holidays/2025-12-24', { name: 'Eve' })).statusCode,
      ).toBe(204);
      await call(admin, 'PUT', '/api/holidays/2025-12-24', { name: 'Christmas Eve' });
      expect((await call(rep, 'GET', '/api/holidays')).json()).toEqual([
        { day: '2025-12-24', name: 'Christmas Eve' },
      ]);
      expect((await call(admin, 'PUT', '/api/holidays/24.12.2025', {})).statusCode).toBe(400);
      expect((await call(admin, 'DELETE', '/api/holidays/2025-12-24')).statusCode).toBe(204);
      expect((await call(admin, 'DELETE', '/api/holidays/2025-12-24')).statusCode).toBe(404);
    });
  },
);
