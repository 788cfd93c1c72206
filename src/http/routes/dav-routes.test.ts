import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import { calendarEvent } from '../../../test/support/calendar-objects.js';
import { startRadicale, type RadicaleServer } from '../../../test/support/radicale.js';
import { openSharingWorld, type SharingWorld } from '../../../test/support/sharing-world.js';
import { createRecordMeetingsService } from '../../services/dav/record-meetings.js';
import { buildHttpApp, type HttpApp } from '../app.js';
import { davRoutes } from './dav-routes.js';

const uid = 'kickoff-2026@threadline.example';
const grace = 'grace.hopper@acme.com';
const juergen = 'juergen.klein@acme.de';
const sam = 'sam@gmail.com';

/** A scheduling message as Outlook sends it, from or to Rita. */
function scheduling(fields: {
  id: string;
  from: string;
  to: string;
  method: 'REQUEST' | 'REPLY' | 'CANCEL';
  sequence: number;
  start?: string;
  attendees: string[];
}): string {
  return [
    `From: ${fields.from}`,
    `To: ${fields.to}`,
    'Subject: Kick-off',
    'Date: Mon, 02 Mar 2026 10:00:00 +0000',
    `Message-ID: ${fields.id}`,
    'MIME-Version: 1.0',
    `Content-Type: text/calendar; charset=utf-8; method=${fields.method}`,
    '',
    'BEGIN:VCALENDAR',
    `METHOD:${fields.method}`,
    'VERSION:2.0',
    'BEGIN:VEVENT',
    `UID:${uid}`,
    `SEQUENCE:${fields.sequence}`,
    `DTSTART:${fields.start ?? '20260304T140000Z'}`,
    'DURATION:PT1H',
    'SUMMARY:Kick-off',
    'ORGANIZER;CN=Rita Rep:mailto:rita@threadline.example',
    ...fields.attendees,
    ...(fields.method === 'CANCEL' ? ['STATUS:CANCELLED'] : []),
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

const invited = (email: string, partstat = 'NEEDS-ACTION') =>
  `ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=${partstat}:mailto:${email}`;
const everyone = [invited(grace), invited(juergen), invited(sam)];

describe.each(testBackends())(
  'meetings on timelines and DAV sources on the %s backend',
  (backend) => {
    let world: SharingWorld;
    let app: HttpApp;
    let radicale: RadicaleServer;
    let contacts: Record<string, string>;

    beforeAll(async () => {
      radicale = await startRadicale();
      await radicale.addUser('rita', 'rita-pass');
      world = await openSharingWorld(backend);
      app = await buildHttpApp(world.core, {
        webRoot: null,
        secureCookies: false,
        localCliToken: null,
        logLevel: 'silent',
        plugins: [davRoutes(world.core.dav, createRecordMeetingsService(world.core.database))],
      });
      contacts = {
        [grace]: await world.recordId('contacts', 'CON-001'),
        [juergen]: await world.recordId('contacts', 'CON-002'),
        [sam]: await world.recordId('contacts', 'CON-004'),
      };
    }, 90_000);
    afterAll(async () => {
      await app?.close();
      await world?.close();
      await radicale?.close();
    });

    const meetingsOf = async (email: string, as: 'rita' | 'ravi' = 'rita') => {
      const response = await app.inject({
        url: `/api/contacts/${contacts[email]}/meetings`,
        headers: world.as(as),
      });
      expect(response.statusCode, response.body).toBe(200);
      return response.json<{
        items: {
          uid: string;
          status: string | null;
          starts: string;
          fromMail: boolean;
          fromCalendar: boolean;
          attendees: { email: string; partstat: string | null }[];
        }[];
      }>().items;
    };
    const stateOn = async (email: string) => {
      const [meeting] = await meetingsOf(email);
      return {
        status: meeting?.status ?? null,
        starts: meeting?.starts,
        partstats: Object.fromEntries((meeting?.attendees ?? []).map((a) => [a.email, a.partstat])),
      };
    };

    it('shows an invitation to three contacts on each one’s timeline, through replies, a move and a cancellation', async () => {
      await world.importMail(
        'rita',
        scheduling({
          id: '<invite-0@threadline.example>',
          from: 'Rita Rep <rita@threadline.example>',
          to: [grace, juergen, sam].join(', '),
          method: 'REQUEST',
          sequence: 0,
          attendees: everyone,
        }),
      );
      for (const email of [grace, juergen, sam]) {
        expect(await stateOn(email)).toEqual({
          status: null,
          starts: '2026-03-04T14:00:00Z',
          partstats: { [grace]: 'NEEDS-ACTION', [juergen]: 'NEEDS-ACTION', [sam]: 'NEEDS-ACTION' },
        });
      }

      await world.importMail(
        'rita',
        scheduling({
          id: '<reply-grace@acme.com>',
          from: grace,
          to: 'rita@threadline.example',
          method: 'REPLY',
          sequence: 0,
          attendees: [invited(grace, 'ACCEPTED')],
        }),
        scheduling({
          id: '<reply-juergen@acme.de>',
          from: juergen,
          to: 'rita@threadline.example',
          method: 'REPLY',
          sequence: 0,
          attendees: [invited(juergen, 'DECLINED')],
        }),
      );
      expect((await stateOn(sam)).partstats).toEqual({
        [grace]: 'ACCEPTED',
        [juergen]: 'DECLINED',
        [sam]: 'NEEDS-ACTION',
      });

      await world.importMail(
        'rita',
        scheduling({
          id: '<invite-1@threadline.example>',
          from: 'Rita Rep <rita@threadline.example>',
          to: [grace, juergen, sam].join(', '),
          method: 'REQUEST',
          sequence: 1,
          start: '20260305T090000Z',
          attendees: everyone,
        }),
      );
      for (const email of [grace, juergen, sam]) {
        expect(await stateOn(email)).toMatchObject({
          status: null,
          starts: '2026-03-05T09:00:00Z',
        });
      }

      await world.importMail(
        'rita',
        scheduling({
          id: '<cancel-2@threadline.example>',
          from: 'Rita Rep <rita@threadline.example>',
          to: [grace, juergen, sam].join(', '),
          method: 'CANCEL',
          sequence: 2,
          start: '20260305T090000Z',
          attendees: everyone,
        }),
      );
      for (const email of [grace, juergen, sam]) {
        expect(await stateOn(email)).toMatchObject({ status: 'CANCELLED' });
      }
    });

    it('captures the same meeting booked in Rita’s calendar once, from both', async () => {
      const calendarUrl = await radicale.createCalendar('rita', 'work');
      await radicale.put(
        'rita',
        'rita-pass',
        `${calendarUrl}kickoff.ics`,
        calendarEvent({ uid, sequence: 2, attendees: [{ email: grace, partstat: 'ACCEPTED' }] }),
      );
      const connected = await app.inject({
        method: 'POST',
        url: '/api/dav-sources',
        headers: world.as('rita'),
        payload: {
          kind: 'caldav',
          label: 'Work',
          url: calendarUrl,
          username: 'rita',
          password: 'rita-pass',
        },
      });
      expect(connected.statusCode).toBe(201);
      const { id } = connected.json<{ id: string }>();
      const synced = await app.inject({
        method: 'POST',
        url: `/api/dav-sources/${id}/sync`,
        headers: world.as('rita'),
      });
      expect(synced.json()).toEqual({ ok: true, fetched: 1, failed: 0, removed: 0 });
      const meetings = await meetingsOf(grace);
      expect(meetings.map((m) => [m.uid, m.fromMail, m.fromCalendar])).toEqual([[uid, true, true]]);

      const health = await app.inject({ url: '/api/dav-sources', headers: world.as('rita') });
      expect(health.json()).toEqual({
        items: [
          expect.objectContaining({
            id,
            state: 'ok',
            serverCount: 1,
            handledCount: 1,
            failedCount: 0,
            lastSyncAt: expect.any(String),
          }),
        ],
      });
    });

    it('hides Rita’s meetings from a colleague she does not share with', async () => {
      expect(await meetingsOf(grace, 'ravi')).toEqual([]);
      const sources = await app.inject({ url: '/api/dav-sources', headers: world.as('ravi') });
      expect(sources.json()).toEqual({ items: [] });
    });

    it('answers 404 for a record that does not exist, and for another user’s source', async () => {
      const missing = await app.inject({
        url: '/api/contacts/00000000-0000-4000-8000-000000000000/meetings',
        headers: world.as('rita'),
      });
      expect(missing.statusCode).toBe(404);
      const [source] = (
        await app.inject({ url: '/api/dav-sources', headers: world.as('rita') })
      ).json<{ items: { id: string }[] }>().items;
      const foreign = await app.inject({
        method: 'POST',
        url: `/api/dav-sources/${source!.id}/sync`,
        headers: world.as('ravi'),
      });
      expect(foreign.statusCode).toBe(404);
    });

    it('refuses a wrong password and a URL that is no URL, naming what is wrong', async () => {
      const wrong = await app.inject({
        method: 'POST',
        url: '/api/dav-sources',
        headers: world.as('rita'),
        payload: {
          kind: 'carddav',
          label: 'Phone',
          url: `${radicale.url}rita/sales/`,
          username: 'rita',
          password: 'nope',
        },
      });
      expect(wrong.statusCode, wrong.body).toBe(422);
      expect(wrong.json()).toMatchObject({ error: { code: 'AUTH_FAILED' } });
      const notUrl = await app.inject({
        method: 'POST',
        url: '/api/dav-sources',
        headers: world.as('rita'),
        payload: { kind: 'caldav', label: 'X', url: 'calendar', username: 'a', password: 'b' },
      });
      expect(notUrl.statusCode).toBe(400);
      expect(notUrl.json<{ error: { message: string } }>().error.message).toMatch(/Not a URL/);
    });
  },
);
