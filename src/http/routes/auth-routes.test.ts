import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminCredentials, openTestApp } from '../../../test/support/test-app.js';
import { testBackends } from '../../../test/support/test-database.js';
import type { App } from '../../app/open-app.js';
import { buildHttpApp, type HttpApp } from '../app.js';

describe.each(testBackends())('users and API tokens over HTTP on the %s backend', (backend) => {
  let core: App;
  let app: HttpApp;
  let admin: string;
  let repId: string;

  beforeAll(async () => {
    core = await openTestApp(backend);
    app = await buildHttpApp(core, {
      webRoot: null,
      secureCookies: false,
      localCliToken: null,
      logLevel: 'silent',
    });
    admin = (await core.auth.createApiToken(adminCredentials.email, 'admin')).token;
    repId = (
      await core.auth.addUser({
        email: 'rep@threadline.test',
        name: 'Rep',
        role: 'rep',
        password: 'violet kites at dawn',
      })
    ).id;
  });
  afterAll(async () => {
    await app.close();
    await core.close();
  });

  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  const tokensOf = async (url: string, token: string) =>
    (await app.inject({ url, headers: as(token) })).json<{
      items: { id: string; name: string; revokedAt: string | null }[];
    }>().items;

  it('lets a user list and revoke their own tokens', async () => {
    const own = await core.auth.createApiToken('rep@threadline.test', 'laptop');
    const spare = await core.auth.createApiToken('rep@threadline.test', 'spare');
    const listed = await tokensOf('/api/tokens', own.token);
    expect(listed.map((token) => token.name).sort()).toEqual(['laptop', 'spare']);
    expect(JSON.stringify(listed)).not.toContain(own.token);

    const revoked = await app.inject({
      method: 'DELETE',
      url: `/api/tokens/${spare.id}`,
      headers: as(own.token),
    });
    expect(revoked.statusCode).toBe(200);
    expect((await app.inject({ url: '/api/tokens', headers: as(spare.token) })).statusCode).toBe(
      401,
    );
  });

  it('lets an admin list and revoke another user’s tokens, and nobody else', async () => {
    const rep = await core.auth.createApiToken('rep@threadline.test', 'script');
    const listed = await tokensOf(`/api/users/${repId}/tokens`, admin);
    expect(listed.find((token) => token.id === rep.id)).toMatchObject({
      name: 'script',
      revokedAt: null,
    });
    const denied = await app.inject({ url: `/api/users/${repId}/tokens`, headers: as(rep.token) });
    expect(denied.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });

    const revoked = await app.inject({
      method: 'DELETE',
      url: `/api/users/${repId}/tokens/${rep.id}`,
      headers: as(admin),
    });
    expect(revoked.statusCode).toBe(200);
    expect((await app.inject({ url: '/api/auth/me', headers: as(rep.token) })).statusCode).toBe(
      401,
    );
    const again = await app.inject({
      method: 'DELETE',
      url: `/api/users/${repId}/tokens/${rep.id}`,
      headers: as(admin),
    });
    expect(again.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('ends a user’s sessions and tokens when an admin resets their password', async () => {
    const signIn = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: 'rep@threadline.test', password: 'violet kites at dawn' },
    });
    const cookie = String(signIn.headers['set-cookie']).split(';')[0]!;
    const rep = await core.auth.createApiToken('rep@threadline.test', 'before reset');
    const reset = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: as(admin),
      payload: {
        email: 'rep@threadline.test',
        name: 'Rep',
        role: 'rep',
        password: 'amber rivers at noon',
      },
    });
    expect(reset.statusCode).toBe(200);
    expect((await app.inject({ url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/auth/me', headers: as(rep.token) })).statusCode).toBe(
      401,
    );
  });

  it('refuses a common password, saying what is wrong with it', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: as(admin),
      payload: { email: 'new@threadline.test', role: 'rep', password: 'Password2024!' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      error: {
        code: 'VALIDATION_FAILED',
        message: expect.stringContaining('commonly used password'),
        details: { field: 'password', problem: 'common' },
      },
    });
  });
});
