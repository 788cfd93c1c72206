import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import { openTestCore } from '../../../test/support/test-core.js';
import { importRealisticCrm } from '../../../test/support/mail-fixtures.js';
import type { Core } from '../../main.js';
import { mergeThreads, type IngestItem } from './ingest.js';

function item(source: string, headers: string[]): IngestItem {
  const raw = [...headers, 'Content-Type: text/plain; charset=utf-8', '', 'Thanks!', ''].join(
    '\r\n',
  );
  return { raw: new TextEncoder().encode(raw), truncated: false, source, location: null };
}

describe.each(testBackends())('the capture pipeline on the %s backend', (backend) => {
  let core: Core;
  let rita: Awaited<ReturnType<Core['mailboxes']['importMailboxOf']>>;

  beforeEach(async () => {
    core = await openTestCore(backend);
    await importRealisticCrm(core);
    rita = await core.mailboxes.importMailboxOf('rita@threadline.example');
  });
  afterEach(async () => {
    await core.close();
  });

  const threadOf = async (messageId: string) =>
    (
      await core.database.query<{ threadId: string }>(
        'SELECT thread_id AS "threadId" FROM messages WHERE message_id = $1',
        [messageId],
      )
    )[0]?.threadId;

  /**
   * As a sync does: the second batch is prepared (its threads and their links
   * read) before the first is stored, and stored after it.
   */
  const storeOverlapping = async (first: IngestItem, second: IngestItem) => {
    const before = await core.ingest.prepareBatch(rita, [first]);
    const after = await core.ingest.prepareBatch(rita, [second], { after: before });
    const stored = await core.ingest.commitBatch(before);
    await core.ingest.commitBatch(after, { previous: stored });
  };

  const grace = (subject: string, messageId: string) =>
    item('q', [
      'From: Grace Hopper <grace.hopper@acme.com>',
      'To: rita@threadline.example',
      `Subject: ${subject}`,
      'Date: Mon, 03 Mar 2025 10:00:00 +0000',
      `Message-ID: ${messageId}`,
    ]);
  const ritaReply = (subject: string, headers: string[]) =>
    item('a', [
      'From: rita@threadline.example',
      'To: grace.hopper@acme.com',
      `Subject: ${subject}`,
      'Date: Mon, 03 Mar 2025 11:00:00 +0000',
      ...headers,
    ]);

  it('joins by subject a thread the batch before opened while that batch was still being stored', async () => {
    // A client that sends no In-Reply-To: only the subject and the people tie it to the question.
    await storeOverlapping(
      grace('Renewal pricing', '<q1@acme.com>'),
      ritaReply('RE: Renewal pricing', ['Message-ID: <a1@threadline.example>']),
    );

    expect(await threadOf('<q1@acme.com>')).toBeDefined();
    expect(await threadOf('<a1@threadline.example>')).toBe(await threadOf('<q1@acme.com>'));
  });

  it('carries a deal onto a reply from the batch before, linked while the reply’s batch was being prepared', async () => {
    await storeOverlapping(
      grace('Deal DEAL-004 next steps', '<q2@acme.com>'),
      ritaReply('Re: next steps', [
        'Message-ID: <a2@threadline.example>',
        'In-Reply-To: <q2@acme.com>',
      ]),
    );

    const deals = await core.database.query<{ externalId: string; reason: string }>(
      `SELECT d.external_id AS "externalId", l.reason
       FROM message_links l JOIN messages m ON m.id = l.message_id JOIN deals d ON d.id = l.record_id
       WHERE m.message_id = $1 AND l.record_type = 'deal'`,
      ['<a2@threadline.example>'],
    );
    // Grace's own open deal (DEAL-001) would be chosen without the thread's.
    expect(deals).toEqual([{ externalId: 'DEAL-004', reason: 'deal on this thread' }]);
  });
});

describe('mergeThreads', () => {
  const read = {
    id: 't-1',
    subjectKey: 'renewal pricing',
    participants: ['a@acme.com', 'rita@threadline.example'],
    firstAt: '2025-03-01T10:00:00.000Z',
    lastAt: '2025-03-02T10:00:00.000Z',
  };

  it('joins a thread read from the store with what a later batch added to it', () => {
    const merged = mergeThreads(
      [read],
      [
        {
          id: 't-1',
          subjectKey: 'renewal pricing',
          participants: ['b@acme.com', 'rita@threadline.example'],
          firstAt: '2025-03-03T10:00:00.000Z',
          lastAt: '2025-03-03T11:00:00.000Z',
        },
      ],
    );
    expect(merged).toEqual([
      {
        ...read,
        participants: ['a@acme.com', 'rita@threadline.example', 'b@acme.com'],
        firstAt: '2025-03-01T10:00:00.000Z',
        lastAt: '2025-03-03T11:00:00.000Z',
      },
    ]);
  });

  it('keeps threads found on one side only', () => {
    const added = { ...read, id: 't-2', firstAt: null, lastAt: null };
    expect(mergeThreads([read], [added]).map((t) => t.id)).toEqual(['t-1', 't-2']);
    expect(mergeThreads([], [added])).toEqual([added]);
  });
});
