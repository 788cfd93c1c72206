import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import { openPrivacyWorld, type PrivacyWorld } from '../../../test/support/privacy-world.js';
import { mail } from '../../../test/support/sharing-world.js';

const fromSam = (n: number) =>
  mail({
    id: `<sam${n}@gmail.com>`,
    from: 'Sam Solo <sam@gmail.com>',
    to: 'rita@threadline.example',
    subject: `Question ${n}`,
    date: `Mon, 0${n} Mar 2025 10:00:00 +0000`,
  });

describe.each(testBackends())('privacy routes on the %s backend', (backend) => {
  let world: PrivacyWorld;

  beforeAll(async () => {
    world = await openPrivacyWorld(backend);
  }, 60_000);
  afterAll(async () => {
    await world.close();
  });

  const decisionOf = async (headerId: string) => {
    const [row] = await world.core.database.query<{
      captured: boolean;
      category: string;
      reasons: string[];
    }>(
      `SELECT d.captured, d.category, d.reasons FROM message_decisions d
       JOIN messages m ON m.id = d.message_id WHERE m.message_id = $1`,
      [headerId],
    );
    return row;
  };

  it('documents the routes in the OpenAPI document', async () => {
    const document = (await world.app.inject({ url: '/api/openapi.json' })).json<{
      paths: Record<string, unknown>;
    }>();
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/privacy/people/{address}/export',
        '/api/privacy/people/{address}/erase',
        '/api/privacy/do-not-track',
        '/api/privacy/do-not-track/{address}',
        '/api/privacy/retention',
      ]),
    );
  });

  it('is for admins only', async () => {
    const requests = [
      { method: 'GET', url: '/api/privacy/people/sam%40gmail.com/export' },
      { method: 'POST', url: '/api/privacy/people/sam%40gmail.com/erase' },
      { method: 'GET', url: '/api/privacy/do-not-track' },
      { method: 'GET', url: '/api/privacy/retention' },
    ] as const;
    for (const request of requests) {
      const asRep = await world.app.inject({ ...request, headers: world.rep });
      expect(asRep.statusCode, request.url).toBe(403);
      const anonymous = await world.app.inject(request);
      expect(anonymous.statusCode, request.url).toBe(401);
    }
  });

  describe('do-not-track', () => {
    it('blocks mail from an address imported after it was added, and only then', async () => {
      await world.importMail(fromSam(1));
      expect(await decisionOf('<sam1@gmail.com>')).toMatchObject({ captured: true });

      const added = await world.app.inject({
        method: 'POST',
        url: '/api/privacy/do-not-track',
        headers: world.admin,
        payload: { address: ' Sam@GMAIL.com ' },
      });
      expect(added.statusCode).toBe(201);
      expect(added.json()).toEqual({ address: 'sam@gmail.com', added: true });

      await world.importMail(fromSam(2));
      expect(await decisionOf('<sam2@gmail.com>')).toEqual({
        captured: false,
        category: 'blocked',
        reasons: ['blocked sam@gmail.com (block list: sam@gmail.com)'],
      });
      // Mail stored before the request is not touched by it: erasure is a separate act.
      expect(await decisionOf('<sam1@gmail.com>')).toMatchObject({ captured: true });
    });

    it('lists the addresses and keeps the first entry when one is added twice', async () => {
      const again = await world.app.inject({
        method: 'POST',
        url: '/api/privacy/do-not-track',
        headers: world.admin,
        payload: { address: 'sam@gmail.com' },
      });
      expect(again.statusCode).toBe(200);
      expect(again.json()).toEqual({ address: 'sam@gmail.com', added: false });
      const list = await world.app.inject({
        url: '/api/privacy/do-not-track',
        headers: world.admin,
      });
      expect(list.json()).toEqual({
        items: [{ address: 'sam@gmail.com', createdAt: expect.any(String) as string }],
      });
    });

    it('captures the address again once removed, and says NOT_FOUND for one not listed', async () => {
      const removed = await world.app.inject({
        method: 'DELETE',
        url: '/api/privacy/do-not-track/SAM%40gmail.com',
        headers: world.admin,
      });
      expect(removed.statusCode).toBe(204);
      await world.importMail(fromSam(3));
      expect(await decisionOf('<sam3@gmail.com>')).toMatchObject({ captured: true });
      const missing = await world.app.inject({
        method: 'DELETE',
        url: '/api/privacy/do-not-track/sam%40gmail.com',
        headers: world.admin,
      });
      expect(missing.statusCode).toBe(404);
      expect(missing.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    });

    it('refuses what is not an address', async () => {
      const response = await world.app.inject({
        method: 'POST',
        url: '/api/privacy/do-not-track',
        headers: world.admin,
        payload: { address: 'not an address' },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    });

    it('audits additions and removals without the address in clear', async () => {
      const entries = await world.core.database.query<{ action: string; targetId: string }>(
        `SELECT action, target_id AS "targetId" FROM audit_log WHERE action LIKE 'privacy.do-not-track.%' ORDER BY id`,
      );
      expect(entries.map((e) => e.action)).toEqual([
        'privacy.do-not-track.add',
        'privacy.do-not-track.remove',
      ]);
      expect(entries.every((e) => /^[0-9a-f]{64}$/.test(e.targetId))).toBe(true);
    });
  });

  describe('export and erase', () => {
    it('exports a person as JSON', async () => {
      const response = await world.app.inject({
        url: '/api/privacy/people/sam%40gmail.com/export',
        headers: world.admin,
      });
      expect(response.statusCode).toBe(200);
      const body = response.json<{
        address: string;
        contacts: { externalId: string }[];
        messages: { messageId: string; role: string; sentAt: string }[];
      }>();
      expect(body.address).toBe('sam@gmail.com');
      expect(body.contacts.map((c) => c.externalId)).toEqual(['CON-004']);
      expect(body.messages.map((m) => [m.messageId, m.role, m.sentAt])).toEqual([
        ['<sam1@gmail.com>', 'sender', '2025-03-01T10:00:00.000Z'],
        ['<sam2@gmail.com>', 'sender', '2025-03-02T10:00:00.000Z'],
        ['<sam3@gmail.com>', 'sender', '2025-03-03T10:00:00.000Z'],
      ]);
    });

    it('erases a person and reports the counts', async () => {
      const response = await world.app.inject({
        method: 'POST',
        url: '/api/privacy/people/sam%40gmail.com/erase',
        headers: world.admin,
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        messagesDeleted: 3,
        messagesRedacted: 0,
        contactsDeleted: 1,
      });
      const after = await world.app.inject({
        url: '/api/privacy/people/sam%40gmail.com/export',
        headers: world.admin,
      });
      expect(after.json()).toMatchObject({ contacts: [], leads: [], messages: [] });
    });

    it('refuses to erase a user with CONFLICT', async () => {
      const response = await world.app.inject({
        method: 'POST',
        url: '/api/privacy/people/rita%40threadline.example/erase',
        headers: world.admin,
      });
      expect(response.statusCode).toBe(409);
      expect(response.json()).toMatchObject({ error: { code: 'CONFLICT' } });
    });
  });

  describe('retention settings', () => {
    it('keep everything until set', async () => {
      const response = await world.app.inject({
        url: '/api/privacy/retention',
        headers: world.admin,
      });
      expect(response.json()).toEqual({ bodyDays: null, attachmentDays: null, keepMetadata: true });
    });

    it('are saved, read back and audited', async () => {
      const settings = { bodyDays: 365, attachmentDays: 90, keepMetadata: false };
      const saved = await world.app.inject({
        method: 'PUT',
        url: '/api/privacy/retention',
        headers: world.admin,
        payload: settings,
      });
      expect(saved.statusCode).toBe(200);
      const read = await world.app.inject({ url: '/api/privacy/retention', headers: world.admin });
      expect(read.json()).toEqual(settings);
      const [entry] = await world.core.database.query<{ details: object }>(
        `SELECT details FROM audit_log WHERE action = 'privacy.retention.update'`,
      );
      expect(entry?.details).toEqual(settings);
    });

    it('refuse a number of days below one', async () => {
      const response = await world.app.inject({
        method: 'PUT',
        url: '/api/privacy/retention',
        headers: world.admin,
        payload: { bodyDays: 0, attachmentDays: null, keepMetadata: true },
      });
      expect(response.statusCode).toBe(400);
    });
  });
});
