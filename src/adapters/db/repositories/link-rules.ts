import type { RecordKind } from '../../../core/records/record-kinds.js';
import type { Queryable } from '../database.js';

export interface LinkRuleRow {
  id: string;
  kind: 'subject' | 'keyword';
  pattern: string;
  recordType: string;
  recordId: string;
  /** A rule with no owner is the organisation's. */
  scope: 'mine' | 'organisation';
  createdAt: Date;
}

const columns = `id, kind, pattern, record_type AS "recordType", record_id AS "recordId",
    CASE WHEN owner_id IS NULL THEN 'organisation' ELSE 'mine' END AS scope, created_at AS "createdAt"`;

/** "File by subject" and keyword rules, the organisation's and each user's. */
export function linkRulesRepository(db: Queryable) {
  return {
    /** The organisation's rules and the user's own, oldest first. */
    async visibleTo(userId: string): Promise<LinkRuleRow[]> {
      return db.query<LinkRuleRow>(
        `SELECT ${columns} FROM link_rules WHERE owner_id IS NULL OR owner_id = $1 ORDER BY created_at, id`,
        [userId],
      );
    },
    /** A new rule; `ownerId` null makes it the organisation's. */
    async create(rule: {
      ownerId: string | null;
      kind: 'subject' | 'keyword';
      pattern: string;
      recordType: RecordKind;
      recordId: string;
    }): Promise<LinkRuleRow> {
      const [row] = await db.query<LinkRuleRow>(
        `INSERT INTO link_rules (owner_id, kind, pattern, record_type, record_id)
         VALUES ($1, $2, $3, $4, $5) RETURNING ${columns}`,
        [rule.ownerId, rule.kind, rule.pattern, rule.recordType, rule.recordId],
      );
      return row!;
    },
    /**
     * Removes the rule if it is the user's own, or the organisation's and
     * the user is an admin; false when there was no such rule.
     */
    async remove(id: string, user: { id: string; isAdmin: boolean }): Promise<boolean> {
      const removed = await db.query(
        `DELETE FROM link_rules WHERE id = $1 AND (owner_id = $2 OR (owner_id IS NULL AND $3)) RETURNING id`,
        [id, user.id, user.isAdmin],
      );
      return removed.length > 0;
    },
  };
}
