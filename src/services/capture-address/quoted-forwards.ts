import type { Database } from '../../adapters/db/database.js';
import { forwardOriginalsRepository } from '../../adapters/db/repositories/forward-originals.js';
import type { MailboxRow } from '../../adapters/db/repositories/mailboxes.js';
import {
  forwardQuotes,
  quotingForwardsQuery,
  type QuotableMessage,
} from '../../core/capture-address/forward-original.js';
import { tidyThreads } from '../privacy/stored-mail.js';

/**
 * When a message reaches one of its owner's mailboxes after the owner
 * forwarded it inline to their capture address, the message rebuilt from
 * the forward goes from the capture mailbox (and from the store, when no
 * other mailbox files it): the message is stored once, as it came, the same
 * end as when the forward comes second and files nothing. Returns how many
 * forwards went.
 */
export async function releaseQuotedForwards(
  database: Database,
  mailbox: Pick<MailboxRow, 'ownerId'>,
  originals: readonly QuotableMessage[],
): Promise<number> {
  const query = quotingForwardsQuery(originals);
  if (!query) return 0;
  const stored = await forwardOriginalsRepository(database).quotingForwards(mailbox.ownerId, query);
  const quoting = stored.filter((forward) => originals.some((o) => forwardQuotes(forward, o)));
  if (quoting.length === 0) return 0;
  await database.transaction(async (tx) => {
    const forwards = forwardOriginalsRepository(tx);
    await forwards.forgetFilings(quoting);
    await tidyThreads(tx, await forwards.deleteUnfiled(quoting.map((f) => f.id)));
  });
  return quoting.length;
}
