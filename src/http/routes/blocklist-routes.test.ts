import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import { mail, openSharingWorld, type SharingWorld } from '../../../test/support/sharing-world.js';
import {
  createPersonalBlocklistService,
  parseBlockPattern,
} from '../../services/blocklist/personal-blocklist.js';
import { buildHttpApp, type HttpApp } from '../app.js';
import { blocklistRoutes } from './blocklist-routes.js';

describe('parseBlockPattern', () => {
  it('keeps addresses and reduces every way of writing a domain to the domain', () => {
    expect(parseBlockPattern(' Lin.Chen@Initech.example ')).toBe('lin.chen@initech.example');
    expect(parseBlockPattern('@Initech.example')).toBe('initech.example');
    expect(parseBlockPattern('*.initech.example')).toBe('initech.example');
  });

  it('names what is wrong with anything else', () => {
    expect(() => parseBlockPattern('not a domain')).toThrow(/pattern: .*"not a domain"/);
  });
});

describe.each(testBackends())('personal block list on the %s backend', (backend) => {
  let world: SharingWorld;
  let app: HttpApp;

  beforeAll(async () => {
    world = await openSharingWorld(backend);
    app = await buildHttpApp(world.core, {
      webRoot: null,
      secureCookies: false,
      localCliToken: null,
      logLevel: 'silent',
      plugins: [
        blocklistRoutes(
          createPersonalBlocklistService({
            database: world.core.database,
            directory: world.core.directory,
          }),
        ),
      ],
    });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await world?.close();
  });

  const call = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
    app.inject({ method, url, headers: world.as('rita'), ...(payload ? { payload } : {}) });
  const decisionOf = async (headerId: string, owner: 'rita' | 'ravi') => {
    const [row] = await world.core.database.query<{ category: string; captured: boolean }>(
      `SELECT d.category, d.captured FROM message_decisions d
       JOIN messages m ON m.id = d.message_id JOIN mailboxes mb ON mb.id = d.mailbox_id
       WHERE m.message_id = $1 AND mb.owner_id = $2`,
      [headerId, world.users[owner].id],
    );
    return row;
  };

  it('adds, lists and removes patterns; adding twice is harmless', async () => {
    expect(
      (await call('POST', '/api/me/blocklist', { pattern: '@Initech.example' })).json(),
    ).toEqual({
      pattern: 'initech.example',
      added: true,
    });
    const again = await call('POST', '/api/me/blocklist', { pattern: 'initech.example' });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ added: false });
    await call('POST', '/api/me/blocklist', { pattern: 'pat@newco.example' });
    // The fixture CRM already blocks one private address of Rita's.
    expect((await call('GET', '/api/me/blocklist')).json()).toEqual({
      items: ['initech.example', 'pat@newco.example', 'private-friend@gmail.com'],
    });
    expect((await call('DELETE', '/api/me/blocklist/pat%40newco.example')).statusCode).toBe(204);
    expect((await call('GET', '/api/me/blocklist')).json()).toEqual({
      items: ['initech.example', 'private-friend@gmail.com'],
    });
  });

  it('refuses a bad pattern, an unknown one and a caller without a session', async () => {
    const bad = await call('POST', '/api/me/blocklist', { pattern: 'not a domain' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('not an e-mail address or a domain');
    expect((await call('DELETE', '/api/me/blocklist/never.example')).statusCode).toBe(404);
    expect((await app.inject({ url: '/api/me/blocklist' })).statusCode).toBe(401);
    const ravis = await app.inject({ url: '/api/me/blocklist', headers: world.as('ravi') });
    expect(ravis.json()).toEqual({ items: [] });
  });

  it('blocks the domain in the owner’s mailboxes only, from the next message on', async () => {
    const pilot = mail({
      id: '<bl-pilot@initech.example>',
      from: 'Lin Chen <lin.chen@initech.example>',
      to: 'rita@threadline.example, ravi@threadline.example',
      subject: 'Pilot proposal',
      date: new Date().toUTCString(),
    });
    await world.importMail('rita', pilot);
    await world.importMail('ravi', pilot);
    expect(await decisionOf('<bl-pilot@initech.example>', 'rita')).toEqual({
      category: 'blocked',
      captured: false,
    });
    expect(await decisionOf('<bl-pilot@initech.example>', 'ravi')).toEqual({
      category: 'human',
      captured: true,
    });
  });
});
