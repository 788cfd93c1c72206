import type { ReportKind, ResponseSide } from '../../../core/reports/message-facts.js';
import type { Queryable, RequestRead } from '../database.js';
import {
  messageVisibleTo,
  readerCte,
  readerParams,
  readerReports,
  type ReaderParams,
} from './message-visibility.js';

/**
 * The audiences whose messages the reader in `$1..$3` may see: the reader
 * side of `copyAllows` (core/sharing/access.ts), applied to what
 * `audienceOf` (core/reports/audience.ts) kept of each message's copies.
 * An admin stands above every manager chain, and sees private mail only
 * through a break-glass grant for the owner's whole mailbox.
 */
const visibleAudiences = `visible AS (
  SELECT a.id FROM report_audiences a
  WHERE a.everyone OR $1::uuid = ANY(a.owner_ids) OR EXISTS (
    SELECT 1 FROM unnest(a.shared_owner_ids) AS o(id)
    JOIN sharing_settings s ON s.user_id = o.id
    WHERE s.mode = 'public' OR (s.mode = 'custom' AND (
      EXISTS (SELECT 1 FROM user_shares us
        WHERE us.owner_id = o.id AND (us.user_id = $1::uuid OR $2::boolean OR o.id IN ${readerReports}))
      OR EXISTS (SELECT 1 FROM report_audience_grants g
        WHERE g.audience_id = a.id AND g.owner_id = o.id
          AND (g.user_id = $1::uuid OR $2::boolean OR o.id IN ${readerReports})))))
    -- A break-glass grant for one message is not counted: a count stays within what the
    -- reader could open, never beyond it.
    OR ($2::boolean AND EXISTS (SELECT 1 FROM break_glass_grants bg
      WHERE bg.admin_id = $1::uuid AND bg.whole_mailbox AND bg.expires_at > now()
        AND bg.owner_id = ANY(a.owner_ids)))
)`;

/** Which cells a report sums: a record (or 'none' for all mail), a day range, some reps. */
export interface CellFilter {
  readonly recordType: string;
  readonly recordId: string;
  /** First day counted, `YYYY-MM-DD`. */
  readonly from: string;
  /** Day after the last one counted. */
  readonly until: string;
  /** Only these reps' mail; null for everyone's. */
  readonly repIds: readonly string[] | null;
}

/** `$4..$8`, after the reader's three parameters. */
const cellWhere = `record_type = $4 AND record_id = $5::uuid AND day >= $6::date AND day < $7::date
  AND ($8::uuid[] IS NULL OR rep_id = ANY($8::uuid[])) AND audience_id IN (SELECT id FROM visible)`;

function cellParams(reader: ReaderParams, filter: CellFilter): unknown[] {
  return [
    ...readerParams(reader),
    filter.recordType,
    filter.recordId,
    filter.from,
    filter.until,
    filter.repIds ? [...filter.repIds] : null,
  ];
}

export interface AuditEntry {
  at: Date;
  kind: 'message' | 'meeting' | 'link';
  id: string;
  threadId: string;
  subject: string;
  from: string | null;
  detail: string | null;
}

