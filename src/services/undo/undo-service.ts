import { AsyncLocalStorage } from 'node:async_hooks';
import type { Database } from '../../adapters/db/database.js';
import {
  undoableActionsRepository,
  undoSnapshotsRepository,
  type UndoableActionRow,
} from '../../adapters/db/repositories/undo-snapshots.js';
import type { Clock } from '../../adapters/system/clock.js';
import { ThreadlineError } from '../../core/errors.js';
import type { AuditLog } from '../sharing/audit-log.js';
import type { LiveUpdates } from '../live/live-updates.js';

/** How long a user's last action may be undone. */
export const undoWindowMs = 5 * 60_000;

export interface UndoableAction extends UndoableActionRow {
  undoableUntil: Date;
}

/** What an action is about: a few threads, or (null) the user's whole review queue. */
export interface ActionScope<Result> {
  action: string;
  threadIds: readonly string[] | null;
  /** The action in words, once it is done. */
  summary: (result: Result) => string;
}

/**
 * Undo of a user's last action on their mail: File & Clear, exclude,
 * unlink, relink, include. Before the action, what it may change is kept
 * (`undoSnapshotsRepository`); undoing puts that back. An action made
 * inside another (an exclude unlinking each suggested record) is part of
 * the outer one and is undone with it.
 */
export function createUndoService(deps: {
  database: Database;
  clock: Clock;
  audit: Pick<AuditLog, 'record'>;
  live?: Pick<LiveUpdates, 'announce'>;
}) {
  const actions = undoableActionsRepository(deps.database);
  const inside = new AsyncLocalStorage<true>();

  const shown = (row: UndoableActionRow): UndoableAction => ({
    ...row,
    undoableUntil: new Date(row.createdAt.getTime() + undoWindowMs),
  });
  const windowStart = () => new Date(deps.clock.now().getTime() - undoWindowMs);

  return {
    /** Runs `work` as the user's undoable action. */
    async remember<Result>(
      user: { id: string },
      scope: ActionScope<Result>,
      work: () => Promise<Result>,
    ): Promise<Result> {
      if (inside.getStore()) return work();
      const snapshot = await undoSnapshotsRepository(deps.database).capture(
        user.id,
        scope.threadIds,
      );
      const result = await inside.run(true, work);
      await actions.prune(windowStart());
      await actions.add({
        userId: user.id,
        action: scope.action,
        summary: scope.summary(result),
        snapshot,
        at: deps.clock.now(),
      });
      await deps.live?.announce('undo', [], [user.id]);
      return result;
    },

    /** The user's last action, while it may still be undone. */
    async last(user: { id: string }): Promise<UndoableAction | null> {
      const row = await actions.last(user.id, windowStart());
      return row ? shown(row) : null;
    },

    /** Undoes the user's last action; NOT_FOUND when there is none left to undo. */
    async undoLast(user: { id: string; email: string }): Promise<UndoableAction> {
      const row = await actions.last(user.id, windowStart());
      if (!row) {
        throw new ThreadlineError(
          'NOT_FOUND',
          'Nothing to undo: your last action was undone already or is more than five minutes old',
        );
      }
      const restored = await deps.database.transaction(async (tx) => {
        const snapshot = await undoableActionsRepository(tx).markUndone(row.id, deps.clock.now());
        if (snapshot) await undoSnapshotsRepository(tx).restore(user.id, snapshot);
        return snapshot;
      });
      if (!restored) throw new ThreadlineError('NOT_FOUND', 'This action was undone already');
      await deps.audit.record(
        user,
        'action.undo',
        { type: 'user', id: user.id },
        {
          action: row.action,
          summary: row.summary,
          threads: restored.threadIds?.length ?? 'review queue',
        },
      );
      await deps.live?.announce('links', restored.threadIds ?? []);
      await deps.live?.announce('review', restored.threadIds ?? [], [user.id]);
      await deps.live?.announce('undo', [], [user.id]);
      return shown(row);
    },
  };
}

export type UndoService = ReturnType<typeof createUndoService>;
