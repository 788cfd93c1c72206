import type { Queryable } from '../database.js';

export interface BreakGlassGrantRow {
  id: string;
  adminEmail: string;
  ownerId: string;
  messageId: string | null;
  subject: string | null;
  wholeMailbox: boolean;
  reason: string;
  grantedAt: Date;
  expiresAt: Date;
}

const columns = `g.id, g.admin_email AS "adminEmail", g.owner_id AS "ownerId", g.message_id AS "messageId",
  m.subject, g.whole_mailbox AS "wholeMailbox", g.reason, g.granted_at AS "grantedAt",
  g.expires_at AS "expiresAt"`;

/** Admins' time-limited reads of one user's private mail (`messageVisibleTo` honours them). */
export function breakGlassGrantsRepository(db: Queryable) {
  return {
    async insert(grant: {
      adminId: string;
      adminEmail: string;
      ownerId: string;
      messageId: string | null;
      reason: string;
      grantedAt: Date;
      expiresAt: Date;
    }): Promise<BreakGlassGrantRow> {
      const [row] = await db.query<BreakGlassGrantRow>(
        `WITH g AS (
           INSERT INTO break_glass_grants (admin_id, admin_email, owner_id, message_id, whole_mailbox,
             reason, granted_at, expires_at)
           VALUES ($1, $2, $3, $4, $4::uuid IS NULL, $5, $6, $7) RETURNING *)
         SELECT ${columns} FROM g LEFT JOIN messages m ON m.id = g.message_id`,
        [
          grant.adminId,
          grant.adminEmail,
          grant.ownerId,
          grant.messageId,
          grant.reason,
          grant.grantedAt,
          grant.expiresAt,
        ],
      );
      return row!;
    },

    /** Every grant on the owner's mail, newest first. */
    listForOwner: (ownerId: string, limit: number) =>
      db.query<BreakGlassGrantRow>(
        `SELECT ${columns} FROM break_glass_grants g LEFT JOIN messages m ON m.id = g.message_id
         WHERE g.owner_id = $1 ORDER BY g.granted_at DESC, g.id LIMIT $2`,
        [ownerId, limit],
      ),

    /** Whether a mailbox of the owner holds the message. */
    async ownerHolds(ownerId: string, messageId: string): Promise<boolean> {
      const rows = await db.query(
        `SELECT 1 FROM message_decisions d JOIN mailboxes mb ON mb.id = d.mailbox_id
         WHERE d.message_id = $1 AND mb.owner_id = $2 LIMIT 1`,
        [messageId, ownerId],
      );
      return rows.length > 0;
    },
  };
}
