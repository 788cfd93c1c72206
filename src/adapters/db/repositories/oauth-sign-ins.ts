import type { Queryable } from '../database.js';

/** A sign-in on its way through the provider; `codeVerifier` is sealed. */
export interface OAuthSignInRow {
  readonly state: string;
  readonly userId: string;
  readonly provider: string;
  /** The mailbox signed in again, or null for a new one. */
  readonly mailboxId: string | null;
  readonly label: string | null;
  readonly redirectUri: string;
  readonly codeVerifier: string;
  readonly expiresAt: Date;
}

export function oauthSignInsRepository(db: Queryable) {
  return {
    async insert(row: OAuthSignInRow): Promise<void> {
      await db.query(
        `INSERT INTO oauth_sign_ins (state, user_id, provider, mailbox_id, label, redirect_uri,
           code_verifier, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          row.state,
          row.userId,
          row.provider,
          row.mailboxId,
          row.label,
          row.redirectUri,
          row.codeVerifier,
          row.expiresAt,
        ],
      );
    },
    /** The sign-in of `state`, removed so a replayed callback finds nothing. */
    async take(state: string): Promise<OAuthSignInRow | null> {
      const [row] = await db.query<OAuthSignInRow>(
        `DELETE FROM oauth_sign_ins WHERE state = $1
         RETURNING state, user_id AS "userId", provider, mailbox_id AS "mailboxId", label,
           redirect_uri AS "redirectUri", code_verifier AS "codeVerifier", expires_at AS "expiresAt"`,
        [state],
      );
      return row ?? null;
    },
    async deleteExpired(now: Date): Promise<void> {
      await db.query('DELETE FROM oauth_sign_ins WHERE expires_at < $1', [now]);
    },
  };
}
