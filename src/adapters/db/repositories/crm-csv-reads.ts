import type { Queryable } from '../database.js';
import type {
  AccountRecord,
  BlocklistRecord,
  CaseRecord,
  ContactRecord,
  DealRecord,
  LeadRecord,
  SettingRecord,
  UserRecord,
} from './crm-csv-rows.js';

/** Only the listed keys when given, else every row (the export). */
const keyFilter = (column: string, keys: readonly string[] | null) =>
  keys ? `WHERE ${column} = ANY($1::text[])` : '';
const keyParams = (keys: readonly string[] | null) => (keys ? [keys] : []);

/** An instant as `toISOString` writes it (UTC, milliseconds, `Z`). */
const isoText = (column: string) =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const listOf = (table: string, value: string, parent: string, id: string) =>
  `coalesce((SELECT array_agg(x.${value} ORDER BY x.position) FROM ${table} x WHERE x.${parent} = ${id}), '{}')`;

/**
 * The stored CRM records as CSV rows, and the lookups an import checks
 * references against. Reads serve both the export and the import's diff.
 * Text ordering uses the "C" collation: an export must not depend on the
 * server's locale.
 */
export function crmCsvReadQueries(db: Queryable) {
  return {
    /** Which of `keys` exist, for reference checks: users by e-mail, accounts and contacts by external_id. */
    async existingKeys(kind: 'user' | 'account' | 'contact', keys: string[]): Promise<string[]> {
      const [table, column] =
        kind === 'user'
          ? ['users', 'email']
          : kind === 'account'
            ? ['accounts', 'external_id']
            : ['contacts', 'external_id'];
      const rows = await db.query<{ key: string }>(
        `SELECT ${column} AS key FROM ${table} WHERE ${column} = ANY($1::text[])`,
        [keys],
      );
      return rows.map((row) => row.key);
    },

    /** Who holds each of `addresses`, as a user's own address or as an alias. */
    async addressHolders(addresses: string[]): Promise<{ address: string; email: string }[]> {
      return db.query(
        `SELECT u.email AS address, u.email FROM users u WHERE u.email = ANY($1::text[])
         UNION ALL
         SELECT a.address, u.email FROM user_aliases a JOIN users u ON u.id = a.user_id
         WHERE a.address = ANY($1::text[])`,
        [addresses],
      );
    },

    /** The external_id of the case holding each of `numbers`. */
    async caseNumberHolders(numbers: string[]): Promise<{ number: string; externalId: string }[]> {
      return db.query(
        `SELECT number, coalesce(external_id, '') AS "externalId" FROM cases WHERE number = ANY($1::text[])`,
        [numbers],
      );
    },

    async readUsers(emails: readonly string[] | null): Promise<UserRecord[]> {
      return db.query(
        `SELECT u.email, u.name, u.role, m.email AS "managerEmail",
           coalesce((SELECT array_agg(a.address ORDER BY a.address COLLATE "C") FROM user_aliases a
             WHERE a.user_id = u.id), '{}') AS aliases
         FROM users u LEFT JOIN users m ON m.id = u.manager_id
         ${keyFilter('u.email', emails)} ORDER BY u.email COLLATE "C"`,
        keyParams(emails),
      );
    },

    async readAccounts(externalIds: readonly string[] | null): Promise<AccountRecord[]> {
      return db.query(
        `SELECT coalesce(a.external_id, '') AS "externalId", a.name,
           ${listOf('account_domains', 'domain', 'account_id', 'a.id')} AS domains,
           p.external_id AS "parentExternalId", u.email AS "ownerEmail"
         FROM accounts a LEFT JOIN accounts p ON p.id = a.parent_id LEFT JOIN users u ON u.id = a.owner_id
         ${keyFilter('a.external_id', externalIds)}
         ORDER BY a.external_id COLLATE "C" NULLS LAST, a.id`,
        keyParams(externalIds),
      );
    },

    async readContacts(externalIds: readonly string[] | null): Promise<ContactRecord[]> {
      return db.query(
        `SELECT coalesce(c.external_id, '') AS "externalId", a.external_id AS "accountExternalId",
           c.first_name AS "firstName", c.last_name AS "lastName",
           ${listOf('contact_emails', 'address', 'contact_id', 'c.id')} AS emails,
           c.title, c.country, u.email AS "ownerEmail"
         FROM contacts c LEFT JOIN accounts a ON a.id = c.account_id LEFT JOIN users u ON u.id = c.owner_id
         ${keyFilter('c.external_id', externalIds)}
         ORDER BY c.external_id COLLATE "C" NULLS LAST, c.id`,
        keyParams(externalIds),
      );
    },

    async readLeads(externalIds: readonly string[] | null): Promise<LeadRecord[]> {
      return db.query(
        `SELECT coalesce(l.external_id, '') AS "externalId", l.first_name AS "firstName",
           l.last_name AS "lastName", l.company,
           ${listOf('lead_emails', 'address', 'lead_id', 'l.id')} AS emails,
           l.country, l.status, u.email AS "ownerEmail"
         FROM leads l LEFT JOIN users u ON u.id = l.owner_id
         ${keyFilter('l.external_id', externalIds)}
         ORDER BY l.external_id COLLATE "C" NULLS LAST, l.id`,
        keyParams(externalIds),
      );
    },

    async readDeals(externalIds: readonly string[] | null): Promise<DealRecord[]> {
      return db.query(
        `SELECT coalesce(d.external_id, '') AS "externalId", a.external_id AS "accountExternalId",
           d.name, d.stage, d.status, trim_scale(d.amount)::text AS amount, d.product,
           coalesce((SELECT array_agg(c.external_id ORDER BY x.position) FROM deal_contacts x
             JOIN contacts c ON c.id = x.contact_id WHERE x.deal_id = d.id AND c.external_id IS NOT NULL), '{}')
             AS "contactExternalIds",
           u.email AS "ownerEmail",
           coalesce((SELECT array_agg(t.email ORDER BY x.position) FROM deal_team x
             JOIN users t ON t.id = x.user_id WHERE x.deal_id = d.id), '{}') AS "teamEmails",
           d.currency, ${isoText('d.expected_close_at')} AS "expectedCloseAt",
           ${isoText('d.closed_at')} AS "closedAt"
         FROM deals d LEFT JOIN accounts a ON a.id = d.account_id LEFT JOIN users u ON u.id = d.owner_id
         ${keyFilter('d.external_id', externalIds)}
         ORDER BY d.external_id COLLATE "C" NULLS LAST, d.id`,
        keyParams(externalIds),
      );
    },

    async readCases(externalIds: readonly string[] | null): Promise<CaseRecord[]> {
      return db.query(
        `SELECT coalesce(k.external_id, '') AS "externalId", k.number,
           a.external_id AS "accountExternalId", c.external_id AS "contactExternalId", k.subject, k.status
         FROM cases k LEFT JOIN accounts a ON a.id = k.account_id LEFT JOIN contacts c ON c.id = k.contact_id
         ${keyFilter('k.external_id', externalIds)}
         ORDER BY k.external_id COLLATE "C" NULLS LAST, k.id`,
        keyParams(externalIds),
      );
    },

    /** Entries matching any of `patterns` (the import diffs on owner and pattern together). */
    async readBlocklist(patterns: readonly string[] | null): Promise<BlocklistRecord[]> {
      return db.query(
        `SELECT u.email AS "ownerEmail", b.pattern FROM blocklist b LEFT JOIN users u ON u.id = b.owner_id
         ${keyFilter('b.pattern', patterns)}
         ORDER BY u.email COLLATE "C" NULLS FIRST, b.pattern COLLATE "C"`,
        keyParams(patterns),
      );
    },

    async readSettings(keys: readonly string[] | null): Promise<SettingRecord[]> {
      return db.query(
        `SELECT key, value FROM settings ${keyFilter('key', keys)} ORDER BY key COLLATE "C"`,
        keyParams(keys),
      );
    },
  };
}
