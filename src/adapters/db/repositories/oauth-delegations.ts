import type { Queryable } from '../database.js';

/** An admin's delegation at one provider; `credential` is sealed. */
export interface OAuthDelegationRow {
  readonly provider: string;
  readonly principal: string;
  readonly credential: string;
  readonly settings: Record<string, unknown>;
  readonly updatedAt: Date;
}

const columns = `provider, principal, credential, settings, updated_at AS "updatedAt"`;

export function oauthDelegationsRepository(db: Queryable) {
  return {
    async list(): Promise<OAuthDelegationRow[]> {
      return db.query<OAuthDelegationRow>(
        `SELECT ${columns} FROM oauth_delegations ORDER BY provider`,
      );
    },
    async find(provider: string): Promise<OAuthDelegationRow | null> {
      const [row] = await db.query<OAuthDelegationRow>(
        `SELECT ${columns} FROM oauth_delegations WHERE provider = $1`,
        [provider],
      );
      return row ?? null;
    },
    async upsert(row: {
      provider: string;
      principal: string;
      credential: string;
      settings: object;
      updatedBy: string;
      at: Date;
    }): Promise<void> {
      await db.query(
        `INSERT INTO oauth_delegations (provider, principal, credential, settings, updated_at, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (provider) DO UPDATE SET principal = $2, credential = $3, settings = $4,
           updated_at = $5, updated_by = $6`,
        [row.provider, row.principal, row.credential, row.settings, row.at, row.updatedBy],
      );
    },
    async remove(provider: string): Promise<boolean> {
      const rows = await db.query<{ provider: string }>(
        'DELETE FROM oauth_delegations WHERE provider = $1 RETURNING provider',
        [provider],
      );
      return rows.length === 1;
    },
  };
}
