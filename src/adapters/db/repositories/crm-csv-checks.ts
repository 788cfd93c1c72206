import type { Queryable } from '../database.js';

/** The records whose links form a hierarchy: users by manager, accounts by parent. */
export type HierarchyKind = 'user' | 'account';

const hierarchies = {
  user: { table: 'users', key: 'email', link: 'manager_id' },
  account: { table: 'accounts', key: 'external_id', link: 'parent_id' },
} as const;

/**
 * The stored facts a CRM import checks a file against before writing: who
 * already holds an address or a domain, who is admin, and the hierarchies a
 * new link could close into a cycle.
 */
export function crmCsvCheckQueries(db: Queryable) {
  return {
    /**
     * The stored link of each of `keys` and of every record above them, up
     * to the top: enough to follow any chain that starts at one of `keys`.
     */
    async storedChains(
      kind: HierarchyKind,
      keys: string[],
    ): Promise<{ key: string; parent: string | null }[]> {
      const { table, key, link } = hierarchies[kind];
      // UNION, not UNION ALL: a cycle already stored ends the walk instead of looping.
      return db.query(
        `WITH RECURSIVE chain(id, key, parent_id) AS (
           SELECT id, ${key}, ${link} FROM ${table} WHERE ${key} = ANY($1::text[])
           UNION
           SELECT t.id, t.${key}, t.${link} FROM ${table} t JOIN chain c ON t.id = c.parent_id
         )
         SELECT c.key, p.${key} AS parent FROM chain c LEFT JOIN ${table} p ON p.id = c.parent_id
         WHERE c.key IS NOT NULL`,
        [keys],
      );
    },

    async adminEmails(): Promise<string[]> {
      const rows = await db.query<{ email: string }>(
        `SELECT email FROM users WHERE role = 'admin'`,
      );
      return rows.map((row) => row.email);
    },

    /** The contacts and leads that hold any of `addresses`. */
    async customerAddressHolders(
      addresses: string[],
    ): Promise<{ address: string; kind: 'contact' | 'lead'; externalId: string }[]> {
      return db.query(
        `SELECT e.address, 'contact' AS kind, coalesce(c.external_id, '') AS "externalId"
         FROM contact_emails e JOIN contacts c ON c.id = e.contact_id WHERE e.address = ANY($1::text[])
         UNION ALL
         SELECT e.address, 'lead', coalesce(l.external_id, '')
         FROM lead_emails e JOIN leads l ON l.id = e.lead_id WHERE e.address = ANY($1::text[])`,
        [addresses],
      );
    },

    /** The accounts that list any of `domains`. */
    async domainHolders(
      domains: string[],
    ): Promise<{ domain: string; externalId: string; name: string }[]> {
      return db.query(
        `SELECT d.domain, coalesce(a.external_id, '') AS "externalId", a.name
         FROM account_domains d JOIN accounts a ON a.id = d.account_id
         WHERE d.domain = ANY($1::text[])`,
        [domains],
      );
    },
  };
}
