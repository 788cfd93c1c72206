import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminCredentials, openTestApp } from '../../../test/support/test-app.js';
import { testBackends } from '../../../test/support/test-database.js';
import type { App } from '../../app/open-app.js';
import { buildHttpApp, type HttpApp } from '../app.js';

const password = 'violet kites at dawn';

describe.each(testBackends())('user administration over HTTP on the %s backend', (backend) => {
  let core: App;
  let app: HttpApp;
  let admin: string;
  let rep: string;
  let adminId: string;

  beforeAll(async () => {
    core = await openTestApp(backend, { THREADLINE_PUBLIC_URL: 'https://crm.example.test' });
    app = await buildHttpApp(core, {
      webRoot: null,
      secureCookies: false,
      localCliToken: null,
      logLevel: 'silent',
    });
    admin = (await core.auth.createApiToken(adminCredentials.email, 'admin')).token;
    adminId = (await core.auth.findUserByEmail(adminCredentials.email))!.id;
    await core.auth.addUser({ email: 'rep@threadline.test', role: 'rep', password });
    rep = (await core.auth.createApiToken('rep@threadline.test', 'rep')).token;
  });
  afterAll(async () => {
    await app.close();
    await core.close();
  });

  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  const post = (url: string, token: string | null, payload?: object) =>
    app.inject({
      method: 'POST',
      url,
      ...(token ? { headers: as(token) } : {}),
      ...(payload ? { payload } : {}),
    });
  const codeOf = (response: { json: () => unknown }) =>
    (response.json() as { error?: { code: string } }).error?.code;
  const invite = async (email: string) =>
    (await post('/api/users/invitations', admin, { email, role: 'rep' })).json<{
      link: string;
      user: { id: string };
    }>();
  const tokenOf = (link: string) => new URL(link).hash.replace('#token=', '');

  it('invites a user whose link sets a password and signs them in with a cookie', async () => {
    const invited = await invite('ines@threadline.test');
    expect(invited.link).toMatch(/^https:\/\/crm\.example\.test\/set-password#token=/);
    const accepted = await post('/api/auth/accept-invitation', null, {
      token: tokenOf(invited.link),
      password,
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({
      user: { email: 'ines@threadline.test', role: 'rep', deactivatedAt: null },
    });
    const cookie = String(accepted.headers['set-cookie']).split(';')[0]!;
    expect((await app.inject({ url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);

    const again = await post('/api/auth/accept-invitation', null, {
      token: tokenOf(invited.link),
      password,
    });
    expect([again.statusCode, codeOf(again)]).toEqual([410, 'LINK_USED']);
    const unknown = await post('/api/auth/accept-invitation', null, { token: 'tlp_x', password });
    expect([unknown.statusCode, codeOf(unknown)]).toEqual([404, 'LINK_UNKNOWN']);
  });

  it('lets only admins invite, change, deactivate, reactivate and reset', async () => {
    const { user } = await invite('jon@threadline.test');
    const calls = [
      post('/api/users/invitations', rep, { email: 'kim@threadline.test' }),
      app.inject({
        method: 'PATCH',
        url: `/api/users/${user.id}`,
        headers: as(rep),
        payload: { name: 'x' },
      }),
      post(`/api/users/${user.id}/deactivate`, rep),
      post(`/api/users/${user.id}/reactivate`, rep),
      post(`/api/users/${user.id}/password-reset`, rep),
    ];
    for (const response of await Promise.all(calls)) {
      expect([response.statusCode, codeOf(response)]).toEqual([403, 'FORBIDDEN']);
    }
    expect((await post(`/api/users/${user.id}/deactivate`, null)).statusCode).toBe(401);
  });

  it('answers 404 for a user who does not exist', async () => {
    const nobody = '00000000-0000-4000-8000-000000000009';
    const calls = [
      app.inject({
        method: 'PATCH',
        url: `/api/users/${nobody}`,
        headers: as(admin),
        payload: { name: 'x' },
      }),
      post(`/api/users/${nobody}/deactivate`, admin),
      post(`/api/users/${nobody}/reactivate`, admin),
      post(`/api/users/${nobody}/password-reset`, admin),
    ];
    for (const response of await Promise.all(calls)) {
      expect([response.statusCode, codeOf(response)]).toEqual([404, 'NOT_FOUND']);
    }
  });

  it('turns away the session and token of a deactivated user at once', async () => {
    await core.auth.addUser({ email: 'lea@threadline.test', password });
    const signIn = await post('/api/auth/sign-in', null, {
      email: 'lea@threadline.test',
      password,
    });
    const cookie = String(signIn.headers['set-cookie']).split(';')[0]!;
    const token = (await core.auth.createApiToken('lea@threadline.test', 'script')).token;
    const lea = (await core.auth.findUserByEmail('lea@threadline.test'))!;

    const deactivated = await post(`/api/users/${lea.id}/deactivate`, admin);
    expect(deactivated.json()).toMatchObject({ deactivatedAt: expect.any(String) });
    expect((await app.inject({ url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/auth/me', headers: as(token) })).statusCode).toBe(401);
    const refused = await post('/api/auth/sign-in', null, {
      email: 'lea@threadline.test',
      password,
    });
    expect([refused.statusCode, codeOf(refused)]).toEqual([403, 'FORBIDDEN']);

    expect((await post(`/api/users/${lea.id}/reactivate`, admin)).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/auth/me', headers: as(token) })).statusCode).toBe(401);
    expect(
      (await post('/api/auth/sign-in', null, { email: 'lea@threadline.test', password }))
        .statusCode,
    ).toBe(200);
  });

  it('refuses to demote or deactivate the last admin, and a manager loop', async () => {
    const demote = await app.inject({
      method: 'PATCH',
      url: `/api/users/${adminId}`,
      headers: as(admin),
      payload: { role: 'manager' },
    });
    expect([demote.statusCode, codeOf(demote)]).toEqual([409, 'LAST_ADMIN']);
    const deactivate = await post(`/api/users/${adminId}/deactivate`, admin);
    expect([deactivate.statusCode, codeOf(deactivate)]).toEqual([409, 'LAST_ADMIN']);

    const { user } = await invite('max@threadline.test');
    const managed = await app.inject({
      method: 'PATCH',
      url: `/api/users/${user.id}`,
      headers: as(admin),
      payload: { managerId: adminId, name: 'Max' },
    });
    expect(managed.json()).toMatchObject({ name: 'Max', managerId: adminId });
    const loop = await app.inject({
      method: 'PATCH',
      url: `/api/users/${adminId}`,
      headers: as(admin),
      payload: { managerId: user.id },
    });
    expect([loop.statusCode, codeOf(loop)]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('returns a reset link that replaces the old password once used', async () => {
    await core.auth.addUser({ email: 'nell@threadline.test', password });
    const nell = (await core.auth.findUserByEmail('nell@threadline.test'))!;
    const reset = await post(`/api/users/${nell.id}/password-reset`, admin);
    expect(reset.statusCode).toBe(200);
    const { link } = reset.json<{ link: string }>();
    const weak = await post('/api/auth/accept-invitation', null, {
      token: tokenOf(link),
      password: 'short',
    });
    expect(codeOf(weak)).toBe('VALIDATION_FAILED');
    const set = await post('/api/auth/accept-invitation', null, {
      token: tokenOf(link),
      password: 'amber lanterns over the bay',
    });
    expect(set.statusCode).toBe(200);
    const old = await post('/api/auth/sign-in', null, { email: 'nell@threadline.test', password });
    expect(old.statusCode).toBe(401);
  });

  it('describes every user administration route in the OpenAPI document', async () => {
    const document = (await app.inject({ url: '/api/openapi.json' })).json<{
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    }>();
    expect(Object.keys(document.paths['/api/users/invitations']!)).toEqual(['post']);
    expect(Object.keys(document.paths['/api/users/{id}']!)).toEqual(['patch']);
    for (const path of ['deactivate', 'reactivate', 'password-reset']) {
      expect(document.paths[`/api/users/{id}/${path}`]?.post?.responses).toHaveProperty('200');
    }
    expect(document.paths['/api/auth/accept-invitation']?.post?.responses).toHaveProperty('410');
  });
});
