import { afterEach, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import { adminCredentials, openTestApp } from '../../../test/support/test-app.js';
import type { App } from '../../app/open-app.js';
import { buildHttpApp, type HttpApp } from '../app.js';
import { captureAddressRoutes } from './capture-address-routes.js';

describe.each(testBackends())('capture address routes on the %s backend', (backend) => {
  let core: App;
  let http: HttpApp;
  afterEach(async () => {
    await http?.close();
    await core?.close();
  });

  const open = async (env: Record<string, string>) => {
    core = await openTestApp(backend, env);
    http = await buildHttpApp(core, {
      webRoot: null,
      secureCookies: false,
      localCliToken: null,
      logLevel: 'silent',
      plugins: [captureAddressRoutes(core.captureAddresses)],
    });
    const { token } = await core.auth.createApiToken(adminCredentials.email, 'capture test');
    return { authorization: `Bearer ${token}` };
  };

  it('shows the same address until the user rotates it, and the old one is refused from then on', async () => {
    const headers = await open({ THREADLINE_CAPTURE_DOMAIN: 'Capture.Example.com' });
    const first = await http.inject({ method: 'GET', url: '/api/me/capture-address', headers });
    expect(first.statusCode).toBe(200);
    const shown = first.json<{ address: string; domain: string }>();
    expect(shown).toEqual({
      address: expect.stringMatching(/^log\+[0-9a-f]{32}@capture\.example\.com$/),
      domain: 'capture.example.com',
    });
    const again = await http.inject({ method: 'GET', url: '/api/me/capture-address', headers });
    expect(again.json()).toEqual(shown);

    const rotated = await http.inject({
      method: 'POST',
      url: '/api/me/capture-address/rotate',
      headers,
    });
    expect(rotated.statusCode).toBe(200);
    expect(rotated.json<{ address: string }>().address).not.toBe(shown.address);
    expect(await core.captureAddresses.recipient(shown.address)).toEqual({
      refused: expect.stringContaining('unknown or was revoked'),
    });
    const admin = await core.auth.findUserByEmail(adminCredentials.email);
    expect(
      await core.captureAddresses.recipient(rotated.json<{ address: string }>().address),
    ).toEqual({ userId: admin!.id });
  });

  it('says the server receives no mail when no capture domain is configured', async () => {
    const headers = await open({});
    const answer = await http.inject({ method: 'GET', url: '/api/me/capture-address', headers });
    expect(answer.json()).toEqual({ address: null, domain: null });
  });

  it('refuses a caller who is not signed in', async () => {
    await open({ THREADLINE_CAPTURE_DOMAIN: 'capture.example.com' });
    const answer = await http.inject({ method: 'GET', url: '/api/me/capture-address' });
    expect(answer.statusCode).toBe(401);
    const rotate = await http.inject({ method: 'POST', url: '/api/me/capture-address/rotate' });
    expect(rotate.statusCode).toBe(401);
  });
});
