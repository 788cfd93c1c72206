import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import {
  emails,
  openSharingWorld,
  type SharingWorld,
} from '../../../test/support/sharing-world.js';
import { createAuditLog } from '../../services/sharing/audit-log.js';

/** The routes the settings page needs beyond reading and saving one's own sharing. */
describe.each(testBackends())('sharing settings routes on the %s backend', (backend) => {
  let world: SharingWorld;

  beforeAll(async () => {
    world = await openSharingWorld(backend);
  }, 60_000);
  afterAll(async () => {
    await world?.close();
  });

  describe('GET /api/sharing/users', () => {
    it('lists everyone but the caller, with id, name and e-mail only', async () => {
      const response = await world.app.inject({
        url: '/api/sharing/users',
        headers: world.as('rita'),
      });
      expect(response.statusCode).toBe(200);
      const { items } = response.json<{ items: Record<string, string>[] }>();
      expect(items.map((user) => user.email)).not.toContain(emails.rita);
      expect(items).toContainEqual({
        id: world.users.olga.id,
        name: 'Olga Other',
        email: emails.olga,
      });
      // A rep sees no roles or aliases: the admin-only user list stays admin-only.
      expect(items.every((user) => Object.keys(user).sort().join() === 'email,id,name')).toBe(true);
    });

    it('needs a signed-in caller', async () => {
      const response = await world.app.inject({ url: '/api/sharing/users' });
      expect(response.statusCode).toBe(401);
    });
  });

  describe('GET /api/audit/export', () => {
    it('is for admins only', async () => {
      expect((await world.app.inject({ url: '/api/audit/export' })).statusCode).toBe(401);
      const asRep = await world.app.inject({ url: '/api/audit/export', headers: world.as('rita') });
      expect(asRep.statusCode).toBe(403);
    });

    it('streams the whole log as JSON lines, newest first, the latest change included', async () => {
      for (const mode of ['public', 'private']) {
        const saved = await world.app.inject({
          method: 'PUT',
          url: '/api/me/sharing',
          headers: world.as('rita'),
          payload: { mode },
        });
        expect(saved.statusCode).toBe(200);
      }
      const response = await world.app.inject({
        url: '/api/audit/export',
        headers: world.as('ada'),
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
      expect(response.headers['content-disposition']).toBe(
        'attachment; filename="threadline-audit-log.ndjson"',
      );
      const lines = response.body
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { id: number; action: string; details: unknown });
      const [{ count }] = (await world.core.database.query<{ count: number }>(
        'SELECT count(*)::int AS count FROM audit_log',
      )) as [{ count: number }];
      expect(lines).toHaveLength(count);
      expect(lines.map((line) => line.id)).toEqual(
        [...lines.map((line) => line.id)].sort((a, b) => b - a),
      );
      expect(lines[0]).toMatchObject({
        action: 'sharing.update',
        actorEmail: emails.rita,
        details: { before: { mode: 'public' }, after: { mode: 'private' } },
      });
    });

    it('pages through the log by id, each entry once', async () => {
      const audit = createAuditLog(world.core.database, world.core.clock);
      const paged: number[] = [];
      for await (const entry of audit.all(1)) paged.push(entry.id);
      const rows = await world.core.database.query<{ id: number }>(
        'SELECT id FROM audit_log ORDER BY id DESC',
      );
      expect(rows.length).toBeGreaterThan(1);
      expect(paged).toEqual(rows.map((row) => row.id));
    });
  });
});
