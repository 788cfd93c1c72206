import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import {
  mail,
  openSharingWorld,
  type Person,
  type SharingWorld,
} from '../../../test/support/sharing-world.js';
import { assignmentTablesRepository } from '../../adapters/db/repositories/assignment-tables.js';
import { createAggregateRefresher } from '../../services/reports/aggregate-refresher.js';

/**
 * Rita (rep, working 9–17 in New York) writes to Grace at Acme on Friday 7
 * March 2025 at 16:00 UTC; Grace answers on Monday at 10:00 UTC, the day
 * after New York moved to summer time; Rita answers at 15:00 UTC. Grace also
 * writes to Rita and Ravi together (one message, two copies); Ravi (public)
 * writes to Grace twice; Olga (private) once.
 */
const ritaThread = [
  mail({
    id: '<r1@threadline.example>',
    from: 'rita@threadline.example',
    to: 'grace.hopper@acme.com',
    subject: 'Renewal terms',
    date: 'Fri, 07 Mar 2025 16:00:00 +0000',
  }),
  mail({
    id: '<g1@acme.com>',
    from: 'Grace Hopper <grace.hopper@acme.com>',
    to: 'rita@threadline.example',
    subject: 'Re: Renewal terms',
    date: 'Mon, 10 Mar 2025 10:00:00 +0000',
    headers: ['In-Reply-To: <r1@threadline.example>', 'References: <r1@threadline.example>'],
  }),
  mail({
    id: '<r2@threadline.example>',
    from: 'rita@threadline.example',
    to: 'grace.hopper@acme.com',
    subject: 'Re: Renewal terms',
    date: 'Mon, 10 Mar 2025 15:00:00 +0000',
    headers: ['In-Reply-To: <g1@acme.com>', 'References: <r1@threadline.example> <g1@acme.com>'],
  }),
];
const toBoth = mail({
  id: '<both@acme.com>',
  from: 'Grace Hopper <grace.hopper@acme.com>',
  to: 'rita@threadline.example',
  cc: 'ravi@threadline.example',
  subject: 'Team intro',
  date: 'Tue, 11 Mar 2025 09:30:00 +0000',
});
const fromRavi = [1, 2].map((n) =>
  mail({
    id: `<ravi-${n}@threadline.example>`,
    from: 'ravi@threadline.example',
    to: 'grace.hopper@acme.com',
    subject: `Ravi note ${n}`,
    date: `Wed, 1${n} Mar 2025 11:00:00 +0000`,
  }),
);
const fromOlga = mail({
  id: '<olga-1@threadline.example>',
  from: 'olga@threadline.example',
  to: 'grace.hopper@acme.com',
  subject: 'Olga hello',
  date: 'Thu, 13 Mar 2025 12:00:00 +0000',
});

type Mode = 'private' | 'public' | 'custom with a record share' | 'custom with a named user';
const readers: Person[] = ['rita', 'max', 'ravi', 'ada', 'olga', 'mona'];
const march = 'from=2025-03-01&to=2025-03-31';

interface Counts {
  inbound: number;
  outbound: number;
  meeting: number;
  total: number;
}

