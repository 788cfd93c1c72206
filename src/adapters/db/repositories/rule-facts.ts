import type { Queryable } from '../database.js';
import { microsOf, timestampOfMicros, type Micros } from './exact-time.js';

/** A captured message as rules read it, with the owner of the mailbox it came through. */
export interface RuleMessageRow {
  id: string;
  messageKey: string;
  threadId: string;
  subject: string;
  sentAt: Date | null;
  createdAt: Date;
  /** `createdAt` to the microsecond: where the rule pass's reading stands. */
  storedAt: Micros;
  fromAddress: string;
  fromName: string;
  textBody: string;
  mailboxOwnerId: string;
  captured: boolean;
  /**
   * The calendar objects the message carried; for mail capture left out,
   * only those of meetings the CRM holds (a cancellation is left out as a
   * calendar reply, yet cancels a stored meeting). Null when none.
   */
  meetings: Record<string, unknown>[] | null;
  /** Mail capture left out that only changed a stored meeting: no other trigger reads it. */
  meetingOnly: boolean;
}

/** A follow-up that fell due, with the latest captured message of its thread. */
export interface DueFollowUpRow extends RuleMessageRow {
  followUpId: string;
  remindAt: Date;
}

/** A record linked to a message, with what conditions read of it. */
export interface LinkedRecordRow {
  messageId: string;
  type: 'account' | 'contact' | 'lead' | 'deal' | 'case';
  id: string;
  ownerId: string | null;
  stage: string;
  amount: number | null;
}

/** What the CRM knows of a sender address: the records that have it, and their countries. */
export interface SenderRow {
  address: string;
  countries: string[];
}

const messageColumns = `m.id, m.message_key AS "messageKey", m.thread_id AS "threadId", m.subject,
  m.sent_at AS "sentAt", m.captured, m.created_at AS "createdAt",
  ${microsOf('m.created_at')} AS "storedAt", m.from_address AS "fromAddress",
  coalesce(m.envelope->'from'->0->>'name', '') AS "fromName", coalesce(m.text_body, '') AS "textBody",
  CASE WHEN m.captured THEN m.meetings ELSE (
    SELECT jsonb_agg(o) FROM jsonb_array_elements(m.meetings) o
    WHERE EXISTS (SELECT 1 FROM meetings g WHERE g.uid = o->>'uid')) END AS meetings,
  (NOT m.captured AND m.category = 'calendar_reply') AS "meetingOnly",
  (SELECT mb.owner_id FROM message_decisions l JOIN mailboxes mb ON mb.id = l.mailbox_id
    WHERE l.message_id = m.id ORDER BY mb.created_at, mb.id LIMIT 1) AS "mailboxOwnerId"`;

/**
 * Rules read captured mail, the mail of people the CRM does not know
 * (which capture leaves out for that reason alone): an unknown sender is
 * what turns into a lead, and calendar replies, which may cancel a meeting.
 */
const capturedOrUnknown = `(m.captured OR m.category = 'no_crm_participant'
  OR (m.category = 'calendar_reply' AND m.meetings IS NOT NULL))`;

