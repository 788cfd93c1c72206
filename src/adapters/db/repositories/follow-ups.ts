import type { Queryable } from '../database.js';
import {
  messageVisibleTo,
  readerCte,
  readerParams,
  type ReaderParams,
} from './message-visibility.js';

export interface FollowUpRow {
  id: string;
  threadId: string;
  /** The subject of the thread's latest message the reader may see; null when there is none. */
  subject: string | null;
  createdBy: string;
  createdByEmail: string;
  assigneeId: string;
  assigneeEmail: string;
  remindAt: Date;
  note: string;
  createdAt: Date;
  cancelledAt: Date | null;
  /** The assignee's first message in the thread after the follow-up was set. */
  repliedAt: Date | null;
}

/** The reader in `$1..$3` (see message-visibility.ts): the subject is what they may see. */
const followUpColumns = `f.id, f.thread_id AS "threadId",
  (SELECT m.subject FROM messages m WHERE m.thread_id = f.thread_id AND ${messageVisibleTo('m')}
   ORDER BY coalesce(m.sent_at, m.created_at) DESC, m.id LIMIT 1) AS subject,
  f.created_by AS "createdBy", (SELECT u.email FROM users u WHERE u.id = f.created_by) AS "createdByEmail",
  f.assignee_id AS "assigneeId", a.email AS "assigneeEmail",
  f.remind_at AS "remindAt", f.note, f.created_at AS "createdAt", f.cancelled_at AS "cancelledAt",
  (SELECT min(coalesce(m.sent_at, m.created_at)) FROM messages m
   WHERE m.thread_id = f.thread_id
     -- Date headers carry whole seconds: a reply in the same second still counts.
     AND coalesce(m.sent_at, m.created_at) >= date_trunc('second', f.created_at)
     AND (m.from_address = a.email
       OR m.from_address IN (SELECT ua.address FROM user_aliases ua WHERE ua.user_id = a.id))) AS "repliedAt"`;

/** Follow-ups on threads: set, cancel, and list with whether a reply went out. */
export function followUpsRepository(db: Queryable) {
  return {
    /** Sets a follow-up by the reader. */
    async create(
      reader: ReaderParams,
      input: { threadId: string; assigneeId: string; remindAt: Date; note: string; at: Date },
    ): Promise<FollowUpRow> {
      const [row] = await db.query<FollowUpRow>(
        `WITH ${readerCte}, f AS (
           INSERT INTO follow_ups (thread_id, created_by, assignee_id, remind_at, note, created_at)
           VALUES ($4, $1::uuid, $5, $6, $7, $8) RETURNING *)
         SELECT ${followUpColumns} FROM f JOIN users a ON a.id = f.assignee_id`,
        [
          ...readerParams(reader),
          input.threadId,
          input.assigneeId,
          input.remindAt,
          input.note,
          input.at,
        ],
      );
      return row!;
    },

    /** Cancels a follow-up the reader set or was given; null when there is none such. */
    async cancel(reader: ReaderParams, id: string, at: Date): Promise<FollowUpRow | null> {
      const [row] = await db.query<FollowUpRow>(
        `WITH ${readerCte}, f AS (
           UPDATE follow_ups SET cancelled_at = coalesce(cancelled_at, $5)
           WHERE id = $4 AND (created_by = $1::uuid OR assignee_id = $1::uuid) RETURNING *)
         SELECT ${followUpColumns} FROM f JOIN users a ON a.id = f.assignee_id`,
        [...readerParams(reader), id, at],
      );
      return row ?? null;
    },

    /** The follow-ups the reader set or was given, soonest reminder first; `threadId` narrows. */
    async forUser(reader: ReaderParams, threadId: string | null): Promise<FollowUpRow[]> {
      return db.query<FollowUpRow>(
        `WITH ${readerCte}
         SELECT ${followUpColumns} FROM follow_ups f JOIN users a ON a.id = f.assignee_id
         WHERE (f.created_by = $1::uuid OR f.assignee_id = $1::uuid) AND ($4::text IS NULL OR f.thread_id = $4)
         ORDER BY f.remind_at, f.id LIMIT 500`,
        [...readerParams(reader), threadId],
      );
    },
  };
}
