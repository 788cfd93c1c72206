import type { Database } from '../../adapters/db/database.js';
import { crmRecordsRepository } from '../../adapters/db/repositories/crm-records.js';
import { threadLinksRepository } from '../../adapters/db/repositories/thread-links.js';
import type { UserRow } from '../../adapters/db/repositories/users.js';
import type { Clock } from '../../adapters/system/clock.js';
import { ThreadlineError } from '../../core/errors.js';
import type { RecordKind } from '../../core/records/record-kinds.js';
import type { Actor } from '../sharing/audit-log.js';
import { readerOf } from '../mail-reads/mail-reads-service.js';
import type { LiveUpdates } from '../live/live-updates.js';
import type { UndoService } from '../undo/undo-service.js';

export interface RecordTarget {
  type: RecordKind;
  recordId: string;
}

/** A hand edit of a thread's links: add, remove, or move from one record to another. */
export type LinkEdit =
  | ({ action: 'add' } & RecordTarget)
  | ({ action: 'remove' } & RecordTarget)
  | ({ action: 'relink'; from: RecordTarget } & RecordTarget);

/** The slice of the audit log link edits write to. */
export interface LinkAudit {
  record(
    actor: Actor,
    action: string,
    target: { type: string; id: string },
    details?: Record<string, unknown>,
  ): Promise<void>;
}

/**
 * Changing by hand which records a conversation is filed on. Each edit is
 * kept as a thread override, so mail that arrives later in the thread
 * follows it, and is applied at once to the thread's captured messages that
 * the user may see, never to the others. Only someone who may see the
 * thread may edit it; to anyone else it does not exist.
 */
export function createLinkEditingService(deps: {
  database: Database;
  clock: Clock;
  audit: LinkAudit;
  /** Keeps each edit undoable for a while. */
  undo?: Pick<UndoService, 'remember'>;
  live?: Pick<LiveUpdates, 'announce'>;
}) {
  const threads = threadLinksRepository(deps.database);
  const records = crmRecordsRepository(deps.database);

  async function requireVisibleThread(user: UserRow, threadId: string) {
    if (!(await threads.threadVisible(readerOf(user), threadId))) {
      throw new ThreadlineError('NOT_FOUND', `No thread ${threadId}`);
    }
  }

  return {
    /** The thread's messages the user may see, oldest first, with their links. */
    async messages(user: UserRow, threadId: string) {
      await requireVisibleThread(user, threadId);
      const reader = readerOf(user);
      const [messages, links] = await Promise.all([
        threads.visibleMessages(reader, threadId),
        threads.visibleLinks(reader, threadId),
      ]);
      return { threadId, links, messages };
    },

    async edit(user: UserRow, threadId: string, edit: LinkEdit) {
      const work = () => applyEdit(user, threadId, edit);
      if (!deps.undo) return work();
      return deps.undo.remember(
        user,
        { action: `link.${edit.action}`, threadIds: [threadId], summary: () => editSummary(edit) },
        work,
      );
    },
  };

  async function applyEdit(user: UserRow, threadId: string, edit: LinkEdit) {
    await requireVisibleThread(user, threadId);
    if (edit.action !== 'remove' && !(await records.recordExists(edit.type, edit.recordId))) {
      throw new ThreadlineError('NOT_FOUND', `No ${edit.type} with id ${edit.recordId}`);
    }
    const at = deps.clock.now();
    const reason = `added by ${user.email}`;
    const target: RecordTarget = { type: edit.type, recordId: edit.recordId };
    const removal = edit.action === 'relink' ? edit.from : edit.action === 'remove' ? target : null;
    const addition = edit.action === 'remove' ? null : target;
    if (
      removal &&
      addition &&
      removal.type === addition.type &&
      removal.recordId === addition.recordId
    ) {
      throw new ThreadlineError('VALIDATION_FAILED', 'from: relink to a different record');
    }
    const reader = readerOf(user);
    const changed = await deps.database.transaction(async (tx) => {
      const inTx = threadLinksRepository(tx);
      let removed = 0;
      let added = 0;
      if (removal) {
        await inTx.saveOverride(reader, { threadId, ...removal, action: 'remove', at });
        removed = await inTx.unlinkThread(reader, { threadId, ...removal });
      }
      if (addition) {
        await inTx.saveOverride(reader, { threadId, ...addition, action: 'add', at });
        added = await inTx.linkThread(reader, { threadId, ...addition, reason });
      }
      return { removed, added };
    });
    // After the commit: the embedded store has one connection, which the transaction holds.
    await deps.audit.record(
      { id: user.id, email: user.email },
      `link.${edit.action}`,
      { type: 'thread', id: threadId },
      {
        ...(removal ? { removed: { type: removal.type, id: removal.recordId } } : {}),
        ...(addition ? { added: { type: addition.type, id: addition.recordId } } : {}),
        messagesChanged: changed.removed + changed.added,
      },
    );
    await deps.live?.announce('links', [threadId]);
    return { threadId, links: await threads.visibleLinks(readerOf(user), threadId) };
  }
}

export type LinkEditingService = ReturnType<typeof createLinkEditingService>;

function editSummary(edit: LinkEdit): string {
  if (edit.action === 'add') return `Filed a conversation on a ${edit.type}`;
  if (edit.action === 'remove') return `Unlinked a conversation from a ${edit.type}`;
  return `Moved a conversation from a ${edit.from.type} to a ${edit.type}`;
}
