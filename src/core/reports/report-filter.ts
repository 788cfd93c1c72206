import { ThreadlineError } from '../errors.js';
import type { RecordKind } from '../records/record-kinds.js';
import { mailWide } from './message-facts.js';

/** The reports, as the API and the exports name them. */
export const reportNames = [
  'engagement',
  'volume',
  'response-times',
  'templates',
  'audit-trail',
] as const;
export type ReportName = (typeof reportNames)[number];

/** What a reader asks a report for; every field optional. */
export interface ReportQuery {
  /** First day, `YYYY-MM-DD` (UTC). */
  readonly from?: string | undefined;
  /** Last day, included. */
  readonly to?: string | undefined;
  readonly teamId?: string | undefined;
  /** Only this rep's mail. */
  readonly ownerId?: string | undefined;
  readonly recordType?: RecordKind | undefined;
  readonly recordId?: string | undefined;
}

/** A query with its defaults filled in and its team and owner turned into the reps counted. */
export interface ResolvedReportQuery {
  readonly recordType: RecordKind | typeof mailWide.type;
  readonly recordId: string;
  readonly from: string;
  /** The day after the last one counted. */
  readonly until: string;
  readonly repIds: readonly string[] | null;
}

const dayMs = 86_400_000;
/** Without a range, the last 90 days up to today. */
const defaultDays = 90;
/** Two years of daily buckets and a margin; longer asks are refused rather than slow. */
const maxDays = 3 * 366;

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function dayOf(value: string, field: string): number {
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(`${value}T00:00:00Z`) : NaN;
  if (Number.isNaN(ms) || isoDay(ms) !== value) {
    throw new ThreadlineError(
      'VALIDATION_FAILED',
      `${field}: expected a date YYYY-MM-DD, got "${value}"`,
    );
  }
  return ms;
}

/**
 * Fills in a report query: the range defaults to the last 90 days, a team
 * becomes its members, an owner narrows to themselves (within the team
 * when both are given), no record means all mail.
 *
 * @example
 * resolveReportQuery({ teamId: 't1', ownerId: 'u9' }, new Date('2026-03-10T12:00Z'), new Map([['t1', ['u1']]]))
 * // { ..., from: '2025-12-11', until: '2026-03-11', repIds: [] }: u9 is not in the team
 */
export function resolveReportQuery(
  query: ReportQuery,
  now: Date,
  teams: ReadonlyMap<string, readonly string[]>,
): ResolvedReportQuery {
  const today = dayOf(isoDay(now.getTime()), 'now');
  const last = query.to ? dayOf(query.to, 'to') : today;
  const first = query.from ? dayOf(query.from, 'from') : last - (defaultDays - 1) * dayMs;
  if (first > last) throw new ThreadlineError('VALIDATION_FAILED', 'from: after to');
  if ((last - first) / dayMs >= maxDays) {
    throw new ThreadlineError(
      'VALIDATION_FAILED',
      `from: the range is longer than ${maxDays} days`,
    );
  }
  if ((query.recordType === undefined) !== (query.recordId === undefined)) {
    throw new ThreadlineError('VALIDATION_FAILED', 'recordType and recordId: give both or neither');
  }
  let repIds: readonly string[] | null = null;
  if (query.teamId !== undefined) {
    const members = teams.get(query.teamId);
    if (!members) throw new ThreadlineError('NOT_FOUND', `No team with id ${query.teamId}`);
    repIds = members;
  }
  if (query.ownerId !== undefined) {
    repIds = repIds === null || repIds.includes(query.ownerId) ? [query.ownerId] : [];
  }
  return {
    recordType: query.recordType ?? mailWide.type,
    recordId: query.recordId ?? mailWide.id,
    from: isoDay(first),
    until: isoDay(last + dayMs),
    repIds,
  };
}
