import type { Queryable } from '../database.js';

/**
 * What a user's action on threads may change, as it was: the threads'
 * messages and their links, the threads' manual choices, the user's review
 * decisions on them, which of the user's copies were held for review, and
 * where the user last cleared their queue. `threadIds` null: every thread
 * of the user's queue (File & Clear), whose links it does not change.
 */
export interface UndoSnapshot {
  threadIds: string[] | null;
  messages: string[];
  links: object[];
  overrides: object[];
  decisions: object[];
  held: { message_id: string; mailbox_id: string }[];
  position: object | null;
}

/** Keeping and restoring the state a user's action changed, and the user's undoable actions. */
export function undoSnapshotsRepository(db: Queryable) {
  return {
    async capture(userId: string, threadIds: readonly string[] | null): Promise<UndoSnapshot> {
      const rows = await db.query<{ snapshot: Omit<UndoSnapshot, 'threadIds'> }>(
        `WITH thread_messages AS (SELECT id FROM messages WHERE thread_id = ANY($2::text[]))
         SELECT jsonb_build_object(
           'messages', coalesce((SELECT jsonb_agg(id) FROM thread_messages), '[]'),
           'links', coalesce((SELECT jsonb_agg(to_jsonb(l)) FROM message_links l
             WHERE l.message_id IN (SELECT id FROM thread_messages)), '[]'),
           'overrides', coalesce((SELECT jsonb_agg(to_jsonb(o)) FROM thread_link_overrides o
             WHERE o.thread_id = ANY($2::text[])), '[]'),
           'decisions', coalesce((SELECT jsonb_agg(to_jsonb(r)) FROM review_decisions r
             WHERE r.user_id = $1 AND r.thread_id = ANY($2::text[])), '[]'),
           'held', coalesce((SELECT jsonb_agg(jsonb_build_object('message_id', d.message_id, 'mailbox_id', d.mailbox_id))
             FROM message_decisions d JOIN mailboxes mb ON mb.id = d.mailbox_id
             WHERE d.held AND mb.owner_id = $1
               AND ($2::text[] IS NULL OR d.message_id IN (SELECT id FROM thread_messages))), '[]'),
           'position', (SELECT to_jsonb(p) FROM review_positions p WHERE p.user_id = $1)
         ) AS snapshot`,
        [userId, threadIds],
      );
      return { threadIds: threadIds ? [...threadIds] : null, ...rows[0]!.snapshot };
    },

    /** Puts back what `capture` kept; run in one transaction. */
    async restore(userId: string, snapshot: UndoSnapshot): Promise<void> {
      const threads = snapshot.threadIds;
      if (threads) {
        await db.query(
          `DELETE FROM message_links WHERE message_id IN (SELECT jsonb_array_elements_text($1::jsonb)::uuid)`,
          [JSON.stringify(snapshot.messages)],
        );
        await db.query(
          `INSERT INTO message_links SELECT * FROM jsonb_populate_recordset(NULL::message_links, $1::jsonb)
           ON CONFLICT DO NOTHING`,
          [JSON.stringify(snapshot.links)],
        );
        await db.query('DELETE FROM thread_link_overrides WHERE thread_id = ANY($1::text[])', [
          threads,
        ]);
        await db.query(
          `INSERT INTO thread_link_overrides
           SELECT * FROM jsonb_populate_recordset(NULL::thread_link_overrides, $1::jsonb)`,
          [JSON.stringify(snapshot.overrides)],
        );
        await db.query(
          'DELETE FROM review_decisions WHERE user_id = $1 AND thread_id = ANY($2::text[])',
          [userId, threads],
        );
        await db.query(
          `INSERT INTO review_decisions
           SELECT * FROM jsonb_populate_recordset(NULL::review_decisions, $1::jsonb)`,
          [JSON.stringify(snapshot.decisions)],
        );
      }
      await db.query(
        `UPDATE message_decisions d SET held = true
         FROM jsonb_to_recordset($1::jsonb) AS h(message_id uuid, mailbox_id uuid)
         WHERE d.message_id = h.message_id AND d.mailbox_id = h.mailbox_id`,
        [JSON.stringify(snapshot.held)],
      );
      await db.query('DELETE FROM review_positions WHERE user_id = $1', [userId]);
      if (snapshot.position) {
        await db.query(
          `INSERT INTO review_positions SELECT * FROM jsonb_populate_record(NULL::review_positions, $1::jsonb)`,
          [JSON.stringify(snapshot.position)],
        );
      }
    },
  };
}

export interface UndoableActionRow {
  id: string;
  action: string;
  summary: string;
  createdAt: Date;
}

/** A user's undoable actions: one query each. */
export function undoableActionsRepository(db: Queryable) {
  return {
    async add(row: {
      userId: string;
      action: string;
      summary: string;
      snapshot: UndoSnapshot;
      at: Date;
    }): Promise<string> {
      const rows = await db.query<{ id: string }>(
        `INSERT INTO undoable_actions (user_id, action, summary, snapshot, created_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [row.userId, row.action, row.summary, JSON.stringify(row.snapshot), row.at],
      );
      return rows[0]!.id;
    },

    /** The user's last action if it was not undone and was made after `since`. */
    async last(userId: string, since: Date): Promise<UndoableActionRow | null> {
      const rows = await db.query<UndoableActionRow>(
        `SELECT id, action, summary, created_at AS "createdAt" FROM undoable_actions
         WHERE user_id = $1 AND created_at > $2 AND undone_at IS NULL
           AND created_at = (SELECT max(created_at) FROM undoable_actions WHERE user_id = $1)
         ORDER BY created_at DESC LIMIT 1`,
        [userId, since],
      );
      return rows[0] ?? null;
    },

    /** Marks the action undone and answers its snapshot; null when it already was. */
    async markUndone(id: string, at: Date): Promise<UndoSnapshot | null> {
      const rows = await db.query<{ snapshot: UndoSnapshot }>(
        `UPDATE undoable_actions SET undone_at = $2 WHERE id = $1 AND undone_at IS NULL
         RETURNING snapshot`,
        [id, at],
      );
      return rows[0]?.snapshot ?? null;
    },

    /** Forgets actions made before `before`: they can no longer be undone. */
    async prune(before: Date): Promise<void> {
      await db.query('DELETE FROM undoable_actions WHERE created_at < $1', [before]);
    },
  };
}
