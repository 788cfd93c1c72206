import type { Statement } from '../database.js';
import { heldOnArrival } from './review-hold.js';
import type { ThreadSummary } from '../../../core/threading/place-batch.js';

export interface StoredMessageRow {
  key: string;
  messageId: string | null;
  threadId: string;
  threadRoot: string | null;
  subject: string;
  sentAt: string | null;
  fromAddress: string | null;
  participants: string[];
  envelope: object;
  textBody: string | null;
  htmlBody: string | null;
  /** The `tsvector` literal of the subject and text body (core/search/search-terms.ts). */
  search: string;
  /** `bodyDigest` of the bodies above; null when none is kept. */
  bodySha256: string | null;
  size: number;
  category: string;
  captured: boolean;
  reasons: string[];
  failedRecipients: string[];
  /** A bounce's delivery status, when it gives one. */
  deliveryStatus?: string | null;
  /** The calendar objects the message carried (`threadline meetings parse`'s), null when none were read. */
  meetings: readonly object[] | null;
  /** What was proven about the sender; absent when nothing was checked. */
  senderAuth?: object | null;
  /** Older than the mailbox's activity window: counted in scores, no timeline entry. */
  statisticsOnly?: boolean;
}

export interface LocationRow {
  key: string;
  mailboxId: string;
  folderPath: string;
  uidValidity: number;
  uid: number;
  flags: string[];
}

export interface DecisionRow {
  key: string;
  mailboxId: string;
  /** The digest of this mailbox's own copy's body, when it was parsed whole. */
  bodySha256: string | null;
  captured: boolean;
  category: string;
  reasons: string[];
  /** Held in the owner's review queue whatever the mailbox's mode (sender not authenticated). */
  hold?: boolean;
}

export interface LinkRow {
  key: string;
  recordType: string;
  recordId: string;
  reason: string;
  confidence: number;
  source: 'auto' | 'rule' | 'manual';
  ambiguous: boolean;
  alternatives: readonly string[];
}

export interface AttachmentRow {
  key: string;
  position: number;
  /** null when the content was not kept (size limit, data scope, truncated fetch). */
  sha256: string | null;
  filename: string | null;
  contentType: string;
  size: number;
  contentId: string | null;
}

/** A message `adoptOrphans` moved to its parent's thread. */
export interface AdoptedRow {
  key: string;
  messageId: string | null;
  threadId: string;
}

export interface QuarantineRow {
  mailboxId: string;
  source: string;
  raw: Uint8Array;
  rawSha256: string;
  reason: string;
}

/**
 * The writes of a batch's commit, as statements to send together in one
 * transaction (Database.atomically), in the order given here: each round
 * trip of a commit waited for this process and the database to be scheduled
 * again, on a machine both keep busy. Each write is one statement for the
 * whole batch, however many tables it fills: each table's rows travel as one
 * JSON parameter expanded with jsonb_to_recordset, which both backends run
 * unchanged.
 */
