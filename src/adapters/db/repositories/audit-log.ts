import type { Queryable } from '../database.js';

export interface AuditEntry {
  actorId: string | null;
  actorEmail: string;
  action: string;
  targetType: string;
  targetId: string;
  details: Record<string, unknown>;
  at: Date;
}

export interface AuditRow extends AuditEntry {
  id: number;
}

export function auditLogRepository(db: Queryable) {
  return {
    async append(entry: AuditEntry): Promise<void> {
      await db.query(
        `INSERT INTO audit_log (actor_id, actor_email, action, target_type, target_id, details, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          entry.actorId,
          entry.actorEmail,
          entry.action,
          entry.targetType,
          entry.targetId,
          JSON.stringify(entry.details),
          entry.at,
        ],
      );
    },

    /** Newest first, `limit` entries older than the entry `before` (keyset on the id). */
    async page(query: {
      before: number | null;
      limit: number;
      actorId: string | null;
      action: string | null;
      targetType: string | null;
      targetId: string | null;
    }): Promise<AuditRow[]> {
      return db.query<AuditRow>(
        `SELECT id, actor_id AS "actorId", actor_email AS "actorEmail", action,
           target_type AS "targetType", target_id AS "targetId", details, at
         FROM audit_log
         WHERE ($1::bigint IS NULL OR id < $1)
           AND ($2::uuid IS NULL OR actor_id = $2)
           AND ($3::text IS NULL OR action = $3)
           AND ($4::text IS NULL OR target_type = $4)
           AND ($5::text IS NULL OR target_id = $5)
         ORDER BY id DESC
         LIMIT $6`,
        [query.before, query.actorId, query.action, query.targetType, query.targetId, query.limit],
      );
    },
  };
}