/** Reads for rule evaluation: each method is one query. */
export function ruleFactsRepository(db: Queryable) {
  return {
    /**
     * Captured messages stored after a cursor, oldest first, sent at or
     * after `sentFrom`, and stored at least `settleSeconds` ago: a batch
     * committed late holds creation times from when its transaction began.
     */
    async messagesAfter(options: {
      after: { at: Micros; id: string } | null;
      sentFrom: Date;
      settleSeconds: number;
      limit: number;
    }): Promise<RuleMessageRow[]> {
      return db.query<RuleMessageRow>(
        `SELECT ${messageColumns} FROM messages m
         WHERE ${capturedOrUnknown} AND m.from_address IS NOT NULL
           AND ($1::text IS NULL OR (m.created_at, m.id) > (${timestampOfMicros('$1')}, $2::uuid))
           AND coalesce(m.sent_at, m.created_at) >= $3 AND m.created_at < now() - make_interval(secs => $4)
           AND EXISTS (SELECT 1 FROM message_decisions l WHERE l.message_id = m.id)
         ORDER BY m.created_at, m.id LIMIT $5`,
        [
          options.after?.at ?? null,
          options.after?.id ?? null,
          options.sentFrom,
          options.settleSeconds,
          options.limit,
        ],
      );
    },

    /** Captured messages sent in a period, oldest first, for a dry run. */
    async messagesSentBetween(from: Date, to: Date, limit: number): Promise<RuleMessageRow[]> {
      return db.query<RuleMessageRow>(
        `SELECT ${messageColumns} FROM messages m
         WHERE ${capturedOrUnknown} AND m.from_address IS NOT NULL
           AND coalesce(m.sent_at, m.created_at) >= $1 AND coalesce(m.sent_at, m.created_at) < $2
           AND EXISTS (SELECT 1 FROM message_decisions l WHERE l.message_id = m.id)
         ORDER BY m.created_at, m.id LIMIT $3`,
        [from, to, limit],
      );
    },

    /**
     * The last message of each thread whose last message came from outside
     * (no user's address) and was sent in the period: threads awaiting an answer.
     */
    async awaitingAnswer(
      sentFrom: Date,
      sentBefore: Date,
      limit: number,
    ): Promise<RuleMessageRow[]> {
      return db.query<RuleMessageRow>(
        `SELECT ${messageColumns} FROM (
           SELECT DISTINCT ON (thread_id) * FROM messages
           WHERE captured AND sent_at IS NOT NULL AND sent_at >= $1
           ORDER BY thread_id, sent_at DESC, id DESC
         ) m
         WHERE m.sent_at < $2 AND m.from_address IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM users u WHERE lower(u.email) = m.from_address)
           AND NOT EXISTS (SELECT 1 FROM user_aliases a WHERE a.address = m.from_address)
           AND EXISTS (SELECT 1 FROM message_decisions l WHERE l.message_id = m.id)
         ORDER BY m.sent_at LIMIT $3`,
        [sentFrom, sentBefore, limit],
      );
    },

    /**
     * Follow-ups that fell due in the period, not cancelled, with no reply
     * from their assignee in the thread since they were set, each with the
     * thread's latest captured message.
     */
    async dueFollowUps(dueFrom: Date, now: Date, limit: number): Promise<DueFollowUpRow[]> {
      return db.query<DueFollowUpRow>(
        `SELECT f.id AS "followUpId", f.remind_at AS "remindAt", ${messageColumns}
         FROM follow_ups f JOIN users a ON a.id = f.assignee_id
         CROSS JOIN LATERAL (
           SELECT * FROM messages x WHERE x.thread_id = f.thread_id AND x.captured
           ORDER BY coalesce(x.sent_at, x.created_at) DESC, x.id LIMIT 1
         ) m
         WHERE f.cancelled_at IS NULL AND f.remind_at >= $1 AND f.remind_at <= $2
           AND m.from_address IS NOT NULL
           AND NOT EXISTS (
             SELECT 1 FROM messages r WHERE r.thread_id = f.thread_id
               -- Date headers carry whole seconds: a reply in the same second still counts.
               AND coalesce(r.sent_at, r.created_at) >= date_trunc('second', f.created_at)
               AND (r.from_address = lower(a.email)
                 OR r.from_address IN (SELECT ua.address FROM user_aliases ua WHERE ua.user_id = a.id)))
         ORDER BY f.remind_at, f.id LIMIT $3`,
        [dueFrom, now, limit],
      );
    },

    /** Stored messages by id, for events about them (tracked opens and clicks). */
    async messages(ids: readonly string[]): Promise<RuleMessageRow[]> {
      return db.query<RuleMessageRow>(
        `SELECT ${messageColumns} FROM messages m
         WHERE m.id = ANY($1::uuid[]) AND m.from_address IS NOT NULL ORDER BY m.created_at, m.id`,
        [ids],
      );
    },

    /** Every address of a user, lower case: mail from one of them is outbound. */
    async userAddresses(): Promise<string[]> {
      const rows = await db.query<{ address: string }>(
        `SELECT lower(email) AS address FROM users UNION SELECT address FROM user_aliases`,
      );
      return rows.map((r) => r.address);
    },

    /** Of these addresses, those a contact or lead has, with the countries recorded for them. */
    async knownSenders(addresses: readonly string[]): Promise<SenderRow[]> {
      return db.query<SenderRow>(
        `SELECT e.address, array_agg(e.country) AS countries FROM (
           SELECT ce.address, c.country FROM contact_emails ce JOIN contacts c ON c.id = ce.contact_id
           WHERE ce.address = ANY($1::text[])
           UNION ALL
           SELECT le.address, l.country FROM lead_emails le JOIN leads l ON l.id = le.lead_id
           WHERE le.address = ANY($1::text[])
         ) e GROUP BY e.address`,
        [addresses],
      );
    },

    /** Of these domains, those an account has. */
    async knownDomains(domains: readonly string[]): Promise<string[]> {
      const rows = await db.query<{ domain: string }>(
        `SELECT DISTINCT domain FROM account_domains WHERE domain = ANY($1::text[])`,
        [domains],
      );
      return rows.map((r) => r.domain);
    },

    /** The records linked to these messages, with owners, deal stages and amounts, case statuses. */
    async linkedRecords(messageIds: readonly string[]): Promise<LinkedRecordRow[]> {
      return db.query<LinkedRecordRow>(
        `SELECT l.message_id AS "messageId", l.record_type AS type, l.record_id AS id,
           coalesce(a.owner_id, c.owner_id, ld.owner_id, d.owner_id) AS "ownerId",
           coalesce(d.stage, cs.status, '') AS stage, d.amount
         FROM message_links l
         LEFT JOIN accounts a ON l.record_type = 'account' AND a.id = l.record_id
         LEFT JOIN contacts c ON l.record_type = 'contact' AND c.id = l.record_id
         LEFT JOIN leads ld ON l.record_type = 'lead' AND ld.id = l.record_id
         LEFT JOIN deals d ON l.record_type = 'deal' AND d.id = l.record_id
         LEFT JOIN cases cs ON l.record_type = 'case' AND cs.id = l.record_id
         WHERE l.message_id = ANY($1::uuid[])`,
        [messageIds],
      );
    },

    /** Team ids of each of these users. */
    async teamsOf(userIds: readonly string[]): Promise<{ userId: string; teamIds: string[] }[]> {
      return db.query(
        `SELECT user_id AS "userId", array_agg(team_id::text) AS "teamIds" FROM team_members
         WHERE user_id = ANY($1::uuid[]) GROUP BY user_id`,
        [userIds],
      );
    },
  };
}
