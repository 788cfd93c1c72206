import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRadicale, type RadicaleServer } from '../../../test/support/radicale.js';
import { davCollection } from './dav-collection.js';

const event = (uid: string, summary: string) =>
  [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Test//EN',
    'BEGIN:VEVENT',
    `UID:${uid}`,
    'DTSTAMP:20260301T100000Z',
    'DTSTART:20260304T140000Z',
    'DTEND:20260304T150000Z',
    `SUMMARY:${summary}`,
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');

describe('a DAV collection over tsdav, against Radicale', () => {
  let radicale: RadicaleServer;
  let calendarUrl: string;
  const access = () => ({
    kind: 'caldav' as const,
    url: calendarUrl,
    signIn: { username: 'ana', password: 'secret' },
  });

  beforeAll(async () => {
    radicale = await startRadicale();
    await radicale.addUser('ana', 'secret');
    calendarUrl = await radicale.createCalendar('ana', 'work');
  });
  afterAll(() => radicale.close());

  it('lists changes since a sync token: created, changed and removed objects', async () => {
    const collection = davCollection(access());
    await radicale.put('ana', 'secret', `${calendarUrl}a.ics`, event('a', 'First'));
    const first = await collection.changesSince(null);
    expect(first?.changed.map((o) => o.href)).toEqual([`${calendarUrl}a.ics`]);

    await radicale.put('ana', 'secret', `${calendarUrl}b.ics`, event('b', 'Second'));
    await radicale.remove('ana', 'secret', `${calendarUrl}a.ics`);
    const second = await collection.changesSince(first!.syncToken);
    expect(second?.changed.map((o) => o.href)).toEqual([`${calendarUrl}b.ics`]);
    expect(second?.removed).toEqual([`${calendarUrl}a.ics`]);

    const third = await collection.changesSince(second!.syncToken);
    expect(third).toMatchObject({ changed: [], removed: [] });
  });

  it('answers null for a sync token the server does not know, so the caller lists instead', async () => {
    const collection = davCollection(access());
    expect(await collection.changesSince('http://radicale.org/ns/sync/unknown')).toBeNull();
  });

  it('fetches the text of objects, lists ETags and gives a CTag', async () => {
    const collection = davCollection(access());
    const listed = await collection.list();
    expect(listed.map((o) => o.href)).toEqual([`${calendarUrl}b.ics`]);
    const [fetched] = await collection.fetch(listed.map((o) => o.href));
    expect(fetched?.data).toContain('SUMMARY:Second');
    expect(fetched?.etag).toBe(listed[0]?.etag);
    expect(await collection.ctag()).toEqual(expect.any(String));
  });

  it('creates, replaces with the ETag it knows, refuses a stale ETag, and removes', async () => {
    const collection = davCollection(access());
    const href = `${calendarUrl}c.ics`;
    const etag = await collection.put(href, event('c', 'Made here'), null);
    expect(etag).toEqual(expect.any(String));
    const next = await collection.put(href, event('c', 'Changed here'), etag);
    expect(await radicale.get('ana', 'secret', href)).toContain('Changed here');
    await expect(collection.put(href, event('c', 'Stale'), etag)).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await collection.remove(href, next);
    expect((await collection.list()).map((o) => o.href)).not.toContain(href);
  });

  it('names a wrong password AUTH_FAILED', async () => {
    const collection = davCollection({
      ...access(),
      signIn: { username: 'ana', password: 'wrong' },
    });
    await expect(collection.changesSince(null)).rejects.toMatchObject({ code: 'AUTH_FAILED' });
    await expect(collection.list()).rejects.toMatchObject({ code: 'AUTH_FAILED' });
  });

  it('names a missing collection FOLDER_MISSING', async () => {
    const collection = davCollection({ ...access(), url: `${radicale.url}ana/nothing/` });
    await expect(collection.list()).rejects.toMatchObject({ code: 'FOLDER_MISSING' });
  });

  it('names a server that is down HOST_UNREACHABLE', async () => {
    await radicale.stop();
    try {
      const collection = davCollection(access());
      await expect(collection.changesSince(null)).rejects.toMatchObject({
        code: 'HOST_UNREACHABLE',
      });
    } finally {
      await radicale.start();
    }
  });
});
