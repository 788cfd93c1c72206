import type { RecordKind } from '../../../core/records/record-kinds.js';
import type { Queryable } from '../database.js';
import { recordName } from './record-name.js';

export interface TaskRow {
  id: string;
  title: string;
  notes: string;
  status: 'open' | 'done';
  dueAt: Date | null;
  ownerId: string | null;
  ownerEmail: string | null;
  assigneeId: string | null;
  assigneeEmail: string | null;
  recordType: RecordKind | null;
  recordId: string | null;
  recordName: string | null;
  ruleId: string | null;
  completedAt: Date | null;
  createdAt: Date;
}

/** What a form writes: everything but who owns it and whether it is done. */
export interface TaskFields {
  title: string;
  notes: string;
  dueAt: Date | null;
  assigneeId: string;
  record: { type: RecordKind; id: string } | null;
}

const selectTasks = `SELECT t.id, t.title, t.notes, t.status, t.due_at AS "dueAt",
    t.owner_id AS "ownerId", o.email AS "ownerEmail", t.assignee_id AS "assigneeId",
    a.email AS "assigneeEmail", t.record_type AS "recordType", t.record_id AS "recordId",
    ${recordName('t.record_type', 't.record_id')} AS "recordName", t.rule_id AS "ruleId",
    t.completed_at AS "completedAt", t.created_at AS "createdAt"
  FROM tasks t LEFT JOIN users o ON o.id = t.owner_id LEFT JOIN users a ON a.id = t.assignee_id`;

/** Open first, soonest due first (undated last), then newest. */
const taskOrder = `ORDER BY t.status = 'done', t.due_at ASC NULLS LAST, t.created_at DESC, t.id`;

/** Tasks: one query per method. */
export function tasksRepository(db: Queryable) {
  return {
    async get(id: string): Promise<TaskRow | null> {
      const [row] = await db.query<TaskRow>(`${selectTasks} WHERE t.id = $1`, [id]);
      return row ?? null;
    },

    /** Assigned to or made by `userId` (`record` null), or on `record`; `status` null for both. */
    list: (filter: {
      userId: string | null;
      record: { type: RecordKind; id: string } | null;
      status: 'open' | 'done' | null;
      limit: number;
    }) =>
      db.query<TaskRow>(
        `${selectTasks}
         WHERE ($1::uuid IS NULL OR t.assignee_id = $1 OR t.owner_id = $1)
           AND ($2::text IS NULL OR (t.record_type = $2 AND t.record_id = $3::uuid))
           AND ($4::text IS NULL OR t.status = $4)
         ${taskOrder} LIMIT $5`,
        [
          filter.userId,
          filter.record?.type ?? null,
          filter.record?.id ?? null,
          filter.status,
          filter.limit,
        ],
      ),

    async insert(fields: TaskFields, ownerId: string, at: Date): Promise<string> {
      const [row] = await db.query<{ id: string }>(
        `INSERT INTO tasks (title, notes, due_at, assignee_id, record_type, record_id, owner_id,
           created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id`,
        [...fieldParams(fields), ownerId, at],
      );
      return row!.id;
    },

    async update(id: string, fields: TaskFields, at: Date): Promise<void> {
      await db.query(
        `UPDATE tasks SET title = $2, notes = $3, due_at = $4, assignee_id = $5, record_type = $6,
           record_id = $7, updated_at = $8 WHERE id = $1`,
        [id, ...fieldParams(fields), at],
      );
    },

    async assign(id: string, assigneeId: string, at: Date): Promise<void> {
      await db.query('UPDATE tasks SET assignee_id = $2, updated_at = $3 WHERE id = $1', [
        id,
        assigneeId,
        at,
      ]);
    },

    /** Done with its completion time, or open again without one. */
    async setStatus(id: string, status: 'open' | 'done', at: Date): Promise<void> {
      await db.query(
        `UPDATE tasks SET status = $2, completed_at = CASE WHEN $2 = 'done' THEN $3::timestamptz END,
           updated_at = $3 WHERE id = $1`,
        [id, status, at],
      );
    },

    async remove(id: string): Promise<void> {
      await db.query('DELETE FROM tasks WHERE id = $1', [id]);
    },
  };
}

function fieldParams(fields: TaskFields): unknown[] {
  return [
    fields.title,
    fields.notes,
    fields.dueAt,
    fields.assigneeId,
    fields.record?.type ?? null,
    fields.record?.id ?? null,
  ];
}
