import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import { calendarEvent } from '../../../test/support/calendar-objects.js';
import { startRadicale, type RadicaleServer } from '../../../test/support/radicale.js';
import { openTestApp } from '../../../test/support/test-app.js';
import { davCollection } from '../../adapters/dav/dav-collection.js';
import { davSourcesRepository } from '../../adapters/db/repositories/dav-sources.js';
import type { App } from '../../app/open-app.js';
import { syncCalendar } from './sync-calendar.js';

let radicale: RadicaleServer;
let calendars = 0;
beforeAll(async () => {
  radicale = await startRadicale();
  await radicale.addUser('rita', 'rita-pass');
});
afterAll(() => radicale.close());

describe.each(testBackends())('calendar sync over CalDAV on the %s backend', (backend) => {
  let core: App;
  let owner: { id: string; isAdmin: boolean };
  let calendarUrl: string;

  beforeEach(async () => {
    core = await openTestApp(backend);
    const [admin] = await core.database.query<{ id: string }>('SELECT id FROM users LIMIT 1');
    owner = { id: admin!.id, isAdmin: false };
    calendars += 1;
    calendarUrl = await radicale.createCalendar('rita', `work-${backend}-${calendars}`);
  });
  afterEach(() => core.close());

  const connect = (password = 'rita-pass') =>
    core.dav.connect(owner.id, {
      kind: 'caldav',
      label: 'Work',
      url: calendarUrl,
      username: 'rita',
      password,
    });
  const book = (name: string, text: string) =>
    radicale.put('rita', 'rita-pass', `${calendarUrl}${name}.ics`, text);
  const meetings = () =>
    core.database.query<{ uid: string; status: string | null; summary: string; starts: string }>(
      'SELECT uid, status, summary, starts FROM meetings ORDER BY uid',
    );
  const health = async (id: string) => (await core.dav.list(owner)).find((s) => s.id === id)!;

  it('captures events booked in the calendar as meetings, with their attendees', async () => {
    const source = await connect();
    await book(
      'renewal',
      calendarEvent({
        uid: 'renewal@cal',
        attendees: [{ email: 'Grace.Hopper@acme.com', partstat: 'ACCEPTED' }],
      }),
    );
    const result = await core.dav.sync(source.id, owner);
    expect(result).toMatchObject({ ok: true, fetched: 1, failed: 0 });
    expect(await meetings()).toEqual([
      { uid: 'renewal@cal', status: null, summary: 'Renewal call', starts: '2026-03-04T13:00:00Z' },
    ]);
    expect(
      await core.database.query('SELECT email, partstat FROM meeting_attendees ORDER BY email'),
    ).toEqual([{ email: 'grace.hopper@acme.com', partstat: 'ACCEPTED' }]);
    expect(await health(source.id)).toMatchObject({
      state: 'ok',
      serverCount: 1,
      handledCount: 1,
      failedCount: 0,
      lastSyncAt: expect.any(Date),
    });
  });

  it('fetches only what changed, updates moved events and cancels deleted ones', async () => {
    const source = await connect();
    await book('a', calendarEvent({ uid: 'a@cal' }));
    await book('b', calendarEvent({ uid: 'b@cal' }));
    await core.dav.sync(source.id, owner);

    expect(await core.dav.sync(source.id, owner)).toMatchObject({ ok: true, fetched: 0 });

    await book('a', calendarEvent({ uid: 'a@cal', sequence: 1, start: '20260305T090000' }));
    await radicale.remove('rita', 'rita-pass', `${calendarUrl}b.ics`);
    expect(await core.dav.sync(source.id, owner)).toMatchObject({
      ok: true,
      fetched: 1,
      removed: 1,
    });
    expect(await meetings()).toEqual([
      { uid: 'a@cal', status: null, summary: 'Renewal call', starts: '2026-03-05T08:00:00Z' },
      {
        uid: 'b@cal',
        status: 'CANCELLED',
        summary: 'Renewal call',
        starts: '2026-03-04T13:00:00Z',
      },
    ]);
    expect(await health(source.id)).toMatchObject({ serverCount: 1, handledCount: 1 });
  });

  it('keeps an event it cannot read with its reason, and reads the others', async () => {
    const source = await connect();
    await book('good', calendarEvent({ uid: 'good@cal' }));
    // A task, not an event: the server takes it, there is no meeting in it.
    await book(
      'broken',
      'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\nBEGIN:VTODO\r\nUID:task@cal\r\nDTSTAMP:20260301T100000Z\r\nSUMMARY:Send quote\r\nEND:VTODO\r\nEND:VCALENDAR\r\n',
    );
    expect(await core.dav.sync(source.id, owner)).toMatchObject({ ok: true, failed: 1 });
    expect((await meetings()).map((m) => m.uid)).toEqual(['good@cal']);
    const objects = await davSourcesRepository(core.database).objects(source.id);
    expect(objects.find((o) => o.href.endsWith('broken.ics'))?.error).toBe(
      'no VEVENT in the calendar object',
    );
    expect(await health(source.id)).toMatchObject({ handledCount: 1, failedCount: 1 });
  });

  it('refuses to connect with a wrong password, naming it', async () => {
    await expect(connect('wrong')).rejects.toMatchObject({ code: 'AUTH_FAILED' });
  });

  it('shows a password changed on the server as a failing source, in words', async () => {
    const source = await connect();
    await radicale.setPassword('rita', 'changed');
    try {
      expect(await core.dav.sync(source.id, owner)).toMatchObject({
        ok: false,
        code: 'AUTH_FAILED',
      });
      expect(await health(source.id)).toMatchObject({
        state: 'failing',
        stateCode: 'AUTH_FAILED',
        stateMessage: 'The DAV server refused the user name or password',
      });
    } finally {
      await radicale.setPassword('rita', 'rita-pass');
    }
  });

  it('shows a server that is down as failing, then recovers on the next sync', async () => {
    const source = await connect();
    await book('a', calendarEvent({ uid: 'a@cal' }));
    await radicale.stop();
    try {
      expect(await core.dav.sync(source.id, owner)).toMatchObject({
        ok: false,
        code: 'HOST_UNREACHABLE',
      });
      expect(await health(source.id)).toMatchObject({
        state: 'failing',
        stateCode: 'HOST_UNREACHABLE',
        stateMessage: expect.stringMatching(/could not be reached/),
      });
    } finally {
      await radicale.start();
    }
    expect(await core.dav.sync(source.id, owner)).toMatchObject({ ok: true, fetched: 1 });
    expect(await health(source.id)).toMatchObject({ state: 'ok', stateMessage: null });
  });

  it('resumes a pass that stopped midway without losing or doubling a meeting', async () => {
    const source = await connect();
    await radicale.writeObjects(
      calendarUrl,
      Object.fromEntries(
        Array.from({ length: 260 }, (_, n) => [`e${n}.ics`, calendarEvent({ uid: `e${n}@cal` })]),
      ),
    );
    const stored = (await davSourcesRepository(core.database).forSync(source.id))!;
    const real = davCollection({
      kind: 'caldav',
      url: calendarUrl,
      signIn: { username: 'rita', password: 'rita-pass' },
    });
    let fetches = 0;
    // The connection drops on the second batch.
    const dropping = {
      ...real,
      fetch: async (hrefs: readonly string[]) => {
        fetches += 1;
        if (fetches === 2) throw new Error('connection reset');
        return real.fetch(hrefs);
      },
    };
    await expect(syncCalendar(core.database, stored, dropping)).rejects.toThrow('connection reset');
    expect((await meetings()).length).toBe(250);

    expect(await core.dav.sync(source.id, owner)).toMatchObject({ ok: true, fetched: 10 });
    const all = await meetings();
    expect(all.length).toBe(260);
    expect(new Set(all.map((m) => m.uid)).size).toBe(260);
  }, 90_000);
});
