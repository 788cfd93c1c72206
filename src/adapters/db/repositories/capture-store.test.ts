import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  openTestDatabase,
  testBackends,
  type TestDatabase,
} from '../../../../test/support/test-database.js';
import type { Statement } from '../database.js';
import { captureStoreRepository } from './capture-store.js';
import { captureWrites, type AdoptedRow, type StoredMessageRow } from './capture-writes.js';

function storedMessage(key: string, threadId: string, threadRoot: string): StoredMessageRow {
  return {
    key,
    messageId: key,
    threadId,
    threadRoot,
    subject: 'Quote',
    sentAt: '2026-11-02T10:00:00.000Z',
    fromAddress: 'ana@customer.example',
    participants: ['ana@customer.example'],
    envelope: {},
    textBody: null,
    htmlBody: null,
    search: '',
    bodySha256: null,
    size: 100,
    category: 'customer',
    captured: true,
    reasons: [],
    failedRecipients: [],
    meetings: null,
  };
}

describe.each(testBackends())('the capture store on the %s backend', (backend) => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await openTestDatabase(backend);
  });
  afterAll(async () => {
    await handle.drop();
  });
  const run = async <Row>(statement: Statement) =>
    ((await handle.database.atomically([statement]))[0] ?? []) as Row[];
  /** A user with a mailbox, and a way to give them a copy of stored messages. */
  const owner = async (email: string) => {
    const [row] = await handle.database.query<{ userId: string; mailboxId: string }>(
      `WITH u AS (INSERT INTO users (email, role) VALUES ($1, 'rep') RETURNING id)
       INSERT INTO mailboxes (owner_id, label, kind) SELECT id, 'inbox', 'import' FROM u
       RETURNING owner_id AS "userId", id AS "mailboxId"`,
      [email],
    );
    const holds = (...keys: string[]) =>
      handle.database.query(
        `INSERT INTO message_decisions (message_id, mailbox_id, captured, category, reasons)
         SELECT id, $2, true, 'human', '[]' FROM messages WHERE message_key = ANY($1)`,
        [keys, row!.mailboxId],
      );
    return { ...row!, holds };
  };

  describe('storing messages', () => {
    const withBodies = (key: string, n: number): StoredMessageRow => ({
      ...storedMessage(key, `t-${key}`, key),
      textBody: `Body ${n}\nwith 'quotes', "doubles", \\ and émoji 📨`,
      htmlBody: n % 2 === 0 ? `<p>Body ${n}</p>` : null,
      search: `'${n}':2A 'body':1`,
    });
    // The other cases of this suite read every message: these leave none behind.
    afterEach(async () => {
      await handle.database.query(
        `DELETE FROM messages WHERE message_key LIKE '<store-%' OR message_key LIKE '<bulk-%'`,
      );
    });
    const bodiesOf = (prefix: string) =>
      handle.database.query<{ key: string; text: string; html: string | null; search: string }>(
        `SELECT message_key AS key, text_body AS text, html_body AS html, search::text AS search
         FROM messages WHERE message_key LIKE $1 ORDER BY message_key`,
        [`${prefix}%`],
      );

    it('keeps each message with its own bodies and search terms, whatever they hold', async () => {
      const rows = ['<store-b@x>', '<store-a@x>', '<store-c@x>'].map(withBodies);
      await run(captureWrites.storeMessages(rows, []));
      expect(await bodiesOf('<store-')).toEqual(
        [rows[1]!, rows[0]!, rows[2]!].map((row) => ({
          key: row.key,
          text: row.textBody,
          html: row.htmlBody,
          search: row.search,
        })),
      );
    });

    it('stores a batch of 5,000 messages, the most a mail import takes at once', async () => {
      const rows = Array.from({ length: 5000 }, (_, n) =>
        withBodies(`<bulk-${String(n).padStart(4, '0')}@x>`, n),
      );
      await run(captureWrites.storeMessages(rows, []));
      const stored = await bodiesOf('<bulk-');
      expect(stored).toHaveLength(5000);
      expect(stored[4999]).toEqual({
        key: '<bulk-4999@x>',
        text: rows[4999]!.textBody,
        html: null,
        search: rows[4999]!.search,
      });
    });

    it('takes a batch with no new message but threads to extend', async () => {
      const thread = {
        id: 't-only',
        subjectKey: 'quote',
        participants: ['ana@customer.example'],
        firstAt: '2026-11-02T10:00:00.000Z',
        lastAt: '2026-11-02T10:00:00.000Z',
      };
      await run(captureWrites.storeMessages([], [thread]));
      expect(await handle.database.query(`SELECT id FROM threads WHERE id = 't-only'`)).toEqual([
        { id: 't-only' },
      ]);
    });
  });

  describe('adopting orphaned replies', () => {
    it('moves every message filed under a root into the thread its parent found, once', async () => {
      const rita = await owner('rita@adopt.example');
      await run(
        captureWrites.storeMessages(
          [
            storedMessage('<reply-1@x>', 't-parent', '<parent@x>'),
            storedMessage('<reply-2@x>', 't-parent', '<parent@x>'),
            storedMessage('<other@x>', 't-other', '<other@x>'),
          ],
          [],
        ),
      );
      await rita.holds('<reply-1@x>', '<reply-2@x>', '<other@x>');
      const adopt = captureWrites.adoptOrphans(
        [{ root: '<parent@x>', threadId: 't-real' }],
        rita.userId,
      );

      const moved = await run<AdoptedRow>(adopt);

      expect(moved.map((row) => row.key).sort()).toEqual(['<reply-1@x>', '<reply-2@x>']);
      expect(moved.every((row) => row.threadId === 't-real')).toBe(true);
      const threads = await handle.database.query<{ key: string; threadId: string }>(
        'SELECT message_key AS key, thread_id AS "threadId" FROM messages ORDER BY message_key',
      );
      expect(threads).toEqual([
        { key: '<other@x>', threadId: 't-other' },
        { key: '<reply-1@x>', threadId: 't-real' },
        { key: '<reply-2@x>', threadId: 't-real' },
      ]);
      expect(await run(adopt)).toEqual([]);
    });

    it("never adopts another owner's message that names the parent: a header joins no one's thread", async () => {
      const ada = await owner('ada@adopt.example');
      const ben = await owner('ben@adopt.example');
      await run(
        captureWrites.storeMessages(
          [
            storedMessage('<ben-planted@x>', 't-ben', '<ada-root@x>'),
            storedMessage('<ada-reply@x>', 't-ada-early', '<ada-root@x>'),
          ],
          [],
        ),
      );
      await ben.holds('<ben-planted@x>');
      await ada.holds('<ada-reply@x>');

      const moved = await run<AdoptedRow>(
        captureWrites.adoptOrphans([{ root: '<ada-root@x>', threadId: 't-ada' }], ada.userId),
      );

      expect(moved.map((row) => row.key)).toEqual(['<ada-reply@x>']);
      const [planted] = await handle.database.query<{ threadId: string }>(
        `SELECT thread_id AS "threadId" FROM messages WHERE message_key = '<ben-planted@x>'`,
      );
      expect(planted!.threadId).toBe('t-ben');
    });

    it('looks roots up by index even when statistics claim each root is shared by many messages', async () => {
      await handle.database.exec(`
      INSERT INTO messages (message_key, message_id, thread_id, thread_root, envelope, size, category, captured)
      SELECT '<bulk-' || g || '@x>', '<bulk-' || g || '@x>', 't-' || g, '<bulk-' || g || '@x>', '{}', 1, 'noise', false
      FROM generate_series(1, 20000) AS g;
      ALTER TABLE messages ALTER COLUMN thread_root SET (n_distinct = 20);
      ANALYZE messages;
    `);
      const roots = Array.from({ length: 250 }, (_, n) => ({
        root: `<new-${n}@x>`,
        threadId: `t-new-${n}`,
      }));

      const { sql, params } = captureWrites.adoptOrphans(
        roots,
        '00000000-0000-0000-0000-000000000000',
      );

      const plan = (await run<Record<string, string>>({ sql: `EXPLAIN ${sql}`, params }))
        .map((row) => Object.values(row).join(''))
        .join('\n');
      expect(plan).toMatch(/Index|Bitmap/);
      expect(plan).not.toMatch(/Seq Scan on messages/);
    });
  });

  describe('threads found by subject', () => {
    const thread = (id: string, subjectKey: string, participants: string[], day: number) => ({
      id,
      subjectKey,
      participants,
      firstAt: `2026-11-${String(day).padStart(2, '0')}T10:00:00.000Z`,
      lastAt: `2026-11-${String(day).padStart(2, '0')}T10:00:00.000Z`,
    });

    it('reads only threads that share someone, so strangers on a common subject crowd out none', async () => {
      const store = captureStoreRepository(handle.database);
      const rita = await owner('rita@subject.example');
      const strangers = Array.from({ length: 25 }, (_, n) =>
        thread(`t-stranger-${n}`, 'weekly update', [`someone${n}@elsewhere.example`], 20),
      );
      await run(
        captureWrites.storeMessages(
          [],
          [
            ...strangers,
            thread(
              't-ana',
              'weekly update',
              ['ana@customer.example', 'rita@threadline.example'],
              10,
            ),
            thread('t-old', 'weekly update', ['ana@customer.example'], 1),
            thread('t-quote', 'quote', ['ana@customer.example'], 10),
          ],
        ),
      );

      await run(
        captureWrites.storeMessages(
          [
            ...strangers.map((t) => storedMessage(`<in-${t.id}@x>`, t.id, `<in-${t.id}@x>`)),
            storedMessage('<in-t-ana@x>', 't-ana', '<in-t-ana@x>'),
          ],
          [],
        ),
      );
      await rita.holds('<in-t-ana@x>', ...strangers.map((t) => `<in-${t.id}@x>`));
      const found = await store.threadsBySubject(
        [{ key: 'weekly update', participants: ['ana@customer.example', 'ben@customer.example'] }],
        new Date('2026-11-05T00:00:00Z'),
        rita.userId,
      );

      expect(found.map((row) => row.id)).toEqual(['t-ana']);
      expect(found[0]!.participants).toEqual(['ana@customer.example', 'rita@threadline.example']);
      expect(found[0]!.lastAt).toBe('2026-11-10T10:00:00.000Z');

      const stranger = await owner('sam@subject.example');
      const notTheirs = await store.threadsBySubject(
        [{ key: 'weekly update', participants: ['ana@customer.example', 'ben@customer.example'] }],
        new Date('2026-11-05T00:00:00Z'),
        stranger.userId,
      );
      expect(notTheirs).toEqual([]);
    });
  });
});
