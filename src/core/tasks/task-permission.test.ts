import { describe, expect, it } from 'vitest';
import { isOverdue, mayChangeTask, type TaskActor } from './task-permission.js';

// Ada (admin) manages Max (manager), who manages Rita and Ravi; Olga is under Mona.
const managerOf: ReadonlyMap<string, string | null> = new Map(
  Object.entries({ rita: 'max', ravi: 'max', max: 'ada', ada: null, olga: 'mona', mona: null }),
);
const actor = (id: string, role: TaskActor['role'] = 'rep'): TaskActor => ({ id, role });
const people = ['rita', 'ravi', 'max', 'olga', 'mona'] as const;
const roles = { max: 'manager', mona: 'manager' } as Record<string, TaskActor['role']>;
const whoMayChange = (task: { ownerId: string | null; assigneeId: string | null }) =>
  people.filter((id) => mayChangeTask(actor(id, roles[id] ?? 'rep'), task, managerOf));

describe('mayChangeTask', () => {
  it('lets the owner, the assignee and the managers above either change it', () => {
    expect(whoMayChange({ ownerId: 'rita', assigneeId: 'olga' })).toEqual([
      'rita',
      'max',
      'olga',
      'mona',
    ]);
  });

  it('refuses a peer, and a manager of another team', () => {
    expect(whoMayChange({ ownerId: 'rita', assigneeId: 'rita' })).toEqual(['rita', 'max']);
  });

  it('lets an admin change any task, even one nobody owns', () => {
    expect(
      mayChangeTask(actor('ada', 'admin'), { ownerId: null, assigneeId: null }, managerOf),
    ).toBe(true);
    expect(whoMayChange({ ownerId: null, assigneeId: null })).toEqual([]);
  });

  it('survives a cycle in the manager data', () => {
    const cyclic = new Map<string, string | null>([
      ['rita', 'max'],
      ['max', 'rita'],
    ]);
    expect(mayChangeTask(actor('olga'), { ownerId: 'rita', assigneeId: null }, cyclic)).toBe(false);
  });
});

describe('isOverdue', () => {
  const now = new Date('2025-03-03T12:00:00Z');
  it('is overdue only when open and past its due time', () => {
    expect(isOverdue({ status: 'open', dueAt: new Date('2025-03-03T11:59:00Z') }, now)).toBe(true);
    expect(isOverdue({ status: 'open', dueAt: new Date('2025-03-03T12:01:00Z') }, now)).toBe(false);
    expect(isOverdue({ status: 'done', dueAt: new Date('2025-03-01T00:00:00Z') }, now)).toBe(false);
    expect(isOverdue({ status: 'open', dueAt: null }, now)).toBe(false);
  });
});
