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

/** Each file's rows as cells keyed by column, in the stable order the repository reads them. */
const exporters: Record<
  CrmCsvFile,
  (repository: CrmCsvRepository) => Promise<Record<string, Cell>[]>
> = {
  'settings.csv': async (repository) =>
    (await repository.readSettings(null)).map(({ key, value }) => ({
      key,
      value: settingText(key, value),
    })),
  'users.csv': async (repository) =>
    (await repository.readUsers(null)).map((user) => ({
      email: user.email,
      name: user.name,
      role: user.role,
      manager_email: user.managerEmail,
      aliases: user.aliases,
    })),
  'accounts.csv': async (repository) =>
    (await repository.readAccounts(null)).map((account) => ({
      external_id: account.externalId,
      name: account.name,
      domains: account.domains,
      parent_external_id: account.parentExternalId,
      owner_email: account.ownerEmail,
    })),
  'contacts.csv': async (repository) =>
    (await repository.readContacts(null)).map((contact) => ({
      external_id: contact.externalId,
      account_external_id: contact.accountExternalId,
      first_name: contact.firstName,
      last_name: contact.lastName,
      emails: contact.emails,
      title: contact.title,
      country: contact.country,
      owner_email: contact.ownerEmail,
    })),
  'leads.csv': async (repository) =>
    (await repository.readLeads(null)).map((lead) => ({
      external_id: lead.externalId,
      first_name: lead.firstName,
      last_name: lead.lastName,
      company: lead.company,
      emails: lead.emails,
      country: lead.country,
      status: lead.status,
      owner_email: lead.ownerEmail,
    })),
  'deals.csv': async (repository) =>
    (await repository.readDeals(null)).map((deal) => ({
      external_id: deal.externalId,
      account_external_id: deal.accountExternalId,
      name: deal.name,
      stage: deal.stage,
      status: deal.status,
      amount: deal.amount,
      product: deal.product,
      contact_external_ids: deal.contactExternalIds,
      owner_email: deal.ownerEmail,
      team_emails: deal.teamEmails,
    })),
  'cases.csv': async (repository) =>
    (await repository.readCases(null)).map((record) => ({
      external_id: record.externalId,
      number: record.number,
      account_external_id: record.accountExternalId,
      contact_external_id: record.contactExternalId,
      subject: record.subject,
      status: record.status,
    })),
  'blocklist.csv': async (repository) =>
    (await repository.readBlocklist(null)).map((entry) => ({
      owner_email: entry.ownerEmail,
      pattern: entry.pattern,
    })),
};

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
    const rows = await exporters[file](repository);
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
