import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import { mail, openSharingWorld, type SharingWorld } from '../../../test/support/sharing-world.js';
import { routesOnlyApp } from '../../../test/support/test-app.js';
import type { HttpApp } from '../app.js';
import { linkRoutes } from './link-routes.js';
import { reviewRoutes } from './review-routes.js';
import { undoRoutes } from './undo-routes.js';

const ago = (hours: number) => new Date(Date.now() - hours * 60 * 60 * 1000).toUTCString();

interface Action {
  action: string;
  summary: string;
  createdAt: string;
  undoableUntil: string;
}

/** The fields these answers may have: an error, File & Clear's count, an action. */
interface Answer {
  error: { message: string };
  filed: number;
  action: string;
}

interface Queued {
  threadId: string;
  subject: string;
  suggested: { type: string; id: string }[];
}

describe.each(testBackends())('undoing the last action on the %s backend', (backend) => {
  let world: SharingWorld;
  let app: HttpApp;

  beforeAll(async () => {
    world = await openSharingWorld(backend);
    const { core } = world;
    app = await routesOnlyApp(core, [
      reviewRoutes(core.review),
      linkRoutes(core.links),
      undoRoutes(core.undo),
    ]);
    const mailbox = await core.mailboxes.importMailboxOf(world.users.rita.email);
    await core.database.query(`UPDATE mailboxes SET capture_mode = 'review' WHERE id = $1`, [
      mailbox.id,
    ]);
    await world.importMail(
      'rita',
      mail({
        id: '<un-deal@acme.com>',
        from: 'Grace Hopper <grace.hopper@acme.com>',
        to: 'rita@threadline.example',
        subject: 'Renewal pricing',
        date: ago(6),
      }),
      mail({
        id: '<un-lead@initech.example>',
        from: 'Lin Chen <lin.chen@initech.example>',
        to: 'rita@threadline.example',
        subject: 'Pilot proposal',
        date: ago(5),
      }),
    );
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await world?.close();
  });

  const call = async (method: 'GET' | 'POST', url: string, body?: object, person = 'rita') => {
    const response = await app.inject({
      method,
      url,
      headers: world.as(person as 'rita'),
      ...(body ? { payload: body } : {}),
    });
    return { status: response.statusCode, body: response.json<Answer>() };
  };
  const lastAction = async () =>
    (await app.inject({ url: '/api/undo', headers: world.as('rita') })).json<{
      action: Action | null;
    }>().action;
  const queue = async () =>
    (await call('GET', '/api/review')).body as unknown as { items: Queued[]; total: number };
  const linksOf = async (threadId: string) =>
    (
      (await call('GET', `/api/threads/${encodeURIComponent(threadId)}/messages`))
        .body as unknown as {
        links: { type: string; id: string; source: string }[];
      }
    ).links.map(({ type, id, source }) => ({ type, id, source }));

  it('has nothing to undo before any action', async () => {
    expect(await lastAction()).toBeNull();
    const refused = await call('POST', '/api/undo');
    expect(refused.status).toBe(404);
    expect(refused.body.error.message).toMatch(/Nothing to undo/);
  });

  it('undoes File & Clear: every conversation is back in the queue', async () => {
    expect((await queue()).total).toBe(2);
    const cleared = await call('POST', '/api/review/clear');
    expect(cleared.body.filed).toBe(2);
    expect((await queue()).total).toBe(0);
    const last = (await lastAction())!;
    expect(last).toMatchObject({
      action: 'review.clear',
      summary: 'File & Clear: 2 messages filed',
    });
    expect(
      new Date(last.undoableUntil).getTime() - new Date(last.createdAt).getTime(),
    ).toBeGreaterThanOrEqual(60_000);
    const undone = await call('POST', '/api/undo');
    expect(undone).toMatchObject({ status: 200, body: { action: 'review.clear' } });
    expect((await queue()).total).toBe(2);
  });

  it('undoes an action once, and only for the user who made it', async () => {
    expect((await call('POST', '/api/undo')).status).toBe(404);
    await call('POST', '/api/review/clear');
    expect((await call('POST', '/api/undo', undefined, 'ravi')).status).toBe(404);
    expect((await call('POST', '/api/undo')).status).toBe(200);
    expect((await queue()).total).toBe(2);
  });

  it('undoes an exclude: the suggested links and the queue entry come back', async () => {
    const thread = (await queue()).items.find((item) => item.subject === 'Renewal pricing')!;
    const before = await linksOf(thread.threadId);
    expect(before.length).toBeGreaterThan(0);
    const excluded = await call(
      'POST',
      `/api/review/${encodeURIComponent(thread.threadId)}/exclude`,
    );
    expect(excluded.status).toBe(200);
    expect(await linksOf(thread.threadId)).toEqual([]);
    expect((await queue()).total).toBe(1);
    expect((await lastAction())?.summary).toBe('Excluded 1 conversation');
    expect((await call('POST', '/api/undo')).status).toBe(200);
    expect(await linksOf(thread.threadId)).toEqual(before);
    expect((await queue()).total).toBe(2);
  });

  it('undoes an unlink and a relink, manual choices included', async () => {
    const thread = (await queue()).items.find((item) => item.subject === 'Pilot proposal')!;
    const before = await linksOf(thread.threadId);
    const [first] = before;
    const path = `/api/threads/${encodeURIComponent(thread.threadId)}/links`;
    const unlinked = await call('POST', path, {
      action: 'remove',
      type: first!.type,
      recordId: first!.id,
    });
    expect(unlinked.status).toBe(200);
    expect(await linksOf(thread.threadId)).not.toContainEqual(first);
    expect((await call('POST', '/api/undo')).status).toBe(200);
    expect(await linksOf(thread.threadId)).toEqual(before);

    const deal = await world.recordId('deals', 'DEAL-004');
    await call('POST', path, {
      action: 'relink',
      from: { type: first!.type, recordId: first!.id },
      type: 'deal',
      recordId: deal,
    });
    expect(await linksOf(thread.threadId)).toContainEqual({
      type: 'deal',
      id: deal,
      source: 'manual',
    });
    expect((await lastAction())?.action).toBe('link.relink');
    expect((await call('POST', '/api/undo')).status).toBe(200);
    expect(await linksOf(thread.threadId)).toEqual(before);
    const overrides = await world.core.database.query(
      'SELECT 1 FROM thread_link_overrides WHERE thread_id = $1',
      [thread.threadId],
    );
    expect(overrides).toEqual([]);
  });

  it('no longer undoes an action older than the undo window', async () => {
    await call('POST', '/api/review/clear');
    await world.core.database.query(
      `UPDATE undoable_actions SET created_at = created_at - interval '6 minutes'
       WHERE user_id = $1`,
      [world.users.rita.id],
    );
    expect(await lastAction()).toBeNull();
    expect((await call('POST', '/api/undo')).status).toBe(404);
    expect((await queue()).total).toBe(0);
  });
});
