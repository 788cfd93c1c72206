import { describe, expect, it } from 'vitest';
import type { CalendarData, CalendarEvent, CalendarProperty } from './calendar-data.js';
import { readMeetings, type Meeting, type MeetingReading } from './read-meetings.js';

/** A property as the adapter gives it; `TZID=…` style parameters in `parameters`. */
function prop(
  name: string,
  value: string,
  parameters: Record<string, string> = {},
  zoneOffset: number | null = null,
): CalendarProperty {
  return { name, value, parameters, zoneOffset };
}

function event(...properties: CalendarProperty[]): CalendarEvent {
  return { properties: [prop('uid', 'meeting-1@acme.example'), ...properties] };
}

function calendar(method: string | null, ...events: CalendarEvent[]): CalendarData {
  return { method, events };
}

function only(readings: MeetingReading[]): Meeting {
  expect(readings).toHaveLength(1);
  const [reading] = readings;
  if (!reading || 'error' in reading)
    throw new Error(`expected a meeting, got ${JSON.stringify(reading)}`);
  return reading.meeting;
}

describe('readMeetings', () => {
  it('reads an invitation into the contract fields', () => {
    const meeting = only(
      readMeetings(
        calendar(
          'REQUEST',
          event(
            prop('sequence', '3'),
            prop('dtstart', '2026-03-04T14:00:00', { tzid: 'Europe/Berlin' }, 3600),
            prop('dtend', '2026-03-04T15:00:00', { tzid: 'Europe/Berlin' }, 3600),
            prop('summary', '  Renewal call '),
            prop('location', 'Room 4'),
            prop('organizer', 'mailto:Ada@Acme.Example', { cn: 'Ada' }),
            prop('attendee', 'MAILTO:Bob@Globex.Example', {
              cn: 'Bob',
              role: 'req-participant',
              partstat: 'accepted',
            }),
            prop('status', 'confirmed'),
            prop('rrule', 'FREQ=WEEKLY;COUNT=4;BYDAY=WE'),
          ),
        ),
        null,
      ),
    );
    expect(meeting).toEqual({
      method: 'REQUEST',
      uid: 'meeting-1@acme.example',
      sequence: 3,
      recurrenceId: null,
      allDay: false,
      start: '2026-03-04T13:00:00Z',
      end: '2026-03-04T14:00:00Z',
      timeZone: 'Europe/Berlin',
      summary: 'Renewal call',
      location: 'Room 4',
      onlineUrl: null,
      organizer: 'ada@acme.example',
      attendees: [
        { email: 'bob@globex.example', name: 'Bob', role: 'REQ-PARTICIPANT', partstat: 'ACCEPTED' },
      ],
      status: 'CONFIRMED',
      rrule: 'FREQ=WEEKLY;COUNT=4;BYDAY=WE',
    });
  });

  it('takes the method from the Content-Type when the calendar has none, and null when neither has', () => {
    const start = prop('dtstart', '2026-03-04T14:00:00Z');
    expect(only(readMeetings(calendar(null, event(start)), 'reply')).method).toBe('REPLY');
    expect(only(readMeetings(calendar(null, event(start)), null)).method).toBeNull();
    expect(only(readMeetings(calendar('CANCEL', event(start)), 'REQUEST')).method).toBe('CANCEL');
  });

  it('reads floating times in UTC, without a zone', () => {
    const meeting = only(
      readMeetings(calendar('REQUEST', event(prop('dtstart', '2026-03-10T09:00:00'))), null),
    );
    expect(meeting).toMatchObject({ start: '2026-03-10T09:00:00Z', timeZone: null, end: null });
  });

  it('names no zone for UTC times, even under a TZID that is UTC', () => {
    const utc = only(
      readMeetings(calendar('REQUEST', event(prop('dtstart', '2026-03-10T09:00:00Z'))), null),
    );
    const tzidUtc = only(
      readMeetings(
        calendar('REQUEST', event(prop('dtstart', '2026-03-10T09:00:00', { tzid: 'UTC' }))),
        null,
      ),
    );
    expect([utc.start, utc.timeZone, tzidUtc.start, tzidUtc.timeZone]).toEqual([
      '2026-03-10T09:00:00Z',
      null,
      '2026-03-10T09:00:00Z',
      null,
    ]);
  });

  it('reads an IANA TZID without a VTIMEZONE by the zone rules, summer time included', () => {
    const meeting = only(
      readMeetings(
        calendar(
          'REQUEST',
          event(
            prop('dtstart', '2026-07-01T09:00:00', { tzid: 'America/New_York' }),
            prop('dtend', '2026-12-01T09:00:00', { tzid: 'America/New_York' }),
          ),
        ),
        null,
      ),
    );
    expect(meeting).toMatchObject({
      start: '2026-07-01T13:00:00Z',
      end: '2026-12-01T14:00:00Z',
      timeZone: 'America/New_York',
    });
  });

  it('maps a Windows zone id and an Outlook display name to IANA', () => {
    const byId = only(
      readMeetings(
        calendar(
          'REQUEST',
          event(prop('dtstart', '2026-03-04T14:00:00', { tzid: 'Tokyo Standard Time' })),
        ),
        null,
      ),
    );
    const byDisplayName = only(
      readMeetings(
        calendar(
          'REQUEST',
          event(
            prop('dtstart', '2026-03-04T14:00:00', {
              tzid: '(UTC+05:30) Chennai, Kolkata, Mumbai, New Delhi',
            }),
          ),
        ),
        null,
      ),
    );
    expect([byId.start, byId.timeZone]).toEqual(['2026-03-04T05:00:00Z', 'Asia/Tokyo']);
    expect([byDisplayName.start, byDisplayName.timeZone]).toEqual([
      '2026-03-04T08:30:00Z',
      'Asia/Kolkata',
    ]);
  });

  it('prefers the calendar’s own VTIMEZONE offset, and keeps the IANA name it maps to', () => {
    // A VTIMEZONE that disagrees with the IANA rules shows which one was used.
    const meeting = only(
      readMeetings(
        calendar(
          'REQUEST',
          event(prop('dtstart', '2026-03-04T14:00:00', { tzid: 'W. Europe Standard Time' }, 7200)),
        ),
        null,
      ),
    );
    expect([meeting.start, meeting.timeZone]).toEqual(['2026-03-04T12:00:00Z', 'Europe/Berlin']);
  });

  it('reads a TZID it cannot name through its VTIMEZONE, without a zone name', () => {
    const meeting = only(
      readMeetings(
        calendar(
          'REQUEST',
          event(prop('dtstart', '2026-03-04T14:00:00', { tzid: 'Customized Time Zone' }, -18000)),
        ),
        null,
      ),
    );
    expect([meeting.start, meeting.timeZone]).toEqual(['2026-03-04T19:00:00Z', null]);
  });

  it('reads an unknown TZID with no VTIMEZONE as a floating time', () => {
    const meeting = only(
      readMeetings(
        calendar(
          'REQUEST',
          event(prop('dtstart', '2026-03-11T10:00:00', { tzid: 'Mars/Olympus' })),
        ),
        null,
      ),
    );
    expect([meeting.start, meeting.timeZone]).toEqual(['2026-03-11T10:00:00Z', null]);
  });

  it('reads all-day events as dates, the end from DTEND or a DURATION of days', () => {
    const withEnd = only(
      readMeetings(
        calendar('REQUEST', event(prop('dtstart', '2026-03-23'), prop('dtend', '2026-03-25'))),
        null,
      ),
    );
    const withDuration = only(
      readMeetings(
        calendar('REQUEST', event(prop('dtstart', '2026-03-31'), prop('duration', 'P2D'))),
        null,
      ),
    );
    expect(withEnd).toMatchObject({
      allDay: true,
      start: '2026-03-23',
      end: '2026-03-25',
      timeZone: null,
    });
    expect(withDuration).toMatchObject({ allDay: true, start: '2026-03-31', end: '2026-04-02' });
  });

  it('reads Outlook’s midnight-to-midnight all-day event as dates', () => {
    const meeting = only(
      readMeetings(
        calendar(
          'REQUEST',
          event(
            prop('dtstart', '2026-03-23T00:00:00', { tzid: 'W. Europe Standard Time' }, 3600),
            prop('dtend', '2026-03-24T00:00:00', { tzid: 'W. Europe Standard Time' }, 3600),
            prop('x-microsoft-cdo-alldayevent', 'TRUE'),
          ),
        ),
        null,
      ),
    );
    expect(meeting).toMatchObject({
      allDay: true,
      start: '2026-03-23',
      end: '2026-03-24',
      timeZone: null,
    });
  });

  it('computes the end from DURATION, and leaves it null with neither DTEND nor DURATION', () => {
    const withDuration = only(
      readMeetings(
        calendar(
          'REQUEST',
          event(prop('dtstart', '2026-03-09T15:00:00Z'), prop('duration', 'PT1H30M')),
        ),
        null,
      ),
    );
    expect(withDuration.end).toBe('2026-03-09T16:30:00Z');
  });

  it('reads an occurrence override with its RECURRENCE-ID, as an instant or a date', () => {
    const readings = readMeetings(
      calendar(
        'REQUEST',
        event(
          prop('dtstart', '2026-03-03T10:00:00', { tzid: 'America/New_York' }),
          prop('rrule', 'FREQ=WEEKLY'),
        ),
        event(
          prop('recurrence-id', '2026-03-10T10:00:00', { tzid: 'America/New_York' }),
          prop('dtstart', '2026-03-11T15:00:00', { tzid: 'America/New_York' }),
        ),
        event(prop('recurrence-id', '2026-03-17'), prop('dtstart', '2026-03-18')),
      ),
      null,
    );
    expect(
      readings.map((reading) =>
        'meeting' in reading
          ? [reading.meeting.recurrenceId, reading.meeting.start, reading.meeting.rrule]
          : reading,
      ),
    ).toEqual([
      [null, '2026-03-03T15:00:00Z', 'FREQ=WEEKLY'],
      ['2026-03-10T14:00:00Z', '2026-03-11T19:00:00Z', null],
      ['2026-03-17', '2026-03-18', null],
    ]);
  });

  it('finds attendees by their EMAIL parameter when the value is no mail address, and skips those with none', () => {
    const meeting = only(
      readMeetings(
        calendar(
          'REQUEST',
          event(
            prop('dtstart', '2026-03-12T10:00:00Z'),
            prop('organizer', 'urn:uuid:1', { email: 'Camille@iCloud.com' }),
            prop('attendee', 'urn:uuid:7B1F04C2', { email: 'Hugo@Me.com', partstat: 'tentative' }),
            prop('attendee', 'invalid:nomail', { cn: 'Room 4' }),
          ),
        ),
        null,
      ),
    );
    expect([meeting.organizer, meeting.attendees]).toEqual([
      'camille@icloud.com',
      [{ email: 'hugo@me.com', name: null, role: null, partstat: 'TENTATIVE' }],
    ]);
  });

  it('reads a skipped summer-time hour with the offset before the change', () => {
    // 02:30 does not exist in Berlin on 29 March 2026: read at +01:00, it is 01:30 UTC.
    const meeting = only(
      readMeetings(
        calendar(
          'REQUEST',
          event(prop('dtstart', '2026-03-29T02:30:00', { tzid: 'Europe/Berlin' })),
        ),
        null,
      ),
    );
    expect(meeting.start).toBe('2026-03-29T01:30:00Z');
  });

  it('gives an error for an object without UID, or without DTSTART where one is required', () => {
    const noUid: CalendarEvent = { properties: [prop('dtstart', '2026-03-04T14:00:00Z')] };
    expect(readMeetings(calendar('REQUEST', noUid), null)).toEqual([
      { error: 'a VEVENT has no UID' },
    ]);
    expect(readMeetings(calendar('REQUEST', event(prop('summary', 'TBD'))), null)).toEqual([
      { error: 'VEVENT meeting-1@acme.example: no DTSTART' },
    ]);
    expect(readMeetings(calendar('COUNTER', event()), null)).toEqual([
      { error: 'VEVENT meeting-1@acme.example: no DTSTART' },
    ]);
  });

  it('reads a reply without DTSTART, which RFC 5546 allows, with a null start', () => {
    const meeting = only(
      readMeetings(
        calendar(
          'REPLY',
          event(prop('attendee', 'mailto:bob@globex.example', { partstat: 'DECLINED' })),
        ),
        null,
      ),
    );
    expect(meeting).toMatchObject({ method: 'REPLY', start: null, end: null, allDay: false });
    expect(meeting.attendees[0]?.partstat).toBe('DECLINED');
  });

  it('gives an error naming a value that is no date, and a DURATION that is no duration', () => {
    expect(
      readMeetings(calendar('REQUEST', event(prop('dtstart', '2026-02-30T10:00:00Z'))), null),
    ).toEqual([
      {
        error:
          'VEVENT meeting-1@acme.example: DTSTART "2026-02-30T10:00:00Z" is not a date or date-time',
      },
    ]);
    expect(
      readMeetings(
        calendar(
          'REQUEST',
          event(prop('dtstart', '2026-03-04T10:00:00Z'), prop('duration', 'one hour')),
        ),
        null,
      ),
    ).toEqual([{ error: 'VEVENT meeting-1@acme.example: DURATION "one hour" is not a duration' }]);
  });

  it('keeps reading the other objects of a calendar after a broken one', () => {
    const readings = readMeetings(
      calendar('REQUEST', event(), {
        properties: [prop('uid', 'second'), prop('dtstart', '2026-03-04T10:00:00Z')],
      }),
      null,
    );
    expect(
      readings.map((reading) => ('error' in reading ? reading.error : reading.meeting.uid)),
    ).toEqual(['VEVENT meeting-1@acme.example: no DTSTART', 'second']);
  });

  it('reads a missing or unreadable SEQUENCE as 0', () => {
    const start = prop('dtstart', '2026-03-04T10:00:00Z');
    expect(only(readMeetings(calendar('REQUEST', event(start)), null)).sequence).toBe(0);
    expect(
      only(readMeetings(calendar('REQUEST', event(start, prop('sequence', 'x'))), null)).sequence,
    ).toBe(0);
  });
});
