import type { Database } from '../../adapters/db/database.js';
import { crmRecordsRepository } from '../../adapters/db/repositories/crm-records.js';
import {
  followUpsRepository,
  type FollowUpRow,
} from '../../adapters/db/repositories/follow-ups.js';
import { reviewQueueRepository } from '../../adapters/db/repositories/review-queue.js';
import { usersRepository } from '../../adapters/db/repositories/users.js';
import type { UserRow } from '../../adapters/db/repositories/users.js';
import type { Clock } from '../../adapters/system/clock.js';
import { ThreadlineError } from '../../core/errors.js';
import { linksOffTheList, type AddressedLink } from '../../core/review/address-list.js';
import { followUpState } from '../../core/review/follow-up.js';
import type { RecordKind } from '../../core/records/record-kinds.js';
import type { LinkAudit, LinkEditingService, RecordTarget } from '../links/link-editing-service.js';
import type { RulesService } from '../rules/rules-service.js';
import { readerOf } from '../mail-reads/mail-reads-service.js';
import { decodeThreadCursor, encodeThreadCursor } from '../thread-cursor.js';
import type { LiveUpdates } from '../live/live-updates.js';
import type { ActionScope, UndoService } from '../undo/undo-service.js';

/** "RE: Fwd: Renewal pricing" -> "Renewal pricing": the part a subject rule should match. */
export function subjectPattern(subject: string): string {
  return subject.replace(/^(\s*(re|fwd?|aw|wg|sv|vs)\s*(\[\d+\])?\s*:\s*)+/i, '').trim();
}

export interface IncludeInput {
  /** File the thread on this existing deal too. */
  dealId?: string | undefined;
  /** Or create a deal first and file the thread on it. */
  newDeal?:
    | { name: string; stage: string; product?: string | undefined; accountId?: string | undefined }
    | undefined;
  /** The address list as the reviewer edited it: people taken off it are unfiled. */
  addresses?: string[] | undefined;
  /** Also include the other queued threads with exactly the same addresses. */
  sameAddresses?: boolean | undefined;
}

/**
 * The review queue. Mail in a mailbox that captures by review is held:
 * its owner alone sees it, and no record's timeline shows it, until the owner
 * includes it, files it or clears the queue. Excluded mail stays held for
 * good. Filing goes through the link editing service, so a choice sticks for
 * the rest of the thread, and "file by subject" through the rules service,
 * so it applies to future mail.
 */
