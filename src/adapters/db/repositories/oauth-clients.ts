import type { Queryable } from '../database.js';

/** The organisation's client at one provider; `clientSecret` is sealed. */
export interface OAuthClientRow {
  readonly provider: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly settings: Record<string, unknown>;
  readonly updatedAt: Date;
}

const columns = `provider, client_id AS "clientId", client_secret AS "clientSecret", settings,
  updated_at AS "updatedAt"`;

export function oauthClientsRepository(db: Queryable) {
  return {
    async list(): Promise<OAuthClientRow[]> {
      return db.query<OAuthClientRow>(`SELECT ${columns} FROM oauth_clients ORDER BY provider`);
    },
    async find(provider: string): Promise<OAuthClientRow | null> {
      const [row] = await db.query<OAuthClientRow>(
        `SELECT ${columns} FROM oauth_clients WHERE provider = $1`,
        [provider],
      );
      return row ?? null;
    },
    async upsert(row: {
      provider: string;
      clientId: string;
      clientSecret: string;
      settings: object;
      updatedBy: string;
      at: Date;
    }): Promise<void> {
      await db.query(
        `INSERT INTO oauth_clients (provider, client_id, client_secret, settings, updated_at, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (provider) DO UPDATE SET client_id = $2, client_secret = $3, settings = $4,
           updated_at = $5, updated_by = $6`,
        [row.provider, row.clientId, row.clientSecret, row.settings, row.at, row.updatedBy],
      );
    },
    async remove(provider: string): Promise<boolean> {
      const rows = await db.query<{ provider: string }>(
        'DELETE FROM oauth_clients WHERE provider = $1 RETURNING provider',
        [provider],
      );
      return rows.length === 1;
    },
  };
}
