/**
 * The files of docs/crm-csv.md, in the order an import reads them:
 * each file may refer only to files before it.
 */
export const crmCsvFiles = [
  'settings.csv',
  'users.csv',
  'accounts.csv',
  'contacts.csv',
  'leads.csv',
  'deals.csv',
  'cases.csv',
  'blocklist.csv',
] as const;

export type CrmCsvFile = (typeof crmCsvFiles)[number];

/** Each file's columns in the contract's order: the export writes them so. */
export const crmCsvColumns = {
  'settings.csv': ['key', 'value'],
  'users.csv': ['email', 'name', 'role', 'manager_email', 'aliases'],
  'accounts.csv': ['external_id', 'name', 'domains', 'parent_external_id', 'owner_email'],
  'contacts.csv': [
    'external_id',
    'account_external_id',
    'first_name',
    'last_name',
    'emails',
    'title',
    'country',
    'owner_email',
  ],
  'leads.csv': [
    'external_id',
    'first_name',
    'last_name',
    'company',
    'emails',
    'country',
    'status',
    'owner_email',
  ],
  'deals.csv': [
    'external_id',
    'account_external_id',
    'name',
    'stage',
    'status',
    'amount',
    'product',
    'contact_external_ids',
    'owner_email',
    'team_emails',
    'currency',
    'expected_close_at',
    'closed_at',
  ],
  'cases.csv': [
    'external_id',
    'number',
    'account_external_id',
    'contact_external_id',
    'subject',
    'status',
  ],
  'blocklist.csv': ['owner_email', 'pattern'],
} as const satisfies Record<CrmCsvFile, readonly string[]>;

/** Separates the values of a multi-valued field. */
export const listSeparator = ';';

/** The settings key whose value is a list of domains rather than text. */
export const internalDomainsKey = 'internal_domains';

/** A problem in one file: at a row (`line`, and `column` when one field is at fault) or with the whole file (`column` null). */
export interface CsvIssue {
  file: CrmCsvFile;
  /** Physical line in the file; the header is line 1. */
  line: number;
  column: string | null;
  reason: string;
}

export interface FileCounts {
  created: number;
  updated: number;
  unchanged: number;
  /** Rows skipped because they were invalid (their reasons are in `errors`). */
  failed: number;
}

export interface ImportReport {
  /** One entry per file the folder held. */
  files: Partial<Record<CrmCsvFile, FileCounts>>;
  errors: CsvIssue[];
  warnings: CsvIssue[];
}
