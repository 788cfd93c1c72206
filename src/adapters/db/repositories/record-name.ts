import { recordKinds, type RecordKind } from '../../../core/records/record-kinds.js';

/** The name each kind of record is shown by, as a query on the record with id `id`. */
const nameQueries: Readonly<Record<RecordKind, (id: string) => string>> = {
  account: (id) => `SELECT a.name FROM accounts a WHERE a.id = ${id}`,
  contact: (id) =>
    `SELECT trim(c.first_name || ' ' || c.last_name) FROM contacts c WHERE c.id = ${id}`,
  lead: (id) => `SELECT trim(l.first_name || ' ' || l.last_name) FROM leads l WHERE l.id = ${id}`,
  deal: (id) => `SELECT d.name FROM deals d WHERE d.id = ${id}`,
  case: (id) => `SELECT k.number || ' ' || k.subject FROM cases k WHERE k.id = ${id}`,
};

/**
 * A SQL expression for the display name of a linked record, given the SQL
 * expressions of its kind and its id; NULL when the record is gone. The
 * name queries alias their tables a, c, l, d and k, so `type` and `id` must
 * name columns of other aliases.
 *
 * @example
 * `SELECT ${recordName('l.record_type', 'l.record_id')} AS name FROM message_links l`
 */
export function recordName(type: string, id: string): string {
  const cases = recordKinds.map((kind) => `WHEN '${kind}' THEN (${nameQueries[kind](id)})`);
  return `CASE ${type}\n    ${cases.join('\n    ')}\n  END`;
}
