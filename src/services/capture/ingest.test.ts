import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import { openTestApp } from '../../../test/support/test-app.js';
import { importRealisticCrm } from '../../../test/support/mail-fixtures.js';
import type { App } from '../../app/open-app.js';
import { withoutMailSource, type IngestItem } from './batch-types.js';

function item(source: string, headers: string[]): IngestItem {
  const raw = [...headers, 'Content-Type: text/plain; charset=utf-8', '', 'Thanks!', ''].join(
    '\r\n',
  );
  return { raw: new TextEncoder().encode(raw), truncated: false, source, location: null };
}

describe.each(testBackends())('the capture pipeline on the %s backend', (backend) => {
  let core: App;
  let rita: Awaited<ReturnType<App['mailboxes']['importMailboxOf']>>;

  beforeEach(async () => {
    core = await openTestApp(backend);
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
    const before = await withoutMailSource(core.ingest.prepareBatch(rita, [first]));
    const after = await withoutMailSource(
      core.ingest.prepareBatch(rita, [second], { after: before }),
    );
    const stored = await withoutMailSource(core.ingest.commitBatch(before));
    await withoutMailSource(core.ingest.commitBatch(after, { previous: stored }));
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

  it('captures a message whose subject is far larger than an index entry may be', async () => {
    const [outcome] = await core.ingest.ingestBatch(rita, [
      grace(`Renewal ${'pricing '.repeat(64_000)}`, '<huge@acme.com>'),
    ]);

    expect(outcome).toMatchObject({ status: 'captured' });
    const [thread] = await core.database.query<{ length: number }>(
      `SELECT length(t.subject_key) AS length FROM threads t
       JOIN messages m ON m.thread_id = t.id WHERE m.message_id = '<huge@acme.com>'`,
    );
    expect(thread!.length).toBeLessThanOrEqual(300);
  });

  it('keeps messages without a Message-ID apart when only their bodies differ', async () => {
    const withBody = (text: string): IngestItem => ({
      raw: new TextEncoder().encode(
        [
          'From: Grace Hopper <grace.hopper@acme.com>',
          'To: rita@threadline.example',
          'Subject: Daily figures',
          'Date: Mon, 03 Mar 2025 10:00:00 +0000',
          'Content-Type: text/plain; charset=utf-8',
          '',
          text,
          '',
        ].join('\r\n'),
      ),
      truncated: false,
      source: text,
      location: null,
    });

    const outcomes = await core.ingest.ingestBatch(rita, [
      withBody('Monday: 12 units'),
      withBody('Tuesday: 19 units'),
      withBody('Monday: 12 units'),
    ]);

    expect(outcomes.map((o) => o.status === 'quarantined' || o.duplicate)).toEqual([
      false,
      false,
      true,
    ]);
    const bodies = await core.database.query<{ text: string }>(
      `SELECT text_body AS text FROM messages WHERE subject = 'Daily figures' ORDER BY text_body`,
    );
    expect(bodies.map((b) => b.text.trim())).toEqual(['Monday: 12 units', 'Tuesday: 19 units']);
  });

  it("stores a colleague's copy with the same headers but another body as a message of its own", async () => {
    const ravi = await core.mailboxes.importMailboxOf('ravi@threadline.example');
    const copy = (text: string): IngestItem => ({
      ...grace('Renewal pricing', '<same@acme.com>'),
      raw: new TextEncoder().encode(
        new TextDecoder()
          .decode(grace('Renewal pricing', '<same@acme.com>').raw)
          .replace('Thanks!', text),
      ),
    });
    await core.ingest.ingestBatch(rita, [copy('The zebracorn discount is fine.')]);

    const [same] = await core.ingest.ingestBatch(ravi, [copy('The zebracorn discount is fine.')]);
    const [other] = await core.ingest.ingestBatch(ravi, [copy('Something else entirely.')]);

    expect(same).toMatchObject({ duplicate: true });
    expect(other).toMatchObject({ duplicate: false });
    const rows = await core.database.query<{ text: string; copies: number }>(
      `SELECT m.text_body AS text, (SELECT count(*)::int FROM message_decisions d WHERE d.message_id = m.id) AS copies
       FROM messages m WHERE m.message_id = '<same@acme.com>' ORDER BY m.text_body`,
    );
    expect(rows.map((r) => [r.text.trim(), r.copies])).toEqual([
      ['Something else entirely.', 1],
      ['The zebracorn discount is fine.', 2],
    ]);
  });

  it('fills in the body of a stored message from the first copy that captures it', async () => {
    const ravi = await core.mailboxes.importMailboxOf('ravi@threadline.example');
    await core.database.query(`UPDATE mailboxes SET data_scope = 'metadata' WHERE id = $1`, [
      rita.id,
    ]);
    const metadataOnly = await core.mailboxes.importMailboxOf('rita@threadline.example');
    expect(metadataOnly.dataScope).toBe('metadata');
    const message = grace('Volumes', '<volumes@acme.com>');
    await core.ingest.ingestBatch(metadataOnly, [message]);
    const before = await core.database.query<{ text: string | null }>(
      `SELECT text_body AS text FROM messages WHERE message_id = '<volumes@acme.com>'`,
    );
    expect(before).toEqual([{ text: null }]);

    await core.ingest.ingestBatch(ravi, [message]);

    const after = await core.database.query<{ text: string | null }>(
      `SELECT text_body AS text FROM messages WHERE message_id = '<volumes@acme.com>'`,
    );
    expect(after.map((r) => r.text?.trim())).toEqual(['Thanks!']);
  });
});
