import type { Queryable } from '../database.js';

export interface FollowUpRow {
  id: string;
  threadId: string;
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

const followUpColumns = `f.id, f.thread_id AS "threadId",
  (SELECT m.subject FROM messages m WHERE m.thread_id = f.thread_id
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

/** Follow-ups on threads (C6): set, cancel, and list with whether a reply went out. */
export function followUpsRepository(db: Queryable) {
  return {
    async create(input: {
      threadId: string;
      createdBy: string;
      assigneeId: string;
      remindAt: Date;
      note: string;
      at: Date;
    }): Promise<FollowUpRow> {
      const [row] = await db.query<FollowUpRow>(
        `WITH f AS (
           INSERT INTO follow_ups (thread_id, created_by, assignee_id, remind_at, note, created_at)
           VALUES ($1, $2, $3, $4, $5, $6) RETURNING *)
         SELECT ${followUpColumns} FROM f JOIN users a ON a.id = f.assignee_id`,
        [input.threadId, input.createdBy, input.assigneeId, input.remindAt, input.note, input.at],
      );
      return row!;
    },

    /** Cancels a follow-up the user set or was given; null when there is none such. */
    async cancel(id: string, userId: string, at: Date): Promise<FollowUpRow | null> {
      const [row] = await db.query<FollowUpRow>(
        `WITH f AS (
           UPDATE follow_ups SET cancelled_at = coalesce(cancelled_at, $3)
           WHERE id = $1 AND (created_by = $2 OR assignee_id = $2) RETURNING *)
         SELECT ${followUpColumns} FROM f JOIN users a ON a.id = f.assignee_id`,
        [id, userId, at],
      );
      return row ?? null;
    },

    /** The follow-ups the user set or was given, soonest reminder first; `threadId` narrows. */
    async forUser(userId: string, threadId: string | null): Promise<FollowUpRow[]> {
      return db.query<FollowUpRow>(
        `SELECT ${followUpColumns} FROM follow_ups f JOIN users a ON a.id = f.assignee_id
         WHERE (f.created_by = $1 OR f.assignee_id = $1) AND ($2::text IS NULL OR f.thread_id = $2)
         ORDER BY f.remind_at, f.id LIMIT 500`,
        [userId, threadId],
      );
    },
  };
}
