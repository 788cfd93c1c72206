import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminCredentials, openTestApp } from '../../test/support/test-app.js';
import { testBackends } from '../../test/support/test-database.js';
import type { App } from '../app/open-app.js';
import { buildHttpApp, type HttpApp } from './app.js';

describe.each(testBackends())('REST API on the %s backend', (backend) => {
  let core: App;
  let app: HttpApp;
  let adminToken: string;

  beforeAll(async () => {
    core = await openTestApp(backend);
    app = await buildHttpApp(core, {
      webRoot: null,
      secureCookies: false,
      localCliToken: 'local-secret',
      logLevel: 'silent',
    });
    adminToken = (await core.auth.createApiToken(adminCredentials.email, 'tests')).token;
    await core.database.query(
      `INSERT INTO accounts (name, external_id) VALUES ('Acme Group', 'A-1');
       `,
    );
    await core.database.query(
      `INSERT INTO accounts (name, external_id, parent_id) SELECT 'Acme Europe', 'A-2', id FROM accounts WHERE external_id = 'A-1'`,
    );
  });
  afterAll(async () => {
    await app.close();
    await core.close();
  });

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it('serves an OpenAPI document that lists the record routes', async () => {
    const response = await app.inject({ url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/api/accounts', '/api/accounts/{id}', '/api/auth/sign-in']),
    );
  });

  it('declares how to authenticate, what a list answers and the one error body', async () => {
    const document = (await app.inject({ url: '/api/openapi.json' })).json<{
      components: { securitySchemes: Record<string, unknown>; schemas: Record<string, unknown> };
      paths: Record<
        string,
        Record<
          string,
          {
            security?: unknown;
            responses: Record<string, { content: Record<string, { schema: unknown }> }>;
          }
        >
      >;
    }>();
    expect(document.components.securitySchemes).toMatchObject({
      session: { type: 'apiKey', in: 'cookie', name: 'tl_session' },
      csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
      bearer: { type: 'http', scheme: 'bearer' },
    });
    expect(document.components.schemas).toHaveProperty('Error');
    const list = document.paths['/api/accounts']?.get;
    expect(list?.security).toEqual([{ session: [] }, { bearer: [] }]);
    expect(list?.responses['200']?.content['application/json']?.schema).toMatchObject({
      type: 'object',
      properties: { items: { type: 'array' }, total: { type: 'number' } },
    });
    expect(list?.responses['401']?.content['application/json']?.schema).toEqual({
      $ref: '#/components/schemas/Error',
    });
    expect(document.paths['/api/tokens']?.post?.security).toEqual([
      { session: [], csrf: [] },
      { bearer: [] },
    ]);
    expect(document.paths['/api/auth/sign-in']?.post?.security).toEqual([]);
  });

  it('refuses an anonymous read with UNAUTHENTICATED', async () => {
    const response = await app.inject({ url: '/api/accounts' });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
  });

  it('refuses an unknown API token', async () => {
    const response = await app.inject({ url: '/api/accounts', headers: bearer('tl_nope') });
    expect(response.statusCode).toBe(401);
  });

  it('lists accounts for a token holder and shows the hierarchy on the detail', async () => {
    const list = await app.inject({
      url: '/api/accounts?search=europe',
      headers: bearer(adminToken),
    });
    expect(list.statusCode).toBe(200);
    const { items, total } = list.json<{ items: { id: string; name: string }[]; total: number }>();
    expect(total).toBe(1);
    expect(items[0]?.name).toBe('Acme Europe');
    const detail = await app.inject({
      url: `/api/accounts/${items[0]?.id}`,
      headers: bearer(adminToken),
    });
    expect(detail.json()).toMatchObject({
      name: 'Acme Europe',
      externalId: 'A-2',
      parentName: 'Acme Group',
      related: { ancestors: [{ name: 'Acme Group' }], children: [] },
    });
  });

  it('answers a malformed id with VALIDATION_FAILED naming the field', async () => {
    const response = await app.inject({ url: '/api/accounts/42', headers: bearer(adminToken) });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      error: { code: 'VALIDATION_FAILED', message: expect.stringContaining('params.id') },
    });
  });

  it('answers text holding a NUL character with VALIDATION_FAILED naming the field, not an internal error', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { ...adminCredentials, email: 'admin\u0000@threadline.example' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      error: { code: 'VALIDATION_FAILED', message: expect.stringContaining('body.email') },
    });
    const query = await app.inject({
      url: '/api/accounts?q=ac%00me',
      headers: bearer(adminToken),
    });
    expect(query.json()).toMatchObject({
      error: { code: 'VALIDATION_FAILED', message: expect.stringContaining('query.q') },
    });
  });

  it('answers a missing record with NOT_FOUND', async () => {
    const response = await app.inject({
      url: '/api/deals/00000000-0000-0000-0000-000000000001',
      headers: bearer(adminToken),
    });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('signs in with a cookie that is HttpOnly and SameSite, and demands CSRF on writes', async () => {
    const signIn = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: adminCredentials,
    });
    expect(signIn.statusCode).toBe(200);
    const setCookie = String(signIn.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    const cookie = setCookie.split(';')[0]!;
    const { csrfToken } = signIn.json<{ csrfToken: string }>();

    const me = await app.inject({ url: '/api/auth/me', headers: { cookie } });
    expect(me.json()).toMatchObject({ user: { email: adminCredentials.email, role: 'admin' } });

    const forged = await app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: { cookie },
      payload: { name: 'x' },
    });
    expect(forged.statusCode).toBe(403);
    const allowed = await app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: { cookie, 'x-csrf-token': csrfToken },
      payload: { name: 'x' },
    });
    expect(allowed.statusCode).toBe(200);
  });

  it('gives the same answer for an unknown user and a wrong password', async () => {
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: 'ghost@threadline.test', password: 'whatever-long' },
    });
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: adminCredentials.email, password: 'wrong password!' },
    });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
  });

  it('rate-limits repeated failed sign-ins', async () => {
    const attempt = () =>
      app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        payload: { email: 'rep@threadline.test', password: 'not the password' },
      });
    const codes: number[] = [];
    for (let i = 0; i < 6; i += 1) codes.push((await attempt()).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('lets only admins manage users', async () => {
    await core.auth.addUser({
      email: 'rep@threadline.test',
      name: 'Rep',
      role: 'rep',
      password: null,
    });
    const repToken = (await core.auth.createApiToken('rep@threadline.test', 'rep')).token;
    const denied = await app.inject({ url: '/api/users', headers: bearer(repToken) });
    expect(denied.statusCode).toBe(403);
    expect(denied.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
    const allowed = await app.inject({ url: '/api/users', headers: bearer(adminToken) });
    expect(allowed.json<{ items: unknown[] }>().items).toHaveLength(2);
  });

  it('accepts the local CLI secret as the operator', async () => {
    const response = await app.inject({ url: '/api/users', headers: bearer('local-secret') });
    expect(response.statusCode).toBe(200);
  });

  it('sets security headers on every answer', async () => {
    const response = await app.inject({ url: '/api/health' });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('answers a body nested 5,000 levels deep with VALIDATION_FAILED, not an internal error', async () => {
    const deep = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
    for (const url of ['/api/auth/sign-in', '/api/tokens']) {
      const response = await app.inject({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/json' },
        payload: deep,
      });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual({
        error: {
          code: 'VALIDATION_FAILED',
          message: expect.stringMatching(/^body(\.a)+: nested deeper than 32 levels$/),
        },
      });
    }
  });

  it('answers a body over 10 MB with PAYLOAD_TOO_LARGE', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ ...adminCredentials, padding: 'x'.repeat(10 * 1024 * 1024) }),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
  });

  it('tells browsers to keep to https when served over it, directly or through a trusted proxy', async () => {
    const behindProxy = await buildHttpApp(core, {
      webRoot: null,
      secureCookies: true,
      localCliToken: null,
      logLevel: 'silent',
      trustProxy: '127.0.0.1',
    });
    try {
      const overHttps = await behindProxy.inject({
        url: '/api/health',
        headers: { 'x-forwarded-proto': 'https' },
      });
      expect(overHttps.headers['strict-transport-security']).toBe(
        'max-age=31536000; includeSubDomains',
      );
      const overHttp = await behindProxy.inject({ url: '/api/health' });
      expect(overHttp.headers['strict-transport-security']).toBeUndefined();
    } finally {
      await behindProxy.close();
    }
    const claimedByAnyone = await app.inject({
      url: '/api/health',
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(claimedByAnyone.headers['strict-transport-security']).toBeUndefined();
  });

  it('logs the route, never the addresses or search terms in the URL', async () => {
    const lines: string[] = [];
    const logged = await buildHttpApp(core, {
      webRoot: null,
      secureCookies: false,
      localCliToken: null,
      logLevel: 'info',
      logStream: { write: (line) => lines.push(line) },
    });
    try {
      await logged.inject({
        url: '/api/accounts/grace.hopper@acme.example?search=renewal-terms',
        headers: bearer(adminToken),
      });
      await logged.inject({ url: '/api/no-such-route?q=grace.hopper@acme.example' });
    } finally {
      await logged.close();
    }
    const urls = lines
      .map((line) => JSON.parse(line) as { req?: { url?: string } })
      .flatMap((line) => (line.req?.url ? [line.req.url] : []));
    expect(urls).toEqual(['/api/accounts/:id', '/api/no-such-route']);
    expect(lines.join('')).not.toMatch(/grace|renewal/);
  });
});
