import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import {
  emails,
  mail,
  openSharingWorld,
  type Person,
  type SharingWorld,
} from '../../../test/support/sharing-world.js';
import {
  createReaderExportService,
  type ReaderExportedMessage,
} from '../../services/export/export-messages.js';
import { createAuditLog } from '../../services/sharing/audit-log.js';

/**
 * Rita holds three customer messages. The quokka one was also copied to
 * Ravi, whose mailbox keeps metadata only and shares publicly, so colleagues
 * see it without its body even though Rita's copy stored the body.
 */
const renewal = mail({
  id: '<renewal@acme.com>',
  from: 'Grace Hopper <grace.hopper@acme.com>',
  to: emails.rita,
  subject: 'Renewal pricing',
  date: 'Mon, 03 Mar 2025 10:00:00 +0000',
  text: 'Our board wants the zebracorn discount before signing.',
});
const quokka = mail({
  id: '<quokka@acme.de>',
  from: 'Jürgen Klein <juergen.klein@acme.de>',
  to: emails.rita,
  cc: emails.ravi,
  subject: 'Escalation quokka',
  date: 'Wed, 05 Mar 2025 09:00:00 +0000',
  text: 'Confidential terms inside.',
});
const later = mail({
  id: '<later@acme.com>',
  from: 'grace.hopper@acme.com',
  to: emails.rita,
  subject: 'Signed',
  date: 'Thu, 20 Mar 2025 10:00:00 +0000',
  html: '<p>Signed <img src="https://tracker.example/open.gif"></p>',
});

