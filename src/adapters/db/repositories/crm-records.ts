import type { DealProductRow } from './crm-edits.js';
import { recordTables, type RecordKind } from '../../../core/records/record-kinds.js';
import type { Queryable } from '../database.js';

const emailsOf = (table: string, key: string, id: string) =>
  `coalesce((SELECT array_agg(e.address ORDER BY e.position) FROM ${table} e WHERE e.${key} = ${id}), '{}')`;
const ownerEmail = (column: string) => `(SELECT u.email FROM users u WHERE u.id = ${column})`;

/**
 * One summary query per record type: the columns a list page shows, with a
 * `search` text for filtering. Each is one SELECT; `listRecords` pages it.
 */
const summaries: Record<RecordKind, string> = {
  account: `SELECT a.id, a.external_id AS "externalId", a.name, a.parent_id AS "parentId",
      (SELECT p.name FROM accounts p WHERE p.id = a.parent_id) AS "parentName",
      coalesce((SELECT array_agg(d.domain ORDER BY d.position) FROM account_domains d WHERE d.account_id = a.id), '{}') AS domains,
      ${ownerEmail('a.owner_id')} AS "ownerEmail", a.archived_at AS "archivedAt",
      a.merged_into_id AS "mergedIntoId", a.name AS sort
    FROM accounts a`,
  contact: `SELECT c.id, c.external_id AS "externalId", trim(c.first_name || ' ' || c.last_name) AS name,
      c.first_name AS "firstName", c.last_name AS "lastName", c.archived_at AS "archivedAt",
      c.merged_into_id AS "mergedIntoId",
      ${emailsOf('contact_emails', 'contact_id', 'c.id')} AS emails, c.title, c.country, c.account_id AS "accountId",
      (SELECT a.name FROM accounts a WHERE a.id = c.account_id) AS "accountName",
      ${ownerEmail('c.owner_id')} AS "ownerEmail", c.last_name || ' ' || c.first_name AS sort
    FROM contacts c`,
  lead: `SELECT l.id, l.external_id AS "externalId", trim(l.first_name || ' ' || l.last_name) AS name,
      l.first_name AS "firstName", l.last_name AS "lastName", l.archived_at AS "archivedAt",
      l.converted_contact_id AS "convertedContactId",
      ${emailsOf('lead_emails', 'lead_id', 'l.id')} AS emails, l.company, l.country, l.status,
      ${ownerEmail('l.owner_id')} AS "ownerEmail", l.last_name || ' ' || l.first_name AS sort
    FROM leads l`,
  deal: `SELECT d.id, d.external_id AS "externalId", d.name, d.stage, d.status, d.amount, d.product,
      d.account_id AS "accountId", (SELECT a.name FROM accounts a WHERE a.id = d.account_id) AS "accountName",
      d.closed_at AS "closedAt", d.currency, d.expected_close_at AS "expectedCloseAt",
      d.archived_at AS "archivedAt", ${ownerEmail('d.owner_id')} AS "ownerEmail", d.name AS sort
    FROM deals d`,
  case: `SELECT k.id, k.external_id AS "externalId", k.number, k.subject AS name, k.status,
      k.account_id AS "accountId", (SELECT a.name FROM accounts a WHERE a.id = k.account_id) AS "accountName",
      k.contact_id AS "contactId", (SELECT trim(c.first_name || ' ' || c.last_name) FROM contacts c
        WHERE c.id = k.contact_id) AS "contactName", k.archived_at AS "archivedAt", k.number AS sort
    FROM cases k`,
};

export type RecordSummary = Record<string, unknown> & { id: string; name: string };