describe.each(testBackends())('reports on the %s backend', (backend) => {
  let world: SharingWorld;
  let accountId: string;
  let dealId: string;
  const refresh = () => createAggregateRefresher(world.core).refresh();

  beforeAll(async () => {
    world = await openSharingWorld(backend);
    accountId = await world.accountId('ACC-001');
    dealId = await world.recordId('deals', 'DEAL-001');
    await assignmentTablesRepository(world.core.database).setWorkingHours({
      userId: world.users.rita.id,
      timeZone: 'America/New_York',
      days: [1, 2, 3, 4, 5],
      startMinute: 9 * 60,
      endMinute: 17 * 60,
    });
    await world.importMail('rita', ...ritaThread, toBoth);
    await world.importMail('ravi', toBoth, ...fromRavi);
    await world.importMail('olga', fromOlga);
    await world.share('ravi', 'public');
    await refresh();
  }, 60_000);
  afterAll(async () => {
    await world.close();
  });

  const get = async <T>(reader: Person, url: string): Promise<T> => {
    const response = await world.app.inject({ url, headers: world.as(reader) });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<T>();
  };

  const engagementTotals = async (reader: Person, record: string): Promise<Counts> => {
    const report = await get<{ series: Counts[] }>(
      reader,
      `/api/reports/engagement?bucket=day&${march}&${record}`,
    );
    return report.series.reduce(
      (sum, row) => ({
        inbound: sum.inbound + row.inbound,
        outbound: sum.outbound + row.outbound,
        meeting: sum.meeting + row.meeting,
        total: sum.total + row.total,
      }),
      { inbound: 0, outbound: 0, meeting: 0, total: 0 },
    );
  };

  /** What the reader gets by opening, one at a time, every message filed on the record. */
  const openedOneByOne = async (reader: Person, type: string, id: string) => {
    const filed = await world.core.database.query<{ id: string; from: string }>(
      `SELECT m.id, m.from_address AS from FROM message_links l JOIN messages m ON m.id = l.message_id
       WHERE l.record_type = $1 AND l.record_id = $2`,
      [type, id],
    );
    let outbound = 0;
    let inbound = 0;
    for (const message of filed) {
      const response = await world.app.inject({
        url: `/api/messages/${message.id}`,
        headers: world.as(reader),
      });
      if (response.statusCode !== 200) continue;
      if (message.from.endsWith('@threadline.example')) outbound += 1;
      else inbound += 1;
    }
    return { inbound, outbound, meeting: 0, total: inbound + outbound };
  };

  const shareAs = async (mode: Mode) => {
    if (mode === 'private' || mode === 'public') await world.share('rita', mode);
    else if (mode === 'custom with a named user') {
      await world.shareCustom('rita', { sharedWith: [world.users.olga.id] });
    } else {
      await world.shareCustom('rita', {
        recordShares: [{ recordType: 'deal', recordId: dealId, userId: world.users.olga.id }],
      });
    }
    await refresh();
  };

  describe.each([
    'private',
    'public',
    'custom with a record share',
    'custom with a named user',
  ] as Mode[])('Rita shares %s', (mode) => {
    beforeAll(async () => {
      await shareAs(mode);
    });

    it.each(readers)(
      '%s counts on the account and the deal exactly what they can open',
      async (reader) => {
        for (const [type, id] of [
          ['account', accountId],
          ['deal', dealId],
        ] as const) {
          const opened = await openedOneByOne(reader, type, id);
          expect(await engagementTotals(reader, `recordType=${type}&recordId=${id}`)).toEqual(
            opened,
          );
        }
      },
    );
  });

  it('counts a message held in two mailboxes once', async () => {
    await shareAs('private');
    // Ada, breaking the glass on every mailbox, sees everything: Rita's three, the shared
    // one, Ravi's two and Olga's one.
    await world.core.database.query(
      `INSERT INTO break_glass_grants (admin_id, admin_email, owner_id, whole_mailbox, reason, granted_at, expires_at)
       SELECT $1, 'ada@threadline.example', id, true, 'report test', now(), now() + interval '5 minutes'
       FROM users WHERE id <> $1`,
      [world.users.ada.id],
    );
    try {
      expect(
        (await engagementTotals('ada', `recordType=account&recordId=${accountId}`)).total,
      ).toBe(7);
    } finally {
      await world.core.database.query('DELETE FROM break_glass_grants');
    }
    // Rita: her thread and the message she shares with Ravi, plus Ravi's public notes.
    expect((await engagementTotals('rita', `recordType=account&recordId=${accountId}`)).total).toBe(
      6,
    );
  });

  it('answers response times in working minutes of the rep’s own time zone', async () => {
    const report = await get<{
      reps: { user: { email: string }; side: string; count: number; medianMinutes: number }[];
    }>('rita', `/api/reports/response-times?${march}&ownerId=${world.users.rita.id}`);
    // Grace: Friday 11:00–17:00 New York (6 h), Monday before 9:00 nothing: 360 minutes.
    // Rita: Monday 06:00 to 11:00 New York, counted from 9:00: 120 minutes.
    expect(
      report.reps.map(({ user, side, count, medianMinutes }) => ({
        email: user.email,
        side,
        count,
        minutes: Math.round(medianMinutes),
      })),
    ).toEqual([
      { email: 'rita@threadline.example', side: 'ours', count: 1, minutes: 120 },
      { email: 'rita@threadline.example', side: 'theirs', count: 1, minutes: 360 },
    ]);
  });

  it('counts volume per rep and per team, only what the reader may see', async () => {
    await shareAs('private');
    const volume = await get<{ reps: ({ user: { email: string } } & Counts)[] }>(
      'max',
      `/api/reports/volume?${march}`,
    );
    // Rita's and Olga's own mail stays private. Grace's message to Rita and Ravi is seen
    // through Ravi's public copy and counts once, for Rita, whom it was addressed to first.
    expect(volume.reps.map((row) => [row.user.email, row.total])).toEqual([
      ['ravi@threadline.example', 2],
      ['rita@threadline.example', 1],
    ]);
  });

  it('moves the counts with a relink, once the aggregates catch up', async () => {
    const otherId = await world.accountId('ACC-003');
    const before = await engagementTotals('rita', `recordType=account&recordId=${accountId}`);
    const threadId = (
      await world.core.database.query<{ threadId: string }>(
        `SELECT thread_id AS "threadId" FROM messages WHERE message_id = '<r1@threadline.example>'`,
      )
    )[0]!.threadId;
    const response = await world.app.inject({
      method: 'POST',
      url: `/api/threads/${encodeURIComponent(threadId)}/links`,
      headers: world.as('rita'),
      payload: {
        action: 'relink',
        type: 'account',
        recordId: otherId,
        from: { type: 'account', recordId: accountId },
      },
    });
    expect(response.statusCode, response.body).toBe(200);
    await refresh();
    const after = await engagementTotals('rita', `recordType=account&recordId=${accountId}`);
    expect(after.total).toBe(before.total - 3);
    expect((await engagementTotals('rita', `recordType=account&recordId=${otherId}`)).total).toBe(
      3,
    );
    const trail = await get<{ items: { kind: string; detail: string | null }[] }>(
      'rita',
      `/api/reports/audit-trail?recordType=account&recordId=${accountId}`,
    );
    expect(trail.items.filter((item) => item.kind === 'link')).toEqual([
      expect.objectContaining({ kind: 'link', detail: 'remove' }),
    ]);
  });

  it('exports a report as CSV and as PDF', async () => {
    const csv = await world.app.inject({
      url: `/api/reports/volume/export?format=csv&${march}`,
      headers: world.as('ada'),
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\n')[0]).toBe('scope,name,email,inbound,outbound,meeting,total');
    const pdf = await world.app.inject({
      url: `/api/reports/engagement/export?format=pdf&${march}`,
      headers: world.as('ada'),
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('refuses a bad range, a half record filter and an unknown team, naming what is wrong', async () => {
    for (const [query, message] of [
      ['from=2025-03-31&to=2025-03-01', 'from: after to'],
      ['from=2025-02-30', 'from'],
      [`recordType=account`, 'recordType and recordId'],
    ] as const) {
      const response = await world.app.inject({
        url: `/api/reports/volume?${query}`,
        headers: world.as('rita'),
      });
      expect(response.statusCode, query).toBe(400);
      expect(response.body).toContain(message);
    }
    const team = await world.app.inject({
      url: '/api/reports/volume?teamId=00000000-0000-4000-8000-000000000000',
      headers: world.as('rita'),
    });
    expect(team.statusCode).toBe(404);
    const anonymous = await world.app.inject({ url: '/api/reports/volume' });
    expect(anonymous.statusCode).toBe(401);
  });
});
