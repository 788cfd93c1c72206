import type { Database } from '../../adapters/db/database.js';
import type { MailboxRow } from '../../adapters/db/repositories/mailboxes.js';
import { mailboxesRepository } from '../../adapters/db/repositories/mailboxes.js';
import {
  messageVisibilityRepository,
  type ReaderParams,
} from '../../adapters/db/repositories/message-visibility.js';
import { inThreadParser } from '../../adapters/mime/parse-pool.js';
import type { MailSession } from '../sync/mail-source.js';

export interface RemoteBody {
  readonly text: string | null;
  readonly html: string | null;
}

/**
 * The body of a message captured as metadata only, fetched at the moment it
 * is read from a mailbox whose copy the reader may use (their own first),
 * and kept nowhere: not in the database, not in a cache.
 */
export function createRemoteBodyFetcher(deps: {
  database: Database;
  openSession: (mailbox: MailboxRow) => Promise<MailSession>;
}) {
  return async (reader: ReaderParams, messageId: string): Promise<RemoteBody | null> => {
    const locations = await messageVisibilityRepository(deps.database).readableLocations(
      reader,
      messageId,
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
