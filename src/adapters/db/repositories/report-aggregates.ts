import type { Audience } from '../../../core/reports/audience.js';
import type { MessageFact, MessageFactInput } from '../../../core/reports/message-facts.js';
import type { Queryable } from '../database.js';
import { sentFromRecord } from './message-visibility.js';

/** Arbitrary constant: one refresher at a time across processes sharing the store. */
const refreshLockKey = 7_401_238;

/** Our people's addresses, lower case: who among a message's participants is one of us. */
const ourAddresses = `ours AS (
  SELECT u.id AS user_id, lower(u.email) AS address FROM users u
  UNION SELECT a.user_id, lower(a.address) FROM user_aliases a)`;

/** A change of working hours (a user's id) or of holidays ('*') whose responses are not all marked yet. */
export interface CalendarChange {
  scope: string;
  generation: number;
}

type InputRow = Omit<MessageFactInput, 'previous'> & {
  previous: { sentAt: string; fromUs: boolean } | null;
};

/** The writes and reads that keep the report aggregates in step with the mail. */
export function reportAggregatesRepository(db: Queryable) {
  return {
    /**
     * Takes up to `limit` stale messages off the list, oldest first, once no
     * other refresher holds the lock; none when one does. Call inside the
     * transaction that writes their facts: a failure puts them back.
     */
    async takeStale(limit: number): Promise<string[]> {
      const rows = await db.query<{ id: string }>(
        `DELETE FROM report_stale WHERE pg_try_advisory_xact_lock(${refreshLockKey})
           AND message_id IN (SELECT message_id FROM report_stale ORDER BY marked_at LIMIT $1)
         RETURNING message_id AS id`,
        [limit],
      );
      return rows.map((row) => row.id);
    },

    /** The calendar changes not yet walked to their end. */
    calendarChanges: (): Promise<CalendarChange[]> =>
      db.query<CalendarChange>(
        `SELECT scope, generation::float8 AS generation FROM report_calendar_changes ORDER BY changed_at`,
      ),

    /**
     * Marks stale the next `limit` responses of a calendar change, in message
     * order: those counted for the user it names, or everyone's; moves its
     * place on, or removes it once walked to its end. Nothing when the change
     * was made again since `change` was read (its walk starts over, with the
     * calendars as they are then) or another refresher holds the lock; how
     * many it marked.
     */
    async markCalendarChange(change: CalendarChange, limit: number): Promise<number> {
      const [lock] = await db.query<{ held: boolean }>(
        `SELECT pg_try_advisory_xact_lock(${refreshLockKey}) AS held`,
      );
      if (!lock?.held) return 0;
      const [walk] = await db.query<{ after: string | null }>(
        `SELECT after_message AS after FROM report_calendar_changes
         WHERE scope = $1 AND generation = $2`,
        [change.scope, change.generation],
      );
      if (!walk) return 0;
      // Two statements, not one with an OR: each walks its own index in message order.
      const whose =
        change.scope === '*'
          ? { filter: '', params: [] }
          : { filter: 'AND f.rep_id = $3::uuid', params: [change.scope] };
      const ids = (
        await db.query<{ id: string }>(
          `SELECT DISTINCT f.message_id AS id FROM report_facts f
           WHERE f.response_side IS NOT NULL ${whose.filter}
             AND f.message_id > $1::uuid
           ORDER BY f.message_id LIMIT $2`,
          // No message has the nil id: a walk starts below every other.
          [walk.after ?? '00000000-0000-0000-0000-000000000000', limit, ...whose.params],
        )
      ).map((row) => row.id);
      if (ids.length > 0) {
        await db.query(
          `INSERT INTO report_stale (message_id) SELECT unnest($1::uuid[]) ON CONFLICT DO NOTHING`,
          [ids],
        );
      }
      await db.query(
        ids.length < limit
          ? 'DELETE FROM report_calendar_changes WHERE scope = $1 AND generation = $2'
          : `UPDATE report_calendar_changes SET after_message = $3
             WHERE scope = $1 AND generation = $2`,
        ids.length < limit
          ? [change.scope, change.generation]
          : [change.scope, change.generation, ids.at(-1)],
      );
      return ids.length;
    },

    async staleCount(): Promise<number> {
      const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM report_stale');
      return row?.n ?? 0;
    },

    /** What the facts of these messages are made of; messages gone or not captured are left out. */
    async factInputs(messageIds: readonly string[]): Promise<MessageFactInput[]> {
      const rows = await db.query<InputRow>(
        `WITH ${ourAddresses}
         SELECT m.id AS "messageId", coalesce(m.sent_at, m.created_at) AS "sentAt",
           (SELECT o.user_id FROM ours o WHERE o.address = lower(m.from_address) LIMIT 1) AS "senderUserId",
           ARRAY(SELECT o.user_id FROM unnest(m.participants) WITH ORDINALITY AS p(address, i)
             JOIN ours o ON o.address = lower(p.address)
             WHERE lower(p.address) IS DISTINCT FROM lower(m.from_address) ORDER BY p.i) AS "recipientUserIds",
           m.participants,
           coalesce(jsonb_array_length(m.meetings) > 0, false) AS "carriesMeeting",
           (SELECT coalesce(jsonb_agg(jsonb_build_object('ownerId', mb.owner_id, 'captured', d.captured,
               'held', d.held, 'excludedDomains', coalesce(s.excluded_domains, '{}'),
               'sentFromRecord', ${sentFromRecord('m')})), '[]')
            FROM message_decisions d JOIN mailboxes mb ON mb.id = d.mailbox_id
            LEFT JOIN sharing_settings s ON s.user_id = mb.owner_id
            WHERE d.message_id = m.id) AS copies,
           (SELECT coalesce(jsonb_agg(jsonb_build_object('type', l.record_type, 'id', l.record_id)), '[]')
            FROM message_links l WHERE l.message_id = m.id) AS links,
           (SELECT coalesce(jsonb_agg(DISTINCT jsonb_build_object('ownerId', rs.owner_id, 'userId', rs.user_id)), '[]')
            FROM message_links l
            JOIN record_shares rs ON rs.record_type = l.record_type AND rs.record_id = l.record_id
            WHERE l.message_id = m.id) AS "recordShares",
           (SELECT jsonb_build_object('sentAt', p.sent_at,
               'fromUs', EXISTS (SELECT 1 FROM ours o WHERE o.address = lower(p.from_address)))
            FROM messages p WHERE p.thread_id = m.thread_id AND p.sent_at < m.sent_at
            ORDER BY p.sent_at DESC LIMIT 1) AS previous
         FROM messages m WHERE m.id = ANY($1::uuid[]) AND m.captured`,
        [[...messageIds]],
      );
      return rows.map((row) => ({
        ...row,
        previous: row.previous
          ? { sentAt: new Date(row.previous.sentAt), fromUs: row.previous.fromUs }
          : null,
      }));
    },

    /** Each audience's row id, stored the first time it is met. */
    async audienceIds(audiences: readonly Audience[]): Promise<Map<string, number>> {
      if (audiences.length === 0) return new Map();
      const rows = await db.query<{ id: number; signature: string }>(
        `INSERT INTO report_audiences (signature, everyone, owner_ids, shared_owner_ids)
         SELECT a.signature, a.everyone,
           ARRAY(SELECT jsonb_array_elements_text(a."ownerIds"))::uuid[],
           ARRAY(SELECT jsonb_array_elements_text(a."sharedOwnerIds"))::uuid[]
         FROM jsonb_to_recordset($1::jsonb)
           AS a(signature text, everyone boolean, "ownerIds" jsonb, "sharedOwnerIds" jsonb)
         ORDER BY a.signature
         ON CONFLICT (signature) DO UPDATE SET signature = EXCLUDED.signature
         RETURNING id, signature`,
        [JSON.stringify(audiences)],
      );
      const ids = new Map(rows.map((row) => [row.signature, row.id]));
      const grants = audiences.flatMap((audience) =>
        audience.grants.map((grant) => ({ ...grant, audienceId: ids.get(audience.signature) })),
      );
      if (grants.length > 0) {
        await db.query(
          `INSERT INTO report_audience_grants (audience_id, owner_id, user_id)
           SELECT g."audienceId", g."ownerId", g."userId"
           FROM jsonb_to_recordset($1::jsonb) AS g("audienceId" bigint, "ownerId" uuid, "userId" uuid)
           ON CONFLICT DO NOTHING`,
          [JSON.stringify(grants)],
        );
      }
      return ids;
    },

    /**
     * Replaces the facts of these messages with `facts` and moves the counts
     * by the difference: what the old facts added is taken away, what the new
     * ones add is added. Counts that fall to zero are removed.
     */
    async replaceFacts(
      messageIds: readonly string[],
      facts: readonly (MessageFact & { audienceId: number })[],
    ): Promise<void> {
      const keys = 'record_type, record_id, day, kind, rep_id, audience_id';
      await db.query(
        `WITH old AS (DELETE FROM report_facts WHERE message_id = ANY($1::uuid[]) RETURNING ${keys})
         INSERT INTO report_counts (${keys}, n)
         SELECT ${keys}, -count(*) FROM old GROUP BY ${keys} ORDER BY ${keys}
         ON CONFLICT (${keys}) DO UPDATE SET n = report_counts.n + EXCLUDED.n`,
        [[...messageIds]],
      );
      if (facts.length > 0) {
        await db.query(
          `WITH new AS (
             INSERT INTO report_facts (message_id, ${keys}, response_side, response_minutes)
             SELECT f."messageId", f."recordType", f."recordId", f.day, f.kind, f."repId", f."audienceId",
               f."responseSide", f."responseMinutes"
             FROM jsonb_to_recordset($1::jsonb) AS f("messageId" uuid, "recordType" text, "recordId" uuid,
               day date, kind text, "repId" uuid, "audienceId" bigint, "responseSide" text,
               "responseMinutes" double precision)
             RETURNING ${keys})
           INSERT INTO report_counts (${keys}, n)
           SELECT ${keys}, count(*) FROM new GROUP BY ${keys} ORDER BY ${keys}
           ON CONFLICT (${keys}) DO UPDATE SET n = report_counts.n + EXCLUDED.n`,
          [JSON.stringify(facts)],
        );
      }
      await db.query('DELETE FROM report_counts WHERE n = 0');
    },
  };
}
