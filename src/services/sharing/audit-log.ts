import type { Database } from '../../adapters/db/database.js';
import { auditLogRepository, type AuditRow } from '../../adapters/db/repositories/audit-log.js';
import type { Clock } from '../../adapters/system/clock.js';

export type { AuditRow };

export interface Actor {
  readonly id: string;
  readonly email: string;
}

export type AuditAction =
  | 'message.read'
  | 'attachment.read'
  | 'messages.export'
  | 'sharing.update'
  | 'sharing.impose'
  | 'link.add'
  | 'link.remove'
  | 'link.relink'
  | 'deal.create'
  | 'review.clear'
  | 'action.undo'
  | 'user.invite'
  | 'user.update'
  | 'user.deactivate'
  | 'user.reactivate'
  | 'user.password_reset'
  | 'user.password_set'
  | 'record.create'
  | 'record.update'
  | 'record.archive'
  | 'record.merge'
  | 'lead.convert'
  | 'contact.address_book_update'
  | 'contact.address_book_overruled'
  | 'oauth_client.register'
  | 'oauth_client.remove'
  | 'oauth_delegation.register'
  | 'oauth_delegation.remove'
  | 'mailbox.connect_delegated'
  | 'sending_domain.add'
  | 'sending_domain.verified'
  | 'sending_domain.unverified'
  | 'sending_domain.remove'
  | 'settings.connection_strength'
  | 'mail.break_glass'
  | 'task.create'
  | 'task.update'
  | 'task.complete'
  | 'task.reopen'
  | 'task.delete';

/** The audit log of views and changes: append, and page through for admins. */
export function createAuditLog(database: Database, clock: Clock) {
  const log = auditLogRepository(database);
  return {
    record(
      actor: Actor,
      action: AuditAction,
      target: { type: string; id: string },
      details: Record<string, unknown> = {},
    ): Promise<void> {
      return log.append({
        actorId: actor.id,
        actorEmail: actor.email,
        action,
        targetType: target.type,
        targetId: target.id,
        details,
        at: clock.now(),
      });
    },

    /** The whole log, newest first, a page at a time so memory stays flat. */
    async *all(pageSize = 500): AsyncGenerator<AuditRow> {
      let before: number | null = null;
      for (;;) {
        const rows = await log.page({
          before,
          limit: pageSize,
          actorId: null,
          action: null,
          targetType: null,
          targetId: null,
        });
        yield* rows;
        if (rows.length < pageSize) return;
        before = rows.at(-1)!.id;
      }
    },

    /** Newest first; `next` is the cursor of the following page, null on the last one. */
    async page(query: {
      before: number | null;
      limit: number;
      actorId?: string | undefined;
      action?: string | undefined;
      targetType?: string | undefined;
      targetId?: string | undefined;
    }): Promise<{ items: AuditRow[]; next: number | null }> {
      const rows = await log.page({
        before: query.before,
        limit: query.limit + 1,
        actorId: query.actorId ?? null,
        action: query.action ?? null,
        targetType: query.targetType ?? null,
        targetId: query.targetId ?? null,
      });
      const items = rows.slice(0, query.limit);
      return { items, next: rows.length > query.limit ? (items.at(-1)?.id ?? null) : null };
    },
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;
