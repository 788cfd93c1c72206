import type { Database, RequestRead } from '../../adapters/db/database.js';
import { crmRecordsRepository } from '../../adapters/db/repositories/crm-records.js';
import { reportReadsRepository } from '../../adapters/db/repositories/report-reads.js';
import type { UserRow } from '../../adapters/db/repositories/users.js';
import type { Clock } from '../../adapters/system/clock.js';
import { ThreadlineError } from '../../core/errors.js';
import type { ReportKind } from '../../core/reports/message-facts.js';
import {
  resolveReportQuery,
  type ReportQuery,
  type ResolvedReportQuery,
} from '../../core/reports/report-filter.js';
import { isRecordKind, type RecordKind } from '../../core/records/record-kinds.js';
import { readerOf } from '../mail-reads/mail-reads-service.js';
import { decodeThreadCursor, encodeThreadCursor } from '../thread-cursor.js';

export type Bucket = 'day' | 'week';

interface KindCounts {
  inbound: number;
  outbound: number;
  meeting: number;
  total: number;
}

const noCounts = (): KindCounts => ({ inbound: 0, outbound: 0, meeting: 0, total: 0 });

function add(counts: KindCounts, kind: ReportKind, n: number): KindCounts {
  counts[kind] += n;
  counts.total += n;
  return counts;
}

/** Audit trail pages hold this many entries unless asked for fewer. */
const auditPage = 50;

/**
 * The reports a manager reads weekly: engagement over time, response times,
 * volume per rep and team, template open and click rates, and a record's
 * full trail. Counts come from the aggregates (`aggregate-refresher.ts`),
 * summed over the audiences the reader may see, so no total holds a message
 * the reader could not open.
 */
export function createReportsService({ database, clock }: { database: Database; clock: Clock }) {
  const reads = reportReadsRepository(database);
  const records = crmRecordsRepository(database);

  async function resolve(query: ReportQuery): Promise<ResolvedReportQuery> {
    const teams = await reads.teams();
    const resolved = resolveReportQuery(
      query,
      clock.now(),
      new Map(teams.map((team) => [team.id, team.memberIds])),
    );
    if (isRecordKind(resolved.recordType))
      await requireRecord(resolved.recordType, resolved.recordId);
    return resolved;
  }

  async function requireRecord(type: RecordKind, id: string) {
    if (!(await records.recordExists(type, id))) {
      throw new ThreadlineError('NOT_FOUND', `No ${type} with id ${id}`);
    }
  }

  return {
    /** Inbound, outbound and meetings per day or week. */
    async engagement(user: UserRow, query: ReportQuery, bucket: Bucket, read?: RequestRead) {
      const resolved = await resolve(query);
      const rows = await reads.engagement(readerOf(user), resolved, bucket, read);
      const series = new Map<string, KindCounts>();
      for (const row of rows) {
        series.set(row.bucket, add(series.get(row.bucket) ?? noCounts(), row.kind, row.n));
      }
      return {
        bucket,
        from: resolved.from,
        until: resolved.until,
        series: [...series].map(([start, counts]) => ({ start, ...counts })),
      };
    },

    /** Messages per rep, and per team as the sum of its members. */
    async volume(user: UserRow, query: ReportQuery, read?: RequestRead) {
      const resolved = await resolve(query);
      const [rows, teams, people] = await Promise.all([
        reads.volume(readerOf(user), resolved, read),
        reads.teams(),
        reads.people(),
      ]);
      const perRep = new Map<string, KindCounts>();
      for (const row of rows)
        perRep.set(row.repId, add(perRep.get(row.repId) ?? noCounts(), row.kind, row.n));
      const personOf = new Map(people.map((person) => [person.id, person]));
      return {
        reps: [...perRep]
          .map(([id, counts]) => ({ user: personOf.get(id)!, ...counts }))
          .sort((a, b) => b.total - a.total || a.user.email.localeCompare(b.user.email)),
        teams: teams
          .map((team) => ({
            team: { id: team.id, name: team.name },
            ...team.memberIds.reduce((sum, id) => {
              const counts = perRep.get(id);
              return counts ? sumOf(sum, counts) : sum;
            }, noCounts()),
          }))
          .filter((team) => team.total > 0),
      };
    },

    /** Working minutes to answer: ours (a rep answering a customer) and theirs, median and 90th percentile. */
    async responseTimes(user: UserRow, query: ReportQuery, read?: RequestRead) {
      const resolved = await resolve(query);
      const [rows, people] = await Promise.all([
        reads.responseTimes(readerOf(user), resolved, read),
        reads.people(),
      ]);
      const personOf = new Map(people.map((person) => [person.id, person]));
      const figures = (row: (typeof rows)[number]) => ({
        side: row.side,
        count: row.count,
        medianMinutes: row.median,
        p90Minutes: row.p90,
      });
      return {
        overall: rows.filter((row) => row.repId === null).map(figures),
        reps: rows.flatMap((row) =>
          row.repId === null ? [] : [{ user: personOf.get(row.repId)!, ...figures(row) }],
        ),
      };
    },

    /** Tracked mail written from each template the reader can see, and the share a person opened or clicked. */
    async templates(user: UserRow, query: ReportQuery, read?: RequestRead) {
      const resolved = await resolve(query);
      const rows = await reads.templateRates(readerOf(user), resolved, read);
      return rows.map((row) => ({
        ...row,
        openRate: row.sent ? row.opened / row.sent : 0,
        clickRate: row.sent ? row.clicked / row.sent : 0,
      }));
    },

    /** Every message, meeting and manual link change on the record the reader may see, newest first. */
    async auditTrail(
      user: UserRow,
      record: { type: RecordKind; id: string },
      page: { cursor?: string | undefined; limit?: number | undefined },
      read?: RequestRead,
    ) {
      await requireRecord(record.type, record.id);
      const limit = page.limit ?? auditPage;
      const entries = await reads.auditTrail(
        readerOf(user),
        record,
        { before: page.cursor ? positionOf(page.cursor) : null, limit: limit + 1 },
        read,
      );
      const shown = entries.slice(0, limit);
      const last = shown[shown.length - 1];
      return {
        entries: shown,
        // The trail's keyset is an instant and an entry id, as a thread list's is an instant and a thread.
        next:
          entries.length > limit && last
            ? encodeThreadCursor({ at: last.at.toISOString(), threadId: last.id })
            : null,
      };
    },
  };
}

function sumOf(a: KindCounts, b: KindCounts): KindCounts {
  return {
    inbound: a.inbound + b.inbound,
    outbound: a.outbound + b.outbound,
    meeting: a.meeting + b.meeting,
    total: a.total + b.total,
  };
}

function positionOf(cursor: string): { at: Date; id: string } {
  const { at, threadId } = decodeThreadCursor(cursor);
  return { at: new Date(at), id: threadId };
}

export type ReportsService = ReturnType<typeof createReportsService>;
