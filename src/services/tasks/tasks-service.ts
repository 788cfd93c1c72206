import type { Database } from '../../adapters/db/database.js';
import { crmEditsRepository } from '../../adapters/db/repositories/crm-edits.js';
import { tasksRepository, type TaskRow } from '../../adapters/db/repositories/tasks.js';
import { usersRepository, type UserRow } from '../../adapters/db/repositories/users.js';
import type { Clock } from '../../adapters/system/clock.js';
import { taskInput, type TaskQuery } from '../../api-shapes/tasks.js';
import { ThreadlineError } from '../../core/errors.js';
import { isOverdue, mayChangeTask } from '../../core/tasks/task-permission.js';
import { invalidField, parseWith } from '../crm/record-input-checks.js';
import type { LiveUpdates } from '../live/live-updates.js';
import type { AuditAction, AuditLog } from '../sharing/audit-log.js';

/**
 * Tasks people make, on a record or not, and those workflow rules make.
 * Anyone may make a task; its owner, its assignee, the managers above
 * either and admins may change it. Every change is audited with the task
 * before and after, and open pages hear of it.
 */
export function createTasksService(deps: {
  database: Database;
  clock: Clock;
  audit: AuditLog;
  live: Pick<LiveUpdates, 'announce'>;
}) {
  const tasks = tasksRepository(deps.database);
  const users = usersRepository(deps.database);

  /** The task as the API shows it. */
  const shown = ({ recordType, recordId, recordName, ...row }: TaskRow) => ({
    ...row,
    overdue: isOverdue(row, deps.clock.now()),
    record: recordType && recordId ? { type: recordType, id: recordId, name: recordName } : null,
  });

  /** NOT_FOUND unless the task exists, FORBIDDEN unless `user` may change it. */
  async function authorise(user: UserRow, id: string): Promise<TaskRow> {
    const row = await tasks.get(id);
    if (!row) throw new ThreadlineError('NOT_FOUND', `No task with id ${id}`);
    if (!mayChangeTask(user, row, await users.managerLinks()))
      throw new ThreadlineError(
        'FORBIDDEN',
        'Only the task’s owner, assignee, their managers or an admin may change it',
      );
    return row;
  }

  /** The input checked against what is stored: an active assignee and an active record. */
  async function fieldsOf(user: UserRow, input: unknown) {
    const parsed = parseWith(taskInput, input);
    const assigneeId = parsed.assigneeId ?? user.id;
    await requireAssignee(assigneeId);
    const { record } = parsed;
    if (
      record &&
      (await crmEditsRepository(deps.database).activeIds(record.type, [record.id])).length === 0
    )
      throw invalidField('record.id', `no active ${record.type} ${record.id}`);
    return {
      title: parsed.title,
      notes: parsed.notes,
      dueAt: parsed.dueAt === null ? null : new Date(parsed.dueAt),
      assigneeId,
      record,
    };
  }

  async function requireAssignee(assigneeId: string) {
    if ((await crmEditsRepository(deps.database).activeUserIds([assigneeId])).length === 0)
      throw invalidField('assigneeId', `no active user ${assigneeId}`);
  }

  /** Audits a change and tells open pages; returns the task as it now is. */
  async function changed(user: UserRow, action: AuditAction, id: string, before: TaskRow | null) {
    const after = await tasks.get(id);
    await deps.audit.record(user, action, { type: 'task', id }, { before, after });
    await deps.live.announce('tasks', [id]);
    return after && shown(after);
  }

  return {
    async list(user: UserRow, query: TaskQuery) {
      const onRecord = query.scope === 'record';
      if (onRecord && (!query.recordType || !query.recordId))
        throw invalidField('recordId', 'name the record with recordType and recordId');
      const rows = await tasks.list({
        userId: onRecord ? null : user.id,
        record: onRecord ? { type: query.recordType!, id: query.recordId! } : null,
        status: query.status === 'all' ? null : query.status,
        limit: query.limit,
      });
      return rows.map(shown);
    },

    async create(user: UserRow, input: unknown) {
      const fields = await fieldsOf(user, input);
      const id = await tasks.insert(fields, user.id, deps.clock.now());
      return (await changed(user, 'task.create', id, null))!;
    },

    async update(user: UserRow, id: string, input: unknown) {
      const before = await authorise(user, id);
      await tasks.update(id, await fieldsOf(user, input), deps.clock.now());
      return (await changed(user, 'task.update', id, before))!;
    },

    async assign(user: UserRow, id: string, assigneeId: string) {
      const before = await authorise(user, id);
      await requireAssignee(assigneeId);
      await tasks.assign(id, assigneeId, deps.clock.now());
      return (await changed(user, 'task.update', id, before))!;
    },

    async setStatus(user: UserRow, id: string, status: 'open' | 'done') {
      const before = await authorise(user, id);
      if (before.status !== status) await tasks.setStatus(id, status, deps.clock.now());
      return (await changed(
        user,
        status === 'done' ? 'task.complete' : 'task.reopen',
        id,
        before,
      ))!;
    },

    async remove(user: UserRow, id: string): Promise<void> {
      const before = await authorise(user, id);
      await tasks.remove(id);
      await changed(user, 'task.delete', id, before);
    },
  };
}

export type TasksService = ReturnType<typeof createTasksService>;