/** The reports' reads, each summed over the cells the reader may see. */
export function reportReadsRepository(db: Queryable) {
  return {
    /** Messages per bucket (`day` or `week`) and kind. */
    engagement(
      reader: ReaderParams,
      filter: CellFilter,
      bucket: 'day' | 'week',
      read?: RequestRead,
    ) {
      return db.query<{ bucket: string; kind: ReportKind; n: number }>(
        `WITH ${readerCte}, ${visibleAudiences}
         SELECT to_char(date_trunc($9, day), 'YYYY-MM-DD') AS bucket, kind, sum(n)::int AS n
         FROM report_counts WHERE ${cellWhere}
         GROUP BY 1, 2 ORDER BY 1, 2`,
        [...cellParams(reader, filter), bucket],
        read,
      );
    },

    /** Messages per rep and kind. */
    volume(reader: ReaderParams, filter: CellFilter, read?: RequestRead) {
      return db.query<{ repId: string; kind: ReportKind; n: number }>(
        `WITH ${readerCte}, ${visibleAudiences}
         SELECT rep_id AS "repId", kind, sum(n)::int AS n
         FROM report_counts WHERE ${cellWhere}
         GROUP BY 1, 2 ORDER BY 1, 2`,
        cellParams(reader, filter),
        read,
      );
    },

    /** Median and 90th percentile of working minutes to answer, per side, overall (repId null) and per rep. */
    responseTimes(reader: ReaderParams, filter: CellFilter, read?: RequestRead) {
      return db.query<{
        repId: string | null;
        side: ResponseSide;
        count: number;
        median: number;
        p90: number;
      }>(
        `WITH ${readerCte}, ${visibleAudiences}
         SELECT rep_id AS "repId", response_side AS side, count(*)::int AS count,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY response_minutes) AS median,
           percentile_cont(0.9) WITHIN GROUP (ORDER BY response_minutes) AS p90
         FROM report_facts WHERE response_side IS NOT NULL AND ${cellWhere}
         GROUP BY GROUPING SETS ((response_side), (rep_id, response_side))
         ORDER BY rep_id NULLS FIRST, response_side`,
        cellParams(reader, filter),
        read,
      );
    },

    /** Per template: tracked messages sent from it, and how many a person opened or clicked. */
    templateRates(
      reader: ReaderParams,
      range: { from: string; until: string; repIds: readonly string[] | null },
      read?: RequestRead,
    ) {
      return db.query<{
        templateId: string;
        name: string;
        sent: number;
        opened: number;
        clicked: number;
      }>(
        `WITH ${readerCte}
         SELECT t.id AS "templateId", t.name, count(*)::int AS sent,
           count(*) FILTER (WHERE EXISTS (SELECT 1 FROM tracking_events e
             WHERE e.tracked_message_id = tm.id AND e.kind = 'open' AND e.verdict = 'human'))::int AS opened,
           count(*) FILTER (WHERE EXISTS (SELECT 1 FROM tracking_events e
             WHERE e.tracked_message_id = tm.id AND e.kind = 'click' AND e.verdict = 'human'))::int AS clicked
         FROM outbox o
         JOIN message_templates t ON t.id = o.template_id
         JOIN tracked_messages tm ON tm.outbox_id = o.id
         JOIN messages m ON m.message_id = o.message_id
         WHERE o.state = 'sent' AND o.sent_at >= $4::date AND o.sent_at < $5::date
           AND ($6::uuid[] IS NULL OR o.sender_id = ANY($6::uuid[]))
           AND ($2::boolean OR t.shared OR t.owner_id = $1::uuid)
           AND ${messageVisibleTo('m')}
         GROUP BY t.id, t.name ORDER BY sent DESC, t.name`,
        [...readerParams(reader), range.from, range.until, range.repIds ? [...range.repIds] : null],
        read,
      );
    },

    /**
     * A record's messages, meetings and manual link changes the reader may
     * see, newest first, after the cursor (`before`: an instant and an id).
     */
    auditTrail(
      reader: ReaderParams,
      record: { type: string; id: string },
      page: { before: { at: Date; id: string } | null; limit: number },
      read?: RequestRead,
    ) {
      return db.query<AuditEntry>(
        `WITH ${readerCte},
         entries AS (
           SELECT coalesce(m.sent_at, m.created_at) AS at,
             CASE WHEN coalesce(jsonb_array_length(m.meetings) > 0, false) THEN 'meeting' ELSE 'message' END AS kind,
             m.id::text AS id, m.thread_id AS "threadId", m.subject, m.from_address AS "from", NULL AS detail
           FROM message_links l JOIN messages m ON m.id = l.message_id
           WHERE l.record_type = $4 AND l.record_id = $5::uuid AND ${messageVisibleTo('m')}
           UNION ALL
           SELECT o.created_at, 'link', o.thread_id || '/' || o.action, o.thread_id,
             coalesce((SELECT t.subject FROM messages t WHERE t.thread_id = o.thread_id
               ORDER BY t.sent_at LIMIT 1), ''),
             (SELECT u.email FROM users u WHERE u.id = o.user_id), o.action
           FROM thread_link_overrides o
           WHERE o.record_type = $4 AND o.record_id = $5::uuid AND EXISTS (
             SELECT 1 FROM messages m WHERE m.thread_id = o.thread_id AND ${messageVisibleTo('m')}))
         SELECT * FROM entries
         WHERE $6::timestamptz IS NULL OR (at, id) < ($6::timestamptz, $7::text)
         ORDER BY at DESC, id DESC LIMIT $8`,
        [
          ...readerParams(reader),
          record.type,
          record.id,
          page.before?.at ?? null,
          page.before?.id ?? '',
          page.limit,
        ],
        read,
      );
    },

    people() {
      return db.query<{ id: string; name: string; email: string }>(
        'SELECT id, name, email FROM users ORDER BY email',
      );
    },

    /** Every team with its members. */
    teams() {
      return db.query<{ id: string; name: string; memberIds: string[] }>(
        `SELECT t.id, t.name, coalesce(array_agg(m.user_id) FILTER (WHERE m.user_id IS NOT NULL), '{}') AS "memberIds"
         FROM teams t LEFT JOIN team_members m ON m.team_id = t.id GROUP BY t.id ORDER BY t.name`,
      );
    },
  };
}
