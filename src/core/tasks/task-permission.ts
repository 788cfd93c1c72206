import { managesUpTheChain } from '../sharing/access.js';

/** Who is acting on a task: their id and role. */
export interface TaskActor {
  readonly id: string;
  readonly role: 'admin' | 'manager' | 'rep';
}

/** Whose task it is: who made (or was given) it, and who does it. */
export interface TaskPeople {
  readonly ownerId: string | null;
  readonly assigneeId: string | null;
}

/**
 * Whether `actor` may change a task (edit, complete, reopen, assign,
 * delete): its owner, its assignee, anyone up either one's manager chain,
 * and admins.
 *
 * @example
 * const managerOf = new Map([['rita', 'max'], ['max', null]]);
 * mayChangeTask({ id: 'max', role: 'manager' }, { ownerId: 'ravi', assigneeId: 'rita' }, managerOf); // true
 * mayChangeTask({ id: 'ravi', role: 'rep' }, { ownerId: 'rita', assigneeId: 'rita' }, managerOf); // false
 */
export function mayChangeTask(
  actor: TaskActor,
  task: TaskPeople,
  managerOf: ReadonlyMap<string, string | null>,
): boolean {
  if (actor.role === 'admin') return true;
  return [task.ownerId, task.assigneeId].some(
    (person) =>
      person !== null && (person === actor.id || managesUpTheChain(actor.id, person, managerOf)),
  );
}

/**
 * Whether an open task is overdue at `now`: it had a due time and it passed.
 *
 * @example
 * isOverdue({ status: 'open', dueAt: new Date('2025-01-01') }, new Date('2025-01-02')); // true
 */
export function isOverdue(
  task: { status: 'open' | 'done'; dueAt: Date | null },
  now: Date,
): boolean {
  return task.status === 'open' && task.dueAt !== null && task.dueAt.getTime() < now.getTime();
}
