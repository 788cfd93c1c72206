import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import { mail, openSharingWorld, type SharingWorld } from '../../../test/support/sharing-world.js';
import { directoryBeforeChange } from './refile-after-change.js';

describe.each(testBackends())('re-filing in the background on the %s backend', (backend) => {
  let world: SharingWorld;

  beforeAll(async () => {
    world = await openSharingWorld(backend);
    await world.importMail(
      'rita',
      mail({
        id: '<bg@umbrella.example>',
        from: 'Alice Wong <alice@umbrella.example>',
        to: 'rita@threadline.example',
        subject: 'Pricing for Umbrella',
        date: 'Mon, 03 Mar 2025 10:00:00 +0000',
      }),
    );
  }, 90_000);
  afterAll(async () => {
    await world?.close();
  });

  it('queues a run for what a change concerns, tells open pages, and shows its progress', async () => {
    const { core } = world;
    const rita = (await core.auth.findUserByEmail(world.users.rita.email))!;
    const heard: string[] = [];
    const stop = core.live.listen(rita.id, (change) => heard.push(change.topic));
    const before = await directoryBeforeChange(core);
    await core.database
      .query(`INSERT INTO accounts (name) VALUES ('Umbrella') RETURNING id`)
      .then(([account]) =>
        core.database.query(
          `INSERT INTO account_domains (account_id, domain, position) VALUES ($1, 'umbrella.example', 0)`,
          [account!.id],
        ),
      );
    const runId = (await core.refiling.queue(before, rita.id))!;
    expect(runId).toEqual(expect.any(String));
    const run = await core.refiling.finished(runId);
    expect(run).toMatchObject({ state: 'done', total: 1, done: 1, error: null });
    expect(run.counts).toMatchObject({ messages: 1, linksAdded: 1 });
    expect(await core.refiling.progress()).toContainEqual(expect.objectContaining({ id: runId }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    stop();
    expect(heard).toEqual(expect.arrayContaining(['refiling', 'links']));
  });

  it('queues nothing when a change concerns no stored mail', async () => {
    const before = await directoryBeforeChange(world.core);
    expect(await world.core.refiling.queue(before, null)).toBeNull();
  });

  it('answers NOT_FOUND for a run that does not exist', async () => {
    await expect(
      world.core.refiling.finished('00000000-0000-0000-0000-000000000000'),
    ).rejects.toThrow(/No re-filing run/);
  });
});
