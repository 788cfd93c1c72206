import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import { mail, openSharingWorld, type SharingWorld } from '../../../test/support/sharing-world.js';
import { createLinkEditingService } from '../../services/links/link-editing-service.js';
import {
  createReviewQueueService,
  subjectPattern,
} from '../../services/review/review-queue-service.js';
import { createRulesService } from '../../services/rules/rules-service.js';
import { createAuditLog } from '../../services/sharing/audit-log.js';
import { buildHttpApp, type HttpApp } from '../app.js';
import { reviewRoutes } from './review-routes.js';

const ago = (hours: number) => new Date(Date.now() - hours * 60 * 60 * 1000).toUTCString();

interface Queued {
  threadId: string;
  subject: string;
  captured: boolean;
  suggested: { type: string; id: string; reason: string; source: string }[];
  reasons: string[];
}

describe('subjectPattern', () => {
  it('drops reply and forward prefixes', () => {
    expect(subjectPattern('RE: Fwd: AW: Renewal pricing ')).toBe('Renewal pricing');
    expect(subjectPattern('Renewal pricing')).toBe('Renewal pricing');
  });
});

describe.each(testBackends())('review queue on the %s backend', (backend) => {
  let world: SharingWorld;
  let app: HttpApp;

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
        reviewRoutes(
          createReviewQueueService({
            database: core.database,
            clock: core.clock,
            links: createLinkEditingService({ database: core.database, clock: core.clock, audit }),
            rules: createRulesService(core),
          }),
        ),
      ],
    });
    const mailbox = await core.mailboxes.importMailboxOf(world.users.rita.email);
    await core.database.query(`UPDATE mailboxes SET capture_mode = 'review' WHERE id = $1`, [
      mailbox.id,
    ]);
    await world.importMail(
      'rita',
      mail({
        id: '<rv-deal@acme.com>',
        from: 'Grace Hopper <grace.hopper@acme.com>',
        to: 'rita@threadline.example',
        subject: 'Renewal pricing',
        date: ago(3),
      }),
      mail({
        id: '<rv-lead@initech.example>',
        from: 'Lin Chen <lin.chen@initech.example>',
        to: 'rita@threadline.example',
        subject: 'Pilot proposal',
        date: ago(2),
      }),
      mail({
        id: '<rv-unknown@newco.example>',
        from: 'pat@newco.example',
        to: 'rita@threadline.example',
        subject: 'Hello',
        date: ago(1),
      }),
    );
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await world?.close();
  });

  const queue = async (person: 'rita' | 'ravi' = 'rita') => {
    const response = await app.inject({ url: '/api/review', headers: world.as(person) });
    expect(response.statusCode).toBe(200);
    return response.json<{ items: Queued[]; next: string | null }>().items;
  };
  const post = (path: string, payload?: object, person: 'rita' | 'ravi' = 'rita') =>
    app.inject({
      method: 'POST',
      url: `/api/review${path}`,
      headers: world.as(person),
      ...(payload ? { payload } : {}),
    });
  const thread = async (subject: string) => (await queue()).find((t) => t.subject === subject)!;

  it('lists captured or suggested threads with their filing and why, not ignored mail', async () => {
    const items = await queue();
    expect(items.map((t) => t.subject)).toEqual(['Pilot proposal', 'Renewal pricing']);
    const renewal = items[1]!;
    expect(renewal.captured).toBe(true);
    expect(renewal.suggested.map((s) => s.type).sort()).toEqual(['account', 'contact', 'deal']);
    expect(renewal.reasons).toContain('contact grace.hopper@acme.com');
    expect(await queue('ravi')).toEqual([]);
  });

  it('hides the queue from others: deciding on someone else’s thread is NOT_FOUND', async () => {
    const { threadId } = await thread('Renewal pricing');
    const response = await post(`/${encodeURIComponent(threadId)}/exclude`, undefined, 'ravi');
    expect(response.statusCode).toBe(404);
    expect(await queue()).toHaveLength(2);
  });

  it('includes a thread on a chosen deal; it leaves the queue', async () => {
    const solo = await world.recordId('deals', 'DEAL-004');
    const { threadId } = await thread('Pilot proposal');
    const response = await post(`/${encodeURIComponent(threadId)}/include`, { dealId: solo });
    expect(response.statusCode).toBe(200);
    expect(response.json<{ links: { type: string; id: string }[] }>().links).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'deal', id: solo })]),
    );
    expect((await queue()).map((t) => t.subject)).toEqual(['Renewal pricing']);
  });

  it('excludes a thread: its suggested links go, for the rest of the thread', async () => {
    const { threadId } = await thread('Renewal pricing');
    const response = await post(`/${encodeURIComponent(threadId)}/exclude`);
    expect(response.statusCode).toBe(200);
    expect(await queue()).toEqual([]);
    const links = await world.core.database.query(
      `SELECT 1 FROM message_links l JOIN messages m ON m.id = l.message_id WHERE m.thread_id = $1`,
      [threadId],
    );
    expect(links).toEqual([]);
    const overrides = await world.core.database.query<{ action: string }>(
      'SELECT action FROM thread_link_overrides WHERE thread_id = $1',
      [threadId],
    );
    expect(overrides.map((o) => o.action)).toEqual(['remove', 'remove', 'remove']);
  });

  it('files by subject: links the thread and makes a rule for future mail, then clears', async () => {
    const acme = await world.recordId('accounts', 'ACC-001');
    await world.importMail(
      'rita',
      mail({
        id: '<rv-file@acme.com>',
        from: 'grace.hopper@acme.com',
        to: 'rita@threadline.example',
        subject: 'RE: Quarterly review',
        date: ago(0.5),
      }),
    );
    const { threadId } = await thread('RE: Quarterly review');
    const response = await post(`/${encodeURIComponent(threadId)}/file-by-subject`, {
      recordType: 'account',
      recordId: acme,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      action: 'file',
      rule: { kind: 'subject', pattern: 'Quarterly review', recordType: 'account', scope: 'mine' },
    });
    expect(await queue()).toEqual([]);

    await world.importMail(
      'rita',
      mail({
        id: '<rv-later@acme.com>',
        from: 'grace.hopper@acme.com',
        to: 'rita@threadline.example',
        subject: 'Another topic',
        date: ago(0.2),
      }),
    );
    expect((await queue()).map((t) => t.subject)).toEqual(['Another topic']);
    const cleared = await post('/clear');
    expect(cleared.statusCode).toBe(200);
    expect(await queue()).toEqual([]);
  });
});
