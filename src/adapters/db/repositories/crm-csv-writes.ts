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
import { upsertRecords, type UpsertColumn } from './record-upsert.js';

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

const owner = { column: 'owner_id', field: 'ownerEmail', references: 'user' } as const;
const account = {
  column: 'account_id',
  field: 'accountExternalId',
  references: 'account',
} as const;

const accountColumns: UpsertColumn<AccountRecord>[] = [{ column: 'name', field: 'name' }, owner];

const contactColumns: UpsertColumn<ContactRecord>[] = [
  account,
  { column: 'first_name', field: 'firstName' },
  { column: 'last_name', field: 'lastName' },
  { column: 'title', field: 'title' },
  { column: 'country', field: 'country' },
  owner,
];

const leadColumns: UpsertColumn<LeadRecord>[] = [
  { column: 'first_name', field: 'firstName' },
  { column: 'last_name', field: 'lastName' },
  { column: 'company', field: 'company' },
  { column: 'country', field: 'country' },
  { column: 'status', field: 'status' },
  owner,
];

const dealColumns: UpsertColumn<DealRecord>[] = [
  account,
  { column: 'name', field: 'name' },
  { column: 'stage', field: 'stage' },
  { column: 'status', field: 'status' },
  { column: 'amount', field: 'amount', cast: 'numeric' },
  { column: 'product', field: 'product' },
  owner,
  { column: 'currency', field: 'currency' },
  { column: 'expected_close_at', field: 'expectedCloseAt', cast: 'timestamptz' },
  { column: 'closed_at', field: 'closedAt', cast: 'timestamptz' },
];

const caseColumns: UpsertColumn<CaseRecord>[] = [
  { column: 'number', field: 'number' },
  account,
  { column: 'contact_id', field: 'contactExternalId', references: 'contact' },
  { column: 'subject', field: 'subject' },
  { column: 'status', field: 'status' },
];

/** The rows' values of each named field, as the parallel arrays `unnest(...)` takes. */
function columns<Row, Key extends keyof Row>(
  rows: readonly Row[],
  keys: readonly Key[],
): Row[Key][][] {
  return keys.map((key) => rows.map((row) => row[key]));
}

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
        [...columns(rows, ['email', 'name', 'role']), touch],
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
      return upsertRecords(db, 'accounts', accountColumns, rows, touch, now);
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
      return upsertRecords(db, 'contacts', contactColumns, rows, touch, now);
    },

    async upsertLeads(rows: LeadRecord[], touch: string[], now: Date): Promise<WrittenRow[]> {
      return upsertRecords(db, 'leads', leadColumns, rows, touch, now);
    },

    /** Creates or updates deals; the close date is the CRM's, none when it gives none. */
    async upsertDeals(rows: DealRecord[], touch: string[], now: Date): Promise<WrittenRow[]> {
      return upsertRecords(db, 'deals', dealColumns, rows, touch, now);
    },

    async upsertCases(rows: CaseRecord[], now: Date): Promise<void> {
      await upsertRecords(db, 'cases', caseColumns, rows, [], now);
    },

    async insertBlocklist(rows: BlocklistRecord[]): Promise<void> {
      await db.query(
        `INSERT INTO blocklist (owner_id, pattern)
         SELECT u.id, i.pattern FROM unnest($1::text[], $2::text[]) AS i(owner_email, pattern)
           LEFT JOIN users u ON u.email = i.owner_email
         ON CONFLICT ((coalesce(owner_id::text, '')), pattern) DO NOTHING`,
        columns(rows, ['ownerEmail', 'pattern']),
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
