import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../../api-shapes/common.js';
import { testBackends } from '../../../test/support/backends.js';
import { openSharingWorld, type SharingWorld } from '../../../test/support/sharing-world.js';
import { buildHttpApp, type HttpApp } from '../app.js';
import { templateRoutes } from './template-routes.js';

describe.each(testBackends())('the templates API on the %s backend', (backend) => {
  let world: SharingWorld;
  let app: HttpApp;
  let grace: string;
  let anna: string;

  beforeAll(async () => {
    world = await openSharingWorld(backend);
    app = await buildHttpApp(world.core, {
      webRoot: null,
      secureCookies: false,
      localCliToken: null,
      logLevel: 'silent',
      plugins: [templateRoutes(world.core.templates)],
    });
    grace = await world.recordId('contacts', 'CON-001');
    anna = await world.recordId('contacts', 'CON-003');
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await world?.close();
  });

  const call = (
    who: 'rita' | 'ravi' | 'ada',
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    payload?: object,
  ) => app.inject({ method, url, headers: world.as(who), ...(payload ? { payload } : {}) });

  const create = async (who: 'rita' | 'ravi', fields: object) => {
    const reply = await call(who, 'POST', '/api/templates', fields);
    expect(reply.statusCode).toBe(201);
    return reply.json<{ id: string }>().id;
  };

  const renewal = {
    name: 'Renewal check-in',
    subject: '{{deal.name}} for {{account.name}}',
    text: 'Hi {{contact.first_name | "there"}},\n\nBest, {{sender.first_name}}',
    html: '<p onclick="steal()">Hi {{contact.first_name}}</p><script>alert(1)</script>',
  };

  it('fills a template from a contact, its account, its open deal and the sender', async () => {
    const id = await create('rita', renewal);
    const reply = await call('rita', 'POST', `/api/templates/${id}/apply`, {
      record: { type: 'contact', id: grace },
    });
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toEqual({
      subject: 'Acme platform renewal for Acme Corporation',
      text: 'Hi Grace,\n\nBest, Rita',
      html: '<p>Hi Grace</p>',
    });
  });

  it('names the field a record leaves empty, before anything is sent', async () => {
    const id = await create('rita', { name: 'Deal note', text: 'About {{deal.name}}' });
    const reply = await call('rita', 'POST', `/api/templates/${id}/apply`, {
      record: { type: 'contact', id: anna },
    });
    expect(reply.statusCode).toBe(400);
    expect(reply.json<ErrorBody>().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: '"deal.name" is empty for this record and has no fallback',
      details: { fields: [{ field: 'deal.name', problem: 'empty', in: 'text' }] },
    });
  });

  it('refuses to save a field that does not exist, naming it', async () => {
    const reply = await call('rita', 'POST', '/api/templates', {
      name: 'Typo',
      subject: 'Hello {{contact.firstname}}',
    });
    expect(reply.statusCode).toBe(400);
    expect(reply.json<ErrorBody>().error.message).toBe('"contact.firstname" is not a merge field');
  });

  it('keeps a personal template to its owner and shows a shared one to all', async () => {
    const personal = await create('rita', { name: 'Rita only', text: 'x' });
    const shared = await create('rita', { name: 'Team intro', shared: true, text: 'y' });
    const names = (await call('ravi', 'GET', '/api/templates')).json<{
      items: { name: string; ownerName: string }[];
    }>();
    expect(names.items.map((t) => t.name)).toContain('Team intro');
    expect(names.items.map((t) => t.name)).not.toContain('Rita only');
    expect(names.items.find((t) => t.name === 'Team intro')?.ownerName).toBe('Rita Rep');
    const hidden = await call('ravi', 'POST', `/api/templates/${personal}/apply`, {});
    expect(hidden.statusCode).toBe(404);
    const applied = await call('ravi', 'POST', `/api/templates/${shared}/apply`, {});
    expect(applied.json()).toEqual({ subject: '', text: 'y', html: null });
  });

  it('lets the owner or an admin change a shared template, not a colleague', async () => {
    const id = await create('rita', { name: 'Pricing', shared: true, text: 'a' });
    const edit = { name: 'Pricing', shared: true, text: 'b' };
    expect((await call('ravi', 'PUT', `/api/templates/${id}`, edit)).statusCode).toBe(403);
    expect((await call('ravi', 'DELETE', `/api/templates/${id}`)).statusCode).toBe(403);
    const byAdmin = await call('ada', 'PUT', `/api/templates/${id}`, edit);
    expect(byAdmin.json()).toMatchObject({ text: 'b', ownerName: 'Rita Rep' });
    expect((await call('rita', 'DELETE', `/api/templates/${id}`)).statusCode).toBe(204);
    expect((await call('rita', 'POST', `/api/templates/${id}/apply`, {})).statusCode).toBe(404);
  });

  it('previews a template being written against a record, or names a missing record', async () => {
    const preview = await call('rita', 'POST', '/api/templates/preview', {
      subject: 'Hi {{contact.name}}',
      record: { type: 'contact', id: grace },
    });
    expect(preview.json()).toEqual({ subject: 'Hi Grace Hopper', text: '', html: null });
    const missing = await call('rita', 'POST', '/api/templates/preview', {
      text: '{{contact.name}}',
      record: { type: 'contact', id: '00000000-0000-4000-8000-000000000000' },
    });
    expect(missing.statusCode).toBe(404);
  });

  it('lists the merge fields a template may use', async () => {
    const reply = await call('rita', 'GET', '/api/templates/fields');
    expect(reply.json<{ fields: string[] }>().fields).toContain('contact.first_name');
    expect(reply.json<{ fields: string[] }>().fields).toContain('sender.email');
  });
});
