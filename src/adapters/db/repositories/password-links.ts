import type { Queryable } from '../database.js';

export type PasswordLinkPurpose = 'invitation' | 'reset';

export interface PasswordLinkRow {
  userId: string;
  purpose: PasswordLinkPurpose;
  expiresAt: Date;
  usedAt: Date | null;
}

/** One-time links to set a password, kept only as the hash of their token. */
export function passwordLinksRepository(db: Queryable) {
  return {
    /** Drops the user's unused link, so only the newest one works. */
    async dropUnusedOf(userId: string): Promise<void> {
      await db.query('DELETE FROM password_links WHERE user_id = $1 AND used_at IS NULL', [userId]);
    },
    async create(link: {
      tokenHash: string;
      userId: string;
      purpose: PasswordLinkPurpose;
      expiresAt: Date;
    }): Promise<void> {
      await db.query(
        `INSERT INTO password_links (token_hash, user_id, purpose, expires_at)
         VALUES ($1, $2, $3, $4)`,
        [link.tokenHash, link.userId, link.purpose, link.expiresAt],
      );
    },
    /** The link, locked until the transaction ends so two uses of it cannot both pass. */
    async lock(tokenHash: string): Promise<PasswordLinkRow | null> {
      const [row] = await db.query<PasswordLinkRow>(
        `SELECT user_id AS "userId", purpose, expires_at AS "expiresAt", used_at AS "usedAt"
         FROM password_links WHERE token_hash = $1 FOR UPDATE`,
        [tokenHash],
      );
      return row ?? null;
    },
    async markUsed(tokenHash: string, at: Date): Promise<void> {
      await db.query('UPDATE password_links SET used_at = $2 WHERE token_hash = $1', [
        tokenHash,
        at,
      ]);
    },
  };
}
