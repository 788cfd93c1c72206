import type { Queryable } from '../database.js';
import { crmCsvCheckQueries } from './crm-csv-checks.js';
import { crmCsvReadQueries } from './crm-csv-reads.js';
import { crmCsvWriteQueries } from './crm-csv-writes.js';

/** What a CRM import and export do in the store: check, read back and write records as CSV rows. */
export function crmCsvRepository(db: Queryable) {
  return { ...crmCsvCheckQueries(db), ...crmCsvReadQueries(db), ...crmCsvWriteQueries(db) };
}

export type CrmCsvRepository = ReturnType<typeof crmCsvRepository>;
