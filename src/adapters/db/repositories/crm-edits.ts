import { recordTables, type RecordKind } from '../../../core/records/record-kinds.js';
import type { Queryable } from '../database.js';

/**
 * The columns a form may write, per kind. Column names come from here only,
 * never from input, so building the statements from them is safe.
 */
export const editableColumns = {
  account: ['name', 'parent_id'],
  contact: ['first_name', 'last_name', 'title', 'country', 'account_id'],
  lead: ['first_name', 'last_name', 'company', 'country', 'status'],
  deal: [
    'name',
    'stage',
    'status',
    'amount',
    'currency',
    'product',
    'account_id',
    'expected_close_at',
    'closed_at',
  ],
  case: ['number', 'subject', 'status', 'account_id', 'contact_id'],
} as const satisfies Record<RecordKind, readonly string[]>;

export type RecordColumns<K extends RecordKind> = Record<
  (typeof editableColumns)[K][number],
  unknown
>;

/** The lists a record keeps in a table of its own, in order. */
const listTables = {
  'contact.emails': { table: 'contact_emails', key: 'contact_id', value: 'address' },
  'lead.emails': { table: 'lead_emails', key: 'lead_id', value: 'address' },
  'account.domains': { table: 'account_domains', key: 'account_id', value: 'domain' },
} as const;
export type RecordList = keyof typeof listTables;

const ownerless = new Set<RecordKind>(['case']);

/** A deal's product line as stored; a null currency is the deal's. */
export interface DealProductRow {
  name: string;
  quantity: number;
  unitPrice: number;
  currency: string | null;
}

