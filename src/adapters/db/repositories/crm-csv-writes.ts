import type { Queryable } from '../database.js';
import type {
  AccountRecord,
  BlocklistRecord,
  CaseRecord,
  ChildLink,
  ContactRecord,
  DealRecord,
  LeadRecord,
  SettingRecord,
  UserRecord,
  WrittenRow,
} from './crm-csv-rows.js';

/** The multi-valued fields kept in link tables, and how a CSV value finds its row. */
const childTables = {
  accountDomains: { table: 'account_domains', parent: 'account_id', child: 'domain', via: null },
  contactEmails: { table: 'contact_emails', parent: 'contact_id', child: 'address', via: null },
  leadEmails: { table: 'lead_emails', parent: 'lead_id', child: 'address', via: null },
  dealContacts: {
    table: 'deal_contacts',
    parent: 'deal_id',
    child: 'contact_id',
    via: { table: 'contacts', key: 'external_id' },
  },
  dealTeam: {
    table: 'deal_team',
    parent: 'deal_id',
    child: 'user_id',
    via: { table: 'users', key: 'email' },
  },
} as const;

export type ChildTable = keyof typeof childTables;

/**
 * The writes of a CRM import. Each takes a whole batch as parallel arrays and
 * goes through `unnest(...)`, so a batch is one statement whatever its size.
 */
