import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import { mail, openSharingWorld, type SharingWorld } from '../../../test/support/sharing-world.js';

const question = mail({
  id: '<q1@acme.com>',
  from: 'Grace Hopper <grace.hopper@acme.com>',
  to: 'rita@threadline.example',
  subject: 'Renewal pricing',
  date: 'Mon, 03 Mar 2025 10:00:00 +0000',
  text: 'What would the renewal cost?',
  html: '<p onclick="steal()">What would the <b>renewal</b> cost?</p><script>alert(1)</script><img src="https://tracker.example/open.gif" alt="logo"><a href="javascript:alert(1)">click</a><form action="https://evil.example"><input name="pw"></form>',
});
const answer = mail({
  id: '<a1@threadline.example>',
  from: 'rita@threadline.example',
  to: 'Grace.Hopper@ACME.com',
  subject: 'RE: Renewal pricing',
  date: 'Mon, 03 Mar 2025 11:00:00 +0000',
  headers: ['In-Reply-To: <q1@acme.com>', 'References: <q1@acme.com>'],
  text: 'About ten percent less than last year.',
});
const europe = mail({
  id: '<eu1@acme.de>',
  from: 'juergen.klein@acme.de',
  to: 'rita@threadline.example',
  subject: 'Lieferung Europa',
  date: 'Wed, 05 Mar 2025 09:00:00 +0000',
});
const older = (n: number) =>
  mail({
    id: `<old${n}@acme.com>`,
    from: 'grace.hopper@acme.com',
    to: 'rita@threadline.example',
    subject: `Quarterly check-in ${n}`,
    date: `Mon, 0${n} Feb 2025 10:00:00 +0000`,
  });

interface Thread {
  threadId: string;
  subject: string;
  lastAt: string;
  firstAt: string;
  messageCount: number;
  participants: string[];
  links: { type: string; id: string; name: string; reason: string; confidence: number }[];
}