/** Writes of CRM records made in Threadline: one statement per method. */
export function crmEditsRepository(db: Queryable) {
  return {
    /** Who owns the record and whether it is archived; null when there is no such record. */
    async editTarget(
      type: RecordKind,
      id: string,
    ): Promise<{
      ownerId: string | null;
      ownerManagerId: string | null;
      teamUserIds: string[];
      archivedAt: Date | null;
    } | null> {
      const owner = ownerless.has(type) ? 'NULL::uuid' : 'r.owner_id';
      const team =
        type === 'deal'
          ? `coalesce((SELECT array_agg(t.user_id) FROM deal_team t WHERE t.deal_id = r.id), '{}')`
          : `'{}'::uuid[]`;
      const [row] = await db.query<{
        ownerId: string | null;
        ownerManagerId: string | null;
        teamUserIds: string[];
        archivedAt: Date | null;
      }>(
        `SELECT ${owner} AS "ownerId", (SELECT u.manager_id FROM users u WHERE u.id = ${owner}) AS "ownerManagerId",
           ${team} AS "teamUserIds", r.archived_at AS "archivedAt"
         FROM ${recordTables[type]} r WHERE r.id = $1`,
        [id],
      );
      return row ?? null;
    },

    /** A new record of `type` with the given columns; `ownerId` where the kind has an owner. */
    async insert<K extends RecordKind>(
      type: K,
      values: RecordColumns<K>,
      ownerId: string | null,
    ): Promise<string> {
      const columns: string[] = [...editableColumns[type]];
      const params = columns.map((column) => (values as Record<string, unknown>)[column]);
      if (!ownerless.has(type)) {
        columns.push('owner_id');
        params.push(ownerId);
      }
      const [row] = await db.query<{ id: string }>(
        `INSERT INTO ${recordTables[type]} (${columns.join(', ')})
         VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
        params,
      );
      return row!.id;
    },

    async update<K extends RecordKind>(
      type: K,
      id: string,
      values: RecordColumns<K>,
      at: Date,
    ): Promise<void> {
      const columns = editableColumns[type];
      const params = columns.map((column) => (values as Record<string, unknown>)[column]);
      await db.query(
        `UPDATE ${recordTables[type]} SET ${columns.map((c, i) => `${c} = $${i + 3}`).join(', ')},
           updated_at = $2 WHERE id = $1`,
        [id, at, ...params],
      );
    },

    /** Replaces an address or domain list with `values`, in that order. */
    async replaceList(list: RecordList, id: string, values: readonly string[]): Promise<void> {
      const t = listTables[list];
      // Two statements: a row deleted and inserted again in one would collide with itself.
      await db.query(`DELETE FROM ${t.table} WHERE ${t.key} = $1`, [id]);
      await db.query(
        `INSERT INTO ${t.table} (${t.key}, ${t.value}, position)
         SELECT $1, v.value, v.position FROM unnest($2::text[]) WITH ORDINALITY AS v(value, position)`,
        [id, values],
      );
    },

    async replaceDealContacts(
      dealId: string,
      contacts: readonly { contactId: string; role: string }[],
    ): Promise<void> {
      await db.query('DELETE FROM deal_contacts WHERE deal_id = $1', [dealId]);
      await db.query(
        `INSERT INTO deal_contacts (deal_id, contact_id, role, position)
         SELECT $1, c.contact_id, c.role, c.position
         FROM unnest($2::uuid[], $3::text[]) WITH ORDINALITY AS c(contact_id, role, position)`,
        [dealId, contacts.map((c) => c.contactId), contacts.map((c) => c.role)],
      );
    },

    async replaceDealTeam(
      dealId: string,
      team: readonly { userId: string; role: string }[],
    ): Promise<void> {
      await db.query('DELETE FROM deal_team WHERE deal_id = $1', [dealId]);
      await db.query(
        `INSERT INTO deal_team (deal_id, user_id, role, position)
         SELECT $1, t.user_id, t.role, t.position
         FROM unnest($2::uuid[], $3::text[]) WITH ORDINALITY AS t(user_id, role, position)`,
        [dealId, team.map((m) => m.userId), team.map((m) => m.role)],
      );
    },

    async replaceDealProducts(dealId: string, products: readonly DealProductRow[]): Promise<void> {
      await db.query('DELETE FROM deal_products WHERE deal_id = $1', [dealId]);
      await db.query(
        `INSERT INTO deal_products (deal_id, position, name, quantity, unit_price, currency)
         SELECT $1, p.position, p.name, p.quantity, p.unit_price, p.currency
         FROM unnest($2::text[], $3::numeric[], $4::numeric[], $5::text[]) WITH ORDINALITY
           AS p(name, quantity, unit_price, currency, position)`,
        [
          dealId,
          products.map((p) => p.name),
          products.map((p) => p.quantity),
          products.map((p) => p.unitPrice),
          products.map((p) => p.currency),
        ],
      );
    },

    async archive(type: RecordKind, id: string, at: Date): Promise<void> {
      await db.query(
        `UPDATE ${recordTables[type]} SET archived_at = $2, updated_at = $2 WHERE id = $1`,
        [id, at],
      );
    },

    /** Of `ids`, those naming an active record of `type`. */
    async activeIds(type: RecordKind, ids: readonly string[]): Promise<string[]> {
      const rows = await db.query<{ id: string }>(
        `SELECT id FROM ${recordTables[type]} WHERE id = ANY($1::uuid[]) AND archived_at IS NULL`,
        [ids],
      );
      return rows.map((row) => row.id);
    },

    async activeUserIds(ids: readonly string[]): Promise<string[]> {
      const rows = await db.query<{ id: string }>(
        'SELECT id FROM users WHERE id = ANY($1::uuid[]) AND deactivated_at IS NULL',
        [ids],
      );
      return rows.map((row) => row.id);
    },

    /** Which active record of the list's kind, other than `exceptId`, already holds each value. */
    async holdersOf(
      list: RecordList,
      values: readonly string[],
      exceptId: string | null,
    ): Promise<{ value: string; id: string; name: string }[]> {
      const t = listTables[list];
      const owner = t.key.replace('_id', 's');
      const name =
        list === 'account.domains' ? 'r.name' : `trim(r.first_name || ' ' || r.last_name)`;
      return db.query(
        `SELECT l.${t.value} AS value, r.id, ${name} AS name
         FROM ${t.table} l JOIN ${owner} r ON r.id = l.${t.key}
         WHERE l.${t.value} = ANY($1::text[]) AND r.archived_at IS NULL
           AND r.id IS DISTINCT FROM $2::uuid`,
        [values, exceptId],
      );
    },

    /** The active case, other than `exceptId`, with this number. */
    async caseWithNumber(number: string, exceptId: string | null): Promise<string | null> {
      const [row] = await db.query<{ id: string }>(
        'SELECT id FROM cases WHERE number = $1 AND id IS DISTINCT FROM $2::uuid',
        [number, exceptId],
      );
      return row?.id ?? null;
    },
  };
}
