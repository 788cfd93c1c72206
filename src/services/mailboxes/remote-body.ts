import type { Database } from '../../adapters/db/database.js';
import type { MailboxRow } from '../../adapters/db/repositories/mailboxes.js';
import { mailboxesRepository } from '../../adapters/db/repositories/mailboxes.js';
import { inThreadParser } from '../../adapters/mime/parse-pool.js';
import type { MailSession } from '../sync/mail-source.js';

export interface RemoteBody {
  readonly text: string | null;
  readonly html: string | null;
}

/**
 * The body of a message captured as metadata only, fetched from a mailbox
 * that holds it at the moment it is read, and kept nowhere: not in the
 * database, not in a cache.
 */
export function createRemoteBodyFetcher(deps: {
  database: Database;
  openSession: (mailbox: MailboxRow) => Promise<MailSession>;
}) {
  return async (messageId: string): Promise<RemoteBody | null> => {
    const locations = await deps.database.query<{
      mailboxId: string;
      folderPath: string;
      uid: number;
    }>(
      `SELECT l.mailbox_id AS "mailboxId", l.folder_path AS "folderPath", l.uid
       FROM message_locations l JOIN mailboxes m ON m.id = l.mailbox_id JOIN mail_folders f
         ON f.mailbox_id = l.mailbox_id AND f.path = l.folder_path AND f.uid_validity = l.uid_validity
       WHERE l.message_id = $1 AND l.deleted_at IS NULL AND m.kind = 'imap'
       ORDER BY l.mailbox_id, l.folder_path LIMIT 3`,
      [messageId],
    );
    for (const location of locations) {
      const mailbox = await mailboxesRepository(deps.database).findById(location.mailboxId);
      if (!mailbox) continue;
      const session = await deps.openSession(mailbox);
      try {
        const whole = session.fetchWhole(location.folderPath, [location.uid], {
          withoutFiles: true,
        });
        for await (const fetched of whole) {
          const { message } = await inThreadParser.parse(fetched.raw, {
            truncated: fetched.truncated,
          });
          return { text: message.text, html: message.html };
        }
      } finally {
        await session.close();
      }
    }
    return null;
  };
}
