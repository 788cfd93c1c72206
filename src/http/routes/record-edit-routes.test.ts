import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminCredentials, openTestApp } from '../../../test/support/test-app.js';
import { testBackends } from '../../../test/support/test-database.js';
import type { App } from '../../app/open-app.js';
import { buildHttpApp, type HttpApp } from '../app.js';
import { recordEditRoutes } from './record-edit-routes.js';

describe.each(testBackends())('editing CRM records over HTTP on the %s backend', (backend) => {
  let core: App;
  let app: HttpApp;
  let admin: string;
  let rep: string;
  let other: string;

  beforeAll(async () => {
    core = await openTestApp(backend);
    app = await buildHttpApp(core, {
      webRoot: null,
      secureCookies: false,
      localCliToken: null,
      logLevel: 'silent',
      plugins: [recordEditRoutes(core.recordEditing, core.records)],
    });
    admin = (await core.auth.createApiToken(adminCredentials.email, 'admin')).token;
    await core.auth.addUser({ email: 'rep@threadline.test', role: 'rep', password: null });
    await core.auth.addUser({ email: 'other@threadline.test', role: 'rep', password: null });
    rep = (await core.auth.createApiToken('rep@threadline.test', 'rep')).token;
    other = (await core.auth.createApiToken('other@threadline.test', 'rep')).token;
  });
  afterAll(async () => {
    await app.close();
    await core.close();
  });

  const send = (method: 'POST' | 'PUT', url: string, token: string | null, payload?: object) =>
    app.inject({
      method,
      url,
      ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}),
      ...(payload ? { payload } : {}),
    });
  const errorOf = (response: { json: () => unknown }) =>
    (response.json() as { error: { code: string; details?: { field: string }[] } }).error;

  it('creates an account and answers with its page', async () => {
    const created = await send('POST', '/api/accounts', rep, {
      name: 'Wayne Enterprises',
      domains: ['wayne.example'],
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      name: 'Wayne Enterprises',
      domains: ['wayne.example'],
      archivedAt: null,
      related: { contacts: [] },
    });
  });

  it('names the malformed field of a body', async () => {
    const response = await send('POST', '/api/contacts', rep, { lastName: '', emails: [3] });
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).details?.map((d) => d.field)).toEqual(
      expect.arrayContaining(['body.lastName', 'body.emails.0']),
    );
  });

  it('names the field a stored-data check refuses', async () => {
    const response = await send('POST', '/api/accounts', rep, {
      name: 'Copy',
      domains: ['wayne.example'],
    });
    expect(response.statusCode).toBe(400);
    expect(errorOf(response)).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ field: 'domains.0' }],
    });
  });

  it('edits, refuses a colleague and archives with a 204', async () => {
    const { id } = (
      await send('POST', '/api/contacts', rep, { firstName: 'Bruce', lastName: 'Wayne' })
    ).json<{ id: string }>();
    const edited = await send('PUT', `/api/contacts/${id}`, rep, {
      firstName: 'Bruce',
      lastName: 'Wayne',
      emails: ['bruce@wayne.example'],
      title: 'CEO',
    });
    expect(edited.json()).toMatchObject({ title: 'CEO', emails: ['bruce@wayne.example'] });
    const refused = await send('PUT', `/api/contacts/${id}`, other, { lastName: 'Mine' });
    expect(refused.statusCode).toBe(403);
    expect((await send('POST', `/api/contacts/${id}/archive`, other)).statusCode).toBe(403);
    expect((await send('POST', `/api/contacts/${id}/archive`, admin)).statusCode).toBe(204);
    const list = await app.inject({
      url: '/api/contacts?search=wayne',
      headers: { authorization: `Bearer ${rep}` },
    });
    expect(list.json()).toMatchObject({ total: 0 });
  });

  it('merges two contacts and converts a lead', async () => {
    const a = (
      await send('POST', '/api/contacts', rep, { lastName: 'Kyle', emails: ['s@k.example'] })
    ).json<{ id: string }>();
    const b = (
      await send('POST', '/api/contacts', rep, { lastName: 'Kyle', emails: ['selina@k.example'] })
    ).json<{ id: string }>();
    const merged = await send('POST', `/api/contacts/${a.id}/merge`, rep, { mergeId: b.id });
    expect(merged.statusCode).toBe(200);
    expect(merged.json()).toMatchObject({ emails: ['s@k.example', 'selina@k.example'] });

    const lead = (
      await send('POST', '/api/leads', rep, {
        lastName: 'Fox',
        company: 'Fox Corp',
        emails: ['lucius@fox.example'],
      })
    ).json<{ id: string }>();
    const converted = await send('POST', `/api/leads/${lead.id}/convert`, rep, {
      deal: { name: 'Fox pilot' },
    });
    expect(converted.statusCode).toBe(200);
    expect(converted.json()).toMatchObject({ dealId: expect.any(String) });
  });

  it('refuses a caller who is not signed in', async () => {
    expect((await send('POST', '/api/accounts', null, { name: 'X' })).statusCode).toBe(401);
  });

  it('answers 404 for a record that does not exist', async () => {
    const response = await send(
      'POST',
      '/api/deals/00000000-0000-4000-8000-000000000000/archive',
      admin,
    );
    expect(response.statusCode).toBe(404);
  });
});
