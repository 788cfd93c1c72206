import type { CrmCsvRepository } from '../../adapters/db/repositories/crm-csv-records.js';
import type { WrittenRow } from '../../adapters/db/repositories/crm-csv-rows.js';
import type { CrmCsvFile } from './crm-csv-files.js';
import type { RowFields } from './row-fields.js';

export type ReferenceKind = 'user' | 'account' | 'contact';

/** A value in a row that must name an existing record (or one defined earlier in the same file). */
export interface Reference {
  column: string;
  kind: ReferenceKind;
  key: string;
}

/** A row that converted cleanly, with the line it came from. */
export interface ParsedRow<R> {
  line: number;
  record: R;
}

/** Reports a row's problem; the row is then skipped. */
export type RowFailure = (row: { line: number }, column: string | null, reason: string) => void;

/** Keeps the rows that pass a condition on the file as a whole, reporting each it drops. */
export type WholeFileCheck<R> = (rows: ParsedRow<R>[], fail: RowFailure) => ParsedRow<R>[];

/**
 * How one file is imported: columns it needs, how a row becomes a record,
 * what it refers to, how stored records are read back for the diff and how
 * changed ones are written. The import engine does the rest the same way for
 * every file.
 */
export interface CsvTableSpec<R extends object> {
  readonly file: CrmCsvFile;
  /** Columns whose absence makes the whole file unreadable. */
  readonly required: readonly string[];
  /** The column reported when a key repeats within the file. */
  readonly keyColumn: string;
  keyOf: (record: R) => string;
  convert: (fields: RowFields) => R;
  references?: (record: R) => Reference[];
  /** The kind of record this file defines, when its rows may refer to each other. */
  readonly defines?: ReferenceKind;
  /** Checks needing the whole file and the store; returns the rows that pass. */
  checkConflicts?: (
    rows: ParsedRow<R>[],
    repository: CrmCsvRepository,
    fail: RowFailure,
    warn: RowFailure,
  ) => Promise<ParsedRow<R>[]>;
  /**
   * Conditions on the rows to be written taken together (no cycle, an admin
   * left), which dropping any row can change, so they are checked again each
   * time one is. Each reads the store once, when set up.
   */
  readonly wholeFileChecks?: readonly ((
    rows: ParsedRow<R>[],
    repository: CrmCsvRepository,
  ) => Promise<WholeFileCheck<R>>)[];
  read: (repository: CrmCsvRepository, keys: string[]) => Promise<R[]>;
  /** Fields stored as lists in link tables: a change rewrites the links. */
  readonly lists: readonly (keyof R)[];
  /** A reference to a record of this same file, written once all of the file's records exist. */
  readonly link?: keyof R;
  /** Writes new and changed records; `touch` names those whose lists changed. Returns their ids. */
  write: (
    repository: CrmCsvRepository,
    records: R[],
    touch: string[],
    now: Date,
  ) => Promise<WrittenRow[]>;
  writeLists?: (
    repository: CrmCsvRepository,
    written: { id: string; record: R }[],
  ) => Promise<void>;
  writeLinks?: (repository: CrmCsvRepository, records: R[], now: Date) => Promise<void>;
}
