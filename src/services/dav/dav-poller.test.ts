import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarEvent } from '../../../test/support/calendar-objects.js';
import { startRadicale, type RadicaleServer } from '../../../test/support/radicale.js';
import { openTestApp } from '../../../test/support/test-app.js';
import type { App } from '../../app/open-app.js';
import { startDavPolling } from './dav-poller.js';

describe('polling calendars and address books', () => {
  let radicale: RadicaleServer;
  let core: App;

  beforeAll(async () => {
    radicale = await startRadicale();
    await radicale.addUser('rita', 'rita-pass');
    core = await openTestApp('embedded');
  });
  afterAll(async () => {
    await core?.close();
    await radicale?.close();
  });

  it('syncs every source on its own, and reports each failure without stopping', async () => {
    const [admin] = await core.database.query<{ id: string }>('SELECT id FROM users LIMIT 1');
    const calendarUrl = await radicale.createCalendar('rita', 'work');
    await radicale.put('rita', 'rita-pass', `${calendarUrl}a.ics`, calendarEvent({ uid: 'a@cal' }));
    const connect = (label: string, url: string) =>
      core.dav.connect(admin!.id, {
        kind: 'caldav',
        label,
        url,
        username: 'rita',
        password: 'rita-pass',
      });
    const good = await connect('Work', calendarUrl);
    const doomed = await connect('Gone', await radicale.createCalendar('rita', 'gone'));
    await radicale.remove('rita', 'rita-pass', `${radicale.url}rita/gone/`);

    const results = new Map<string, boolean>();
    const polling = startDavPolling(core.dav, {
      everySeconds: 1,
      onResult: (id, result) => results.set(id, result.ok),
    });
    try {
      await expect.poll(() => results.size, { timeout: 20_000 }).toBe(2);
    } finally {
      await polling.stop();
    }
    expect(results.get(good.id)).toBe(true);
    expect(results.get(doomed.id)).toBe(false);
    expect(await core.database.query('SELECT uid FROM meetings')).toEqual([{ uid: 'a@cal' }]);
  }, 60_000);

  it('does nothing when the interval is 0', async () => {
    const [admin] = await core.database.query<{ id: string }>('SELECT id FROM users LIMIT 1');
    const source = await core.dav.connect(admin!.id, {
      kind: 'caldav',
      label: 'Idle',
      url: await radicale.createCalendar('rita', 'idle'),
      username: 'rita',
      password: 'rita-pass',
    });
    const polling = startDavPolling(core.dav, { everySeconds: 0 });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await polling.stop();
    expect(
      await core.database.query('SELECT last_sync_at FROM dav_sources WHERE id = $1', [source.id]),
    ).toEqual([{ last_sync_at: null }]);
  });
});
