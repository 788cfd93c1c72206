import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { Database } from '../../adapters/db/database.js';
import {
  crmCsvRepository,
  type CrmCsvRepository,
} from '../../adapters/db/repositories/crm-csv-records.js';
import {
  crmCsvColumns,
  crmCsvFiles,
  internalDomainsKey,
  listSeparator,
  type CrmCsvFile,
} from './crm-csv-files.js';
import { quoteFormula } from './spreadsheet-formulas.js';

type Cell = string | null | string[];

const list = (values: string[]) => values.join(listSeparator);

/** A CSV column's name as its record names the field: `owner_email` is `ownerEmail`. */
type FieldOf<Column extends string> = Column extends `${infer Head}_${infer Tail}`
  ? `${Head}${Capitalize<FieldOf<Tail>>}`
  : Column;

type RecordFile = Exclude<CrmCsvFile, 'settings.csv'>;

/**
 * Each file's records in the stable order the repository reads them; every
 * column is the field of the same name (the type holds the two together).
 */
const records: {
  [File in RecordFile]: (
    repository: CrmCsvRepository,
  ) => Promise<Record<FieldOf<(typeof crmCsvColumns)[File][number]>, Cell>[]>;
} = {
  'users.csv': (repository) => repository.readUsers(null),
  'accounts.csv': (repository) => repository.readAccounts(null),
  'contacts.csv': (repository) => repository.readContacts(null),
  'leads.csv': (repository) => repository.readLeads(null),
  'deals.csv': (repository) => repository.readDeals(null),
  'cases.csv': (repository) => repository.readCases(null),
  'blocklist.csv': (repository) => repository.readBlocklist(null),
};

/** Each file's rows as cells keyed by column. */
async function rowsOf(
  file: CrmCsvFile,
  repository: CrmCsvRepository,
): Promise<Record<string, Cell>[]> {
  if (file === 'settings.csv') {
    return (await repository.readSettings(null)).map(({ key, value }) => ({
      key,
      value: settingText(key, value),
    }));
  }
  const fields = crmCsvColumns[file].map((column) => [column, fieldOf(column)] as const);
  return (await records[file](repository)).map((record) => {
    const cells = record as Record<string, Cell>;
    return Object.fromEntries(fields.map(([column, field]) => [column, cells[field] ?? null]));
  });
}

function fieldOf(column: string): string {
  return column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/**
 * Writes all eight CRM CSV files (docs/crm-csv.md) into `dir`, creating
 * it if needed: a header row even when a file has no rows, columns in the
 * contract's order, lists joined with `;`, rows ordered by their key, no
 * passwords, no cell a spreadsheet would run as a formula. Importing the result into an empty store and exporting again
 * gives the same bytes. Returns how many rows each file got.
 *
 * Records created without an external_id are written with an empty one: they
 * are part of the data, but an import reports those rows as errors.
 */
export async function exportCrmDirectory(
  database: Database,
  dir: string,
): Promise<Record<CrmCsvFile, number>> {
  await mkdir(dir, { recursive: true });
  const repository = crmCsvRepository(database);
  const counts = {} as Record<CrmCsvFile, number>;
  for (const file of crmCsvFiles) {
    const columns = crmCsvColumns[file];
    const rows = await rowsOf(file, repository);
    const cells = rows.map((row) => columns.map((column) => cellText(row[column] ?? null)));
    await writeFile(join(dir, file), stringify([[...columns], ...cells]));
    counts[file] = rows.length;
  }
  return counts;
}

/** A cell a spreadsheet would run as a formula gets a leading quote, which the import takes off. */
function cellText(cell: Cell): string {
  if (cell === null) return '';
  return quoteFormula(Array.isArray(cell) ? list(cell) : cell);
}

/** Settings other code stored as non-text JSON are written as JSON text, so nothing is lost. */
function settingText(key: string, value: unknown): string {
  if (key === internalDomainsKey && Array.isArray(value)) return list(value.map(String));
  return typeof value === 'string' ? value : JSON.stringify(value);
}
