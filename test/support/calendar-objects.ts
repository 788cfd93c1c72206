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

/** Test data only: a scheduling message as Outlook sends it, the calendar as the body's alternative. */
export function schedulingMail(fields: {
  uid: string;
  id: string;
  from: string;
  to: string;
  method: string;
  sequence: number;
  start?: string;
  attendees: string[];
  status?: string;
  /** The Date header; Monday 2 March 2026, 10:00 UTC when absent. */
  date?: string;
}): string {
  const calendar = [
    'BEGIN:VCALENDAR',
    `METHOD:${fields.method}`,
    'VERSION:2.0',
    'BEGIN:VEVENT',
    `UID:${fields.uid}`,
    `SEQUENCE:${fields.sequence}`,
    `DTSTART;TZID=W. Europe Standard Time:${fields.start ?? '20260304T140000'}`,
    'DURATION:PT1H',
    'SUMMARY:Renewal call',
    'ORGANIZER;CN=Grace Hopper:mailto:Grace.Hopper@acme.com',
    ...fields.attendees,
    ...(fields.status ? [`STATUS:${fields.status}`] : []),
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return [
    `From: ${fields.from}`,
    `To: ${fields.to}`,
    'Subject: Renewal call',
    `Date: ${fields.date ?? 'Mon, 02 Mar 2026 10:00:00 +0000'}`,
    `Message-ID: ${fields.id}`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/alternative; boundary="b"',
    '',
    '--b',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Renewal call',
    '--b',
    `Content-Type: text/calendar; charset=utf-8; method=${fields.method}`,
    '',
    ...calendar,
    '--b--',
    '',
  ].join('\r\n');
}
