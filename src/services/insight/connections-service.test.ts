import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import { schedulingMail } from '../../../test/support/calendar-objects.js';
import {
  insightNow,
  openInsightWorld,
  type InsightWorld,
} from '../../../test/support/insight-world.js';
import { mail, type Person } from '../../../test/support/sharing-world.js';
import { trackingRepository } from '../../adapters/db/repositories/tracking.js';
import type { UserRow } from '../../adapters/db/repositories/users.js';
import { createConnectionsService, type ConnectionsService } from './connections-service.js';

const ritaAccepted = 'ATTENDEE;PARTSTAT=ACCEPTED:mailto:rita@threadline.example';
const graceAttends = 'ATTENDEE;PARTSTAT=ACCEPTED:mailto:grace.hopper@acme.com';

/** Grace invites Rita; `start` is Central European time, an hour ahead of UTC in March. */
const invitation = (uid: string, start: string, method = 'REQUEST', sequence = 0) =>
  schedulingMail({
    uid,
    id: `<${uid}.${method}@acme.com>`,
    from: 'Grace Hopper <grace.hopper@acme.com>',
    to: 'rita@threadline.example',
    method,
    sequence,
    start,
    attendees: [graceAttends, ritaAccepted],
    date: 'Tue, 04 Mar 2025 10:00:00 +0000',
  });