describe.each(testBackends())('the per-user message export on the %s backend', (backend) => {
  let world: SharingWorld;
  let acmeId: string;

  beforeAll(async () => {
    world = await openSharingWorld(backend);
    acmeId = await world.accountId('ACC-001');
    await world.importMail('rita', renewal, quokka, later);
    await world.core.mailboxes.importMailboxOf(emails.ravi);
    await world.core.database.query(
      `UPDATE mailboxes SET data_scope = 'metadata' WHERE owner_id = $1`,
      [world.users.ravi.id],
    );
    await world.importMail('ravi', quokka);
    await world.share('ravi', 'public');
  }, 60_000);
  afterAll(async () => {
    await world?.close();
  });

  async function exportAs(person: Person, query = '') {
    const response = await world.app.inject({
      url: `/api/export/messages${query}`,
      headers: world.as(person),
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    return response.body
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as ReaderExportedMessage);
  }

  async function lastExportAudit() {
    const [row] = await world.core.database.query<{
      actorEmail: string;
      targetId: string;
      details: Record<string, unknown>;
    }>(
      `SELECT actor_email AS "actorEmail", target_id AS "targetId", details FROM audit_log
       WHERE action = 'messages.export' ORDER BY id DESC LIMIT 1`,
    );
    return row;
  }

  it('documents the routes in the OpenAPI document', async () => {
    const { paths } = (await world.app.inject({ url: '/api/openapi.json' })).json<{
      paths: Record<string, { get?: { summary?: string } }>;
    }>();
    for (const path of ['/api/export/messages', '/api/audit/export', '/api/sharing/users']) {
      expect(paths[path]?.get?.summary, path).toBeTruthy();
    }
  });

  it('asks for a session or a valid token', async () => {
    const anonymous = await world.app.inject({ url: '/api/export/messages' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    const unknown = await world.app.inject({
      url: '/api/export/messages',
      headers: { authorization: 'Bearer tlt_not-a-token' },
    });
    expect(unknown.statusCode).toBe(401);
  });

  it.each([
    ['a record type without an id', '?recordType=account', 'querystring.recordId'],
    ['an id without a record type', `?recordId=${crypto.randomUUID()}`, 'querystring.recordType'],
    ['an unknown record type', `?recordType=planet&recordId=${crypto.randomUUID()}`, 'recordType'],
    ['a date that is not ISO 8601', '?from=yesterday', 'querystring.from'],
    ['a range that ends before it starts', '?from=2025-03-10&to=2025-03-01', 'querystring.to'],
  ])('refuses %s', async (_what, query, field) => {
    const response = await world.app.inject({
      url: `/api/export/messages${query}`,
      headers: world.as('rita'),
    });
    expect(response.statusCode).toBe(400);
    const { error } = response.json<{ error: { code: string; message: string } }>();
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toContain(field);
  });

  it('answers NOT_FOUND for a record that does not exist, before streaming anything', async () => {
    const response = await world.app.inject({
      url: `/api/export/messages?recordType=deal&recordId=${crypto.randomUUID()}`,
      headers: world.as('rita'),
    });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('gives the owner every message with its body, links and decision, and audits it', async () => {
    const lines = await exportAs('rita');
    expect(lines.map((line) => line.messageId)).toEqual([
      '<later@acme.com>',
      '<quokka@acme.de>',
      '<renewal@acme.com>',
    ]);
    const [signed, , first] = lines;
    expect(first).toMatchObject({
      subject: 'Renewal pricing',
      sentAt: '2025-03-03T10:00:00.000Z',
      from: 'grace.hopper@acme.com',
      participants: ['grace.hopper@acme.com', emails.rita],
      captured: true,
      category: 'human',
      bodyOpen: true,
      text: expect.stringContaining('zebracorn'),
    });
    expect(first?.links).toContainEqual(
      expect.objectContaining({ type: 'account', externalId: 'ACC-001' }),
    );
    // HTML is sanitised as in the reader: the tracking image loads nothing.
    expect(signed?.html).toContain('Signed');
    expect(signed?.html).not.toMatch(/ src="[^"]*tracker\.example/);
    expect(await lastExportAudit()).toEqual({
      actorEmail: emails.rita,
      targetId: world.users.rita.id,
      details: {
        filter: { recordType: null, recordId: null, from: null, to: null },
        messages: 3,
        complete: true,
      },
    });
  });

  it('filters by a record the messages are filed on, and by a date range', async () => {
    const onAcme = await exportAs('rita', `?recordType=account&recordId=${acmeId}`);
    expect(onAcme.map((line) => line.subject)).toEqual(['Signed', 'Renewal pricing']);
    expect((await lastExportAudit())?.details).toMatchObject({
      filter: { recordType: 'account', recordId: acmeId },
      messages: 2,
    });

    const inRange = await exportAs('rita', '?from=2025-03-04&to=2025-03-20T10:00:00Z');
    expect(inRange.map((line) => line.subject)).toEqual(['Escalation quokka']);
    expect((await lastExportAudit())?.details).toMatchObject({
      filter: { from: '2025-03-04T00:00:00.000Z', to: '2025-03-20T10:00:00.000Z' },
      messages: 1,
    });
  });

  it('leaves out what another user may not see, and withholds bodies they may not open', async () => {
    await world.share('rita', 'private');
    const olga = await exportAs('olga');
    // Only Ravi's public, metadata-only copy shows Olga anything; Rita's copy stored the body.
    expect(olga).toEqual([
      expect.objectContaining({
        messageId: '<quokka@acme.de>',
        subject: 'Escalation quokka',
        bodyOpen: false,
        text: null,
        html: null,
      }),
    ]);
    expect((await lastExportAudit())?.details).toMatchObject({ messages: 1 });
    // Ravi was on the message, so it opens for him.
    const ravi = await exportAs('ravi');
    expect(ravi).toEqual([
      expect.objectContaining({
        messageId: '<quokka@acme.de>',
        bodyOpen: true,
        text: expect.stringContaining('Confidential terms'),
      }),
    ]);

    await world.share('rita', 'public');
    const shared = await exportAs('olga');
    expect(shared.map((line) => [line.messageId, line.bodyOpen])).toEqual([
      ['<later@acme.com>', true],
      ['<quokka@acme.de>', true],
      ['<renewal@acme.com>', true],
    ]);
    await world.share('rita', 'private');
  });

  it('pages with a keyset, each message once, and audits an export stopped halfway', async () => {
    const exports = createReaderExportService({
      database: world.core.database,
      audit: createAuditLog(world.core.database, world.core.clock),
      pageSize: 1,
    });
    const rita = (await world.core.auth.findUserByEmail(emails.rita))!;
    const all: (string | null)[] = [];
    for await (const line of await exports.messagesFor(rita, {
      record: null,
      from: null,
      to: null,
    })) {
      all.push(line.messageId);
    }
    expect(all).toEqual(['<later@acme.com>', '<quokka@acme.de>', '<renewal@acme.com>']);

    for await (const line of await exports.messagesFor(rita, {
      record: null,
      from: null,
      to: null,
    })) {
      expect(line.messageId).toBe('<later@acme.com>');
      break;
    }
    expect((await lastExportAudit())?.details).toMatchObject({ messages: 1, complete: false });
  });
});
