/** An event as a calendar app stores it on a CalDAV server (no METHOD). */
export function calendarEvent(fields: {
  uid: string;
  summary?: string;
  sequence?: number;
  start?: string;
  attendees?: readonly { email: string; partstat?: string }[];
}): string {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Apple Inc.//macOS 14.0//EN',
    'BEGIN:VTIMEZONE',
    'TZID:Europe/Berlin',
    'BEGIN:STANDARD',
    'DTSTART:19701025T030000',
    'TZOFFSETFROM:+0200',
    'TZOFFSETTO:+0100',
    'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
    'END:STANDARD',
    'BEGIN:DAYLIGHT',
    'DTSTART:19700329T020000',
    'TZOFFSETFROM:+0100',
    'TZOFFSETTO:+0200',
    'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
    'END:DAYLIGHT',
    'END:VTIMEZONE',
    'BEGIN:VEVENT',
    `UID:${fields.uid}`,
    'DTSTAMP:20260301T100000Z',
    `SEQUENCE:${fields.sequence ?? 0}`,
    `DTSTART;TZID=Europe/Berlin:${fields.start ?? '20260304T140000'}`,
    'DURATION:PT1H',
    `SUMMARY:${fields.summary ?? 'Renewal call'}`,
    'ORGANIZER;CN=Rita Rep:mailto:rita@threadline.example',
    ...(fields.attendees ?? []).map(
      (a) => `ATTENDEE;PARTSTAT=${a.partstat ?? 'NEEDS-ACTION'}:mailto:${a.email}`,
    ),
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}
