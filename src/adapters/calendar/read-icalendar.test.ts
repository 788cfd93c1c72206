import { describe, expect, it } from 'vitest';
import { readICalendar } from './read-icalendar.js';

const berlin = [
  'BEGIN:VTIMEZONE',
  'TZID:W. Europe Standard Time',
  'BEGIN:STANDARD',
  'DTSTART:16010101T030000',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10',
  'END:STANDARD',
  'BEGIN:DAYLIGHT',
  'DTSTART:16010101T020000',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3',
  'END:DAYLIGHT',
  'END:VTIMEZONE',
];

function ics(...lines: string[]): string {
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', ...lines, 'END:VCALENDAR', ''].join('\r\n');
}

describe('readICalendar', () => {
  it('reads METHOD, and each VEVENT’s properties with lower-case names and parameters', () => {
    const data = readICalendar(
      ics(
        'METHOD:request',
        'BEGIN:VEVENT',
        'UID:abc',
        'SUMMARY;LANGUAGE=en-US:Renewal\\, pricing\\nand terms',
        'ATTENDEE;CN="Ortiz, Sam";PARTSTAT=ACCEPTED:mailto:sam@northwind.example',
        'DTSTART;VALUE=DATE:20260323',
        'END:VEVENT',
      ),
    );
    expect(data).toEqual({
      method: 'REQUEST',
      events: [
        {
          properties: [
            { name: 'uid', parameters: {}, value: 'abc', zoneOffset: null },
            {
              name: 'summary',
              parameters: { language: 'en-US' },
              value: 'Renewal, pricing\nand terms',
              zoneOffset: null,
            },
            {
              name: 'attendee',
              parameters: { cn: 'Ortiz, Sam', partstat: 'ACCEPTED' },
              value: 'mailto:sam@northwind.example',
              zoneOffset: null,
            },
            { name: 'dtstart', parameters: {}, value: '2026-03-23', zoneOffset: null },
          ],
        },
      ],
    });
  });

  it('gives the offset of the calendar’s own VTIMEZONE for times under its TZID, summer and winter', () => {
    const data = readICalendar(
      ics(
        ...berlin,
        'BEGIN:VEVENT',
        'UID:abc',
        'DTSTART;TZID=W. Europe Standard Time:20260304T140000',
        'DTEND;TZID=W. Europe Standard Time:20260704T140000',
        'RECURRENCE-ID;TZID=Europe/Paris:20260304T140000',
        'DTSTAMP:20260226T101512Z',
        'END:VEVENT',
      ),
    );
    const times = data.events[0]!.properties.slice(1).map(({ value, zoneOffset }) => [
      value,
      zoneOffset,
    ]);
    expect(times).toEqual([
      ['2026-03-04T14:00:00', 3600],
      ['2026-07-04T14:00:00', 7200],
      ['2026-03-04T14:00:00', null],
      ['2026-02-26T10:15:12Z', null],
    ]);
  });

  it('ignores a VTIMEZONE without rules, so its TZID is read by name', () => {
    const data = readICalendar(
      ics(
        'BEGIN:VTIMEZONE',
        'TZID:Europe/Berlin',
        'END:VTIMEZONE',
        'BEGIN:VEVENT',
        'UID:abc',
        'DTSTART;TZID=Europe/Berlin:20260304T140000',
        'END:VEVENT',
      ),
    );
    expect(data.events[0]!.properties[1]?.zoneOffset).toBeNull();
  });

  it('keeps an RRULE as written and joins several values with commas', () => {
    const data = readICalendar(
      ics(
        'BEGIN:VEVENT',
        'UID:abc',
        'RRULE:FREQ=WEEKLY;UNTIL=20260428T140000Z;INTERVAL=1;BYDAY=TU;WKST=SU',
        'EXDATE;TZID=Europe/Berlin:20260317T100000,20260324T100000',
        'END:VEVENT',
      ),
    );
    expect(data.events[0]!.properties.slice(1).map((property) => property.value)).toEqual([
      'FREQ=WEEKLY;UNTIL=20260428T140000Z;INTERVAL=1;BYDAY=TU;WKST=SU',
      '2026-03-17T10:00:00,2026-03-24T10:00:00',
    ]);
  });

  it('unfolds long lines and reads LF line ends', () => {
    const data = readICalendar(
      'BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:abc\nDESCRIPTION:Join: https://teams.microsoft.com/l/meetup-\n join/19%3a1\nEND:VEVENT\nEND:VCALENDAR\n',
    );
    expect(data.method).toBeNull();
    expect(data.events[0]!.properties[1]?.value).toBe(
      'Join: https://teams.microsoft.com/l/meetup-join/19%3a1',
    );
  });

  it('drops lines that are no content line, and what comes before the calendar', () => {
    const data = readICalendar(
      'Sent from my phone\r\n' +
        ics('METHOD:REQUEST', 'BEGIN:VEVENT', 'UID:abc', 'an unfolded second line', 'END:VEVENT'),
    );
    expect(data.events[0]!.properties).toEqual([
      { name: 'uid', parameters: {}, value: 'abc', zoneOffset: null },
    ]);
  });

  it('reads a calendar without VEVENT as one without events', () => {
    expect(readICalendar(ics('METHOD:REFRESH'))).toEqual({ method: 'REFRESH', events: [] });
  });

  it.each([
    [
      'text that is no calendar',
      'Booking 55016: Tuesday 10 March, 9:00',
      'calendar part: no BEGIN:VCALENDAR line',
    ],
    [
      'a calendar that never ends',
      'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\n',
      'calendar part: invalid ical body. component began but did not end',
    ],
    ['an empty part', '', 'calendar part: no BEGIN:VCALENDAR line'],
  ])('refuses %s with MALFORMED_MESSAGE naming the problem', (_case, text, message) => {
    expect(() => readICalendar(text)).toThrow(
      expect.objectContaining({ code: 'MALFORMED_MESSAGE', message }),
    );
  });
});
