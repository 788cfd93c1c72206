import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import {
  openPrivacyWorld,
  tablesMentioning,
  type PrivacyWorld,
} from '../../../test/support/privacy-world.js';
import { mail } from '../../../test/support/sharing-world.js';
import {
  messageVisibleTo,
  readerCte,
  readerParams,
} from '../../adapters/db/repositories/message-visibility.js';

const fromSam = (n: number) =>
  mail({
    id: `<sam${n}@gmail.com>`,
    from: 'Sam Solo <sam@gmail.com>',
    to: 'rita@threadline.example',
    subject: `Question ${n}`,
    date: `Mon, 0${n} Mar 2025 10:00:00 +0000`,
  });

/** Sam is only copied; the rest of the mail is about him. */
const toRitaCopyingSam = mail({
  id: '<copy@acme.de>',
  from: 'juergen.klein@acme.de',
  to: 'rita@threadline.example',
  cc: 'Sam Solo <sam@gmail.com>',
  subject: 'See Sam',
  date: 'Tue, 04 Mar 2025 10:00:00 +0000',
  text: 'Sam will call you.',
});

describe.each(testBackends())('privacy routes on the %s backend', (backend) => {
  let world: PrivacyWorld;

  beforeAll(async () => {
    world = await openPrivacyWorld(backend);
  }, 60_000);
  afterAll(async () => {
    await world.close();
  });

  const adminPost = (url: string, payload: object) =>
    world.app.inject({ method: 'POST', url, headers: world.admin, payload });
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
  /** The whole row, by its key's Message-ID (a key is the Message-ID, a space, a digest): untracked mail keeps no other. */
  const storedAs = async (key: string) => {
    const [row] = await world.core.database.query(
      `SELECT m.message_id AS "messageId", m.subject, m.sent_at AS "sentAt",
         m.from_address AS "fromAddress", m.participants, m.envelope, m.text_body AS "textBody",
         m.html_body AS "htmlBody", m.search::text AS search, m.captured, m.category, m.reasons,
         (SELECT count(*)::int FROM message_decisions d WHERE d.message_id = m.id) AS decisions,
         (SELECT count(*)::int FROM message_links l WHERE l.message_id = m.id) AS links,
         (SELECT count(*)::int FROM message_locations l WHERE l.message_id = m.id) AS locations,
         EXISTS (SELECT 1 FROM threads t WHERE t.id = m.thread_id) AS "inThread"
       FROM messages m WHERE split_part(m.message_key, ' ', 1) = $1`,
      [key],
    );
    return row;
  };
  /**
   * What Rita, whose mailbox took the mail in, may read of it: every read of
   * mail (search, timelines, the sales inbox) filters so.
   */
  const visibleToOwner = async () => {
    const [rita] = await world.core.database.query<{ id: string }>(
      `SELECT id FROM users WHERE email = 'rita@threadline.example'`,
    );
    const rows = await world.core.database.query<{ key: string }>(
      `WITH ${readerCte} SELECT split_part(m.message_key, ' ', 1) AS key FROM messages m WHERE ${messageVisibleTo('m')}`,
      readerParams({ id: rita!.id, isAdmin: false, addresses: [] }),
    );
    return rows.map((row) => row.key);
  };
  const untrackedRow = {
    messageId: null,
    subject: '',
    sentAt: null,
    fromAddress: null,
    participants: [],
    envelope: {},
    textBody: null,
    htmlBody: null,
    search: '',
    captured: false,
    category: 'blocked',
    reasons: ['do not track'],
    decisions: 0,
    links: 0,
    // Imported files have no location; a synced folder's would stay.
    locations: 0,
    inThread: false,
  };

  it('documents the routes in the OpenAPI document, none with an address in its path', async () => {
    const document = (await world.app.inject({ url: '/api/openapi.json' })).json<{
      paths: Record<string, unknown>;
    }>();
    const privacyPaths = Object.keys(document.paths).filter((path) =>
      path.startsWith('/api/privacy/'),
    );
    expect(privacyPaths.sort()).toEqual([
      '/api/privacy/do-not-track',
      '/api/privacy/do-not-track/remove',
      '/api/privacy/people/erase',
      '/api/privacy/people/export',
      '/api/privacy/retention',
    ]);
  });

  it('is for admins only', async () => {
    const payload = { address: 'sam@gmail.com' };
    const requests = [
      { method: 'POST', url: '/api/privacy/people/export', payload },
      { method: 'POST', url: '/api/privacy/people/erase', payload },
      { method: 'GET', url: '/api/privacy/do-not-track' },
      { method: 'POST', url: '/api/privacy/do-not-track', payload },
      { method: 'POST', url: '/api/privacy/do-not-track/remove', payload },
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
    it('reduces their stored mail to its key, shown nowhere, and keeps only the key of mail taken in after', async () => {
      await world.importMail(fromSam(1));
      expect(await decisionOf('<sam1@gmail.com>')).toMatchObject({ captured: true });
      expect(await visibleToOwner()).toContain('<sam1@gmail.com>');

      const added = await adminPost('/api/privacy/do-not-track', { address: ' Sam@GMAIL.com ' });
      expect(added.statusCode).toBe(201);
      expect(added.json()).toEqual({
        address: 'sam@gmail.com',
        addresses: ['sam@gmail.com'],
        added: true,
        messagesUntracked: 1,
      });
      await world.importMail(fromSam(2), toRitaCopyingSam);

      for (const key of ['<sam1@gmail.com>', '<sam2@gmail.com>', '<copy@acme.de>']) {
        expect(await storedAs(key), key).toEqual(untrackedRow);
      }
      expect(await visibleToOwner()).toEqual([]);
      for (const trace of ['sam@gmail.com', 'question 1', 'question 2', 'see sam']) {
        const found = await tablesMentioning(world.core.database, trace);
        // The list itself, and the CRM's contact: not being tracked is about mail, not the record.
        const expected =
          trace === 'sam@gmail.com' ? ['contact_emails.address', 'do_not_track.address'] : [];
        expect(found, trace).toEqual(expected);
      }
    });

    it('takes in nothing twice: the same mail again is a duplicate of its key', async () => {
      await world.importMail(fromSam(2));
      const [count] = await world.core.database.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM messages WHERE split_part(message_key, ' ', 1) = '<sam2@gmail.com>'`,
      );
      expect(count).toEqual({ n: 1 });
      expect(await storedAs('<sam2@gmail.com>')).toEqual(untrackedRow);
    });

    it('lists the addresses and keeps the first entry when one is added twice', async () => {
      const again = await adminPost('/api/privacy/do-not-track', { address: 'sam@gmail.com' });
      expect(again.statusCode).toBe(200);
      expect(again.json()).toMatchObject({ address: 'sam@gmail.com', added: false });
      const list = await world.app.inject({
        url: '/api/privacy/do-not-track',
        headers: world.admin,
      });
      expect(list.json()).toEqual({
        items: [{ address: 'sam@gmail.com', createdAt: expect.any(String) as string }],
      });
    });

    it('captures the address again once removed, and says NOT_FOUND for one not listed', async () => {
      const remove = () =>
        adminPost('/api/privacy/do-not-track/remove', { address: 'SAM@gmail.com' });
      expect((await remove()).statusCode).toBe(204);
      await world.importMail(fromSam(3));
      expect(await decisionOf('<sam3@gmail.com>')).toMatchObject({ captured: true });
      const missing = await remove();
      expect(missing.statusCode).toBe(404);
      expect(missing.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    });

    it('refuses what is not an address', async () => {
      const response = await adminPost('/api/privacy/do-not-track', { address: 'not an address' });
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
    it('exports a person as JSON, with the address in the body', async () => {
      const response = await adminPost('/api/privacy/people/export', { address: 'sam@gmail.com' });
      expect(response.statusCode).toBe(200);
      const body = response.json<{
        addresses: string[];
        contacts: { externalId: string }[];
        messages: { messageId: string; role: string; sentAt: string }[];
      }>();
      expect(body.addresses).toEqual(['sam@gmail.com']);
      expect(body.contacts.map((c) => c.externalId)).toEqual(['CON-004']);
      // What was stored while they were not tracked is theirs no more.
      expect(body.messages.map((m) => [m.messageId, m.role, m.sentAt])).toEqual([
        ['<sam3@gmail.com>', 'sender', '2025-03-03T10:00:00.000Z'],
      ]);
    });

    it('erases a person named by their contact, and reports the counts', async () => {
      const [contact] = await world.core.database.query<{ id: string }>(
        `SELECT id FROM contacts WHERE external_id = 'CON-004'`,
      );
      const response = await adminPost('/api/privacy/people/erase', { contactId: contact!.id });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        messagesDeleted: 1,
        messagesRedacted: 0,
        contactsDeleted: 1,
      });
      const after = await adminPost('/api/privacy/people/export', { address: 'sam@gmail.com' });
      expect(after.json()).toMatchObject({ contacts: [], leads: [], messages: [] });
    });

    it('says NOT_FOUND for a contact that does not exist', async () => {
      const response = await adminPost('/api/privacy/people/erase', {
        contactId: '00000000-0000-4000-8000-000000000000',
      });
      expect(response.statusCode).toBe(404);
    });

    it('refuses to erase a user with CONFLICT', async () => {
      const response = await adminPost('/api/privacy/people/erase', {
        address: 'rita@threadline.example',
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
