import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openTestDatabase,
  testBackends,
  type TestDatabase,
} from '../../../../test/support/test-database.js';
import { mailReadsRepository, type SearchHitRow, type TimelineThreadRow } from './mail-reads.js';
import { reviewQueueRepository, type ReviewThreadRow } from './review-queue.js';
import { salesInboxRepository, type InboxThreadRow } from './sales-inbox.js';

/**
 * Rita's mail and Olga's, interleaved: 14 threads each, in pairs of threads
 * whose newest messages share one instant, and a thread of Rita's whose two
 * messages share one. All of it is filed on one account; Olga shares
 * nothing, so no page of Rita's may show her mail. Rita's threads 10–13 are
 * held in her review mailbox: in her queue, her inbox and her search, not
 * on the account's timeline.
 */
const seed = `
WITH people AS (
  INSERT INTO users (email, name, role) VALUES ('rita@example.test', 'Rita', 'rep'), ('olga@example.test', 'Olga', 'rep')
  RETURNING id, email),
boxes AS (
  INSERT INTO mailboxes (owner_id, label, kind, capture_mode)
  SELECT p.id, b.label, 'import', b.mode FROM people p, (VALUES ('main', 'auto'), ('review', 'review')) AS b(label, mode)
  RETURNING id, owner_id, label),
account AS (INSERT INTO accounts (external_id, name) VALUES ('A-1', 'Acme') RETURNING id),
spec AS (
  SELECT p.email, o, t, n,
    timestamptz '2025-01-01 12:00:00+00' - make_interval(hours => t / 2) - make_interval(hours => 1 - n) AS sent_at
  FROM people p, LATERAL (SELECT CASE WHEN p.email LIKE 'rita%' THEN 'r' ELSE 'o' END AS o) AS who,
    generate_series(0, 13) AS t, generate_series(0, 1) AS n),
stored AS (
  INSERT INTO messages (message_key, thread_id, subject, sent_at, from_address, participants, envelope,
    text_body, size, category, captured, search)
  SELECT s.o || '-' || s.t || '-' || s.n, s.o || '-thread-' || lpad(s.t::text, 2, '0'), 'Order ' || s.t,
    CASE WHEN s.o = 'r' AND s.t = 5 THEN timestamptz '2025-01-01 09:00:00+00' ELSE s.sent_at END,
    'customer@acme.test', ARRAY['customer@acme.test', s.email],
    jsonb_build_object('from', jsonb_build_array(jsonb_build_object('address', 'customer@acme.test', 'name', ''))),
    'about the delivery', 100, 'human', true,
    setweight(to_tsvector('simple', 'order ' || s.t), 'A') || to_tsvector('simple', 'about the delivery')
  FROM spec s
  RETURNING id, message_key),
decided AS (
  INSERT INTO message_decisions (message_id, mailbox_id, captured, category, reasons, held)
  SELECT st.id, b.id, true, 'human', '[]', b.label = 'review'
  FROM stored st
  JOIN people p ON left(p.email, 1) = left(st.message_key, 1)
  JOIN boxes b ON b.owner_id = p.id
    AND b.label = CASE WHEN st.message_key LIKE 'r-1_-%' THEN 'review' ELSE 'main' END)
INSERT INTO message_links (message_id, record_type, record_id, reason, confidence, source)
SELECT st.id, 'account', a.id, 'domain', 1, 'auto' FROM stored st, account a`;

/** Every page of `pageOf`, two at a time, following each page's last row. */
async function allPages<Row extends { threadId: string }>(
  pageOf: (after: Row | null) => Promise<Row[]>,
): Promise<Row[]> {
  const rows: Row[] = [];
  for (let page = await pageOf(null); page.length > 0; page = await pageOf(page.at(-1)!)) {
    rows.push(...page);
    if (rows.length > 100) throw new Error('the pages never end');
  }
  return rows;
}

describe.each(testBackends())('lists paged by cursor on the %s backend', (backend) => {
  let handle: TestDatabase;
  let rita: { id: string; isAdmin: boolean; addresses: string[] };
  let accountId: string;

  beforeAll(async () => {
    handle = await openTestDatabase(backend);
    await handle.database.query(seed);
    const [user] = await handle.database.query<{ id: string }>(
      `SELECT id FROM users WHERE email = 'rita@example.test'`,
    );
    rita = { id: user!.id, isAdmin: false, addresses: ['rita@example.test'] };
    const [account] = await handle.database.query<{ id: string }>(`SELECT id FROM accounts`);
    accountId = account!.id;
  });
  afterAll(async () => {
    await handle.drop();
  });

  const ritas = (from: number, to: number) =>
    Array.from(
      { length: to - from + 1 },
      (_, n) => `r-thread-${String(from + n).padStart(2, '0')}`,
    );
  /** Newest first, threads sharing an instant by id, descending: thread 5 ends at 09:00 with 6 and 7. */
  const newestFirst = (ids: string[]) =>
    [...ids].sort((a, b) => {
      const at = (id: string) =>
        id === 'r-thread-05' ? -3 : -Math.floor(Number(id.slice(-2)) / 2);
      return at(b) - at(a) || (a < b ? 1 : -1);
    });

  it('the sales inbox: every thread of the reader once, in order, across pages, none of anyone else', async () => {
    const inbox = salesInboxRepository(handle.database);
    const rows = await allPages<InboxThreadRow>((after) =>
      inbox.threads(rita, {
        since: new Date('2024-01-01'),
        columns: ['crm', 'unknown', 'colleagues', 'noise'],
        after: after && { at: after.cursorAt, threadId: after.threadId },
        limit: 2,
      }),
    );
    expect(rows.map((row) => row.threadId)).toEqual(newestFirst(ritas(0, 13)));
    expect(rows.every((row) => row.messageCount === 2)).toBe(true);
  });

  it('a record timeline: only what the reader may see, each thread once, across pages', async () => {
    const reads = mailReadsRepository(handle.database);
    const rows = await allPages<TimelineThreadRow>((after) =>
      reads.timeline(rita, {
        type: 'account',
        id: accountId,
        includeSubsidiaries: false,
        after: after && { at: after.cursorAt, threadId: after.threadId },
        limit: 2,
      }),
    );
    expect(rows.map((row) => row.threadId)).toEqual(newestFirst(ritas(0, 9)));
  });

  it('the review queue: the held threads of the reader once each, across pages', async () => {
    const queue = reviewQueueRepository(handle.database);
    const rows = await allPages<ReviewThreadRow>((after) =>
      queue.threads(rita, {
        threadId: null,
        after: after && { at: after.cursorAt, threadId: after.threadId },
        limit: 2,
      }),
    );
    expect(rows.map((row) => row.threadId)).toEqual(newestFirst(ritas(10, 13)));
  });

  it('search: every visible hit once, newest first, across pages, ties broken by thread and id', async () => {
    const reads = mailReadsRepository(handle.database);
    const hits = await allPages<SearchHitRow>((after) =>
      reads.search(rita, {
        terms: 'delivery',
        after: after && { at: after.cursorAt, threadId: after.threadId, id: after.id },
        limit: 3,
        offset: 0,
      }),
    );
    const all = await reads.search(rita, { terms: 'delivery', after: null, limit: 100, offset: 0 });
    expect(hits).toEqual(all);
    expect(new Set(hits.map((hit) => hit.id)).size).toBe(all.length);
    expect(new Set(hits.map((hit) => hit.threadId))).toEqual(new Set(ritas(0, 13)));
  });
});
