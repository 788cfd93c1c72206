import type { Database } from '../../adapters/db/database.js';
import { reviewQueueRepository } from '../../adapters/db/repositories/review-queue.js';
import type { UserRow } from '../../adapters/db/repositories/users.js';
import type { Clock } from '../../adapters/system/clock.js';
import { ThreadlineError } from '../../core/errors.js';
import type { RecordType } from '../../core/sharing/access.js';
import type { LinkEditingService } from '../links/link-editing-service.js';
import type { RulesService } from '../rules/rules-service.js';
import { readerOf } from '../timeline/mail-reads-service.js';
import { decodeThreadCursor, encodeThreadCursor } from '../thread-cursor.js';

/** "RE: Fwd: Renewal pricing" -> "Renewal pricing": the part a subject rule should match. */
export function subjectPattern(subject: string): string {
  return subject.replace(/^(\s*(re|fwd?|aw|wg|sv|vs)\s*(\[\d+\])?\s*:\s*)+/i, '').trim();
}

/**
 * C6, the review queue, minimal: the user's threads from mailboxes that
 * capture by review, since the last File & Clear, with the suggested filing
 * and why; include (optionally on a deal), exclude, file by subject, clear.
 * Filing goes through the link editing service, so a choice sticks for the
 * rest of the thread, and "file by subject" through the rules service, so it
 * applies to future mail.
 */
export function createReviewQueueService(deps: {
  database: Database;
  clock: Clock;
  links: LinkEditingService;
  rules: RulesService;
}) {
  const queue = reviewQueueRepository(deps.database);

  async function requireQueued(user: UserRow, threadId: string) {
    const [thread] = await queue.threads(readerOf(user), { threadId, after: null, limit: 1 });
    if (!thread) throw new ThreadlineError('NOT_FOUND', `No thread ${threadId} in your queue`);
    return thread;
  }

  return {
    async list(user: UserRow, query: { cursor: string | null; limit: number }) {
      const rows = await queue.threads(readerOf(user), {
        threadId: null,
        after: query.cursor === null ? null : decodeThreadCursor(query.cursor),
        limit: query.limit + 1,
      });
      const last = rows[query.limit - 1];
      return {
        items: rows.slice(0, query.limit).map(({ cursorAt: _cursor, ...row }) => row),
        next:
          rows.length > query.limit && last
            ? encodeThreadCursor({ at: last.cursorAt, threadId: last.threadId })
            : null,
      };
    },

    /** Keeps the suggested filing; with a deal, also files the thread on it. */
    async include(user: UserRow, threadId: string, input: { dealId?: string | undefined }) {
      await requireQueued(user, threadId);
      const links = input.dealId
        ? (
            await deps.links.edit(user, threadId, {
              action: 'add',
              type: 'deal',
              recordId: input.dealId,
            })
          ).links
        : null;
      await queue.decide(user.id, threadId, 'include', deps.clock.now());
      return { threadId, action: 'include' as const, ...(links ? { links } : {}) };
    },

    /** Unfiles the thread from every suggested record; the removals stick for the thread. */
    async exclude(user: UserRow, threadId: string) {
      const thread = await requireQueued(user, threadId);
      for (const link of thread.suggested) {
        await deps.links.edit(user, threadId, {
          action: 'remove',
          type: link.type as RecordType,
          recordId: link.id,
        });
      }
      await queue.decide(user.id, threadId, 'exclude', deps.clock.now());
      return { threadId, action: 'exclude' as const };
    },

    /** Files the thread on the record and makes a subject rule for the user's future mail. */
    async fileBySubject(
      user: UserRow,
      threadId: string,
      input: { recordType: RecordType; recordId: string; pattern?: string | undefined },
    ) {
      const thread = await requireQueued(user, threadId);
      const pattern = (input.pattern ?? subjectPattern(thread.subject)).trim();
      if (pattern.length < 2) {
        throw new ThreadlineError(
          'VALIDATION_FAILED',
          'pattern: the subject is too short for a rule',
        );
      }
      const rule = await deps.rules.create(user, {
        kind: 'subject',
        pattern,
        recordType: input.recordType,
        recordId: input.recordId,
        scope: 'mine',
      });
      const { links } = await deps.links.edit(user, threadId, {
        action: 'add',
        type: input.recordType,
        recordId: input.recordId,
      });
      await queue.decide(user.id, threadId, 'file', deps.clock.now());
      return { threadId, action: 'file' as const, rule, links };
    },

    /** Empties the queue; the next scan starts after now. Bodies are not fetched (not built yet). */
    async clear(user: UserRow) {
      const at = deps.clock.now();
      await queue.clear(user.id, at);
      return { clearedAt: at };
    },
  };
}

export type ReviewQueueService = ReturnType<typeof createReviewQueueService>;
