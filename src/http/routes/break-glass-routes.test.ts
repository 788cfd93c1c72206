import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import {
  mail,
  openSharingWorld,
  type Person,
  type SharingWorld,
} from '../../../test/support/sharing-world.js';

/** Rita (rep, private) holds two customer messages; Ravi holds one of his own. */
const pricing = mail({
  id: '<pricing@acme.com>',
  from: 'Grace Hopper <grace.hopper@acme.com>',
  to: 'rita@threadline.example',
  subject: 'Pricing question',
  date: 'Mon, 03 Mar 2025 10:00:00 +0000',
  text: 'Can we talk about the quokkafish discount?',
});
const contract = mail({
  id: '<contract@acme.com>',
  from: 'Grace Hopper <grace.hopper@acme.com>',
  to: 'rita@threadline.example',
  subject: 'Contract draft',
  date: 'Tue, 04 Mar 2025 10:00:00 +0000',
  text: 'The quokkafish clause is in section 4.',
});
const ravisOwn = mail({
  id: '<ravi-own@acme.com>',
  from: 'Grace Hopper <grace.hopper@acme.com>',
  to: 'ravi@threadline.example',
  subject: 'For Ravi',
  date: 'Tue, 04 Mar 2025 11:00:00 +0000',
});

describe.each(testBackends())('break-glass reads of private mail, on the %s backend', (backend) => {
  let world: SharingWorld;
  let pricingId: string;
  let contractId: string;
  let ravisId: string;

  beforeAll(async () => {
    world = await openSharingWorld(backend);
    await world.importMail('rita', pricing, contract);
    await world.importMail('ravi', ravisOwn);
    pricingId = await world.messageId('<pricing@acme.com>');
    contractId = await world.messageId('<contract@acme.com>');
    ravisId = await world.messageId('<ravi-own@acme.com>');
    await world.share('rita', 'private');
  }, 60_000);
  afterAll(async () => {
    await world.close();
  });

  const get = (reader: Person, url: string) => world.app.inject({ url, headers: world.as(reader) });
  const breakGlass = (reader: Person, payload: Record<string, unknown>) =>
    world.app.inject({
      method: 'POST',
      url: '/api/break-glass',
      headers: world.as(reader),
      payload,
    });

  /** What Ada finds of Rita's mail through search, the reader and her own export. */
  const adaSees = async () => {
    const search = await get('ada', '/api/search?q=quokkafish');
    const exported = await get('ada', '/api/export/messages');
    return {
      search: search
        .json<{ items: { id: string }[] }>()
        .items.map((hit) => hit.id)
        .sort(),
      pricing: (await get('ada', `/api/messages/${pricingId}`)).statusCode,
      contract: (await get('ada', `/api/messages/${contractId}`)).statusCode,
      export: exported.body
        .split('\n')
        .filter(Boolean)
        .map((line) => (JSON.parse(line) as { messageId: string }).messageId)
        .filter((key) => key !== '<ravi-own@acme.com>')
        .sort(),
    };
  };

  it('an admin finds nothing of a rep’s private mail without break-glass', async () => {
    expect(await adaSees()).toEqual({ search: [], pricing: 404, contract: 404, export: [] });
  });

  it('a rep or a manager can never break the glass', async () => {
    for (const who of ['ravi', 'max'] as const) {
      const response = await breakGlass(who, {
        ownerId: world.users.rita.id,
        reason: 'I would like to read this please',
      });
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
    }
  });

  it('refuses a missing reason, an unknown user and a message the user does not hold', async () => {
    const short = await breakGlass('ada', { ownerId: world.users.rita.id, reason: 'why' });
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('reason');
    const unknown = await breakGlass('ada', {
      ownerId: '00000000-0000-4000-8000-000000000000',
      reason: 'Legal hold request 2025-17',
    });
    expect(unknown.statusCode).toBe(404);
    const notHers = await breakGlass('ada', {
      ownerId: world.users.rita.id,
      messageId: ravisId,
      reason: 'Legal hold request 2025-17',
    });
    expect(notHers.statusCode).toBe(404);
    expect((await get('rita', '/api/me/break-glass')).json()).toEqual({ items: [] });
  });

  it('a grant for one message opens that message only, audited, and Rita sees who read it', async () => {
    const response = await breakGlass('ada', {
      ownerId: world.users.rita.id,
      messageId: pricingId,
      reason: 'Customer complaint about a quoted price',
      minutes: 30,
    });
    expect(response.statusCode).toBe(201);
    expect(await adaSees()).toEqual({
      search: [pricingId],
      pricing: 200,
      contract: 404,
      export: ['<pricing@acme.com>'],
    });
    // Max, Ravi and Olga gain nothing from Ada's grant.
    for (const other of ['max', 'ravi', 'olga'] as const)
      expect((await get(other, `/api/messages/${pricingId}`)).statusCode).toBe(404);

    const audit = await world.core.database.query<{ actor: string; details: { reason: string } }>(
      `SELECT actor_email AS actor, details FROM audit_log
       WHERE action = 'mail.break_glass' AND target_id = $1`,
      [world.users.rita.id],
    );
    expect(audit).toEqual([
      {
        actor: world.users.ada.email,
        details: expect.objectContaining({
          reason: 'Customer complaint about a quoted price',
          messageId: pricingId,
        }),
      },
    ]);
    const reads = (await get('rita', '/api/me/break-glass')).json<{ items: unknown[] }>();
    expect(reads.items).toEqual([
      expect.objectContaining({
        adminEmail: world.users.ada.email,
        messageId: pricingId,
        subject: 'Pricing question',
        wholeMailbox: false,
        reason: 'Customer complaint about a quoted price',
      }),
    ]);
    // The list is Rita's own: Ravi's mail was not read, and he sees nothing of hers.
    expect((await get('ravi', '/api/me/break-glass')).json()).toEqual({ items: [] });
  });

  it('a grant for all of the user’s mail opens every message, until it expires', async () => {
    const response = await breakGlass('ada', {
      ownerId: world.users.rita.id,
      reason: 'Rita left; her manager needs her open threads',
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ wholeMailbox: true, messageId: null });
    expect(await adaSees()).toEqual({
      search: [pricingId, contractId].sort(),
      pricing: 200,
      contract: 200,
      export: ['<contract@acme.com>', '<pricing@acme.com>'],
    });
    await world.core.database.query(
      `UPDATE break_glass_grants SET granted_at = now() - interval '2 hours',
         expires_at = now() - interval '1 second'`,
    );
    expect(await adaSees()).toEqual({ search: [], pricing: 404, contract: 404, export: [] });
    // Expired grants stay on Rita's list.
    expect(
      (await get('rita', '/api/me/break-glass')).json<{ items: unknown[] }>().items,
    ).toHaveLength(2);
  });
});
