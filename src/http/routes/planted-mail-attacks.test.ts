import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import { mailWithAttachment } from '../../../test/support/privacy-world.js';
import { mail, openSharingWorld, type SharingWorld } from '../../../test/support/sharing-world.js';

/**
 * Ravi (a rep) attacks Rita's private mail with what he can learn of it: its
 * Message-ID (visible in the References of any thread he was on later) and,
 * at worst, every one of its headers. He plants messages carrying them in
 * his own mailbox, then uses every read and write endpoint, and then makes
 * his sharing public so that Olga (a rep of another team) tries too.
 * Nothing he did not write himself may reach either: not Rita's bodies, her
 * reply's subject, her file, nor her thread's filing on another deal.
 */
const secrets = ['zebracorn', 'walrus', 'terms.txt', 'Net 30', 'Müller pilot'];

const ritasHeaders = {
  id: '<renewal@acme.com>',
  from: 'Grace Hopper <grace.hopper@acme.com>',
  to: 'rita@threadline.example',
  subject: 'Renewal pricing',
  date: 'Mon, 03 Mar 2025 10:00:00 +0000',
};
const ritasMessage = mailWithAttachment({
  ...ritasHeaders,
  text: 'Our board wants the zebracorn discount before signing.',
  filename: 'terms.txt',
  content: 'Net 30, zebracorn discount 12%.',
});
const ritasReply = mail({
  id: '<renewal-reply@threadline.example>',
  from: 'rita@threadline.example',
  to: 'grace.hopper@acme.com',
  subject: 'Re: Renewal pricing with walrus terms',
  date: 'Mon, 03 Mar 2025 11:00:00 +0000',
  text: 'We can do walrus terms.',
  headers: ['In-Reply-To: <renewal@acme.com>', 'References: <renewal@acme.com>'],
});

/** Ravi's copy under Rita's Message-ID, with headers of his own. */
const plantedId = mail({
  id: '<renewal@acme.com>',
  from: 'grace.hopper@acme.com',
  to: 'ravi@threadline.example',
  subject: 'Hello',
  date: 'Tue, 04 Mar 2025 10:00:00 +0000',
  text: 'Nothing to see.',
});
/** Ravi's copy with every header of Rita's message, and a body of his own. */
const plantedHeaders = mail({ ...ritasHeaders, text: 'A body Ravi wrote himself.' });
/** A reply Ravi plants into Rita's thread by its References. */
const plantedReply = mail({
  id: '<planted-reply@acme.com>',
  from: 'grace.hopper@acme.com',
  to: 'ravi@threadline.example',
  subject: 'Re: Renewal pricing',
  date: 'Wed, 05 Mar 2025 10:00:00 +0000',
  text: 'Planted into the thread.',
  headers: [
    'In-Reply-To: <renewal-reply@threadline.example>',
    'References: <renewal@acme.com> <renewal-reply@threadline.example>',
  ],
});

