import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import {
  openSharingWorld,
  type Person,
  type SharingWorld,
} from '../../../test/support/sharing-world.js';

interface TaskBody {
  id: string;
  title: string;
  status: string;
  overdue: boolean;
  assigneeId: string | null;
  record: { type: string; id: string; name: string | null } | null;
  completedAt: string | null;
}

/** Max manages Rita and Ravi; Mona manages Olga; Ada is an admin. */
describe.each(testBackends())('tasks through the API, on the %s backend', (backend) => {
  let world: SharingWorld;
  let dealId: string;

  beforeAll(async () => {
    world = await openSharingWorld(backend);
    dealId = await world.recordId('deals', 'DEAL-001');
  }, 60_000);
  afterAll(async () => {
    await world.close();
  });

  const call = (
    who: Person,
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    payload?: object,
  ) => world.app.inject({ method, url, headers: world.as(who), ...(payload ? { payload } : {}) });
  const mine = async (who: Person, status = 'open') =>
    (await call(who, 'GET', `/api/tasks?status=${status}`))
      .json<{ items: TaskBody[] }>()
      .items.map((task) => task.title);
  const auditActions = async (taskId: string) =>
    (
      await world.core.database.query<{ action: string }>(
        `SELECT action FROM audit_log WHERE target_type = 'task' AND target_id = $1 ORDER BY id`,
        [taskId],
      )
    ).map((row) => row.action);

  it('makes a task on a deal, due yesterday and so overdue, listed as mine and on the deal', async () => {
    const heard: string[] = [];
    const stop = world.core.live.listen(world.users.rita.id, (change) => heard.push(change.topic));
    const yesterday = new Date(Date.now() - 86_400_000).toISOString();
    const response = await call('rita', 'POST', '/api/tasks', {
      title: 'Send the renewal quote',
      dueAt: yesterday,
      record: { type: 'deal', id: dealId },
    });
    expect(response.statusCode).toBe(201);
    const task = response.json<TaskBody>();
    expect(task).toMatchObject({
      title: 'Send the renewal quote',
      status: 'open',
      overdue: true,
      assigneeId: world.users.rita.id,
      record: { type: 'deal', id: dealId, name: expect.any(String) },
    });
    expect(await mine('rita')).toEqual(['Send the renewal quote']);
    const onDeal = await call(
      'ravi',
      'GET',
      `/api/tasks?scope=record&recordType=deal&recordId=${dealId}`,
    );
    expect(onDeal.json<{ items: TaskBody[] }>().items.map((t) => t.id)).toEqual([task.id]);
    expect(await auditActions(task.id)).toEqual(['task.create']);
    await expect.poll(() => heard).toContain('tasks');
    stop();
  });

  it('lets the owner assign it, the assignee and the managers above change it, and no peer', async () => {
    const task = (
      await call('rita', 'POST', '/api/tasks', { title: 'Book the onsite visit' })
    ).json<TaskBody>();
    const assigned = await call('rita', 'POST', `/api/tasks/${task.id}/assign`, {
      assigneeId: world.users.olga.id,
    });
    expect(assigned.json()).toMatchObject({ assigneeId: world.users.olga.id });
    expect(await mine('olga')).toContain('Book the onsite visit');

    // Ravi is Rita's peer, not her manager nor Olga's.
    for (const [method, url, payload] of [
      ['PUT', `/api/tasks/${task.id}`, { title: 'Hijacked' }],
      ['POST', `/api/tasks/${task.id}/complete`, undefined],
      ['DELETE', `/api/tasks/${task.id}`, undefined],
    ] as const) {
      const refused = await call('ravi', method, url, payload);
      expect(refused.statusCode, `${method} ${url}`).toBe(403);
    }

    const edited = await call('max', 'PUT', `/api/tasks/${task.id}`, {
      title: 'Book the onsite visit for March',
      assigneeId: world.users.olga.id,
    });
    expect(edited.json()).toMatchObject({ title: 'Book the onsite visit for March' });
    const done = await call('mona', 'POST', `/api/tasks/${task.id}/complete`);
    expect(done.json()).toMatchObject({ status: 'done', completedAt: expect.any(String) });
    expect(await mine('olga')).not.toContain('Book the onsite visit for March');
    expect(await mine('olga', 'done')).toContain('Book the onsite visit for March');
    const reopened = await call('olga', 'POST', `/api/tasks/${task.id}/reopen`);
    expect(reopened.json()).toMatchObject({ status: 'open', completedAt: null });

    const removed = await call('ada', 'DELETE', `/api/tasks/${task.id}`);
    expect(removed.statusCode).toBe(204);
    expect((await call('rita', 'POST', `/api/tasks/${task.id}/complete`)).statusCode).toBe(404);
    expect(await auditActions(task.id)).toEqual([
      'task.create',
      'task.update',
      'task.update',
      'task.complete',
      'task.reopen',
      'task.delete',
    ]);
  });

  it('names the field of an empty title, an unknown assignee and an unknown record', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    const cases: [object, string][] = [
      [{ title: '  ' }, 'title'],
      [{ title: 'T', assigneeId: missing }, 'assigneeId'],
      [{ title: 'T', record: { type: 'deal', id: missing } }, 'record.id'],
      [{ title: 'T', dueAt: 'next tuesday' }, 'dueAt'],
    ];
    for (const [payload, field] of cases) {
      const response = await call('rita', 'POST', '/api/tasks', payload);
      expect(response.statusCode, field).toBe(400);
      const details = response.json<{ error: { details: { field: string }[] } }>().error.details;
      expect(details.map((d) => d.field.replace(/^body\./, ''))).toEqual([field]);
    }
    const unnamed = await call('rita', 'GET', '/api/tasks?scope=record');
    expect(unnamed.statusCode).toBe(400);
    expect((await world.app.inject({ url: '/api/tasks' })).statusCode).toBe(401);
  });
});
