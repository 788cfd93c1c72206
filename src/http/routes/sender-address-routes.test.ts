import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import { connectSendingMailbox, startSendingServers } from '../../../test/support/sending-world.js';
import { openSharingWorld, type SharingWorld } from '../../../test/support/sharing-world.js';
import { buildHttpApp, type HttpApp } from '../app.js';
import { senderAddressRoutes } from './sender-address-routes.js';
import { sendRoutes } from './send-routes.js';

let servers: Awaited<ReturnType<typeof startSendingServers>>;
beforeAll(async () => {
  servers = await startSendingServers();
}, 60_000);
afterAll(() => servers?.stop());

describe.each(testBackends())('the sender address API on the %s backend', (backend) => {
  const desk = { user: `desk-api-${backend}@acme.test`, password: 'desk-api-secret' };
  let world: SharingWorld;
  let app: HttpApp;
  let mailboxId: string;

  beforeAll(async () => {
    await servers.dovecot.addUser(desk.user, desk.password);
    world = await openSharingWorld(backend, { THREADLINE_VERIFY_SENDER_ADDRESSES: 'on' });
    app = await buildHttpApp(world.core, {
      webRoot: null,
      secureCookies: false,
      localCliToken: null,
      logLevel: 'silent',
      plugins: [sendRoutes(world.core.send), senderAddressRoutes(world.core.senderAddresses)],
    });
    const rita = (await world.core.auth.findUserByEmail(world.users.rita.email))!;
    mailboxId = (await connectSendingMailbox(world.core, rita, servers, desk)).id;
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await world?.close();
  });

  const call = (who: 'rita' | 'ravi' | null, url: string, payload?: object) =>
    app.inject({
      method: payload ? 'POST' : 'GET',
      url,
      headers: who ? world.as(who) : {},
      ...(payload ? { payload } : {}),
    });

  it('refuses a send from an unproved address with 403 SENDER_NOT_VERIFIED naming it', async () => {
    const refused = await call('rita', '/api/messages/send', {
      mailboxId,
      to: ['erin@customer.test'],
      subject: 'Hello',
      text: 'Hi',
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({
      error: {
        code: 'SENDER_NOT_VERIFIED',
        message: expect.stringContaining('rita@threadline.example is not verified'),
      },
    });
    const status = await call('rita', '/api/me/sender-address');
    expect(status.json()).toEqual({
      address: 'rita@threadline.example',
      verifiedAt: null,
      codeExpiresAt: null,
      required: true,
    });
  });

  it('answers a bad request with what is wrong', async () => {
    expect((await call(null, '/api/me/sender-address')).statusCode).toBe(401);
    const shape = await call('rita', '/api/me/sender-address/verification/confirm', {
      code: '12ab',
    });
    expect(shape.statusCode).toBe(400);
    expect(shape.body).toContain('6-digit code');
    const early = await call('rita', '/api/me/sender-address/verification/confirm', {
      code: '123456',
    });
    expect(early.json()).toMatchObject({
      error: { message: 'No code is waiting for rita@threadline.example: ask for one first' },
    });
    const foreign = await call('ravi', '/api/me/sender-address/verification', { mailboxId });
    expect(foreign.statusCode).toBe(404);
  });

  it('mails a code, then refuses a second one within a minute with 429', async () => {
    const sent = await call('rita', '/api/me/sender-address/verification', { mailboxId });
    expect(sent.statusCode).toBe(200);
    expect(sent.json<{ codeExpiresAt: string | null }>().codeExpiresAt).toEqual(expect.any(String));
    const again = await call('rita', '/api/me/sender-address/verification', { mailboxId });
    expect(again.statusCode).toBe(429);
  });
});
