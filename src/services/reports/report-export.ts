import { stringify } from 'csv-stringify/sync';
import { tablePdf } from '../../adapters/pdf/table-pdf.js';
import type { UserRow } from '../../adapters/db/repositories/users.js';
import { ThreadlineError } from '../../core/errors.js';
import type { ReportName, ReportQuery } from '../../core/reports/report-filter.js';
import { isRecordKind } from '../../core/records/record-kinds.js';
import { quoteFormula } from '../crm-csv/spreadsheet-formulas.js';
import {
  auditTrailTable,
  engagementTable,
  responseTimesTable,
  templatesTable,
  volumeTable,
  type ReportTable,
} from './report-tables.js';
import { createReportsService, type Bucket, type ReportsService } from './reports-service.js';

export type ExportFormat = 'csv' | 'pdf';

/** The longest audit trail one export writes; the API pages through longer ones. */
const auditExportEntries = 10_000;

/**
 * Each report as a CSV file or a PDF: the same figures, filtered by the
 * same rules, as the API returns. Text cells a spreadsheet would run as a
 * formula are made inert.
 */
export function createReportExport(reports: ReportsService) {
  async function tableOf(
    user: UserRow,
    name: ReportName,
    query: ReportQuery & { bucket?: Bucket | undefined },
  ): Promise<ReportTable> {
    switch (name) {
      case 'engagement':
        return engagementTable(await reports.engagement(user, query, query.bucket ?? 'week'));
      case 'volume':
        return volumeTable(await reports.volume(user, query));
      case 'response-times':
        return responseTimesTable(await reports.responseTimes(user, query));
      case 'templates':
        return templatesTable(await reports.templates(user, query));
      case 'audit-trail': {
        const { recordType, recordId } = query;
        if (!isRecordKind(recordType) || recordId === undefined) {
          throw new ThreadlineError(
            'VALIDATION_FAILED',
            'recordType and recordId: the audit trail needs a record',
          );
        }
        const page = await reports.auditTrail(
          user,
          { type: recordType, id: recordId },
          { limit: auditExportEntries },
        );
        return auditTrailTable(page.entries);
      }
    }
  }

  return {
    async render(
      user: UserRow,
      name: ReportName,
      query: ReportQuery & { bucket?: Bucket | undefined },
      format: ExportFormat,
    ): Promise<{ contentType: string; filename: string; body: Buffer | string }> {
      const table = await tableOf(user, name, query);
      if (format === 'csv') {
        const cells = table.rows.map((row) =>
          row.map((cell) => (typeof cell === 'string' ? quoteFormula(cell) : cell)),
        );
        return {
          contentType: 'text/csv; charset=utf-8',
          filename: `${name}.csv`,
          body: stringify([table.columns, ...cells]),
        };
      }
      return {
        contentType: 'application/pdf',
        filename: `${name}.pdf`,
        body: await tablePdf({ ...table, subtitle: `Threadline report for ${user.email}` }),
      };
    },
  };
}

export type ReportExport = ReturnType<typeof createReportExport>;

/** The reports and their exports over one store, as the API serves them. */
export function createReporting(deps: Parameters<typeof createReportsService>[0]) {
  const reports = createReportsService(deps);
  return { reports, exports: createReportExport(reports) };
}

export type Reporting = ReturnType<typeof createReporting>;