export function crmRecordsRepository(db: Queryable) {
  return {
    async recordExists(type: RecordKind, id: string): Promise<boolean> {
      const rows = await db.query(`SELECT 1 FROM ${recordTables[type]} WHERE id = $1`, [id]);
      return rows.length > 0;
    },
    /** A page of active records of one type, filtered by a case-insensitive search, and the total. */
    async listRecords(
      type: RecordKind,
      page: { search: string; limit: number; offset: number },
    ): Promise<{ items: RecordSummary[]; total: number }> {
      const rows = await db.query<RecordSummary & { sort: string; total: number }>(
        `SELECT s.*, count(*) OVER () AS total FROM (${summaries[type]}) s
         WHERE s."archivedAt" IS NULL AND ($1 = '' OR s.name ILIKE '%' || $1 || '%' OR coalesce(s."externalId", '') ILIKE $1 || '%'
           OR coalesce(to_jsonb(s) ->> 'emails', to_jsonb(s) ->> 'domains', '') ILIKE '%' || $1 || '%')
         ORDER BY s.sort, s.id LIMIT $2 OFFSET $3`,
        [page.search, page.limit, page.offset],
      );
      return {
        total: rows[0]?.total ?? 0,
        items: rows.map(({ sort: _sort, total: _total, ...item }) => item),
      };
    },
    async getRecord(type: RecordKind, id: string): Promise<RecordSummary | null> {
      const [row] = await db.query<RecordSummary & { sort: string }>(
        `SELECT s.* FROM (${summaries[type]}) s WHERE s.id = $1`,
        [id],
      );
      if (!row) return null;
      const { sort: _sort, ...record } = row;
      return record;
    },
    /** Active records of `type` related to another record, e.g. the contacts of an account. */
    async relatedRecords(type: RecordKind, column: string, id: string): Promise<RecordSummary[]> {
      const rows = await db.query<RecordSummary & { sort: string }>(
        `SELECT s.* FROM (${summaries[type]}) s WHERE s."${column}" = $1 AND s."archivedAt" IS NULL
         ORDER BY s.sort LIMIT 500`,
        [id],
      );
      return rows.map(({ sort: _sort, ...record }) => record);
    },
    /** The chain of parents of an account, nearest first. */
    async accountAncestors(id: string): Promise<{ id: string; name: string }[]> {
      return db.query(
        `WITH RECURSIVE up(id, name, parent_id, depth) AS (
           SELECT p.id, p.name, p.parent_id, 1 FROM accounts a JOIN accounts p ON p.id = a.parent_id WHERE a.id = $1
           UNION ALL
           SELECT p.id, p.name, p.parent_id, up.depth + 1 FROM up JOIN accounts p ON p.id = up.parent_id WHERE up.depth < 50)
         SELECT id, name FROM up ORDER BY depth`,
        [id],
      );
    },
    /** Direct children of an account. */
    async accountChildren(id: string): Promise<{ id: string; name: string }[]> {
      return db.query(
        'SELECT id, name FROM accounts WHERE parent_id = $1 AND archived_at IS NULL ORDER BY name',
        [id],
      );
    },
    async dealContacts(dealId: string): Promise<{ id: string; name: string; role: string }[]> {
      return db.query(
        `SELECT c.id, trim(c.first_name || ' ' || c.last_name) AS name, dc.role
         FROM deal_contacts dc JOIN contacts c ON c.id = dc.contact_id WHERE dc.deal_id = $1 ORDER BY dc.position`,
        [dealId],
      );
    },
    async dealTeam(
      dealId: string,
    ): Promise<{ id: string; email: string; name: string; role: string }[]> {
      return db.query(
        `SELECT u.id, u.email, u.name, t.role FROM deal_team t JOIN users u ON u.id = t.user_id
         WHERE t.deal_id = $1 ORDER BY t.position`,
        [dealId],
      );
    },
    dealProducts: (dealId: string) =>
      db.query<DealProductRow>(
        `SELECT name, quantity::float8 AS quantity, unit_price::float8 AS "unitPrice", currency
         FROM deal_products WHERE deal_id = $1 ORDER BY position`,
        [dealId],
      ),
    /** A new open deal, owned by `ownerId`; the account must exist when given. */
    async createDeal(deal: {
      name: string;
      stage: string;
      product: string;
      accountId: string | null;
      ownerId: string;
    }): Promise<{
      id: string;
      name: string;
      stage: string;
      product: string;
      accountId: string | null;
    }> {
      const [row] = await db.query<{
        id: string;
        name: string;
        stage: string;
        product: string;
        accountId: string | null;
      }>(
        `INSERT INTO deals (name, stage, product, account_id, owner_id) VALUES ($1, $2, $3, $4, $5)
         RETURNING id, name, stage, product, account_id AS "accountId"`,
        [deal.name, deal.stage, deal.product, deal.accountId, deal.ownerId],
      );
      return row!;
    },
    /**
     * The contact's addresses that the latest bounce naming them says could
     * not be delivered to, unless they wrote from that address since.
     */
    async bouncedAddresses(contactId: string): Promise<{ address: string; bouncedAt: Date }[]> {
      return db.query(
        `SELECT e.address, b.at AS "bouncedAt"
         FROM contact_emails e
         CROSS JOIN LATERAL (
           SELECT coalesce(m.sent_at, m.created_at) AS at FROM messages m
           WHERE m.category = 'bounce' AND m.failed_recipients @> ARRAY[e.address]
           ORDER BY 1 DESC LIMIT 1) b
         WHERE e.contact_id = $1
           AND NOT EXISTS (
             SELECT 1 FROM messages r
             WHERE r.participants @> ARRAY[e.address] AND r.from_address = e.address
               AND r.sent_at > b.at)
         ORDER BY e.position`,
        [contactId],
      );
    },
    async contactDeals(contactId: string): Promise<{ id: string; name: string; status: string }[]> {
      return db.query(
        `SELECT d.id, d.name, d.status FROM deal_contacts dc JOIN deals d ON d.id = dc.deal_id
         WHERE dc.contact_id = $1 AND d.archived_at IS NULL ORDER BY d.name`,
        [contactId],
      );
    },
  };
}
