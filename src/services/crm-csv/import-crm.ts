import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from '../../adapters/db/database.js';
import {
  crmCsvRepository,
  type CrmCsvRepository,
} from '../../adapters/db/repositories/crm-csv-records.js';
import {
  crmCsvColumns,
  type CsvIssue,
  type FileCounts,
  type ImportReport,
} from './crm-csv-files.js';
import type {
  CsvTableSpec,
  ParsedRow,
  ReferenceKind,
  RowFailure,
  WholeFileCheck,
} from './csv-table-spec.js';
import { forEachTableInImportOrder } from './csv-table-specs.js';
import { readCsv } from './read-csv.js';
import { RowFields } from './row-fields.js';

export interface ImportOptions {
  /** Stops between files and batches; batches already committed stay. */
  signal?: AbortSignal;
  /** The clock for closed_at and updated_at; real time by default. */
  now?: () => Date;
}

/**
 * Rows written per transaction: large enough that a 100,000-row file is a
 * few dozen statements, small enough that the embedded store's single
 * connection is never held for long.
 */
const batchSize = 2_000;

/**
 * Imports the CRM CSV files a folder holds (docs/crm-csv.md), in
 * dependency order, creating or updating records by their key and never
 * deleting any. A bad row is reported and skipped; a file that cannot be
 * read, or lacks a required column, is reported and changes nothing. Records
 * whose row matches what is stored are not written at all, so a repeated
 * import leaves `updated_at` alone.
 *
 * @example
 * const report = await importCrmDirectory(database, './crm');
 * report.files['contacts.csv'] // { created: 120, updated: 3, unchanged: 0, failed: 1 }
 * report.errors[0] // { file: 'contacts.csv', line: 7, column: 'emails', reason: 'not a valid email address: "ada@"' }
 */
export async function importCrmDirectory(
  database: Database,
  dir: string,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const report: ImportReport = { files: {}, errors: [], warnings: [] };
  const now = options.now ?? (() => new Date());
  await forEachTableInImportOrder(async (spec) => {
    options.signal?.throwIfAborted();
    const bytes = await readIfPresent(join(dir, spec.file));
    if (!bytes) return;
    report.files[spec.file] = await importFile(database, spec, bytes, report, {
      now: now(),
      signal: options.signal,
    });
  });
  return report;
}

async function readIfPresent(path: string): Promise<Uint8Array | null> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

async function importFile<R extends object>(
  database: Database,
  spec: CsvTableSpec<R>,
  bytes: Uint8Array,
  report: ImportReport,
  run: { now: Date; signal: AbortSignal | undefined },
): Promise<FileCounts> {
  const counts: FileCounts = { created: 0, updated: 0, unchanged: 0, failed: 0 };
  const issue = (line: number, column: string | null, reason: string): CsvIssue => ({
    file: spec.file,
    line,
    column,
    reason,
  });
  const failedLines = new Set<number>();
  const fail: RowFailure = (row, column, reason) => {
    report.errors.push(issue(row.line, column, reason));
    failedLines.add(row.line);
  };
  const warn: RowFailure = (row, column, reason) => {
    report.warnings.push(issue(row.line, column, reason));
  };

  const csv = readCsv(bytes);
  if (!csv.ok) {
    report.errors.push(issue(csv.line, null, csv.reason));
    return counts;
  }
  const headerProblem = checkHeader(csv.header, spec.required);
  if (headerProblem) {
    report.errors.push(issue(1, null, headerProblem));
    return counts;
  }
  const known = new Set<string>(crmCsvColumns[spec.file]);
  for (const column of csv.header) {
    if (!known.has(column)) report.warnings.push(issue(1, column, 'unknown column, ignored'));
  }

  let rows: ParsedRow<R>[] = [];
  const firstLineOfKey = new Map<string, number>();
  for (const csvRow of csv.rows) {
    if (csvRow.fieldCount !== csv.header.length) {
      fail(csvRow, null, `expected ${csv.header.length} fields, found ${csvRow.fieldCount}`);
      continue;
    }
    const fields = new RowFields(csvRow);
    const record = spec.convert(fields);
    for (const problem of fields.problems) fail(csvRow, problem.column, problem.reason);
    // A bad row still claims its key: a later row with the same key is not taken in its place.
    const key = spec.keyOf(record);
    const earlier = firstLineOfKey.get(key);
    if (earlier !== undefined) {
      fail(
        csvRow,
        spec.keyColumn,
        `duplicate ${spec.keyColumn} "${fields.text(spec.keyColumn)}" (first on line ${earlier})`,
      );
      continue;
    }
    if (!fields.problems.some((problem) => problem.column === spec.keyColumn)) {
      firstLineOfKey.set(key, csvRow.line);
    }
    if (!fields.failed) rows.push({ line: csvRow.line, record });
  }

  const repository = crmCsvRepository(database);
  if (spec.checkConflicts) rows = await spec.checkConflicts(rows, repository, fail, warn);
  rows = await keepResolved(spec, rows, repository, fail);
  counts.failed = failedLines.size;

  const pendingLinks: R[] = [];
  for (let start = 0; start < rows.length; start += batchSize) {
    run.signal?.throwIfAborted();
    const batch = rows.slice(start, start + batchSize).map((row) => row.record);
    await database.transaction(async (tx) => {
      const outcome = await writeBatch(spec, batch, crmCsvRepository(tx), run.now);
      counts.created += outcome.created;
      counts.updated += outcome.updated;
      counts.unchanged += outcome.unchanged;
      pendingLinks.push(...outcome.links);
    });
  }
  // Links point into the same file, so they are set once every record of it exists.
  const writeLinks = spec.writeLinks;
  for (let start = 0; writeLinks && start < pendingLinks.length; start += batchSize) {
    run.signal?.throwIfAborted();
    const batch = pendingLinks.slice(start, start + batchSize);
    await database.transaction((tx) => writeLinks(crmCsvRepository(tx), batch, run.now));
  }
  return counts;
}