describe.each(testBackends())(
  'connection scores with meetings and opens on the %s backend',
  (backend) => {
    let insight: InsightWorld;
    let connections: ConnectionsService;
    const user = async (person: Person): Promise<UserRow> =>
      (await insight.world.core.auth.findUserByEmail(`${person}@threadline.example`))!;

    beforeAll(async () => {
      insight = await openInsightWorld(backend);
      const { world } = insight;
      const { database } = world.core;
      connections = createConnectionsService({ database, clock: { now: () => insightNow } });
      await world.importMail(
        'rita',
        // Held on 10 March, 13:00 UTC.
        invitation('held@acme.com', '20250310T140000'),
        // Cancelled before it took place.
        invitation('called-off@acme.com', '20250311T140000'),
        invitation('called-off@acme.com', '20250311T140000', 'CANCEL', 1),
        // Not held yet on 13 March.
        invitation('next-week@acme.com', '20250320T140000'),
      );

      // Rita's first message went out tracked to Grace alone.
      const rita = await user('rita');
      const [outbox] = await database.query<{ id: string }>(
        `INSERT INTO outbox (sender_id, mailbox_id, message_id, message, send_at, state, sent_at)
       SELECT $1, mb.id, '<ins-1@threadline.example>', '{}', $2, 'sent', $2
       FROM mailboxes mb WHERE mb.owner_id = $1 LIMIT 1 RETURNING id`,
        [rita.id, new Date('2025-03-03T10:00:00Z')],
      );
      const tracking = trackingRepository(database);
      const tracked = '6f1c1f5e-8c1d-4c51-9a34-2f2d7f0a9c01';
      await tracking.insertTrackedMessage({
        id: tracked,
        outboxId: outbox!.id,
        links: [],
        recipients: ['grace.hopper@acme.com'],
        senderIp: null,
      });
      const open = (at: string, verdict: 'human' | 'machine') => ({
        trackedMessageId: tracked,
        kind: 'open' as const,
        link: null,
        at: new Date(at),
        verdict,
        reason: verdict === 'human' ? 'a mail reader' : 'a privacy proxy fetching ahead',
        userAgent: 'test',
      });
      await tracking.insertEvents([
        // The proxy fetching the pixel on delivery: no person read it.
        open('2025-03-03T10:00:05Z', 'machine'),
        // Grace reads it the next morning, and again an hour later: one sign that day.
        open('2025-03-04T08:00:00Z', 'human'),
        open('2025-03-04T09:00:00Z', 'human'),
      ]);
    }, 90_000);
    afterAll(async () => {
      await insight?.close();
    });

    it('shows the meeting held and the open by a person in the breakdown, and nothing else of them', async () => {
      const [rita] = await connections.contact(await user('rita'), insight.grace);
      const encounters = rita!.breakdown.filter(
        (line) => line.kind === 'meeting' || line.kind === 'human_open',
      );
      // Meeting 2.875 days ago: 15 × 0.5^(2.875/45) = 14.4; open 9.08 days ago: 1 × 0.87 = 0.9.
      expect(encounters).toEqual([
        {
          kind: 'meeting',
          at: new Date('2025-03-10T13:00:00Z'),
          points: 14.4,
          reason: 'meeting 2 days ago',
        },
        {
          kind: 'human_open',
          at: new Date('2025-03-04T08:00:00Z'),
          points: 0.9,
          reason: 'opened by a person 9 days ago',
        },
      ]);
      // The mail is 28.9 points: Rita's message and Grace's answer (13.3, see the insight
      // routes) and the four invitations, mail from Grace too (reciprocity 0.5 + 0.5 × 1/4).
      // 28.9 + 14.4 + 0.9 = 44.2; 100 × (1 − e^(−44.2 × 0.625 / 50)) = 42.4 → 42.
      expect(rita).toMatchObject({ points: 44.2, reciprocity: 0.625, score: 42 });
      expect(rita!.lastAt).toEqual(new Date('2025-03-10T13:00:00Z'));
    });

    it('tells a reader who may not open Rita’s mail nothing of her meeting or her tracked mail', async () => {
      expect(await connections.contact(await user('max'), insight.grace)).toEqual([]);
      expect(await connections.contact(await user('ada'), insight.grace)).toEqual([]);
      const asRavi = await connections.contact(await user('ravi'), insight.grace);
      expect(asRavi.map((line) => line.user.email)).toEqual(['ravi@threadline.example']);
      expect(asRavi[0]!.breakdown.map((line) => line.kind)).toEqual(['message_sent']);
    });

    it('shows them to a colleague once Rita shares her mail', async () => {
      await insight.world.share('rita', 'public');
      try {
        const asRavi = await connections.contact(await user('ravi'), insight.grace);
        const ritas = asRavi.find((line) => line.user.email === 'rita@threadline.example');
        expect(
          ritas?.breakdown.filter((line) => line.kind === 'meeting' || line.kind === 'human_open'),
        ).toHaveLength(2);
      } finally {
        await insight.world.share('rita', 'private');
      }
    });

    it('carries them into the roll-ups for the account and the deal', async () => {
      const rita = await user('rita');
      const account = await connections.account(rita, insight.acme);
      expect(
        account.ours.find((side) => side.user.email === 'rita@threadline.example'),
      ).toMatchObject({ score: 42, lastAt: new Date('2025-03-10T13:00:00Z') });
      const deal = await connections.deal(rita, insight.renewal);
      expect(deal.team.lastAt).toEqual(new Date('2025-03-10T13:00:00Z'));
    });

    it('names each third party on the account’s threads as lawyer, reseller or other, with the reason', async () => {
      const { world } = insight;
      const { database } = world.core;
      // Jo is in the CRM, at Northwind, a firm that is no account of ours.
      const [jo] = await database.query<{ id: string }>(
        `INSERT INTO contacts (first_name, last_name, title) VALUES ('Jo', 'Byrne', 'Channel Sales Lead')
       RETURNING id`,
      );
      await database.query(
        `INSERT INTO contact_emails (contact_id, address, position) VALUES ($1, 'jo@northwind.example', 0)`,
        [jo!.id],
      );
      await world.importMail(
        'rita',
        mail({
          id: '<ins-parties@threadline.example>',
          from: 'rita@threadline.example',
          to: 'grace.hopper@acme.com',
          cc: 'jo@northwind.example, ops@printshop.example',
          subject: 'Licences through Northwind',
          date: 'Tue, 11 Mar 2025 09:00:00 +0000',
        }),
      );
      const account = await connections.account(await user('rita'), insight.acme);
      expect(
        account.thirdParties.map(({ address, role, reason }) => ({ address, role, reason })),
      ).toEqual([
        {
          address: 'counsel@lawfirm.example',
          role: 'lawyer',
          reason: 'domain lawfirm.example says “lawfirm”',
        },
        {
          address: 'jo@northwind.example',
          role: 'reseller',
          reason: 'CRM title “Channel Sales Lead” says “channel”',
        },
        {
          address: 'ops@printshop.example',
          role: 'other',
          reason: 'no title, account or domain names their role',
        },
      ]);
    });
  },
);
