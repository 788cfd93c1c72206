import type { Queryable } from '../database.js';
import type { WrittenRow } from './crm-csv-rows.js';

/** A row found by a key the CSV names: its owner by e-mail, its account or contact by external id. */
const references = {
  user: { table: 'users', key: 'email' },
  account: { table: 'accounts', key: 'external_id' },
  contact: { table: 'contacts', key: 'external_id' },
} as const;

/**
 * A written column: a field of the CSV row, cast when the column is not text,
 * or the id of the row another table holds under the field's value.
 */
export type UpsertColumn<Row> =
  | { readonly column: string; readonly field: keyof Row & string; readonly cast?: string }
  | {
      readonly column: string;
      readonly field: keyof Row & string;
      readonly references: keyof typeof references;
    };

/**
 * One statement that creates or updates a batch of CRM records by
 * `external_id`. A record is rewritten only when a column differs or its
 * external id is in `touch` (a list field changed); only rewritten rows come
 * back, so the caller knows what to re-file.
 */
export async function upsertRecords<Row extends { externalId: string }>(
  db: Queryable,
  table: string,
  columns: readonly UpsertColumn<Row>[],
  rows: readonly Row[],
  touch: readonly string[],
  now: Date,
): Promise<WrittenRow[]> {
  const inputs = columns.map((c, i) => `in${i}`);
  const values = columns.map((c, i) =>
    'references' in c ? `r${i}.id` : `i.in${i}${c.cast ? `::${c.cast}` : ''}`,
  );
  const joins = columns.flatMap((c, i) => {
    if (!('references' in c)) return [];
    const target = references[c.references];
    return [`LEFT JOIN ${target.table} r${i} ON r${i}.${target.key} = i.in${i}`];
  });
  const written = columns.map((c) => c.column);
  const nowParam = `$${columns.length + 2}`;
  const touchParam = `$${columns.length + 3}`;
  return db.query(
    `INSERT INTO ${table} (external_id, ${written.join(', ')}, created_at, updated_at)
     SELECT i.external_id, ${values.join(', ')}, ${nowParam}, ${nowParam}
     FROM unnest(${[...inputs, ''].map((_, i) => `$${i + 1}::text[]`).join(', ')})
       AS i(external_id, ${inputs.join(', ')})
     ${joins.join('\n     ')}
     ON CONFLICT (external_id) DO UPDATE SET
       ${[...written, 'updated_at'].map((c) => `${c} = EXCLUDED.${c}`).join(', ')}
     WHERE (${written.map((c) => `${table}.${c}`).join(', ')})
         IS DISTINCT FROM (${written.map((c) => `EXCLUDED.${c}`).join(', ')})
       OR ${table}.external_id = ANY(${touchParam}::text[])
     RETURNING id, external_id AS key`,
    [
      rows.map((row) => row.externalId),
      ...columns.map((c) => rows.map((row) => row[c.field] ?? null)),
      now,
      touch,
    ],
  );
}
