import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import { freePort } from '../../../test/support/dovecot.js';
import { openSharingWorld, type SharingWorld } from '../../../test/support/sharing-world.js';
import { buildHttpApp, type HttpApp } from '../app.js';
import { sendRoutes } from './send-routes.js';

describe.each(testBackends())('the sending API on the %s backend', (backend) => {
  let world: SharingWorld;
  let app: HttpApp;
  let mailboxId: string;

  beforeAll(async () => {
    world = await openSharingWorld(backend);
    app = await buildHttpApp(world.core, {
      webRoot: null,
      secureCookies: false,
      localCliToken: null,
      logLevel: 'silent',
      plugins: [sendRoutes(world.core.send)],
    });
    // Nothing listens there: the API queues without connecting, and the SMTP test says so.
    const closed = await freePort();
    const mailbox = await world.core.mailboxes.create(world.users.rita.id, {
      label: 'rita-send',
      imap: {
        host: '127.0.0.1',
        port: closed,
        security: 'none',
        user: 'rita',
        allowSelfSigned: false,
      },
      auth: { kind: 'password', password: 'rita-imap-password' },
      smtp: {
        host: '127.0.0.1',
        port: closed,
        security: 'starttls',
        sameCredentialsAsIncoming: true,
      },
      folders: ['INBOX'],
      activityWindowDays: 30,
      statsWindowDays: 180,
      dataScope: 'full',
      captureMode: 'auto',
      createContacts: false,
    });
    mailboxId = mailbox.id;
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await world?.close();
  });

  const call = (
    who: 'rita' | 'ravi',
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    payload?: object,
  ) => app.inject({ method, url, headers: world.as(who), ...(payload ? { payload } : {}) });
  const message = {
    to: ['Grace Hopper <grace.hopper@acme.com>'],
    subject: 'Volumes',
    text: 'Here are the figures.',
  };

  it('queues a message for the undo window and lists it in the sender’s outbox only', async () => {
    const sent = await call('rita', 'POST', '/api/messages/send', { mailboxId, ...message });
    expect(sent.statusCode).toBe(202);
    const item = sent.json<{ id: string; state: string; undoUntil: string; to: string[] }>();
    expect(item).toMatchObject({ state: 'scheduled', to: ['grace.hopper@acme.com'] });
    expect(Date.parse(item.undoUntil) - Date.now()).toBeGreaterThan(5_000);

    const ritas = (await call('rita', 'GET', '/api/outbox')).json<{ items: { id: string }[] }>();
    expect(ritas.items.map((i) => i.id)).toContain(item.id);
    const ravis = (await call('ravi', 'GET', '/api/outbox')).json<{ items: unknown[] }>();
    expect(ravis.items).toEqual([]);
  });

  it('undoes a queued message once, and only for its sender', async () => {
    const { id } = (
      await call('rita', 'POST', '/api/messages/send', { mailboxId, ...message })
    ).json<{
      id: string;
    }>();
    expect((await call('ravi', 'POST', `/api/outbox/${id}/cancel`)).statusCode).toBe(404);
    const undone = await call('rita', 'POST', `/api/outbox/${id}/cancel`);
    expect(undone.statusCode).toBe(200);
    expect(undone.json()).toMatchObject({ state: 'cancelled', undoUntil: null });
    const again = await call('rita', 'POST', `/api/outbox/${id}/cancel`);
    expect(again.statusCode).toBe(409);
  });

  it('sends only through the user’s own mailbox', async () => {
    const response = await call('ravi', 'POST', '/api/messages/send', { mailboxId, ...message });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('names what is wrong with a draft: a bad address, no recipients, an unknown zone', async () => {
    const bad = await call('rita', 'POST', '/api/messages/send', {
      mailboxId,
      ...message,
      cc: ['grace at acme'],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { message: string } }>().error.message).toMatch(/Cc: "grace at acme"/);
    const none = await call('rita', 'POST', '/api/messages/send', {
      mailboxId,
      ...message,
      to: [],
    });
    expect(none.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    const zone = await call('rita', 'POST', '/api/messages/send', {
      mailboxId,
      ...message,
      sendAt: { localTime: '2030-01-01T09:00', timeZone: 'Nowhere/Else' },
    });
    expect(zone.json<{ error: { message: string } }>().error.message).toMatch(/not a time zone/);
    const shape = await call('rita', 'POST', '/api/messages/send', { mailboxId, to: 'x' });
    expect(shape.statusCode).toBe(400);
  });

  it('refuses a draft whose merge fields were never filled, naming them', async () => {
    const unfilled = await call('rita', 'POST', '/api/messages/send', {
      mailboxId,
      ...message,
      subject: 'Hello {{contact.first_name}}',
      text: 'About {{ deal.name }} and {{ other braces }}',
    });
    expect(unfilled.statusCode).toBe(400);
    expect(unfilled.json()).toMatchObject({
      error: {
        code: 'VALIDATION_FAILED',
        message:
          'Merge fields are not filled in: {{contact.first_name}}, {{deal.name}}; apply the template to a record first',
      },
    });
  });

  it('tests the outgoing server with the IMAP test’s codes', async () => {
    const tested = await call('rita', 'POST', `/api/mailboxes/${mailboxId}/test-smtp`);
    expect(tested.json()).toMatchObject({ ok: false, code: 'HOST_UNREACHABLE' });
    expect((await call('ravi', 'POST', `/api/mailboxes/${mailboxId}/test-smtp`)).statusCode).toBe(
      404,
    );
  });

  it('keeps a signature per user, its HTML sanitised', async () => {
    const put = await call('rita', 'PUT', '/api/me/signature', {
      text: 'Rita\nACME',
      html: '<p>Rita<script>alert(1)</script></p>',
    });
    expect(put.statusCode).toBe(204);
    expect((await call('rita', 'GET', '/api/me/signature')).json()).toEqual({
      text: 'Rita\nACME',
      html: '<p>Rita</p>',
    });
    expect((await call('ravi', 'GET', '/api/me/signature')).json()).toBeNull();
  });
});
