import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import {
  mail,
  openSharingWorld,
  type Person,
  type SharingWorld,
} from '../../../test/support/sharing-world.js';
import { createAuditLog } from '../../services/sharing/audit-log.js';
import { createLinkEditingService } from '../../services/links/link-editing-service.js';
import { createMailReadsService } from '../../services/mail-reads/mail-reads-service.js';
import { buildHttpApp, type HttpApp } from '../app.js';
import { linkRoutes } from './link-routes.js';
import { mailReadRoutes } from './mail-read-routes.js';
import { sharingRoutes } from './sharing-routes.js';
import { createSharingService } from '../../services/sharing/sharing-service.js';

const question = mail({
  id: '<lq1@acme.com>',
  from: 'Grace Hopper <grace.hopper@acme.com>',
  to: 'rita@threadline.example',
  subject: 'Renewal pricing',
  date: 'Mon, 03 Mar 2025 10:00:00 +0000',
});
const answer = mail({
  id: '<la1@threadline.example>',
  from: 'rita@threadline.example',
  to: 'grace.hopper@acme.com',
  subject: 'RE: Renewal pricing',
  date: 'Mon, 03 Mar 2025 11:00:00 +0000',
  headers: ['In-Reply-To: <lq1@acme.com>', 'References: <lq1@acme.com>'],
});
const laterReply = mail({
  id: '<lq2@acme.com>',
  from: 'grace.hopper@acme.com',
  to: 'rita@threadline.example',
  subject: 'RE: RE: Renewal pricing',
  date: 'Tue, 04 Mar 2025 09:00:00 +0000',
  headers: [
    'In-Reply-To: <la1@threadline.example>',
    'References: <lq1@acme.com> <la1@threadline.example>',
  ],
});

interface Link {
  type: string;
  id: string;
  name: string | null;
  reason: string;
  confidence: number;
  source?: string;
}