export function createReviewQueueService(deps: {
  database: Database;
  clock: Clock;
  links: LinkEditingService;
  rules: RulesService;
  audit: LinkAudit;
  /** Keeps File & Clear, include, exclude and refile undoable for a while. */
  undo?: Pick<UndoService, 'remember'>;
  live?: Pick<LiveUpdates, 'announce'>;
}) {
  const queue = reviewQueueRepository(deps.database);
  const followUps = followUpsRepository(deps.database);
  const records = crmRecordsRepository(deps.database);
  const users = usersRepository(deps.database);

  /** Runs a change of the user's queue as their undoable action, then tells their open pages. */
  async function undoable<Result>(
    user: UserRow,
    scope: ActionScope<Result>,
    work: () => Promise<Result>,
  ): Promise<Result> {
    const result = deps.undo ? await deps.undo.remember(user, scope, work) : await work();
    await deps.live?.announce('review', scope.threadIds ?? [], [user.id]);
    return result;
  }

  async function requireQueued(user: UserRow, threadId: string) {
    const [thread] = await queue.threads(readerOf(user), { threadId, after: null, limit: 1 });
    if (!thread) throw new ThreadlineError('NOT_FOUND', `No thread ${threadId} in your queue`);
    return thread;
  }

  async function file(user: UserRow, threadId: string, action: 'include' | 'file') {
    await queue.release(user.id, threadId);
    await queue.decide(user.id, threadId, action, deps.clock.now());
  }

  async function dealToFile(user: UserRow, input: IncludeInput, suggestedAccount: string | null) {
    if (input.dealId && input.newDeal) {
      throw new ThreadlineError('VALIDATION_FAILED', 'newDeal: give a deal or a new one, not both');
    }
    if (input.dealId) return input.dealId;
    if (!input.newDeal) return null;
    const accountId = input.newDeal.accountId ?? suggestedAccount;
    if (input.newDeal.accountId && !(await records.getRecord('account', input.newDeal.accountId))) {
      throw new ThreadlineError('NOT_FOUND', `No account with id ${input.newDeal.accountId}`);
    }
    const deal = await records.createDeal({
      name: input.newDeal.name,
      stage: input.newDeal.stage,
      product: input.newDeal.product ?? '',
      accountId,
      ownerId: user.id,
    });
    await deps.audit.record(user, 'deal.create', { type: 'deal', id: deal.id }, { ...deal });
    return deal.id;
  }

  /** Unfiles the thread from every suggested record; it stays held, shown to no one else. */
  function exclude(user: UserRow, threadId: string) {
    return undoable(
      user,
      { action: 'review.exclude', threadIds: [threadId], summary: () => 'Excluded 1 conversation' },
      () => excludeOne(user, threadId),
    );
  }

  async function excludeOne(user: UserRow, threadId: string) {
    const thread = await requireQueued(user, threadId);
    for (const link of thread.suggested) {
      await deps.links.edit(user, threadId, {
        action: 'remove',
        type: link.type as RecordKind,
        recordId: link.id,
      });
    }
    await queue.decide(user.id, threadId, 'exclude', deps.clock.now());
    return { threadId, action: 'exclude' as const };
  }

  async function includeOne(
    user: UserRow,
    threadId: string,
    input: IncludeInput,
    alsoIncluded: readonly string[],
  ) {
    const thread = await requireQueued(user, threadId);
    const suggestedAccount = thread.suggested.find((link) => link.type === 'account')?.id ?? null;
    const dealId = await dealToFile(user, input, suggestedAccount);
    if (input.addresses) {
      const addressed: AddressedLink[] = (await queue.recordAddresses(thread.suggested)).map(
        (link) => ({ ...link, type: link.type as RecordKind }),
      );
      for (const link of linksOffTheList(addressed, input.addresses)) {
        await deps.links.edit(user, threadId, {
          action: 'remove',
          type: link.type,
          recordId: link.id,
        });
      }
    }
    if (dealId) {
      await deps.links.edit(user, threadId, { action: 'add', type: 'deal', recordId: dealId });
    }
    for (const id of [threadId, ...alsoIncluded]) await file(user, id, 'include');
    const { links } = await deps.links.messages(user, threadId);
    return { threadId, action: 'include' as const, links, dealId, alsoIncluded: [...alsoIncluded] };
  }

  async function clearQueue(user: UserRow) {
    const at = deps.clock.now();
    const filed = await deps.database.transaction(async (tx) => {
      const inTx = reviewQueueRepository(tx);
      const released = await inTx.release(user.id, null);
      await inTx.clear(user.id, at);
      return released;
    });
    await deps.audit.record(user, 'review.clear', { type: 'user', id: user.id }, { filed });
    return { clearedAt: at, filed };
  }

  const viewOf = (row: FollowUpRow) => ({
    ...row,
    state: followUpState(row, deps.clock.now()),
  });

  return {
    /** `signal` aborts when the client goes away: the read stops where the store can stop it. */
    async list(
      user: UserRow,
      query: { cursor: string | null; limit: number },
      signal?: AbortSignal,
    ) {
      const reader = readerOf(user);
      const [rows, total] = await Promise.all([
        queue.threads(
          reader,
          {
            threadId: null,
            after: query.cursor === null ? null : decodeThreadCursor(query.cursor),
            limit: query.limit + 1,
          },
          signal,
        ),
        queue.threadCount(reader, signal),
      ]);
      const last = rows[query.limit - 1];
      return {
        items: rows.slice(0, query.limit).map(({ cursorAt: _cursor, ...row }) => row),
        total,
        next:
          rows.length > query.limit && last
            ? encodeThreadCursor({ at: last.cursorAt, threadId: last.threadId })
            : null,
      };
    },

    /**
     * Files the thread as suggested, minus the people taken off its address
     * list, plus a chosen or new deal; with `sameAddresses`, the other queued
     * threads with the same address list are included as they are.
     */
    async include(user: UserRow, threadId: string, input: IncludeInput) {
      const alsoIncluded = input.sameAddresses
        ? await queue.sameAddressThreads(readerOf(user), threadId)
        : [];
      return undoable(
        user,
        {
          action: 'review.include',
          threadIds: [threadId, ...alsoIncluded],
          summary: () => `Filed ${conversations(1 + alsoIncluded.length)}`,
        },
        () => includeOne(user, threadId, input, alsoIncluded),
      );
    },

    exclude,

    /** Excludes several threads; checks them all first, so a wrong id changes nothing. */
    async excludeMany(user: UserRow, threadIds: readonly string[]) {
      for (const threadId of threadIds) await requireQueued(user, threadId);
      return undoable(
        user,
        {
          action: 'review.exclude',
          threadIds,
          summary: () => `Excluded ${conversations(threadIds.length)}`,
        },
        async () => {
          for (const threadId of threadIds) await excludeOne(user, threadId);
          return { excluded: [...threadIds] };
        },
      );
    },

    /** Moves the thread from one record to another and files it. */
    async refile(user: UserRow, threadId: string, input: { from: RecordTarget; to: RecordTarget }) {
      await requireQueued(user, threadId);
      return undoable(
        user,
        {
          action: 'review.refile',
          threadIds: [threadId],
          summary: () => `Moved a conversation to a ${input.to.type} and filed it`,
        },
        async () => {
          const { links } = await deps.links.edit(user, threadId, {
            action: 'relink',
            from: input.from,
            ...input.to,
          });
          await file(user, threadId, 'include');
          return { threadId, action: 'include' as const, links };
        },
      );
    },

    /** Files the thread on the record and makes a subject rule for the user's future mail. */
    async fileBySubject(
      user: UserRow,
      threadId: string,
      input: { recordType: RecordKind; recordId: string; pattern?: string | undefined },
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
      await file(user, threadId, 'file');
      return { threadId, action: 'file' as const, rule, links };
    },

    /**
     * File & Clear: everything still in the queue is filed as suggested, with
     * the bodies and attachments the mailbox's data scope kept at capture;
     * the next scan lists only mail that arrives after now.
     */
    clear(user: UserRow) {
      return undoable(
        user,
        {
          action: 'review.clear',
          threadIds: null,
          summary: ({ filed }) =>
            `File & Clear: ${filed} ${filed === 1 ? 'message' : 'messages'} filed`,
        },
        () => clearQueue(user),
      );
    },

    /**
     * Sets a follow-up on a thread the user may see, for them or a colleague:
     * a reminder from `remindAt` until the assignee replies in the thread.
     */
    async followUp(
      user: UserRow,
      threadId: string,
      input: { remindAt: Date; assigneeId?: string | undefined; note?: string | undefined },
    ) {
      await deps.links.messages(user, threadId);
      const assigneeId = input.assigneeId ?? user.id;
      if (!(await users.findById(assigneeId))) {
        throw new ThreadlineError('NOT_FOUND', `No user with id ${assigneeId}`);
      }
      const row = await followUps.create(readerOf(user), {
        threadId,
        assigneeId,
        remindAt: input.remindAt,
        note: input.note ?? '',
        at: deps.clock.now(),
      });
      return viewOf(row);
    },

    /** Everyone a follow-up can be given to. */
    async assignees() {
      return (await users.list()).map(({ id, email, name }) => ({ id, email, name }));
    },

    async cancelFollowUp(user: UserRow, id: string) {
      const row = await followUps.cancel(readerOf(user), id, deps.clock.now());
      if (!row) throw new ThreadlineError('NOT_FOUND', `No follow-up ${id} of yours`);
      return viewOf(row);
    },

    /** The user's follow-ups, set or given, with where each stands; `state` narrows. */
    async followUps(user: UserRow, query: { state: 'due' | 'open' | 'all' }) {
      const rows = (await followUps.forUser(readerOf(user), null)).map(viewOf);
      const wanted = {
        due: ['due'],
        open: ['due', 'waiting'],
        all: ['due', 'waiting', 'replied', 'cancelled'],
      }[query.state];
      return { items: rows.filter((row) => wanted.includes(row.state)) };
    },
  };
}

export type ReviewQueueService = ReturnType<typeof createReviewQueueService>;

function conversations(count: number): string {
  return `${count} ${count === 1 ? 'conversation' : 'conversations'}`;
}
