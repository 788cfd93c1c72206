import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openTestDatabase,
  testBackends,
  type TestDatabase,
} from '../../../../test/support/test-database.js';
import { messageVisibilityRepository } from './message-visibility.js';

describe.each(testBackends())('where a body may be fetched from, on the %s backend', (backend) => {
  let handle: TestDatabase;
  let ada: { id: string; mailboxId: string };
  let ben: { id: string; mailboxId: string };
  let messageId: string;

  const user = async (email: string) => {
    const [row] = await handle.database.query<{ id: string; mailboxId: string }>(
      `WITH u AS (INSERT INTO users (email, role) VALUES ($1, 'rep') RETURNING id),
       mb AS (INSERT INTO mailboxes (owner_id, label, kind, data_scope)
              SELECT id, 'work', 'imap', 'metadata' FROM u RETURNING id, owner_id)
       INSERT INTO mail_folders (mailbox_id, path, uid_validity) SELECT id, 'INBOX', 7 FROM mb
       RETURNING (SELECT owner_id FROM mb) AS id, mailbox_id AS "mailboxId"`,
      [email],
    );
    return row!;
  };
  const reader = (who: { id: string }, email: string) => ({
    id: who.id,
    isAdmin: false,
    addresses: [email],
  });

  beforeAll(async () => {
    handle = await openTestDatabase(backend);
    ada = await user('ada@threadline.example');
    ben = await user('ben@threadline.example');
    const [message] = await handle.database.query<{ id: string }>(
      `INSERT INTO messages (message_key, message_id, thread_id, subject, envelope, size, category, captured, participants)
       VALUES ('<m@x> 00', '<m@x>', 't', 'Volumes', '{}', 1, 'human', true,
         ARRAY['ada@threadline.example', 'ben@threadline.example'])
       RETURNING id`,
    );
    messageId = message!.id;
    for (const [owner, uid] of [
      [ada, 1],
      [ben, 2],
    ] as const) {
      await handle.database.query(
        `INSERT INTO message_decisions (message_id, mailbox_id, captured, category, reasons)
         VALUES ($1, $2, true, 'human', '[]')`,
        [messageId, owner.mailboxId],
      );
      await handle.database.query(
        `INSERT INTO message_locations (mailbox_id, folder_path, uid_validity, uid, message_id)
         VALUES ($1, 'INBOX', 7, $2, $3)`,
        [owner.mailboxId, uid, messageId],
      );
    }
  });
  afterAll(async () => {
    await handle.drop();
  });

  it("gives the reader's own copy first", async () => {
    const repo = messageVisibilityRepository(handle.database);
    const found = await repo.readableLocations(reader(ada, 'ada@threadline.example'), messageId);
    expect(found).toEqual([{ mailboxId: ada.mailboxId, folderPath: 'INBOX', uid: 1 }]);
  });

  it("never falls back to a colleague's private mailbox once the reader's own copy is gone", async () => {
    await handle.database.query(
      `UPDATE message_locations SET deleted_at = now() WHERE mailbox_id = $1`,
      [ada.mailboxId],
    );
    const repo = messageVisibilityRepository(handle.database);

    expect(await repo.readableLocations(reader(ada, 'ada@threadline.example'), messageId)).toEqual(
      [],
    );

    await handle.database.query(
      `INSERT INTO sharing_settings (user_id, mode) VALUES ($1, 'public')`,
      [ben.id],
    );
    expect(await repo.readableLocations(reader(ada, 'ada@threadline.example'), messageId)).toEqual([
      { mailboxId: ben.mailboxId, folderPath: 'INBOX', uid: 2 },
    ]);
  });
});
