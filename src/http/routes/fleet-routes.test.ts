import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import { openSharingWorld, type SharingWorld } from '../../../test/support/sharing-world.js';
import type { Fleet } from '../../api-shapes/fleet.js';
import { syncWorkersRepository } from '../../adapters/db/repositories/sync-workers.js';
import { fleetStatus } from '../../services/sync/fleet-status.js';
import { buildHttpApp, type HttpApp } from '../app.js';
import { fleetRoutes } from './fleet-routes.js';

describe.each(testBackends())('fleet health over HTTP on the %s backend', (backend) => {
  let world: SharingWorld;
  const apps: HttpApp[] = [];
  const appWith = async (metrics: boolean) => {
    const app = await buildHttpApp(world.core, {
      webRoot: null,
      secureCookies: false,
      localCliToken: null,
      logLevel: 'silent',
      plugins: [
        fleetRoutes(
          () =>
            fleetStatus(world.core.database, new Date(), { leaseSeconds: 30, syncInServer: false }),
          { metrics },
        ),
      ],
    });
    apps.push(app);
    return app;
  };

  beforeAll(async () => {
    world = await openSharingWorld(backend);
    await syncWorkersRepository(world.core.database).register({
      name: 'worker:host/1:42',
      host: 'host',
      pid: 42,
      maxMailboxes: 500,
      maxRssMb: 1024,
      backendPid: null,
    });
  }, 60_000);
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await world?.close();
  });

  it('shows an admin each worker and each mailbox’s holder', async () => {
    const app = await appWith(false);
    const reply = await app.inject({ method: 'GET', url: '/api/fleet', headers: world.as('ada') });
    expect(reply.statusCode).toBe(200);
    // This app's status says the web server leaves sync to the workers.
    expect(reply.json<Fleet>().syncInServer).toBe(false);
    expect(reply.json<Fleet>().workers).toEqual([
      expect.objectContaining({
        name: 'worker:host/1:42',
        alive: true,
        held: 0,
        maxMailboxes: 500,
      }),
    ]);
    expect(reply.json<Fleet>().mailboxes).toEqual(expect.any(Array));
  });

  it('refuses anyone but an admin, and anyone not signed in', async () => {
    const app = await appWith(true);
    for (const url of ['/api/fleet', '/metrics']) {
      expect((await app.inject({ method: 'GET', url, headers: world.as('max') })).statusCode).toBe(
        403,
      );
      expect((await app.inject({ method: 'GET', url })).statusCode).toBe(401);
    }
  });

  it('serves Prometheus metrics to an admin only when switched on', async () => {
    const off = await appWith(false);
    expect(
      (await off.inject({ method: 'GET', url: '/metrics', headers: world.as('ada') })).statusCode,
    ).toBe(404);
    const on = await appWith(true);
    const reply = await on.inject({ method: 'GET', url: '/metrics', headers: world.as('ada') });
    expect(reply.statusCode).toBe(200);
    expect(reply.headers['content-type']).toMatch(/^text\/plain/);
    expect(reply.body).toContain('threadline_sync_mailboxes_held{worker="worker:host/1:42"} 0');
  });
});
