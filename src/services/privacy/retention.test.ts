import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import {
  mailWithAttachment,
  openPrivacyWorld,
  type PrivacyWorld,
} from '../../../test/support/privacy-world.js';
import type { Clock } from '../../adapters/system/clock.js';
import { localOperator } from '../auth/local-operator.js';
import { applyRetention, saveRetention } from './retention.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const clock: Clock = { now: () => new Date('2025-04-15T00:00:00Z') };

const fromGrace = (id: string, date: string, content: string) =>
  mailWithAttachment({
    id: `<${id}@acme.com>`,
    from: 'grace.hopper@acme.com',
    to: 'rita@threadline.example',
    subject: `Update ${id}`,
    date,
    text: `Body of ${id}`,
    filename: `${id}.txt`,
    content,
  });

describe.each(testBackends())('retention on the %s backend', (backend) => {
  let world: PrivacyWorld;

  beforeAll(async () => {
    world = await openPrivacyWorld(backend);
    await world.importMail(
      // 95, 45 and 5 days before the clock; the last two share one attachment file.
      fromGrace('january', 'Fri, 10 Jan 2025 10:00:00 +0000', 'January figures\n'),
      fromGrace('march', 'Sat, 01 Mar 2025 10:00:00 +0000', 'Shared sheet\n'),
      fromGrace('april', 'Thu, 10 Apr 2025 10:00:00 +0000', 'Shared sheet\n'),
    );
  }, 60_000);
  afterAll(async () => {
    await world.close();
  });

  const state = () =>
    world.core.database.query<{ id: string; body: boolean; attachments: number }>(
      `SELECT m.message_id AS id, m.text_body IS NOT NULL AS body,
         (SELECT count(*)::int FROM message_attachments a WHERE a.message_id = m.id) AS attachments
       FROM messages m ORDER BY m.sent_at`,
    );
  const storedFiles = async () =>
    (await world.attachmentFiles()).map((file) => file.path.split('/').at(-1)).sort();
  const retentionAudit = () =>
    world.core.database.query<{ details: Record<string, unknown> }>(
      `SELECT details FROM audit_log WHERE action = 'privacy.retention.apply' ORDER BY id`,
    );

  it('keeps everything, and audits nothing, while no limit is set', async () => {
    const outcome = await applyRetention(world.core.database, world.core.attachments, clock);
    expect(outcome).toEqual({
      bodiesRemoved: 0,
      attachmentsRemoved: 0,
      filesRemoved: 0,
      messagesDeleted: 0,
    });
    expect(await state()).toEqual([
      { id: '<january@acme.com>', body: true, attachments: 1 },
      { id: '<march@acme.com>', body: true, attachments: 1 },
      { id: '<april@acme.com>', body: true, attachments: 1 },
    ]);
    expect(await retentionAudit()).toEqual([]);
  });

  it('removes bodies and attachments past their limits, and files no message uses any more', async () => {
    await saveRetention(world.core.database, clock, localOperator, {
      bodyDays: 60,
      attachmentDays: 30,
      keepMetadata: true,
    });
    const outcome = await applyRetention(world.core.database, world.core.attachments, clock);
    expect(outcome).toEqual({
      bodiesRemoved: 1,
      attachmentsRemoved: 2,
      filesRemoved: 1,
      messagesDeleted: 0,
    });
    expect(await state()).toEqual([
      { id: '<january@acme.com>', body: false, attachments: 0 },
      { id: '<march@acme.com>', body: true, attachments: 0 },
      { id: '<april@acme.com>', body: true, attachments: 1 },
    ]);
    // The April message still refers to the shared sheet, so its file stays.
    expect(await storedFiles()).toEqual([sha256('Shared sheet\n')]);
    const [january] = await world.core.database.query<{ html: string | null; subject: string }>(
      `SELECT html_body AS html, subject FROM messages WHERE message_id = '<january@acme.com>'`,
    );
    expect(january).toEqual({ html: null, subject: 'Update january' });
    // A removed body's words no longer find the message; its subject's still do.
    const found = (terms: string) =>
      world.core.database.query<{ id: string }>(
        `SELECT message_id AS id FROM messages WHERE search @@ $1::tsquery ORDER BY sent_at`,
        [terms],
      );
    expect(await found("'body'")).toEqual([{ id: '<march@acme.com>' }, { id: '<april@acme.com>' }]);
    expect(await found("'update' & 'january'")).toEqual([{ id: '<january@acme.com>' }]);
  });

  it('audits each run with its settings and counts', async () => {
    expect((await retentionAudit()).map((entry) => entry.details)).toEqual([
      {
        bodyDays: 60,
        attachmentDays: 30,
        keepMetadata: true,
        bodiesRemoved: 1,
        attachmentsRemoved: 2,
        filesRemoved: 1,
        messagesDeleted: 0,
      },
    ]);
  });

  it('changes nothing when run again the same day', async () => {
    const outcome = await applyRetention(world.core.database, world.core.attachments, clock);
    expect(outcome).toEqual({
      bodiesRemoved: 0,
      attachmentsRemoved: 0,
      filesRemoved: 0,
      messagesDeleted: 0,
    });
  });

  it('deletes messages past the body limit whole when metadata is not kept, and fixes their threads', async () => {
    await saveRetention(world.core.database, clock, localOperator, {
      bodyDays: 40,
      attachmentDays: null,
      keepMetadata: false,
    });
    const outcome = await applyRetention(world.core.database, world.core.attachments, clock);
    expect(outcome).toMatchObject({ messagesDeleted: 2, bodiesRemoved: 0 });
    expect((await state()).map((m) => m.id)).toEqual(['<april@acme.com>']);
    const threads = await world.core.database.query<{ firstAt: Date }>(
      'SELECT first_at AS "firstAt" FROM threads ORDER BY first_at',
    );
    expect(threads).toEqual([{ firstAt: new Date('2025-04-10T10:00:00Z') }]);
    expect(await storedFiles()).toEqual([sha256('Shared sheet\n')]);
  });
});