export const captureWrites = {
  /**
   * The batch's new messages and the threads they open or extend. A row
   * whose key is stored already fills in the body when the stored message
   * kept none (its first copy was not captured), and makes it a timeline
   * entry when this copy lies inside its mailbox's activity window; it
   * changes nothing else.
   */
  storeMessages(
    messages: readonly StoredMessageRow[],
    threads: readonly ThreadSummary[],
  ): Statement {
    // Bodies and search vectors, 86% of a back-fill's bytes, each a parameter
    // of its own rather than inside the JSON: replaying a back-fill's writes,
    // the server spent 18% of its time reading that JSON, character by
    // character, and 7% more scanning the query text it was written into
    // (a bulk statement's parameters are not written into the text).
    const bodies = messages.map(
      (_, n) => `(${n}, $${3 + 3 * n}::text, $${4 + 3 * n}::text, $${5 + 3 * n}::tsvector)`,
    );
    const fillsBody = 'messages.body_sha256 IS NULL AND EXCLUDED.body_sha256 IS NOT NULL';
    return {
      bulk: true,
      sql: `WITH saved_threads AS (
           INSERT INTO threads (id, subject_key, participants, first_at, last_at)
           SELECT r.id, r."subjectKey", ARRAY(SELECT jsonb_array_elements_text(r.participants)), r."firstAt", r."lastAt"
           FROM jsonb_to_recordset($2::jsonb) AS r(id text, "subjectKey" text, participants jsonb,
             "firstAt" timestamptz, "lastAt" timestamptz)
           ON CONFLICT (id) DO UPDATE SET
             participants = ARRAY(SELECT DISTINCT unnest(threads.participants || EXCLUDED.participants)),
             first_at = LEAST(threads.first_at, EXCLUDED.first_at),
             last_at = GREATEST(threads.last_at, EXCLUDED.last_at))
         INSERT INTO messages (message_key, message_id, thread_id, thread_root, subject, sent_at, from_address,
           participants, envelope, text_body, html_body, search, body_sha256, size, category, captured, reasons,
           failed_recipients, delivery_status, meetings, sender_auth, statistics_only)
         SELECT r.key, r."messageId", r."threadId", r."threadRoot", r.subject, r."sentAt", r."fromAddress",
           ARRAY(SELECT jsonb_array_elements_text(r.participants)), r.envelope, b.text_body, b.html_body,
           b.search, r."bodySha256", r.size, r.category, r.captured, r.reasons,
           ARRAY(SELECT jsonb_array_elements_text(r."failedRecipients")), r."deliveryStatus", r.meetings, r."senderAuth",
           coalesce(r."statisticsOnly", false)
         FROM jsonb_to_recordset($1::jsonb) AS r(n int, key text, "messageId" text, "threadId" text, "threadRoot" text,
           subject text, "sentAt" timestamptz, "fromAddress" text, participants jsonb, envelope jsonb,
           "bodySha256" text, size int, category text, captured boolean, reasons jsonb, "failedRecipients" jsonb,
           "deliveryStatus" text, meetings jsonb, "senderAuth" jsonb, "statisticsOnly" boolean)
         JOIN (${bodies.length > 0 ? `VALUES ${bodies.join(', ')}` : 'SELECT NULL::int, NULL::text, NULL::text, NULL::tsvector WHERE false'})
           AS b(n, text_body, html_body, search) ON b.n = r.n
         ON CONFLICT (message_key) DO UPDATE
           SET text_body = CASE WHEN ${fillsBody} THEN EXCLUDED.text_body ELSE messages.text_body END,
             html_body = CASE WHEN ${fillsBody} THEN EXCLUDED.html_body ELSE messages.html_body END,
             search = CASE WHEN ${fillsBody} THEN EXCLUDED.search ELSE messages.search END,
             body_sha256 = CASE WHEN ${fillsBody} THEN EXCLUDED.body_sha256 ELSE messages.body_sha256 END,
             meetings = coalesce(messages.meetings, EXCLUDED.meetings),
             statistics_only = messages.statistics_only AND EXCLUDED.statistics_only
           WHERE ${fillsBody} OR (messages.statistics_only AND NOT EXCLUDED.statistics_only)`,
      params: [
        json(messages.map(withoutBodies)),
        json(threads),
        ...messages.flatMap((message) => [message.textBody, message.htmlBody, message.search]),
      ],
    };
  },
  /**
   * A reply stored before its parent was filed under a thread named after
   * the parent's id; once the parent knows its real thread, adopt them.
   * Its rows are the messages moved (`AdoptedRow`). Only the owner's own
   * mail is adopted: a header naming a parent joins no one else's thread.
   */
  adoptOrphans(rows: readonly { root: string; threadId: string }[], ownerId: string): Statement {
    // One index probe per root, as in threadsByMessageId: the planner, misled by
    // statistics on roots (often shared by a thread's replies), read every
    // message instead, a cost that grew with the store (about 35 ms per batch at 100,000).
    // The ids again as an array, so the update finds its rows by key whatever it
    // estimates `moved` to hold, rather than joining it against a scan.
    return {
      sql: `WITH moved AS (
           SELECT hit.id, r."threadId"
           FROM jsonb_to_recordset($1::jsonb) AS r(root text, "threadId" text)
           CROSS JOIN LATERAL (
             SELECT id, thread_id FROM messages WHERE thread_root = r.root OFFSET 0
           ) AS hit
           WHERE hit.thread_id <> r."threadId"
             AND EXISTS (SELECT 1 FROM message_decisions d JOIN mailboxes mb ON mb.id = d.mailbox_id
               WHERE d.message_id = hit.id AND mb.owner_id = $2))
         UPDATE messages m SET thread_id = moved."threadId"
         FROM moved WHERE m.id = ANY(ARRAY(SELECT id FROM moved)) AND m.id = moved.id
         RETURNING m.message_key AS key, m.message_id AS "messageId", m.thread_id AS "threadId"`,
      params: [json(rows), ownerId],
    };
  },
  /**
   * Where the batch's messages were found, each mailbox's decision, their
   * links and attachments (each blob once), run after `storeMessages`,
   * whose rows it finds by key. A decision keeps the
   * message's organisation view: captured when any mailbox captured it,
   * with that decision's category and reasons.
   */
  recordFilings(filings: {
    locations: readonly LocationRow[];
    decisions: readonly DecisionRow[];
    links: readonly LinkRow[];
    attachments: readonly AttachmentRow[];
  }): Statement {
    const { locations, decisions, links, attachments } = filings;
    return {
      sql: `WITH saved_locations AS (
           INSERT INTO message_locations (mailbox_id, folder_path, uid_validity, uid, message_id, flags)
           SELECT r."mailboxId", r."folderPath", r."uidValidity", r.uid, m.id, ARRAY(SELECT jsonb_array_elements_text(r.flags))
           FROM jsonb_to_recordset($1::jsonb) AS r(key text, "mailboxId" uuid, "folderPath" text, "uidValidity" bigint,
             uid bigint, flags jsonb)
           JOIN messages m ON m.message_key = r.key
           ON CONFLICT (mailbox_id, folder_path, uid_validity, uid) DO UPDATE SET flags = EXCLUDED.flags),
         saved_links AS (
           INSERT INTO message_links (message_id, record_type, record_id, reason, confidence, source, ambiguous, alternatives)
           SELECT m.id, r."recordType", r."recordId", r.reason, r.confidence, r.source, r.ambiguous, r.alternatives
           FROM jsonb_to_recordset($3::jsonb) AS r(key text, "recordType" text, "recordId" uuid, reason text,
             confidence real, source text, ambiguous boolean, alternatives jsonb)
           JOIN messages m ON m.message_key = r.key
           ON CONFLICT (message_id, record_type, record_id) DO NOTHING),
         attachment_input AS (
           SELECT * FROM jsonb_to_recordset($4::jsonb) AS r(key text, position int, sha256 text,
             filename text, "contentType" text, size bigint, "contentId" text)),
         saved_blobs AS (
           INSERT INTO attachment_blobs (sha256, size, stored)
           SELECT DISTINCT a.sha256, a.size, true FROM attachment_input a WHERE a.sha256 IS NOT NULL
           ON CONFLICT (sha256) DO NOTHING),
         saved_attachments AS (
           INSERT INTO message_attachments (message_id, position, sha256, filename, content_type, size, content_id)
           SELECT m.id, a.position, a.sha256, a.filename, a."contentType", a.size, a."contentId"
           FROM attachment_input a JOIN messages m ON m.message_key = a.key
           ON CONFLICT (message_id, position) DO NOTHING),
         decision_input AS (
           SELECT m.id AS message_id, r."mailboxId" AS mailbox_id, r.captured, r.category, r.reasons, r."bodySha256",
             coalesce(r.hold, false) AS hold
           FROM jsonb_to_recordset($2::jsonb) AS r(key text, "mailboxId" uuid, captured boolean, category text,
             reasons jsonb, "bodySha256" text, hold boolean)
           JOIN messages m ON m.message_key = r.key),
         saved_decisions AS (
           INSERT INTO message_decisions (message_id, mailbox_id, captured, category, reasons, held, body_sha256)
           SELECT i.message_id, i.mailbox_id, i.captured, i.category, i.reasons,
             (i.hold OR ${heldOnArrival({ messageId: 'i.message_id', captured: 'i.captured', mailbox: 'mb' })}),
             i."bodySha256"
           FROM decision_input i JOIN mailboxes mb ON mb.id = i.mailbox_id
           ON CONFLICT (message_id, mailbox_id) DO UPDATE
             SET captured = EXCLUDED.captured, category = EXCLUDED.category, reasons = EXCLUDED.reasons,
               body_sha256 = coalesce(EXCLUDED.body_sha256, message_decisions.body_sha256),
               held = CASE WHEN message_decisions.captured THEN message_decisions.held ELSE EXCLUDED.held END)
         UPDATE messages m SET captured = true, category = i.category, reasons = i.reasons
         FROM decision_input i WHERE m.id = i.message_id AND i.captured AND NOT m.captured`,
      params: [json(locations), json(decisions), json(links), json(attachments)],
    };
  },
  /**
   * Gives messages found under a key of the old form (`StoredCopyRow.legacyKey`)
   * their key, before the batch's filings find them by it.
   */
  rekeyLegacy(rows: readonly { legacyKey: string; key: string }[]): Statement {
    return {
      sql: `UPDATE messages m SET message_key = r.key
            FROM jsonb_to_recordset($1::jsonb) AS r("legacyKey" text, key text)
            WHERE m.message_key = r."legacyKey"`,
      params: [json(rows)],
    };
  },
  /** One statement per message that could not be parsed, kept raw with its reason. */
  quarantine(rows: readonly QuarantineRow[]): Statement[] {
    return rows.map((row) => ({
      sql: `INSERT INTO quarantine (mailbox_id, source, raw_sha256, raw, reason) VALUES ($1, $2, $3, $4, $5)
              ON CONFLICT (mailbox_id, raw_sha256) DO NOTHING`,
      params: [row.mailboxId, row.source, row.rawSha256, row.raw, row.reason],
    }));
  },
};

/** A message's row as `storeMessages` sends it in its JSON: numbered, the bodies apart. */
function withoutBodies(message: StoredMessageRow, n: number) {
  const { textBody: _text, htmlBody: _html, search: _search, ...rest } = message;
  return { ...rest, n };
}

export function json(rows: readonly object[]): string {
  return JSON.stringify(rows);
}
