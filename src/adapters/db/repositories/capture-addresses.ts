import type { Queryable } from '../database.js';

/** A user's capture secret as stored: its hash for look-ups, sealed for its owner to see. */
export interface CaptureSecretRow {
  readonly userId: string;
  readonly secretSealed: string;
}

export function captureAddressesRepository(db: Queryable) {
  return {
    async ofUser(userId: string): Promise<CaptureSecretRow | null> {
      const [row] = await db.query<CaptureSecretRow>(
        `SELECT user_id AS "userId", secret_sealed AS "secretSealed"
         FROM capture_addresses WHERE user_id = $1`,
        [userId],
      );
      return row ?? null;
    },

    /** Sets the user's secret, replacing (and so revoking) the one before. */
    async save(userId: string, secretSha256: string, secretSealed: string): Promise<void> {
      await db.query(
        `INSERT INTO capture_addresses (user_id, secret_sha256, secret_sealed) VALUES ($1, $2, $3)
         ON CONFLICT (user_id) DO UPDATE
           SET secret_sha256 = EXCLUDED.secret_sha256, secret_sealed = EXCLUDED.secret_sealed,
               created_at = now()`,
        [userId, secretSha256, secretSealed],
      );
    },

    /** Keeps the secret saved first when two first views race: it is the one returned. */
    async saveIfMissing(userId: string, secretSha256: string, secretSealed: string): Promise<void> {
      await db.query(
        `INSERT INTO capture_addresses (user_id, secret_sha256, secret_sealed) VALUES ($1, $2, $3)
         ON CONFLICT (user_id) DO NOTHING`,
        [userId, secretSha256, secretSealed],
      );
    },

    /** The id of the mailbox a user's captured mail is filed through, once it exists. */
    async captureMailboxId(ownerId: string): Promise<string | null> {
      const [row] = await db.query<{ id: string }>(
        `SELECT id FROM mailboxes WHERE owner_id = $1 AND kind = 'capture'`,
        [ownerId],
      );
      return row?.id ?? null;
    },

    /** The active user a secret belongs to; a deactivated user's address takes no mail. */
    async userOfSecret(secretSha256: string): Promise<string | null> {
      const [row] = await db.query<{ userId: string }>(
        `SELECT c.user_id AS "userId" FROM capture_addresses c JOIN users u ON u.id = c.user_id
         WHERE c.secret_sha256 = $1 AND u.deactivated_at IS NULL`,
        [secretSha256],
      );
      return row?.userId ?? null;
    },
  };
}
