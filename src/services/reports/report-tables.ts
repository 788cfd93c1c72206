import type { ReportsService } from './reports-service.js';

type Report<K extends keyof ReportsService> = Awaited<ReturnType<ReportsService[K]>>;

/** A report as rows and columns, the one form both exports (CSV, PDF) are written from. */
export interface ReportTable {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (string | number)[])[];
}

const counts = ['inbound', 'outbound', 'meeting', 'total'] as const;
const minutes = (value: number) => Math.round(value * 10) / 10;
const percent = (value: number) => Math.round(value * 1000) / 10;

export function engagementTable(report: Report<'engagement'>): ReportTable {
  return {
    title: `Engagement per ${report.bucket}, ${report.from} to ${report.until}`,
    columns: [report.bucket, ...counts],
    rows: report.series.map((row) => [row.start, ...counts.map((kind) => row[kind])]),
  };
}

export function volumeTable(report: Report<'volume'>): ReportTable {
  return {
    title: 'Volume per rep and per team',
    columns: ['scope', 'name', 'email', ...counts],
    rows: [
      ...report.reps.map((row) => [
        'rep',
        row.user.name,
        row.user.email,
        ...counts.map((k) => row[k]),
      ]),
      ...report.teams.map((row) => ['team', row.team.name, '', ...counts.map((k) => row[k])]),
    ],
  };
}

export function responseTimesTable(report: Report<'responseTimes'>): ReportTable {
  return {
    title: 'Response times in working minutes',
    columns: ['rep', 'side', 'count', 'median minutes', 'p90 minutes'],
    rows: [
      ...report.overall.map((row) => [
        'everyone',
        row.side,
        row.count,
        minutes(row.medianMinutes),
        minutes(row.p90Minutes),
      ]),
      ...report.reps.map((row) => [
        row.user.email,
        row.side,
        row.count,
        minutes(row.medianMinutes),
        minutes(row.p90Minutes),
      ]),
    ],
  };
}

export function templatesTable(report: Report<'templates'>): ReportTable {
  return {
    title: 'Template open and click rates',
    columns: ['template', 'sent', 'opened', 'clicked', 'open %', 'click %'],
    rows: report.map((row) => [
      row.name,
      row.sent,
      row.opened,
      row.clicked,
      percent(row.openRate),
      percent(row.clickRate),
    ]),
  };
}

export function auditTrailTable(entries: Report<'auditTrail'>['entries']): ReportTable {
  return {
    title: 'Communication audit trail',
    columns: ['at', 'kind', 'subject', 'from', 'detail'],
    rows: entries.map((entry) => [
      entry.at.toISOString(),
      entry.kind,
      entry.subject,
      entry.from ?? '',
      entry.detail ?? '',
    ]),
  };
}
