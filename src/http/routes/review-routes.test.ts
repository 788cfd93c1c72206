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
  participants: string[];
  suggested: { type: string; id: string; reason: string; source: string }[];
  reasons: string[];
}

interface FollowUp {
  id: string;
  threadId: string;
  assigneeEmail: string;
  state: string;
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
            audit,
          }),
        ),
      ],
    });
    const mailbox = await core.mailboxes.importMailboxOf(world.users.rita.email);
    await core.database.query(`UPDATE mailboxes SET capture_mode = 'review' WHERE id = $1`, [
      mailbox.id,
    ]);
    // Rita shares everything, so only the review hold can keep her mail from colleagues.
    await core.database.query(
      `INSERT INTO sharing_settings (user_id, mode, excluded_domains) VALUES ($1, 'public', '{}')
       ON CONFLICT (user_id) DO UPDATE SET mode = 'public'`,
      [world.users.rita.id],
    );
    await world.importMail(
      'rita',
      mail({
        id: '<rv-deal@acme.com>',
        from: 'Grace Hopper <grace.hopper@acme.com>',
        to: 'rita@threadline.example',
        subject: 'Renewal pricing',
        date: ago(6),
      }),
      mail({
        id: '<rv-lead@initech.example>',
        from: 'Lin Chen <lin.chen@initech.example>',
        to: 'rita@threadline.example',
        subject: 'Pilot proposal',
        date: ago(5),
      }),
      mail({
        id: '<rv-unknown@newco.example>',
        from: 'pat@newco.example',
        to: 'rita@threadline.example',
        subject: 'Hello',
        date: ago(4),
      }),
      mail({
        id: '<rv-same@acme.com>',
        from: 'grace.hopper@acme.com',
        to: 'rita@threadline.example',
        subject: 'Contract draft',
        date: ago(3),
      }),
      mail({
        id: '<rv-two@acme.com>',
        from: 'grace.hopper@acme.com',
        to: 'rita@threadline.example',
        cc: 'juergen.klein@acme.de',
        subject: 'Team intro',
        date: ago(2),
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
  const post = (path: string, payload?: object, person: 'rita' | 'ravi' | 'olga' = 'rita') =>
    app.inject({
      method: 'POST',
      url: path.startsWith('/api/') ? path : `/api/review${path}`,
      headers: world.as(person),
      ...(payload ? { payload } : {}),
    });
  const thread = async (subject: string) => (await queue()).find((t) => t.subject === subject)!;
  const at = (threadId: string) => `/${encodeURIComponent(threadId)}`;
  /** The thread subjects on a record's timeline, as a colleague or Rita reads them. */
  const timeline = async (path: string, person: 'rita' | 'ravi') => {
    const response = await world.app.inject({
      url: `/api/${path}/timeline?limit=100`,
      headers: world.as(person),
    });
    expect(response.statusCode).toBe(200);
    return response.json<{ items: { subject: string }[] }>().items.map((t) => t.subject);
  };
  const readable = async (headerId: string, person: 'rita' | 'ravi') => {
    const response = await world.app.inject({
      url: `/api/messages/${await world.messageId(headerId)}`,
      headers: world.as(person),
    });
    return response.statusCode;
  };
  const importForRita = (
    id: string,
    subject: string,
    extra: Partial<Parameters<typeof mail>[0]> = {},
  ) =>
    world.importMail(
      'rita',
      mail({
        id,
        from: 'grace.hopper@acme.com',
        to: 'rita@threadline.example',
        subject,
        date: ago(1),
        ...extra,
      }),
    );

  it('lists held threads with their filing, address list and why; ignored mail is not there', async () => {
    const items = await queue();
    expect(items.map((t) => t.subject)).toEqual([
      'Team intro',
      'Contract draft',
      'Pilot proposal',
      'Renewal pricing',
    ]);
    const renewal = items[3]!;
    expect(renewal.suggested.map((s) => s.type).sort()).toEqual(['account', 'contact', 'deal']);
    expect(renewal.reasons).toContain('contact grace.hopper@acme.com');
    expect(items[0]!.participants).toEqual([
      'grace.hopper@acme.com',
      'juergen.klein@acme.de',
      'rita@threadline.example',
    ]);
    expect(await queue('ravi')).toEqual([]);
  });

  it('counts every queued thread, not only those on the page', async () => {
    const response = await app.inject({ url: '/api/review?limit=2', headers: world.as('rita') });
    const page = response.json<{ items: Queued[]; next: string | null; total: number }>();
    expect(page.items).toHaveLength(2);
    expect(page.total).toBe(4);
  });

  it('holds mail back: on no timeline and hidden from colleagues, though Rita shares publicly', async () => {
    const acme = await world.accountId('ACC-001');
    expect(await timeline(`accounts/${acme}`, 'rita')).toEqual([]);
    expect(await timeline(`accounts/${acme}`, 'ravi')).toEqual([]);
    expect(await readable('<rv-deal@acme.com>', 'ravi')).toBe(404);
    expect(await readable('<rv-deal@acme.com>', 'rita')).toBe(200);
  });

  it('hides the queue from others: deciding on someone else’s thread is NOT_FOUND', async () => {
    const { threadId } = await thread('Renewal pricing');
    const response = await post(`${at(threadId)}/exclude`, undefined, 'ravi');
    expect(response.statusCode).toBe(404);
    expect(await queue()).toHaveLength(4);
  });

  it('includes a thread and, asked to, the other rows with the same addresses; both are filed', async () => {
    const { threadId } = await thread('Renewal pricing');
    const same = await thread('Contract draft');
    const response = await post(`${at(threadId)}/include`, { sameAddresses: true });
    expect(response.statusCode).toBe(200);
    expect(response.json<{ alsoIncluded: string[] }>().alsoIncluded).toEqual([same.threadId]);
    expect((await queue()).map((t) => t.subject)).toEqual(['Team intro', 'Pilot proposal']);
    const acme = await world.accountId('ACC-001');
    expect((await timeline(`accounts/${acme}`, 'ravi')).sort()).toEqual([
      'Contract draft',
      'Renewal pricing',
    ]);
    expect(await readable('<rv-deal@acme.com>', 'ravi')).toBe(200);
  });

  it('includes a thread on a new deal with product and stage, on the suggested account', async () => {
    const { threadId, suggested } = await thread('Pilot proposal');
    expect(suggested.map((s) => s.type)).toEqual(['lead']);
    const bad = await post(`${at(threadId)}/include`, { newDeal: { name: 'Initech pilot' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('stage');
    const both = await post(`${at(threadId)}/include`, {
      dealId: await world.recordId('deals', 'DEAL-001'),
      newDeal: { name: 'Initech pilot', stage: 'Qualification' },
    });
    expect(both.statusCode).toBe(400);
    expect(await queue()).toHaveLength(2);

    const response = await post(`${at(threadId)}/include`, {
      newDeal: { name: 'Initech pilot', stage: 'Qualification', product: 'Platform' },
    });
    expect(response.statusCode).toBe(200);
    const { dealId, links } = response.json<{
      dealId: string;
      links: { type: string; id: string }[];
    }>();
    expect(links).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'deal', id: dealId })]),
    );
    const [deal] = await world.core.database.query<{
      name: string;
      stage: string;
      product: string;
      owner: string;
    }>(
      `SELECT d.name, d.stage, d.product, u.email AS owner FROM deals d JOIN users u ON u.id = d.owner_id WHERE d.id = $1`,
      [dealId],
    );
    expect(deal).toEqual({
      name: 'Initech pilot',
      stage: 'Qualification',
      product: 'Platform',
      owner: 'rita@threadline.example',
    });
    const audited = await world.core.database.query(
      `SELECT 1 FROM audit_log WHERE action = 'deal.create' AND target_id = $1`,
      [dealId],
    );
    expect(audited).toHaveLength(1);
    expect(await timeline(`deals/${dealId}`, 'ravi')).toEqual(['Pilot proposal']);
  });

  it('includes with an edited address list: the person taken off it is unfiled', async () => {
    const { threadId, suggested } = await thread('Team intro');
    const grace = await world.recordId('contacts', 'CON-001');
    const juergen = await world.recordId('contacts', 'CON-002');
    expect(
      suggested
        .filter((s) => s.type === 'contact')
        .map((s) => s.id)
        .sort(),
    ).toEqual([grace, juergen].sort());
    const response = await post(`${at(threadId)}/include`, {
      addresses: ['grace.hopper@acme.com', 'rita@threadline.example'],
    });
    expect(response.statusCode).toBe(200);
    const contacts = response
      .json<{ links: { type: string; id: string }[] }>()
      .links.filter((l) => l.type === 'contact')
      .map((l) => l.id);
    expect(contacts).toEqual([grace]);
    expect(await timeline(`contacts/${juergen}`, 'rita')).not.toContain('Team intro');
    expect(await timeline(`contacts/${grace}`, 'rita')).toContain('Team intro');
    expect(await queue()).toEqual([]);
  });

  it('bulk excludes: one unknown thread and nothing changes; excluded mail stays hidden', async () => {
    await importForRita('<rv-x1@acme.com>', 'Spam-ish newsletter from a contact');
    await importForRita('<rv-x2@acme.com>', 'Personal note');
    const ids = (await queue()).map((t) => t.threadId);
    expect(ids).toHaveLength(2);
    const refused = await post('/exclude', { threadIds: [...ids, 'no-such-thread'] });
    expect(refused.statusCode).toBe(404);
    expect(refused.body).toContain('no-such-thread');
    expect(await queue()).toHaveLength(2);

    const response = await post('/exclude', { threadIds: ids });
    expect(response.statusCode).toBe(200);
    expect(await queue()).toEqual([]);
    const links = await world.core.database.query(
      `SELECT 1 FROM message_links l JOIN messages m ON m.id = l.message_id WHERE m.thread_id = ANY($1)`,
      [ids],
    );
    expect(links).toEqual([]);
    expect(await readable('<rv-x2@acme.com>', 'ravi')).toBe(404);
    expect(await readable('<rv-x2@acme.com>', 'rita')).toBe(200);
  });

  it('refiles a thread from one record to another and files it', async () => {
    await importForRita('<rv-refile@acme.com>', 'Wrong account');
    const { threadId } = await thread('Wrong account');
    const acme = await world.accountId('ACC-001');
    const labs = await world.accountId('ACC-004');
    const response = await post(`${at(threadId)}/refile`, {
      from: { type: 'account', recordId: acme },
      to: { type: 'account', recordId: labs },
    });
    expect(response.statusCode).toBe(200);
    const accounts = response
      .json<{ links: { type: string; id: string }[] }>()
      .links.filter((l) => l.type === 'account')
      .map((l) => l.id);
    expect(accounts).toEqual([labs]);
    expect(await timeline(`accounts/${labs}`, 'ravi')).toEqual(['Wrong account']);
    expect(await queue()).toEqual([]);
  });

  it('files by subject: links the thread and makes a rule for future mail', async () => {
    const acme = await world.accountId('ACC-001');
    await importForRita('<rv-file@acme.com>', 'RE: Quarterly review');
    const { threadId } = await thread('RE: Quarterly review');
    const response = await post(`${at(threadId)}/file-by-subject`, {
      recordType: 'account',
      recordId: acme,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      action: 'file',
      rule: { kind: 'subject', pattern: 'Quarterly review', recordType: 'account', scope: 'mine' },
    });
    expect(await queue()).toEqual([]);
    expect(await timeline(`accounts/${acme}`, 'ravi')).toContain('RE: Quarterly review');
  });

  it('a reply in a filed conversation is filed without coming back to the queue', async () => {
    await importForRita('<rv-deal-reply@acme.com>', 'RE: Renewal pricing', {
      headers: ['In-Reply-To: <rv-deal@acme.com>', 'References: <rv-deal@acme.com>'],
    });
    expect(await queue()).toEqual([]);
    expect(await readable('<rv-deal-reply@acme.com>', 'ravi')).toBe(200);
  });

  it('File & Clear files everything left, and the next scan starts after it', async () => {
    await importForRita('<rv-later-1@acme.com>', 'Another topic');
    await importForRita('<rv-later-2@initech.example>', 'Pilot questions', {
      from: 'lin.chen@initech.example',
      date: ago(0.5),
    });
    expect((await queue()).map((t) => t.subject)).toEqual(['Pilot questions', 'Another topic']);
    expect(await readable('<rv-later-1@acme.com>', 'ravi')).toBe(404);
    const cleared = await post('/clear');
    expect(cleared.statusCode).toBe(200);
    expect(cleared.json<{ filed: number }>().filed).toBe(2);
    expect(await queue()).toEqual([]);
    expect(await readable('<rv-later-1@acme.com>', 'ravi')).toBe(200);
    expect(await readable('<rv-x2@acme.com>', 'ravi')).toBe(404);

    await importForRita('<rv-after-clear@acme.com>', 'After the clear');
    expect((await queue()).map((t) => t.subject)).toEqual(['After the clear']);
  });

  describe('follow-ups', () => {
    const followUps = async (state: 'due' | 'open' | 'all', person: 'rita' | 'ravi' = 'rita') => {
      const response = await app.inject({
        url: `/api/follow-ups?state=${state}`,
        headers: world.as(person),
      });
      expect(response.statusCode).toBe(200);
      return response.json<{ items: FollowUp[] }>().items;
    };
    const threadOf = async (headerId: string) => {
      const [row] = await world.core.database.query<{ threadId: string }>(
        'SELECT thread_id AS "threadId" FROM messages WHERE message_id = $1',
        [headerId],
      );
      return row!.threadId;
    };

    it('reminds the assignee once due, until a reply goes out from them in the thread', async () => {
      const threadId = await threadOf('<rv-same@acme.com>');
      const set = await post(`${at(threadId)}/follow-up`, {
        remindAt: new Date(Date.now() - 60_000).toISOString(),
        note: 'Send the redlines',
      });
      expect(set.statusCode).toBe(200);
      expect(set.json<FollowUp>()).toMatchObject({
        state: 'due',
        assigneeEmail: 'rita@threadline.example',
      });
      expect((await followUps('due')).map((f) => f.threadId)).toEqual([threadId]);

      await importForRita('<rv-rita-reply@threadline.example>', 'RE: Contract draft', {
        from: 'rita@threadline.example',
        to: 'grace.hopper@acme.com',
        date: new Date().toUTCString(),
        headers: ['In-Reply-To: <rv-same@acme.com>', 'References: <rv-same@acme.com>'],
      });
      expect(await followUps('due')).toEqual([]);
      expect((await followUps('all')).map((f) => f.state)).toEqual(['replied']);
    });

    it('gives a follow-up to a colleague, who sees it waiting; either may cancel, no one else', async () => {
      const threadId = await threadOf('<rv-deal@acme.com>');
      const set = await post(`${at(threadId)}/follow-up`, {
        remindAt: new Date(Date.now() + 86_400_000).toISOString(),
        assigneeId: world.users.ravi.id,
      });
      expect(set.statusCode).toBe(200);
      const { id } = set.json<FollowUp>();
      expect((await followUps('open', 'ravi')).map((f) => [f.id, f.state])).toEqual([
        [id, 'waiting'],
      ]);
      expect((await post(`/api/follow-ups/${id}/cancel`, undefined, 'olga')).statusCode).toBe(404);
      const cancelled = await post(`/api/follow-ups/${id}/cancel`, undefined, 'ravi');
      expect(cancelled.statusCode).toBe(200);
      expect(cancelled.json<FollowUp>().state).toBe('cancelled');
      expect(await followUps('open', 'ravi')).toEqual([]);
    });

    it('refuses a bad time, an unknown colleague and a thread the user cannot see', async () => {
      const threadId = await threadOf('<rv-deal@acme.com>');
      const badTime = await post(`${at(threadId)}/follow-up`, { remindAt: 'tomorrow' });
      expect(badTime.statusCode).toBe(400);
      expect(badTime.body).toContain('remindAt');
      const nobody = await post(`${at(threadId)}/follow-up`, {
        remindAt: new Date().toISOString(),
        assigneeId: '00000000-0000-4000-8000-000000000000',
      });
      expect(nobody.statusCode).toBe(404);
      const hidden = await post(
        `${at(await threadOf('<rv-x2@acme.com>'))}/follow-up`,
        { remindAt: new Date().toISOString() },
        'olga',
      );
      expect(hidden.statusCode).toBe(404);
    });
  });
});
