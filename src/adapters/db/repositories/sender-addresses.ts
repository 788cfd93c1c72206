import type { Queryable } from '../database.js';

/** A user's sender address as stored: the pending code's hash, or when it was verified. */
export interface SenderAddressRow {
  readonly userId: string;
  readonly address: string;
  readonly codeSha256: string | null;
  readonly codeSentAt: Date | null;
  readonly codeExpiresAt: Date | null;
  readonly attempts: number;
  readonly verifiedAt: Date | null;
}

const columns = `user_id AS "userId", address, code_sha256 AS "codeSha256",
  code_sent_at AS "codeSentAt", code_expires_at AS "codeExpiresAt", attempts,
  verified_at AS "verifiedAt"`;

export function senderAddressesRepository(db: Queryable) {
  return {
    async ofUser(userId: string): Promise<SenderAddressRow | null> {
      const [row] = await db.query<SenderAddressRow>(
        `SELECT ${columns} FROM sender_addresses WHERE user_id = $1`,
        [userId],
      );
      return row ?? null;
    },

    /** A new code replaces the one before and its failed attempts; a verified address stays so. */
    async saveCode(
      userId: string,
      address: string,
      code: { sha256: string; sentAt: Date; expiresAt: Date },
    ): Promise<void> {
      await db.query(
        `INSERT INTO sender_addresses (user_id, address, code_sha256, code_sent_at, code_expires_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (user_id) DO UPDATE
           SET address = EXCLUDED.address, code_sha256 = EXCLUDED.code_sha256,
               code_sent_at = EXCLUDED.code_sent_at, code_expires_at = EXCLUDED.code_expires_at,
               attempts = 0,
               verified_at = CASE WHEN sender_addresses.address = EXCLUDED.address
                                  THEN sender_addresses.verified_at END`,
        [userId, address, code.sha256, code.sentAt, code.expiresAt],
      );
    },

    /** Counts a wrong code; the count decides when the code stops being accepted. */
    async countAttempt(userId: string): Promise<void> {
      await db.query(`UPDATE sender_addresses SET attempts = attempts + 1 WHERE user_id = $1`, [
        userId,
      ]);
    },

    async markVerified(userId: string, at: Date): Promise<void> {
      await db.query(
        `UPDATE sender_addresses
         SET verified_at = $2, code_sha256 = NULL, code_expires_at = NULL, attempts = 0
         WHERE user_id = $1`,
        [userId, at],
      );
    },
  };
}
