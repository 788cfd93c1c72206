import type { RecordVerdict } from '../../../core/sending-domains/domain-records.js';
import type { Queryable } from '../database.js';

/** A sending domain as stored; `privateKey` is sealed. */
export interface SendingDomainRow {
  readonly id: string;
  readonly domain: string;
  readonly selector: string;
  readonly privateKey: string;
  readonly publicKey: string;
  readonly createdAt: Date;
  readonly checkedAt: Date | null;
  readonly verdicts: RecordVerdict[];
  readonly verifiedAt: Date | null;
}

const columns = `id, domain, selector, private_key AS "privateKey", public_key AS "publicKey",
  created_at AS "createdAt", checked_at AS "checkedAt", verdicts, verified_at AS "verifiedAt"`;

export function sendingDomainsRepository(db: Queryable) {
  return {
    async list(): Promise<SendingDomainRow[]> {
      return db.query<SendingDomainRow>(`SELECT ${columns} FROM sending_domains ORDER BY domain`);
    },

    async find(id: string): Promise<SendingDomainRow | null> {
      const [row] = await db.query<SendingDomainRow>(
        `SELECT ${columns} FROM sending_domains WHERE id = $1`,
        [id],
      );
      return row ?? null;
    },

    /** The verified domain that signs mail from `domain`, if any. */
    async verifiedFor(domain: string): Promise<SendingDomainRow | null> {
      const [row] = await db.query<SendingDomainRow>(
        `SELECT ${columns} FROM sending_domains WHERE domain = $1 AND verified_at IS NOT NULL`,
        [domain],
      );
      return row ?? null;
    },

    /** Null when the domain is there already. */
    async add(row: {
      domain: string;
      selector: string;
      privateKey: string;
      publicKey: string;
      createdBy: string;
      at: Date;
    }): Promise<SendingDomainRow | null> {
      const [added] = await db.query<SendingDomainRow>(
        `INSERT INTO sending_domains (domain, selector, private_key, public_key, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (domain) DO NOTHING
         RETURNING ${columns}`,
        [row.domain, row.selector, row.privateKey, row.publicKey, row.createdBy, row.at],
      );
      return added ?? null;
    },

    /** Keeps the check's verdicts; the domain signs from now on only if `verified`. */
    async recordCheck(
      id: string,
      verdicts: readonly RecordVerdict[],
      verified: boolean,
      at: Date,
    ): Promise<SendingDomainRow | null> {
      const [row] = await db.query<SendingDomainRow>(
        `UPDATE sending_domains SET checked_at = $3, verdicts = $2::jsonb,
           verified_at = CASE WHEN $4::boolean THEN COALESCE(verified_at, $3) END
         WHERE id = $1
         RETURNING ${columns}`,
        [id, JSON.stringify(verdicts), at, verified],
      );
      return row ?? null;
    },

    async remove(id: string): Promise<boolean> {
      const rows = await db.query(`DELETE FROM sending_domains WHERE id = $1 RETURNING id`, [id]);
      return rows.length > 0;
    },
  };
}