export function crmCsvWriteQueries(db: Queryable) {
  return {
    /**
     * Creates or updates users by e-mail. A row is rewritten only when a
     * field differs or its e-mail is in `touch` (its aliases changed); only
     * rewritten rows come back.
     */
    async upsertUsers(rows: UserRecord[], touch: string[]): Promise<WrittenRow[]> {
      return db.query(
        `INSERT INTO users (email, name, role)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
         ON CONFLICT (email) DO UPDATE SET name = EXCLUDED.name, role = EXCLUDED.role
         WHERE (users.name, users.role) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.role)
           OR users.email = ANY($4::text[])
         RETURNING id, email AS key`,
        [rows.map((r) => r.email), rows.map((r) => r.name), rows.map((r) => r.role), touch],
      );
    },

    /** Drops the aliases of `userIds` not among `links`. */
    async deleteAliasesExcept(userIds: string[], links: ChildLink[]): Promise<void> {
      await db.query(
        `DELETE FROM user_aliases WHERE user_id = ANY($1::uuid[])
           AND (user_id, address) NOT IN (SELECT * FROM unnest($2::uuid[], $3::text[]))`,
        [userIds, links.map((l) => l.parentId), links.map((l) => l.value)],
      );
    },

    /** Gives each alias to its user, taking it from the user that held it. */
    async insertAliases(links: ChildLink[]): Promise<void> {
      await db.query(
        `INSERT INTO user_aliases (user_id, address) SELECT * FROM unnest($1::uuid[], $2::text[])
         ON CONFLICT (address) DO UPDATE SET user_id = EXCLUDED.user_id
         WHERE user_aliases.user_id <> EXCLUDED.user_id`,
        [links.map((l) => l.parentId), links.map((l) => l.value)],
      );
    },

    /** Points each user at their manager (null clears); rows already right are left alone. */
    async setManagers(links: { email: string; managerEmail: string | null }[]): Promise<void> {
      await db.query(
        `UPDATE users u SET manager_id = m.id
         FROM unnest($1::text[], $2::text[]) AS i(email, manager_email)
           LEFT JOIN users m ON m.email = i.manager_email
         WHERE u.email = i.email AND u.manager_id IS DISTINCT FROM m.id`,
        [links.map((l) => l.email), links.map((l) => l.managerEmail)],
      );
    },

    /** Creates or updates accounts by external_id (parents are set afterwards by `setParents`). */
    async upsertAccounts(rows: AccountRecord[], touch: string[], now: Date): Promise<WrittenRow[]> {
      return db.query(
        `INSERT INTO accounts (external_id, name, owner_id, created_at, updated_at)
         SELECT i.external_id, i.name, u.id, $4, $4
         FROM unnest($1::text[], $2::text[], $3::text[]) AS i(external_id, name, owner_email)
           LEFT JOIN users u ON u.email = i.owner_email
         ON CONFLICT (external_id) DO UPDATE
           SET name = EXCLUDED.name, owner_id = EXCLUDED.owner_id, updated_at = EXCLUDED.updated_at
         WHERE (accounts.name, accounts.owner_id) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.owner_id)
           OR accounts.external_id = ANY($5::text[])
         RETURNING id, external_id AS key`,
        [
          rows.map((r) => r.externalId),
          rows.map((r) => r.name),
          rows.map((r) => r.ownerEmail),
          now,
          touch,
        ],
      );
    },

    /** Points each account at its parent (null clears); rows already right are left alone. */
    async setParents(
      links: { externalId: string; parentExternalId: string | null }[],
      now: Date,
    ): Promise<void> {
      await db.query(
        `UPDATE accounts a SET parent_id = p.id, updated_at = $3
         FROM unnest($1::text[], $2::text[]) AS i(external_id, parent_external_id)
           LEFT JOIN accounts p ON p.external_id = i.parent_external_id
         WHERE a.external_id = i.external_id AND a.parent_id IS DISTINCT FROM p.id`,
        [links.map((l) => l.externalId), links.map((l) => l.parentExternalId), now],
      );
    },

    async upsertContacts(rows: ContactRecord[], touch: string[], now: Date): Promise<WrittenRow[]> {
      return db.query(
        `INSERT INTO contacts (external_id, account_id, first_name, last_name, title, country, owner_id,
           created_at, updated_at)
         SELECT i.external_id, a.id, i.first_name, i.last_name, i.title, i.country, u.id, $8, $8
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
           AS i(external_id, account_external_id, first_name, last_name, title, country, owner_email)
           LEFT JOIN accounts a ON a.external_id = i.account_external_id
           LEFT JOIN users u ON u.email = i.owner_email
         ON CONFLICT (external_id) DO UPDATE SET account_id = EXCLUDED.account_id,
           first_name = EXCLUDED.first_name, last_name = EXCLUDED.last_name, title = EXCLUDED.title,
           country = EXCLUDED.country, owner_id = EXCLUDED.owner_id, updated_at = EXCLUDED.updated_at
         WHERE (contacts.account_id, contacts.first_name, contacts.last_name, contacts.title,
             contacts.country, contacts.owner_id)
           IS DISTINCT FROM (EXCLUDED.account_id, EXCLUDED.first_name, EXCLUDED.last_name,
             EXCLUDED.title, EXCLUDED.country, EXCLUDED.owner_id)
           OR contacts.external_id = ANY($9::text[])
         RETURNING id, external_id AS key`,
        [
          rows.map((r) => r.externalId),
          rows.map((r) => r.accountExternalId),
          rows.map((r) => r.firstName),
          rows.map((r) => r.lastName),
          rows.map((r) => r.title),
          rows.map((r) => r.country),
          rows.map((r) => r.ownerEmail),
          now,
          touch,
        ],
      );
    },

    async upsertLeads(rows: LeadRecord[], touch: string[], now: Date): Promise<WrittenRow[]> {
      return db.query(
        `INSERT INTO leads (external_id, first_name, last_name, company, country, status, owner_id,
           created_at, updated_at)
         SELECT i.external_id, i.first_name, i.last_name, i.company, i.country, i.status, u.id, $8, $8
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
           AS i(external_id, first_name, last_name, company, country, status, owner_email)
           LEFT JOIN users u ON u.email = i.owner_email
         ON CONFLICT (external_id) DO UPDATE SET first_name = EXCLUDED.first_name,
           last_name = EXCLUDED.last_name, company = EXCLUDED.company, country = EXCLUDED.country,
           status = EXCLUDED.status, owner_id = EXCLUDED.owner_id, updated_at = EXCLUDED.updated_at
         WHERE (leads.first_name, leads.last_name, leads.company, leads.country, leads.status, leads.owner_id)
           IS DISTINCT FROM (EXCLUDED.first_name, EXCLUDED.last_name, EXCLUDED.company,
             EXCLUDED.country, EXCLUDED.status, EXCLUDED.owner_id)
           OR leads.external_id = ANY($9::text[])
         RETURNING id, external_id AS key`,
        [
          rows.map((r) => r.externalId),
          rows.map((r) => r.firstName),
          rows.map((r) => r.lastName),
          rows.map((r) => r.company),
          rows.map((r) => r.country),
          rows.map((r) => r.status),
          rows.map((r) => r.ownerEmail),
          now,
          touch,
        ],
      );
    },

    /** Creates or updates deals; the close date is the CRM's, none when it gives none. */
    async upsertDeals(rows: DealRecord[], touch: string[], now: Date): Promise<WrittenRow[]> {
      return db.query(
        `INSERT INTO deals (external_id, account_id, name, stage, status, amount, product, owner_id,
           currency, expected_close_at, closed_at, created_at, updated_at)
         SELECT i.external_id, a.id, i.name, i.stage, i.status, i.amount::numeric, i.product, u.id,
           i.currency, i.expected_close_at::timestamptz, i.closed_at::timestamptz, $9, $9
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
             $8::text[], $11::text[], $12::text[], $13::text[])
           AS i(external_id, account_external_id, name, stage, status, amount, product, owner_email,
             currency, expected_close_at, closed_at)
           LEFT JOIN accounts a ON a.external_id = i.account_external_id
           LEFT JOIN users u ON u.email = i.owner_email
         ON CONFLICT (external_id) DO UPDATE SET account_id = EXCLUDED.account_id, name = EXCLUDED.name,
           stage = EXCLUDED.stage, status = EXCLUDED.status, amount = EXCLUDED.amount,
           product = EXCLUDED.product, owner_id = EXCLUDED.owner_id, currency = EXCLUDED.currency,
           expected_close_at = EXCLUDED.expected_close_at, closed_at = EXCLUDED.closed_at,
           updated_at = EXCLUDED.updated_at
         WHERE (deals.account_id, deals.name, deals.stage, deals.status, deals.amount, deals.product,
             deals.owner_id, deals.currency, deals.expected_close_at, deals.closed_at)
           IS DISTINCT FROM (EXCLUDED.account_id, EXCLUDED.name, EXCLUDED.stage, EXCLUDED.status,
             EXCLUDED.amount, EXCLUDED.product, EXCLUDED.owner_id, EXCLUDED.currency,
             EXCLUDED.expected_close_at, EXCLUDED.closed_at)
           OR deals.external_id = ANY($10::text[])
         RETURNING id, external_id AS key`,
        [
          rows.map((r) => r.externalId),
          rows.map((r) => r.accountExternalId),
          rows.map((r) => r.name),
          rows.map((r) => r.stage),
          rows.map((r) => r.status),
          rows.map((r) => r.amount),
          rows.map((r) => r.product),
          rows.map((r) => r.ownerEmail),
          now,
          touch,
          rows.map((r) => r.currency),
          rows.map((r) => r.expectedCloseAt),
          rows.map((r) => r.closedAt),
        ],
      );
    },

    async upsertCases(rows: CaseRecord[], now: Date): Promise<void> {
      await db.query(
        `INSERT INTO cases (external_id, number, account_id, contact_id, subject, status, created_at, updated_at)
         SELECT i.external_id, i.number, a.id, c.id, i.subject, i.status, $7, $7
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
           AS i(external_id, number, account_external_id, contact_external_id, subject, status)
           LEFT JOIN accounts a ON a.external_id = i.account_external_id
           LEFT JOIN contacts c ON c.external_id = i.contact_external_id
         ON CONFLICT (external_id) DO UPDATE SET number = EXCLUDED.number,
           account_id = EXCLUDED.account_id, contact_id = EXCLUDED.contact_id,
           subject = EXCLUDED.subject, status = EXCLUDED.status, updated_at = EXCLUDED.updated_at
         WHERE (cases.number, cases.account_id, cases.contact_id, cases.subject, cases.status)
           IS DISTINCT FROM (EXCLUDED.number, EXCLUDED.account_id, EXCLUDED.contact_id,
             EXCLUDED.subject, EXCLUDED.status)`,
        [
          rows.map((r) => r.externalId),
          rows.map((r) => r.number),
          rows.map((r) => r.accountExternalId),
          rows.map((r) => r.contactExternalId),
          rows.map((r) => r.subject),
          rows.map((r) => r.status),
          now,
        ],
      );
    },

    async insertBlocklist(rows: BlocklistRecord[]): Promise<void> {
      await db.query(
        `INSERT INTO blocklist (owner_id, pattern)
         SELECT u.id, i.pattern FROM unnest($1::text[], $2::text[]) AS i(owner_email, pattern)
           LEFT JOIN users u ON u.email = i.owner_email
         ON CONFLICT ((coalesce(owner_id::text, '')), pattern) DO NOTHING`,
        [rows.map((r) => r.ownerEmail), rows.map((r) => r.pattern)],
      );
    },

    async upsertSettings(rows: SettingRecord[]): Promise<void> {
      await db.query(
        `INSERT INTO settings (key, value) SELECT i.key, i.value::jsonb
         FROM unnest($1::text[], $2::text[]) AS i(key, value)
         ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value
         WHERE settings.value IS DISTINCT FROM EXCLUDED.value`,
        [rows.map((r) => r.key), rows.map((r) => JSON.stringify(r.value))],
      );
    },

    /** Drops the links of `parentIds` in `table` that are not among `links`. */
    async deleteChildrenExcept(
      table: ChildTable,
      parentIds: string[],
      links: ChildLink[],
    ): Promise<void> {
      const t = childTables[table];
      const wanted = t.via
        ? `SELECT n.parent, r.id FROM unnest($2::uuid[], $3::text[]) AS n(parent, value)
             JOIN ${t.via.table} r ON r.${t.via.key} = n.value`
        : `SELECT * FROM unnest($2::uuid[], $3::text[])`;
      await db.query(
        `DELETE FROM ${t.table} WHERE ${t.parent} = ANY($1::uuid[])
           AND (${t.parent}, ${t.child}) NOT IN (${wanted})`,
        [parentIds, links.map((l) => l.parentId), links.map((l) => l.value)],
      );
    },

    /** Adds the links, or moves existing ones to their new position (other columns are kept). */
    async upsertChildren(table: ChildTable, links: ChildLink[]): Promise<void> {
      const t = childTables[table];
      const [child, join] = t.via
        ? ['r.id', `JOIN ${t.via.table} r ON r.${t.via.key} = n.value`]
        : ['n.value', ''];
      await db.query(
        `INSERT INTO ${t.table} (${t.parent}, ${t.child}, position)
         SELECT n.parent, ${child}, n.position
         FROM unnest($1::uuid[], $2::text[], $3::int[]) AS n(parent, value, position) ${join}
         ON CONFLICT (${t.parent}, ${t.child}) DO UPDATE SET position = EXCLUDED.position
         WHERE ${t.table}.position <> EXCLUDED.position`,
        [links.map((l) => l.parentId), links.map((l) => l.value), links.map((l) => l.position)],
      );
    },
  };
}
