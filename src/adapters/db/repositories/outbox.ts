import type { OutgoingMessage } from '../../../core/compose/outgoing-message.js';
import type { RecordKind } from '../../../core/records/record-kinds.js';
import type { Queryable } from '../database.js';

export type OutboxState = 'scheduled' | 'sending' | 'sent' | 'failed' | 'cancelled';

export interface OutboxRow {
  id: string;
  senderId: string;
  mailboxId: string;
  messageId: string;
  recordType: RecordKind | null;
  recordId: string | null;
  answers: string | null;
  /** Dates come back as ISO text from jsonb: `outgoingOf` restores them. */
  message: OutgoingMessage;
  sendAt: Date;
  timeZone: string | null;
  state: OutboxState;
  claimedBy: string | null;
  sentAt: Date | null;
  smtpResponse: string | null;
  sentCopy: 'appended' | 'provider' | 'failed' | null;
  errorCode: string | null;
  errorMessage: string | null;
  /** Why a message the sender asked to track went untracked. */
  untrackedReason: string | null;
  createdAt: Date;
}

const columns = `id, sender_id AS "senderId", mailbox_id AS "mailboxId", message_id AS "messageId",
  record_type AS "recordType", record_id AS "recordId", answers, message, send_at AS "sendAt",
  time_zone AS "timeZone", state, claimed_by AS "claimedBy", sent_at AS "sentAt",
  smtp_response AS "smtpResponse", sent_copy AS "sentCopy", error_code AS "errorCode",
  error_message AS "errorMessage", untracked_reason AS "untrackedReason", created_at AS "createdAt"`;

/** The message as stored, with its date a Date again. */
export function outgoingOf(row: OutboxRow): OutgoingMessage {
  return { ...row.message, date: new Date(row.message.date) };
}

export function outboxRepository(db: Queryable) {
  return {
    async insert(row: {
      senderId: string;
      mailboxId: string;
      message: OutgoingMessage;
      recordType: RecordKind | null;
      recordId: string | null;
      answers: string | null;
      sendAt: Date;
      timeZone: string | null;
      untrackedReason?: string | null;
      templateId?: string | null;
    }): Promise<OutboxRow> {
      const [inserted] = await db.query<OutboxRow>(
        `INSERT INTO outbox (sender_id, mailbox_id, message_id, record_type, record_id, answers,
           message, send_at, time_zone, untracked_reason, template_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING ${columns}`,
        [
          row.senderId,
          row.mailboxId,
          row.message.messageId,
          row.recordType,
          row.recordId,
          row.answers,
          row.message,
          row.sendAt,
          row.timeZone,
          row.untrackedReason ?? null,
          row.templateId ?? null,
        ],
      );
      return inserted!;
    },

    async find(id: string): Promise<OutboxRow | null> {
      const [row] = await db.query<OutboxRow>(`SELECT ${columns} FROM outbox WHERE id = $1`, [id]);
      return row ?? null;
    },

    /** The sender's outbox, newest first: what waits, what went and what failed. */
    list(senderId: string, limit: number): Promise<OutboxRow[]> {
      return db.query<OutboxRow>(
        `SELECT ${columns} FROM outbox WHERE sender_id = $1 ORDER BY created_at DESC, id LIMIT $2`,
        [senderId, limit],
      );
    },

    /** Cancels a message that no worker took yet; null once it is being sent or gone. */
    async cancel(id: string, senderId: string): Promise<OutboxRow | null> {
      const [row] = await db.query<OutboxRow>(
        `UPDATE outbox SET state = 'cancelled'
         WHERE id = $1 AND sender_id = $2 AND state = 'scheduled' RETURNING ${columns}`,
        [id, senderId],
      );
      return row ?? null;
    },

    /**
     * Takes up to `limit` due messages for `worker` in one statement. The
     * row locks of FOR UPDATE SKIP LOCKED let several workers claim at once
     * without waiting on, or taking, each other's rows; the state check runs
     * again on the locked row, so a message is claimed by exactly one.
     */
    claimDue(worker: string, now: Date, limit: number): Promise<OutboxRow[]> {
      return db.query<OutboxRow>(
        `UPDATE outbox SET state = 'sending', claimed_by = $1, claimed_at = $2
         WHERE id IN (
           SELECT id FROM outbox WHERE state = 'scheduled' AND send_at <= $2
           ORDER BY send_at LIMIT $3 FOR UPDATE SKIP LOCKED)
           AND state = 'scheduled'
         RETURNING ${columns}`,
        [worker, now, limit],
      );
    },

    async markSent(
      id: string,
      worker: string,
      outcome: { sentAt: Date; smtpResponse: string; sentCopy: 'appended' | 'provider' | 'failed' },
    ): Promise<void> {
      await db.query(
        `UPDATE outbox SET state = 'sent', sent_at = $3, smtp_response = $4, sent_copy = $5
         WHERE id = $1 AND claimed_by = $2 AND state = 'sending'`,
        [id, worker, outcome.sentAt, outcome.smtpResponse, outcome.sentCopy],
      );
    },

    async markFailed(id: string, worker: string, code: string, message: string): Promise<void> {
      await db.query(
        `UPDATE outbox SET state = 'failed', error_code = $3, error_message = $4
         WHERE id = $1 AND claimed_by = $2 AND state = 'sending'`,
        [id, worker, code, message],
      );
    },

    /**
     * Settles messages a worker claimed and never reported on (it crashed
     * or lost the store mid-send): sent when the Message-ID has been
     * captured since (the Sent copy or a recipient's mailbox holds it),
     * otherwise failed as SEND_UNCERTAIN for the user to check and send
     * again. Never back to scheduled: that could send it twice.
     */
    settleAbandoned(claimedBefore: Date, now: Date): Promise<{ id: string; state: OutboxState }[]> {
      return db.query(
        `UPDATE outbox o SET
           state = CASE WHEN captured.found THEN 'sent' ELSE 'failed' END,
           sent_at = CASE WHEN captured.found THEN $2::timestamptz END,
           error_code = CASE WHEN captured.found THEN NULL ELSE 'SEND_UNCERTAIN' END,
           error_message = CASE WHEN captured.found THEN NULL
             ELSE 'Sending was interrupted: check the Sent folder before sending it again' END
         FROM (SELECT ob.id, EXISTS (SELECT 1 FROM messages m WHERE m.message_id = ob.message_id) AS found
               FROM outbox ob WHERE ob.state = 'sending' AND ob.claimed_at < $1) AS captured
         WHERE o.id = captured.id AND o.state = 'sending'
         RETURNING o.id, o.state`,
        [claimedBefore, now],
      );
    },

    async signatureOf(userId: string): Promise<{ text: string; html: string | null } | null> {
      const [row] = await db.query<{ text: string; html: string | null }>(
        `SELECT text_body AS text, html_body AS html FROM user_signatures WHERE user_id = $1`,
        [userId],
      );
      return row ?? null;
    },

    async setSignature(userId: string, text: string, html: string | null): Promise<void> {
      await db.query(
        `INSERT INTO user_signatures (user_id, text_body, html_body) VALUES ($1, $2, $3)
         ON CONFLICT (user_id) DO UPDATE SET text_body = $2, html_body = $3, updated_at = now()`,
        [userId, text, html],
      );
    },
  };
}