describe.each(testBackends())('thread link editing on the %s backend', (backend) => {
  let world: SharingWorld;
  let app: HttpApp;
  let threadId: string;
  let renewal: string;
  let consulting: string;
  let grace: string;

  beforeAll(async () => {
    world = await openSharingWorld(backend);
    const { core } = world;
    const audit = createAuditLog(core.database, core.clock);
    app = await buildHttpApp(core, {
      webRoot: null,
      secureCookies: false,
      localCliToken: null,
      logLevel: 'silent',
      plugins: [
        linkRoutes(createLinkEditingService({ database: core.database, clock: core.clock, audit })),
        mailReadRoutes(createMailReadsService({ database: core.database, audit })),
        sharingRoutes(
          createSharingService({ database: core.database, clock: core.clock, audit }),
          audit,
        ),
      ],
    });
    await world.importMail('rita', question, answer);
    renewal = await world.recordId('deals', 'DEAL-001');
    consulting = await world.recordId('deals', 'DEAL-004');
    grace = await world.recordId('contacts', 'CON-001');
    const timeline = await app.inject({
      url: `/api/contacts/${grace}/timeline`,
      headers: world.as('rita'),
    });
    threadId = timeline.json<{ items: { threadId: string }[] }>().items[0]!.threadId;
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await world?.close();
  });

  const threadUrl = () => `/api/threads/${encodeURIComponent(threadId)}`;
  const edit = (person: Person, payload: object) =>
    app.inject({
      method: 'POST',
      url: `${threadUrl()}/links`,
      headers: world.as(person),
      payload,
    });
  const timelineSubjects = async (path: string) =>
    (await app.inject({ url: `/api/${path}/timeline`, headers: world.as('rita') }))
      .json<{ items: { subject: string; links: Link[] }[] }>()
      .items.map((item) => item.subject);
  const storedLinks = (messageHeaderId: string) =>
    world.core.database.query<{ type: string; id: string; source: string; reason: string }>(
      `SELECT l.record_type AS type, l.record_id AS id, l.source, l.reason
       FROM message_links l JOIN messages m ON m.id = l.message_id
       WHERE m.message_id = $1 ORDER BY l.record_type, l.record_id`,
      [messageHeaderId],
    );

  it('starts with the thread filed automatically on the open deal of its contact', async () => {
    expect(await timelineSubjects(`deals/${renewal}`)).toEqual(['RE: Renewal pricing']);
    expect(await timelineSubjects(`deals/${consulting}`)).toEqual([]);
  });

  it('lists the thread’s messages with their links to whoever may see it', async () => {
    const response = await app.inject({
      url: `${threadUrl()}/messages`,
      headers: world.as('rita'),
    });
    expect(response.statusCode).toBe(200);
    const body = response.json<{ messages: { subject: string; links: Link[] }[]; links: Link[] }>();
    expect(body.messages.map((m) => m.subject)).toEqual(['Renewal pricing', 'RE: Renewal pricing']);
    expect(body.links).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'deal', id: renewal })]),
    );
  });

  it('answers NOT_FOUND to someone who may not see the thread, and changes nothing', async () => {
    // Rita's sharing is private: Ravi sees none of her mail.
    const response = await edit('ravi', { action: 'remove', type: 'deal', recordId: renewal });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    const read = await app.inject({ url: `${threadUrl()}/messages`, headers: world.as('ravi') });
    expect(read.statusCode).toBe(404);
    expect(await timelineSubjects(`deals/${renewal}`)).toEqual(['RE: Renewal pricing']);
    const overrides = await world.core.database.query('SELECT 1 FROM thread_link_overrides');
    expect(overrides).toEqual([]);
  });

  it('relinks the thread to another deal in one step, with a manual reason', async () => {
    const response = await edit('rita', {
      action: 'relink',
      type: 'deal',
      recordId: consulting,
      from: { type: 'deal', recordId: renewal },
    });
    expect(response.statusCode).toBe(200);
    const { links } = response.json<{ links: Link[] }>();
    expect(links).toContainEqual({
      type: 'deal',
      id: consulting,
      name: 'Solo consulting',
      reason: 'added by rita@threadline.example',
      confidence: 1,
      source: 'manual',
    });
    expect(links.some((link) => link.id === renewal)).toBe(false);
    expect(await timelineSubjects(`deals/${renewal}`)).toEqual([]);
    expect(await timelineSubjects(`deals/${consulting}`)).toEqual(['RE: Renewal pricing']);
    for (const id of ['<lq1@acme.com>', '<la1@threadline.example>']) {
      const deals = (await storedLinks(id)).filter((link) => link.type === 'deal');
      expect(deals).toEqual([
        {
          type: 'deal',
          id: consulting,
          source: 'manual',
          reason: 'added by rita@threadline.example',
        },
      ]);
    }
    const overrides = await world.core.database.query<{ recordId: string; action: string }>(
      `SELECT record_id AS "recordId", action FROM thread_link_overrides
       WHERE thread_id = $1 ORDER BY action`,
      [threadId],
    );
    expect(overrides).toEqual([
      { recordId: consulting, action: 'add' },
      { recordId: renewal, action: 'remove' },
    ]);
  });

  it('keeps the manual choice for mail that arrives later in the thread', async () => {
    await world.importMail('rita', laterReply);
    const deals = (await storedLinks('<lq2@acme.com>')).filter((link) => link.type === 'deal');
    expect(deals.map((link) => link.id)).toEqual([consulting]);
  });

  it('unlinks a record from every message of the thread', async () => {
    const response = await edit('rita', { action: 'remove', type: 'contact', recordId: grace });
    expect(response.statusCode).toBe(200);
    expect(response.json<{ links: Link[] }>().links.some((link) => link.id === grace)).toBe(false);
    expect(await timelineSubjects(`contacts/${grace}`)).toEqual([]);
    for (const id of ['<lq1@acme.com>', '<la1@threadline.example>', '<lq2@acme.com>']) {
      expect((await storedLinks(id)).some((link) => link.id === grace)).toBe(false);
    }
  });

  it('adds a record again after it was removed: the newest choice wins', async () => {
    const response = await edit('rita', { action: 'add', type: 'contact', recordId: grace });
    expect(response.statusCode).toBe(200);
    expect(await timelineSubjects(`contacts/${grace}`)).toEqual(['RE: RE: Renewal pricing']);
    const [override] = await world.core.database.query<{ action: string }>(
      'SELECT action FROM thread_link_overrides WHERE thread_id = $1 AND record_id = $2',
      [threadId, grace],
    );
    expect(override?.action).toBe('add');
  });

  it('refuses an unknown record and a relink onto the same record', async () => {
    const unknown = await edit('rita', {
      action: 'add',
      type: 'deal',
      recordId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.statusCode).toBe(404);
    const same = await edit('rita', {
      action: 'relink',
      type: 'deal',
      recordId: consulting,
      from: { type: 'deal', recordId: consulting },
    });
    expect(same.statusCode).toBe(400);
    expect(same.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    const invalid = await edit('rita', { action: 'move', type: 'deal', recordId: consulting });
    expect(invalid.statusCode).toBe(400);
  });

  it('writes every edit to the audit log', async () => {
    const response = await app.inject({
      url: `/api/audit?targetType=thread&targetId=${encodeURIComponent(threadId)}`,
      headers: world.as('ada'),
    });
    const entries = response.json<{
      items: { action: string; actorEmail: string; details: Record<string, unknown> }[];
    }>().items;
    expect(entries.map((entry) => entry.action)).toEqual([
      'link.add',
      'link.remove',
      'link.relink',
    ]);
    expect(entries.every((entry) => entry.actorEmail === 'rita@threadline.example')).toBe(true);
    expect(entries[2]!.details).toMatchObject({
      removed: { type: 'deal', id: renewal },
      added: { type: 'deal', id: consulting },
      messagesChanged: 4,
    });
  });
});
