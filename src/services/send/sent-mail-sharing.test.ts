import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import {
  emails,
  mail,
  openSharingWorld,
  type SharingWorld,
} from '../../../test/support/sharing-world.js';

describe.each(testBackends())('mail sent from a record on the %s backend', (backend) => {
  let world: SharingWorld;
  let messageId: string;

  beforeAll(async () => {
    world = await openSharingWorld(backend);
    await world.importMail(
      'rita',
      mail({
        id: '<from-record@threadline.example>',
        from: `Rita <${emails.rita}>`,
        to: 'Grace Hopper <grace.hopper@acme.com>',
        subject: 'Renewal terms',
        date: 'Mon, 02 Mar 2026 10:00:00 +0000',
        text: 'The renewal terms are attached.',
      }),
    );
    messageId = await world.messageId('<from-record@threadline.example>');
  }, 60_000);
  afterAll(async () => {
    await world?.close();
  });

  const ravisRead = () =>
    world.app.inject({
      method: 'GET',
      url: `/api/messages/${messageId}`,
      headers: world.as('ravi'),
    });

  it('stays private while it is only mail in Rita’s private mailbox', async () => {
    expect((await ravisRead()).statusCode).toBe(404);
  });

  it('is shared with everyone who can see the record once Rita sent it from there', async () => {
    const [copy] = await world.core.database.query<{ mailboxId: string }>(
      'SELECT mailbox_id AS "mailboxId" FROM message_decisions WHERE message_id = $1',
      [messageId],
    );
    await world.core.database.query(
      `INSERT INTO outbox (sender_id, mailbox_id, message_id, record_type, record_id, message, send_at, state)
       VALUES ($1, $2, '<from-record@threadline.example>', 'contact', $3, '{}', now(), 'sent')`,
      [world.users.rita.id, copy!.mailboxId, await world.recordId('contacts', 'CON-001')],
    );
    const read = await ravisRead();
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ subject: 'Renewal terms' });
  });
});