function checkHeader(header: string[], required: readonly string[]): string | null {
  const repeated = header.find((column, i) => column !== '' && header.indexOf(column) !== i);
  if (repeated) return `column "${repeated}" appears twice`;
  const missing = required.filter((column) => !header.includes(column));
  if (missing.length > 0) return `missing required column ${missing.join(', ')}`;
  return null;
}

/**
 * Keeps the rows whose references all resolve, to stored records or to
 * records this same file defines, and that pass the spec's whole-file
 * checks. Dropping a row can strand rows that pointed at it (a child account
 * whose parent failed) or change what the rest amount to, so that repeats
 * until nothing more is dropped.
 */
async function keepResolved<R extends object>(
  spec: CsvTableSpec<R>,
  rows: ParsedRow<R>[],
  repository: CrmCsvRepository,
  fail: RowFailure,
): Promise<ParsedRow<R>[]> {
  const referencesOf = spec.references ?? (() => []);
  const wanted = new Map<ReferenceKind, Set<string>>();
  for (const row of rows) {
    for (const reference of referencesOf(row.record)) {
      const keys = wanted.get(reference.kind) ?? new Set<string>();
      wanted.set(reference.kind, keys.add(reference.key));
    }
  }
  const stored = new Map<ReferenceKind, Set<string>>();
  for (const [kind, keys] of wanted) {
    stored.set(kind, new Set(await repository.existingKeys(kind, [...keys])));
  }
  const checks: WholeFileCheck<R>[] = [];
  for (const setUp of spec.wholeFileChecks ?? []) checks.push(await setUp(rows, repository));

  let kept = rows;
  for (;;) {
    const defined = new Set(spec.defines ? kept.map((row) => spec.keyOf(row.record)) : []);
    const resolves = (kind: ReferenceKind, key: string) =>
      stored.get(kind)?.has(key) === true || (kind === spec.defines && defined.has(key));
    let next: ParsedRow<R>[] = [];
    for (const row of kept) {
      const missing = referencesOf(row.record).filter((ref) => !resolves(ref.kind, ref.key));
      for (const ref of missing) fail(row, ref.column, `unknown ${ref.kind} "${ref.key}"`);
      if (missing.length === 0) next.push(row);
    }
    for (const check of checks) next = check(next, fail);
    if (next.length === kept.length || (!spec.defines && checks.length === 0)) return next;
    kept = next;
  }
}

interface BatchOutcome<R> {
  created: number;
  updated: number;
  unchanged: number;
  /** Records whose same-file link must be (re)set once the whole file is written. */
  links: R[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Diffs a batch against what is stored and writes only the difference: new
 * records, records with a changed field, and the lists that changed.
 */
async function writeBatch<R extends object>(
  spec: CsvTableSpec<R>,
  batch: R[],
  repository: CrmCsvRepository,
  now: Date,
): Promise<BatchOutcome<R>> {
  const outcome: BatchOutcome<R> = { created: 0, updated: 0, unchanged: 0, links: [] };
  const stored = new Map(
    (await spec.read(repository, batch.map(spec.keyOf))).map((r) => [spec.keyOf(r), r]),
  );
  const lists = new Set<keyof R>(spec.lists);
  const toWrite: R[] = [];
  const touch: string[] = [];
  const listsChanged = new Set<R>();
  for (const record of batch) {
    const before = stored.get(spec.keyOf(record));
    if (!before) {
      outcome.created++;
      toWrite.push(record);
      listsChanged.add(record);
      if (spec.link && record[spec.link] !== null) outcome.links.push(record);
      continue;
    }
    const changed = (Object.keys(record) as (keyof R)[]).filter(
      (field) => !same(record[field], before[field]),
    );
    if (changed.length === 0) {
      outcome.unchanged++;
      continue;
    }
    outcome.updated++;
    if (changed.some((field) => field !== spec.link)) toWrite.push(record);
    if (changed.some((field) => lists.has(field))) {
      touch.push(spec.keyOf(record));
      listsChanged.add(record);
    }
    if (spec.link && changed.includes(spec.link)) outcome.links.push(record);
  }
  if (toWrite.length === 0) return outcome;
  const written = await spec.write(repository, toWrite, touch, now);
  if (spec.writeLists) {
    const byKey = new Map(toWrite.map((record) => [spec.keyOf(record), record]));
    const withLists = written
      .map(({ id, key }) => ({ id, record: byKey.get(key)! }))
      .filter(({ record }) => listsChanged.has(record));
    if (withLists.length > 0) await spec.writeLists(repository, withLists);
  }
  return outcome;
}
