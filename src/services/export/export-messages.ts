import type { Database } from '../../adapters/db/database.js';
import { messageExportRepository } from '../../adapters/db/repositories/message-export.js';

/** One line of `threadline export messages --jsonl` (contracts/export.md). */
export interface ExportedMessage {
  messageId: string | null;
  threadId: string;
  captured: boolean;
  category: string;
  reasons: string[];
  links: { type: string; externalId: string | null; reason: string; confidence: number }[];
}

/**
 * Every message the system has seen, once each, in a stable order, page by
 * page so memory stays flat. `ownerId` restricts to one user's mailboxes and
 * their own decision.
 */
export async function* exportMessages(
  database: Database,
  options: { ownerId: string | null; signal?: AbortSignal },
): AsyncGenerator<ExportedMessage> {
  const repository = messageExportRepository(database);
  let afterKey = '';
  for (;;) {
    options.signal?.throwIfAborted();
    const page = await repository.page({ afterKey, limit: 1000, ownerId: options.ownerId });
    for (const row of page) {
      yield {
        messageId: row.messageId,
        threadId: row.threadId,
        captured: row.captured,
        category: row.category,
        reasons: row.reasons,
        links: row.links,
      };
    }
    if (page.length < 1000) return;
    afterKey = page[page.length - 1]!.key;
  }
}