describe.each(testBackends())('mail read routes on the %s backend', (backend) => {
  let world: SharingWorld;
  let acme: string;

  beforeAll(async () => {
    world = await openSharingWorld(backend);
    acme = await world.accountId('ACC-001');
    await world.importMail('rita', question, answer, europe, older(1), older(2), older(3));
    await world.app.inject({
      method: 'PUT',
      url: '/api/me/sharing',
      headers: world.as('rita'),
      payload: { mode: 'public' },
    });
  }, 60_000);
  afterAll(async () => {
    await world.close();
  });

  const get = (url: string, person: Parameters<SharingWorld['as']>[0] = 'ravi') =>
    world.app.inject({ url, headers: world.as(person) });

  it('documents the routes in the OpenAPI document', async () => {
    const document = (await world.app.inject({ url: '/api/openapi.json' })).json<{
      paths: Record<string, unknown>;
    }>();
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/accounts/{id}/timeline',
        '/api/cases/{id}/activity-summary',
        '/api/search',
        '/api/messages/{id}',
        '/api/me/sharing',
        '/api/users/{id}/sharing',
        '/api/audit',
      ]),
    );
  });

  describe('record timeline', () => {
    it('gives one entry per thread with its subject, dates, count, participants and links', async () => {
      const response = await get(`/api/accounts/${acme}/timeline`);
      expect(response.statusCode).toBe(200);
      const { items, next } = response.json<{ items: Thread[]; next: string | null }>();
      expect(next).toBeNull();
      expect(items.map((t) => t.subject)).toEqual([
        'RE: Renewal pricing',
        'Quarterly check-in 3',
        'Quarterly check-in 2',
        'Quarterly check-in 1',
      ]);
      const renewal = items[0]!;
      expect(renewal).toMatchObject({
        messageCount: 2,
        firstAt: '2025-03-03T10:00:00.000Z',
        lastAt: '2025-03-03T11:00:00.000Z',
        participants: ['grace.hopper@acme.com', 'rita@threadline.example'],
      });
      expect(renewal.links).toEqual(
        expect.arrayContaining([
          {
            type: 'account',
            id: acme,
            name: 'Acme Corporation',
            reason: "contact's account",
            confidence: 1,
          },
          expect.objectContaining({
            type: 'contact',
            name: 'Grace Hopper',
            reason: 'address grace.hopper@acme.com',
            confidence: 1,
          }),
          expect.objectContaining({ type: 'deal', name: 'Acme platform renewal' }),
        ]),
      );
    });

    it('pages with the cursor it returns, without gaps or repeats', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `&cursor=${cursor}` : '';
        const page = (await get(`/api/accounts/${acme}/timeline?limit=3${query}`)).json<{
          items: Thread[];
          next: string | null;
        }>();
        expect(page.items.length).toBeLessThanOrEqual(3);
        seen.push(...page.items.map((t) => t.subject));
        cursor = page.next;
      } while (cursor);
      expect(seen).toEqual([
        'RE: Renewal pricing',
        'Quarterly check-in 3',
        'Quarterly check-in 2',
        'Quarterly check-in 1',
      ]);
    });

    it('walks down to subsidiaries only when asked', async () => {
      const subjects = async (url: string) =>
        (await get(url)).json<{ items: Thread[] }>().items.map((t) => t.subject);
      expect(await subjects(`/api/accounts/${acme}/timeline`)).not.toContain('Lieferung Europa');
      expect(await subjects(`/api/accounts/${acme}/timeline?includeSubsidiaries=true`)).toEqual([
        'Lieferung Europa',
        'RE: Renewal pricing',
        'Quarterly check-in 3',
        'Quarterly check-in 2',
        'Quarterly check-in 1',
      ]);
    });

    it('serves contacts, deals and cases too, and NOT_FOUND for an unknown record', async () => {
      const deal = await world.recordId('deals', 'DEAL-001');
      const dealTimeline = await get(`/api/deals/${deal}/timeline`);
      expect(dealTimeline.json<{ items: Thread[] }>().items.map((t) => t.subject)).toContain(
        'RE: Renewal pricing',
      );
      const unknown = await get('/api/contacts/00000000-0000-4000-8000-000000000000/timeline');
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    });

    it('refuses a cursor it did not issue', async () => {
      const response = await get(`/api/accounts/${acme}/timeline?cursor=bm9wZQ`);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    });
  });

  describe('activity summary', () => {
    it('counts inbound and outbound mail and gives the last date of each', async () => {
      const response = await get(`/api/accounts/${acme}/activity-summary`);
      expect(response.json()).toEqual({
        messages: 5,
        threads: 4,
        inbound: 4,
        outbound: 1,
        lastInboundAt: '2025-03-03T10:00:00.000Z',
        lastOutboundAt: '2025-03-03T11:00:00.000Z',
        lastInteractionAt: '2025-03-03T11:00:00.000Z',
      });
    });
  });

  describe('message', () => {
    it('returns the body with its HTML sanitised and remote images blocked', async () => {
      const id = await world.messageId('<q1@acme.com>');
      const response = await get(`/api/messages/${id}`);
      expect(response.statusCode).toBe(200);
      const body = response.json<{ html: string; text: string; blockedImages: number }>();
      expect(body.text).toContain('What would the renewal cost?');
      expect(body.html).toContain('<b>renewal</b>');
      expect(body.html).not.toMatch(/onclick|<script|javascript:|<form|<input| src="[^"]*tracker/);
      expect(body.html).toContain(
        `<img data-tl-src="/api/messages/${id}/images?url=${encodeURIComponent('https://tracker.example/open.gif')}" alt="logo" />`,
      );
      expect(body.blockedImages).toBe(1);
      expect(response.json()).toMatchObject({
        subject: 'Renewal pricing',
        from: [{ address: 'grace.hopper@acme.com', name: 'Grace Hopper' }],
        to: [{ address: 'rita@threadline.example' }],
      });
    });

    it('shows remote images through the image proxy with images=1', async () => {
      const id = await world.messageId('<q1@acme.com>');
      const body = (await get(`/api/messages/${id}?images=1`)).json<{ html: string }>();
      expect(body.html).toContain(
        `<img src="/api/messages/${id}/images?url=${encodeURIComponent('https://tracker.example/open.gif')}" alt="logo" />`,
      );
    });

    it('audits every body read, for admins to page through', async () => {
      const id = await world.messageId('<a1@threadline.example>');
      await get(`/api/messages/${id}`, 'max');
      const audit = await get(`/api/audit?action=message.read&targetId=${id}`, 'ada');
      expect(audit.statusCode).toBe(200);
      expect(audit.json()).toMatchObject({
        items: [
          {
            actorId: world.users.max.id,
            actorEmail: 'max@threadline.example',
            action: 'message.read',
            targetType: 'message',
            targetId: id,
            details: { remoteImages: false },
          },
        ],
        next: null,
      });
    });

    it('pages the audit log newest first with the cursor it returns', async () => {
      const first = (await get('/api/audit?limit=2', 'ada')).json<{
        items: { id: number }[];
        next: number;
      }>();
      expect(first.items).toHaveLength(2);
      expect(first.items[0]!.id).toBeGreaterThan(first.items[1]!.id);
      expect(first.next).toBe(first.items[1]!.id);
      const second = (await get(`/api/audit?limit=2&before=${first.next}`, 'ada')).json<{
        items: { id: number }[];
      }>();
      expect(second.items[0]!.id).toBeLessThan(first.next);
    });

    it('keeps the audit log from everyone but admins', async () => {
      const response = await get('/api/audit', 'max');
      expect(response.statusCode).toBe(403);
    });
  });

  describe('search', () => {
    it('finds words in subjects and bodies, with a snippet from the body', async () => {
      const response = await get('/api/search?q=percent');
      expect(response.json()).toEqual({
        items: [
          {
            id: await world.messageId('<a1@threadline.example>'),
            threadId: expect.any(String),
            subject: 'RE: Renewal pricing',
            sentAt: '2025-03-03T11:00:00.000Z',
            fromAddress: 'rita@threadline.example',
            snippet: expect.stringContaining('percent'),
          },
        ],
        nextOffset: null,
        next: null,
      });
    });

    it('reads the web-search syntax: phrases in a row, minus to leave out, or for either', async () => {
      const subjects = async (q: string) =>
        (await get(`/api/search?q=${encodeURIComponent(q)}`))
          .json<{ items: { subject: string }[] }>()
          .items.map((item) => item.subject)
          .sort();
      expect(await subjects('"ten percent"')).toEqual(['RE: Renewal pricing']);
      expect(await subjects('"percent ten"')).toEqual([]);
      expect(await subjects('renewal -percent')).toEqual(['Renewal pricing']);
      expect(await subjects('europa or percent')).toEqual([
        'Lieferung Europa',
        'RE: Renewal pricing',
      ]);
      expect(await subjects('check-in 2')).toEqual(['Quarterly check-in 2']);
    });

    it('answers an empty list when nothing searchable was typed', async () => {
      const response = await get(`/api/search?q=${encodeURIComponent('-- ...')}`);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ items: [], nextOffset: null, next: null });
    });

    it('pages by offset', async () => {
      const first = (await get('/api/search?q=quarterly&limit=2')).json<{
        items: unknown[];
        nextOffset: number | null;
      }>();
      expect(first.items).toHaveLength(2);
      expect(first.nextOffset).toBe(2);
      const rest = (await get('/api/search?q=quarterly&limit=2&offset=2')).json<{
        items: unknown[];
        nextOffset: number | null;
      }>();
      expect(rest).toMatchObject({ items: [expect.anything()], nextOffset: null });
    });
  });

  describe('sharing settings', () => {
    it('reads and replaces my own settings, and audits the change', async () => {
      const put = await world.app.inject({
        method: 'PUT',
        url: '/api/me/sharing',
        headers: world.as('ravi'),
        payload: {
          mode: 'custom',
          excludedDomains: ['@Family.example'],
          sharedWith: [world.users.olga.id],
        },
      });
      expect(put.statusCode).toBe(200);
      const mine = await get('/api/me/sharing', 'ravi');
      expect(mine.json()).toEqual({
        mode: 'custom',
        excludedDomains: ['family.example'],
        imposedByAdmin: false,
        sharedWith: [
          { id: world.users.olga.id, email: 'olga@threadline.example', name: 'Olga Other' },
        ],
        recordShares: [],
      });
      const audit = await get(
        `/api/audit?action=sharing.update&targetId=${world.users.ravi.id}`,
        'ada',
      );
      expect(audit.json()).toMatchObject({
        items: [
          {
            actorId: world.users.ravi.id,
            details: {
              before: { mode: 'private', sharedWith: [] },
              after: { mode: 'custom', sharedWith: [world.users.olga.id] },
            },
          },
        ],
      });
    });

    it('starts everyone private', async () => {
      expect((await get('/api/me/sharing', 'mona')).json()).toMatchObject({
        mode: 'private',
        imposedByAdmin: false,
      });
    });

    it('refuses unknown users, self-shares and things that are not domains', async () => {
      const attempts = [
        { mode: 'custom', sharedWith: ['00000000-0000-4000-8000-000000000000'] },
        { mode: 'custom', sharedWith: [world.users.ravi.id] },
        { mode: 'public', excludedDomains: ['not a domain'] },
      ];
      for (const payload of attempts) {
        const response = await world.app.inject({
          method: 'PUT',
          url: '/api/me/sharing',
          headers: world.as('ravi'),
          payload,
        });
        expect(response.statusCode).toBe(400);
        expect(response.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
      }
    });

    it('lets an admin impose a mode the user then cannot change, and release it', async () => {
      const impose = await world.app.inject({
        method: 'PUT',
        url: `/api/users/${world.users.olga.id}/sharing`,
        headers: world.as('ada'),
        payload: { mode: 'public', excludedDomains: ['family.example'] },
      });
      expect(impose.json()).toMatchObject({ mode: 'public', imposedByAdmin: true });

      const change = await world.app.inject({
        method: 'PUT',
        url: '/api/me/sharing',
        headers: world.as('olga'),
        payload: { mode: 'private', excludedDomains: ['family.example'] },
      });
      expect(change.statusCode).toBe(403);
      const sameModeNewShares = await world.app.inject({
        method: 'PUT',
        url: '/api/me/sharing',
        headers: world.as('olga'),
        payload: {
          mode: 'public',
          excludedDomains: ['family.example'],
          sharedWith: [world.users.mona.id],
        },
      });
      expect(sameModeNewShares.statusCode).toBe(200);

      await world.app.inject({
        method: 'PUT',
        url: `/api/users/${world.users.olga.id}/sharing`,
        headers: world.as('ada'),
        payload: { mode: 'public', imposed: false },
      });
      const free = await world.app.inject({
        method: 'PUT',
        url: '/api/me/sharing',
        headers: world.as('olga'),
        payload: { mode: 'private' },
      });
      expect(free.json()).toMatchObject({ mode: 'private', imposedByAdmin: false });
      const audit = await get(
        `/api/audit?action=sharing.impose&targetId=${world.users.olga.id}`,
        'ada',
      );
      expect(audit.json<{ items: unknown[] }>().items).toHaveLength(2);
    });

    it('keeps imposing to admins', async () => {
      const response = await world.app.inject({
        method: 'PUT',
        url: `/api/users/${world.users.rita.id}/sharing`,
        headers: world.as('max'),
        payload: { mode: 'private' },
      });
      expect(response.statusCode).toBe(403);
      const unknown = await world.app.inject({
        method: 'PUT',
        url: '/api/users/00000000-0000-4000-8000-000000000000/sharing',
        headers: world.as('ada'),
        payload: { mode: 'private' },
      });
      expect(unknown.statusCode).toBe(404);
    });
  });
});