describe.each(testBackends())('planted mail against private mail, on the %s backend', (backend) => {
  let world: SharingWorld;
  let accountId: string;
  let ritasIds: string[];
  let ritasThread: string;
  let ravisThread: string;
  let ravisIds: string[];

  const idsOf = async (owner: 'rita' | 'ravi') =>
    (
      await world.core.database.query<{ id: string; threadId: string }>(
        `SELECT m.id, m.thread_id AS "threadId" FROM messages m
         JOIN message_decisions d ON d.message_id = m.id JOIN mailboxes mb ON mb.id = d.mailbox_id
         WHERE mb.owner_id = $1 ORDER BY m.sent_at`,
        [world.users[owner].id],
      )
    ).map((row) => row);

  beforeAll(async () => {
    world = await openSharingWorld(backend);
    accountId = await world.accountId('ACC-001');
    await world.importMail('rita', ritasMessage, ritasReply);
    const rita = await idsOf('rita');
    ritasIds = rita.map((row) => row.id);
    ritasThread = rita[0]!.threadId;
    // Rita files her thread on another deal by hand.
    const otherDeal = await world.recordId('deals', 'DEAL-003');
    const relink = await world.app.inject({
      method: 'POST',
      url: `/api/threads/${ritasThread}/links`,
      headers: world.as('rita'),
      payload: { action: 'add', type: 'deal', recordId: otherDeal },
    });
    expect(relink.statusCode).toBe(200);

    await world.importMail('ravi', plantedId, plantedHeaders, plantedReply);
    const ravi = await idsOf('ravi');
    ravisIds = ravi.map((row) => row.id);
    ravisThread = ravi.find((row) => row.id !== ritasIds[0])!.threadId;
  }, 90_000);
  afterAll(async () => {
    await world.close();
  });

  it("stores each planted copy as a message of its own, never as a copy of Rita's", () => {
    expect(ravisIds).toHaveLength(3);
    for (const id of ravisIds) expect(ritasIds).not.toContain(id);
  });

  it("keeps the planted reply out of Rita's thread", () => {
    expect(ravisThread).not.toBe(ritasThread);
  });

  const readEndpoints = () => [
    `/api/accounts/${accountId}/timeline`,
    `/api/accounts/${accountId}/activity-summary`,
    '/api/search?q=zebracorn',
    '/api/search?q=walrus',
    '/api/search?q=renewal',
    '/api/export/messages',
    '/api/inbox',
    '/api/review',
    '/api/follow-ups?state=all',
    `/api/threads/${ravisThread}/messages`,
    ...ravisIds.map((id) => `/api/messages/${id}`),
  ];

  const expectNothingOfRitas = async (reader: 'ravi' | 'olga') => {
    for (const url of readEndpoints()) {
      const response = await world.app.inject({ url, headers: world.as(reader) });
      expect(response.statusCode, url).toBeLessThan(500);
      for (const secret of secrets) expect(response.body, `${url} ${secret}`).not.toContain(secret);
    }
    for (const id of ritasIds) {
      for (const url of [`/api/messages/${id}`, `/api/messages/${id}/attachments/0`]) {
        const response = await world.app.inject({ url, headers: world.as(reader) });
        expect(response.statusCode, url).toBe(404);
      }
    }
    const thread = await world.app.inject({
      url: `/api/threads/${ritasThread}/messages`,
      headers: world.as(reader),
    });
    expect(thread.statusCode).toBe(404);
  };

  it('shows Ravi nothing of Rita’s mail through any read endpoint', async () => {
    await expectNothingOfRitas('ravi');
  });

  it("lets Ravi change no link of Rita's thread, nor file, exclude or follow it up", async () => {
    const dealId = await world.recordId('deals', 'DEAL-001');
    for (const payload of [
      { action: 'remove', type: 'deal', recordId: dealId },
      { action: 'add', type: 'deal', recordId: dealId },
      { action: 'remove', type: 'account', recordId: accountId },
    ]) {
      const response = await world.app.inject({
        method: 'POST',
        url: `/api/threads/${ritasThread}/links`,
        headers: world.as('ravi'),
        payload,
      });
      expect(response.statusCode).toBe(404);
    }
    const target = { type: 'deal', recordId: dealId };
    for (const [url, payload] of [
      [`/api/review/${ritasThread}/include`, { dealId }],
      [`/api/review/${ritasThread}/exclude`, undefined],
      ['/api/review/exclude', { threadIds: [ritasThread] }],
      [`/api/review/${ritasThread}/refile`, { from: target, to: { ...target, type: 'account' } }],
      [`/api/review/${ritasThread}/file-by-subject`, { recordType: 'deal', recordId: dealId }],
      [`/api/review/${ritasThread}/follow-up`, { remindAt: '2025-03-10T09:00:00Z' }],
    ] as const) {
      const response = await world.app.inject({
        method: 'POST',
        url,
        headers: world.as('ravi'),
        ...(payload ? { payload } : {}),
      });
      expect(response.statusCode, url).toBe(404);
    }
    const own = await world.app.inject({
      url: `/api/threads/${ritasThread}/messages`,
      headers: world.as('rita'),
    });
    const links = own.json<{ links: { type: string; name: string }[] }>().links;
    expect(links.map((link) => link.type).sort()).toEqual(['account', 'contact', 'deal', 'deal']);
  });

  it("gives a follow-up on Ravi's own thread only his own subject", async () => {
    const response = await world.app.inject({
      method: 'POST',
      url: `/api/review/${ravisThread}/follow-up`,
      headers: world.as('ravi'),
      payload: { remindAt: '2025-03-10T09:00:00Z' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ subject: 'Re: Renewal pricing' });
    expect(response.body).not.toContain('walrus');
  });

  it('shows Olga nothing of Rita’s mail once Ravi shares all of his publicly', async () => {
    const share = await world.app.inject({
      method: 'PUT',
      url: '/api/me/sharing',
      headers: world.as('ravi'),
      payload: { mode: 'public' },
    });
    expect(share.statusCode).toBe(200);
    await expectNothingOfRitas('olga');
    await expectNothingOfRitas('ravi');
  });

  it('still shows Rita all of her own mail', async () => {
    const body = await world.app.inject({
      url: `/api/messages/${ritasIds[0]}`,
      headers: world.as('rita'),
    });
    expect(body.statusCode).toBe(200);
    expect(body.json()).toMatchObject({ subject: 'Renewal pricing' });
    expect(body.body).toContain('zebracorn');
    const file = await world.app.inject({
      url: `/api/messages/${ritasIds[0]}/attachments/0`,
      headers: world.as('rita'),
    });
    expect(file.body).toBe('Net 30, zebracorn discount 12%.');
  });
});
