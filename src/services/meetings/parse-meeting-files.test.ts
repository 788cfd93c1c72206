import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMeetingFiles, type MeetingLine } from './parse-meeting-files.js';

const fixtures = join(import.meta.dirname, '../../../test/fixtures/meetings');
const mailFixtures = join(import.meta.dirname, '../../../test/fixtures/mail');

async function collect(inputs: string[]): Promise<MeetingLine[]> {
  const lines: MeetingLine[] = [];
  for await (const line of parseMeetingFiles(inputs)) lines.push(line);
  return lines;
}

async function linesOf(name: string): Promise<MeetingLine[]> {
  return collect([join(fixtures, name)]);
}

describe('parseMeetingFiles', () => {
  it('reads an Outlook Teams invitation into exactly the contract’s line', async () => {
    const file = join(fixtures, 'outlook-teams-request.eml');
    expect(await collect([file])).toEqual([
      {
        file,
        messageId: 'DB9PR08MB6716A1B2C3D4E5F6@DB9PR08MB6716.eurprd08.prod.outlook.com',
        method: 'REQUEST',
        uid: '040000008200E00074C5B7101A82E00800000000D0D3C7A2F36EDA01000000000000000010000000A4F5B0C1F4E6A94B9E4F2C0A1B2C3D4E',
        sequence: 0,
        recurrenceId: null,
        allDay: false,
        start: '2026-03-04T13:00:00Z',
        end: '2026-03-04T14:00:00Z',
        timeZone: 'Europe/Berlin',
        summary: 'Contract renewal: pricing walkthrough',
        location: 'Microsoft Teams Meeting',
        onlineUrl:
          'https://teams.microsoft.com/l/meetup-join/19%3ameeting_ZDk4NjFkNzAtYjM0Ni00OGE2LWE4ZjEtNDk3NTE1NTM2OTlh%40thread.v2/0?context=%7b%22Tid%22%3a%2272f988bf-86f1-41af-91ab-2d7cd011db47%22%2c%22Oid%22%3a%229a1f4e43-2f0b-4c1e-9c1a-0c2a5b7f6d11%22%7d',
        organizer: 'priya.raman@contoso-logistics.example',
        attendees: [
          {
            email: 'sam@northwind-sales.example',
            name: 'Sam Ortiz',
            role: 'REQ-PARTICIPANT',
            partstat: 'NEEDS-ACTION',
          },
          {
            email: 'lena.fischer@contoso-logistics.example',
            name: 'Lena Fischer',
            role: 'OPT-PARTICIPANT',
            partstat: 'NEEDS-ACTION',
          },
        ],
        status: 'CONFIRMED',
        rrule: null,
      },
    ]);
  });

  it('reads an Outlook series and its moved occurrence as two lines, in the calendar’s order', async () => {
    const lines = await linesOf('outlook-recurring-with-exception.eml');
    expect(lines).toMatchObject([
      {
        recurrenceId: null,
        start: '2026-03-03T15:00:00Z',
        end: '2026-03-03T15:30:00Z',
        timeZone: 'America/New_York',
        rrule: 'FREQ=WEEKLY;UNTIL=20260428T140000Z;INTERVAL=1;BYDAY=TU;WKST=SU',
        sequence: 1,
        location: 'Conference Room 4B',
      },
      {
        recurrenceId: '2026-03-10T14:00:00Z',
        start: '2026-03-11T19:00:00Z',
        end: '2026-03-11T19:30:00Z',
        rrule: null,
        location: 'Conference Room 2A',
      },
    ]);
    expect(new Set(lines.map((line) => 'uid' in line && line.uid)).size).toBe(1);
  });

  it.each([
    [
      'outlook-all-day.eml',
      { method: 'REQUEST', allDay: true, start: '2026-03-23', end: '2026-03-25', timeZone: null },
    ],
    [
      'outlook-cancel.eml',
      { method: 'CANCEL', status: 'CANCELLED', sequence: 1, start: '2026-03-04T13:00:00Z' },
    ],
    [
      'outlook-reply-accepted.eml',
      {
        method: 'REPLY',
        attendees: [
          {
            email: 'sam@northwind-sales.example',
            name: 'Sam Ortiz',
            role: null,
            partstat: 'ACCEPTED',
          },
        ],
      },
    ],
    [
      'google-recurring-london.eml',
      {
        start: '2026-03-19T09:30:00Z',
        timeZone: 'Europe/London',
        rrule: 'FREQ=WEEKLY;WKST=MO;INTERVAL=2;BYDAY=TH',
        location: 'Fischer & Co, 14 Clerkenwell Green, London EC1R 0DP, UK',
      },
    ],
    [
      'apple-calendar-request.eml',
      {
        messageId: '6F2A1C3B-7D8E-4F90-A1B2-C3D4E5F6A7B8@icloud.com',
        start: '2026-03-12T10:00:00Z',
        end: '2026-03-12T11:30:00Z',
        timeZone: 'Europe/Paris',
        summary: 'Déjeuner — partenariat 2026',
        organizer: 'camille.dubois@icloud.com',
        attendees: [
          {
            email: 'camille.dubois@icloud.com',
            name: 'Camille Dubois',
            role: 'CHAIR',
            partstat: 'ACCEPTED',
          },
          {
            email: 'sam@northwind-sales.example',
            name: 'Sam Ortiz',
            role: 'REQ-PARTICIPANT',
            partstat: 'NEEDS-ACTION',
          },
          {
            email: 'hugo.martin@me.com',
            name: 'Hugo Martin',
            role: 'OPT-PARTICIPANT',
            partstat: 'TENTATIVE',
          },
        ],
      },
    ],
    [
      'zoom-ics-attachment.eml',
      {
        method: 'PUBLISH',
        start: '2026-03-12T16:30:00Z',
        timeZone: 'America/Los_Angeles',
        onlineUrl: 'https://tailspin.zoom.us/j/84215790361?pwd=b2ZqR0xWc1hLeWdNUkZ6bUp2cjBoQT09',
        organizer: null,
        attendees: [],
      },
    ],
    [
      'webex-display-name-zone.eml',
      {
        start: '2026-03-16T17:00:00Z',
        timeZone: 'America/New_York',
        onlineUrl:
          'https://woodgrove.webex.com/woodgrove/j.php?MTID=m3f1a9c7e5b2d4068a1c3e5f7092b4d6e',
      },
    ],
    [
      'broken-missing-method.eml',
      { method: null, start: '2026-03-09T15:00:00Z', end: '2026-03-09T15:30:00Z' },
    ],
    [
      'broken-floating-times.eml',
      { start: '2026-03-10T09:00:00Z', end: '2026-03-10T11:30:00Z', timeZone: null },
    ],
    ['broken-unknown-tzid.eml', { start: '2026-03-11T10:00:00Z', timeZone: null }],
  ])('reads %s', async (name, expected) => {
    const lines = await linesOf(name);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ file: join(fixtures, name), ...expected });
  });

  it('gives one line for the invitation Google sends both as the body and as invite.ics', async () => {
    const raw = await readFile(join(fixtures, 'google-meet-request.eml'), 'utf8');
    expect(raw).toContain('filename="invite.ics"');
    expect(await linesOf('google-meet-request.eml')).toMatchObject([
      {
        uid: '5v0n1b8k2q7r3s9t4u6w1x0y2z@google.com',
        start: '2026-03-10T16:00:00Z',
        end: '2026-03-10T16:45:00Z',
        timeZone: null,
        location: null,
        onlineUrl: 'https://meet.google.com/wkx-qdzn-ret',
      },
    ]);
  });

  it('gives error lines for an object without DTSTART and a part that is no calendar', async () => {
    expect(
      await collect([
        join(fixtures, 'broken-no-dtstart.eml'),
        join(fixtures, 'broken-not-icalendar.eml'),
      ]),
    ).toEqual([
      {
        file: join(fixtures, 'broken-no-dtstart.eml'),
        messageId: 'no-dtstart.1741165203@scheduler.fourthcoffee.example',
        error: 'VEVENT booking-55015@scheduler.fourthcoffee.example: no DTSTART',
      },
      {
        file: join(fixtures, 'broken-not-icalendar.eml'),
        messageId: 'not-icalendar.1741165204@scheduler.fourthcoffee.example',
        error: 'calendar part: no BEGIN:VCALENDAR line',
      },
    ]);
  });

  it('takes the method from the Content-Type when the calendar has none', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'threadline-meetings-'));
    try {
      const file = join(dir, 'reply.eml');
      await writeFile(
        file,
        [
          'From: bob@globex.example',
          'Message-ID: <r1@globex.example>',
          'Content-Type: text/calendar; method=REPLY; charset=utf-8',
          '',
          'BEGIN:VCALENDAR',
          'BEGIN:VEVENT',
          'UID:u1',
          'DTSTART:20260304T140000Z',
          'ATTENDEE;PARTSTAT=DECLINED:mailto:bob@globex.example',
          'END:VEVENT',
          'END:VCALENDAR',
          '',
        ].join('\r\n'),
      );
      expect(await collect([file])).toMatchObject([
        { messageId: 'r1@globex.example', method: 'REPLY' },
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('prints nothing for a message without calendar parts, and reads a reply that leaves DTSTART out', async () => {
    expect(await collect([join(mailFixtures, 'human', 'thread-reply-plain.eml')])).toEqual([]);
    expect(
      await collect([
        join(mailFixtures, 'calendar_reply', 'outlook-tentative-method-in-body-only.eml'),
      ]),
    ).toMatchObject([
      {
        method: 'REPLY',
        uid: '1122aabb@northwind-sales.example',
        start: null,
        attendees: [{ email: 'p.devries@bouwbedrijf-vries.example', partstat: 'TENTATIVE' }],
      },
    ]);
  });

  it('reads an mbox message by message and reports a missing path, going on', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'threadline-meetings-'));
    try {
      const invitation = await readFile(join(fixtures, 'broken-floating-times.eml'), 'utf8');
      const mbox = join(dir, 'Inbox');
      await writeFile(
        mbox,
        `From bookings@scheduler.fourthcoffee.example Thu Mar  5 09:00:00 2026\n${invitation}\n` +
          `From ada@acme.example Thu Mar  5 10:00:00 2026\nFrom: ada@acme.example\nSubject: hi\n\nno calendar\n\n`,
      );
      const missing = join(dir, 'missing.eml');
      expect(await collect([missing, mbox])).toMatchObject([
        { file: missing, messageId: null, error: 'no such file or directory' },
        { file: mbox, uid: 'booking-55013@scheduler.fourthcoffee.example' },
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reads the fixture folder recursively in sorted order', async () => {
    const files = (await collect([fixtures])).map((line) => line.file);
    expect(files).toEqual([...files].sort());
    expect(new Set(files).size).toBe(15);
  });
});
