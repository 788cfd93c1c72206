import type { RecordKind } from '../../../core/records/record-kinds.js';
import type { SharingMode } from '../../../core/sharing/access.js';
import type { Queryable } from '../database.js';

export interface SharingSettingsRow {
  mode: SharingMode;
  excludedDomains: string[];
  imposedByAdmin: boolean;
}

export interface RecordShareRow {
  recordType: RecordKind;
  recordId: string;
  userId: string;
}

/** Users' sharing settings and the shares custom mode is made of. */
export function sharingRepository(db: Queryable) {
  return {
    async settingsOf(userId: string): Promise<SharingSettingsRow | null> {
      const [row] = await db.query<SharingSettingsRow>(
        `SELECT mode, excluded_domains AS "excludedDomains", imposed_by_admin AS "imposedByAdmin"
         FROM sharing_settings WHERE user_id = $1`,
        [userId],
      );
      return row ?? null;
    },

    async saveSettings(userId: string, settings: SharingSettingsRow, at: Date): Promise<void> {
      await db.query(
        `INSERT INTO sharing_settings (user_id, mode, excluded_domains, imposed_by_admin, updated_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (user_id) DO UPDATE SET mode = EXCLUDED.mode,
           excluded_domains = EXCLUDED.excluded_domains,
           imposed_by_admin = EXCLUDED.imposed_by_admin, updated_at = EXCLUDED.updated_at`,
        [userId, settings.mode, settings.excludedDomains, settings.imposedByAdmin, at],
      );
    },

    /** Every user but `userId`, by e-mail: whom they could share with. */
    async usersOtherThan(userId: string): Promise<{ id: string; email: string; name: string }[]> {
      return db.query(`SELECT id, email, name FROM users WHERE id <> $1 ORDER BY email`, [userId]);
    },

    async namedSharesOf(ownerId: string): Promise<{ id: string; email: string; name: string }[]> {
      return db.query(
        `SELECT u.id, u.email, u.name FROM user_shares us JOIN users u ON u.id = us.user_id
         WHERE us.owner_id = $1 ORDER BY u.email`,
        [ownerId],
      );
    },

    /** Replaces the owner's named shares with `userIds`. */
    async replaceNamedShares(ownerId: string, userIds: readonly string[]): Promise<void> {
      await db.query(
        `WITH wanted AS (SELECT DISTINCT unnest($2::uuid[]) AS user_id),
         dropped AS (
           DELETE FROM user_shares us WHERE us.owner_id = $1
             AND us.user_id NOT IN (SELECT user_id FROM wanted))
         INSERT INTO user_shares (owner_id, user_id) SELECT $1, user_id FROM wanted
         ON CONFLICT DO NOTHING`,
        [ownerId, [...userIds]],
      );
    },

    async recordSharesOf(ownerId: string): Promise<RecordShareRow[]> {
      return db.query(
        `SELECT record_type AS "recordType", record_id AS "recordId", user_id AS "userId"
         FROM record_shares WHERE owner_id = $1 ORDER BY record_type, record_id, user_id`,
        [ownerId],
      );
    },

    /** Replaces the owner's record shares with `shares`. */
    async replaceRecordShares(ownerId: string, shares: readonly RecordShareRow[]): Promise<void> {
      await db.query(
        `WITH wanted AS (
           SELECT DISTINCT r."recordType" AS record_type, r."recordId" AS record_id, r."userId" AS user_id
           FROM jsonb_to_recordset($2::jsonb) AS r("recordType" text, "recordId" uuid, "userId" uuid)),
         dropped AS (
           DELETE FROM record_shares rs WHERE rs.owner_id = $1 AND NOT EXISTS (
             SELECT 1 FROM wanted w WHERE w.record_type = rs.record_type
               AND w.record_id = rs.record_id AND w.user_id = rs.user_id))
         INSERT INTO record_shares (owner_id, record_type, record_id, user_id)
         SELECT $1, record_type, record_id, user_id FROM wanted
         ON CONFLICT DO NOTHING`,
        [ownerId, JSON.stringify(shares)],
      );
    },

    /** Which of `ids` are existing users. */
    async existingUserIds(ids: readonly string[]): Promise<string[]> {
      const rows = await db.query<{ id: string }>(
        'SELECT id FROM users WHERE id = ANY($1::uuid[])',
        [[...ids]],
      );
      return rows.map((row) => row.id);
    },
  };
}
