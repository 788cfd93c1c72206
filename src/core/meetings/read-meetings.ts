import {
  propertyOf,
  textOf,
  type CalendarData,
  type CalendarEvent,
  type CalendarProperty,
} from './calendar-data.js';
import { onlineMeetingUrl } from './online-meeting.js';
import { ianaZoneOfTzid, instantInZone } from './time-zones.js';

export interface MeetingAttendee {
  /** Lower case, without `mailto:`. */
  readonly email: string;
  readonly name: string | null;
  /** ROLE as written (`REQ-PARTICIPANT`, `OPT-PARTICIPANT`, `CHAIR` …), upper case; null when absent. */
  readonly role: string | null;
  /** PARTSTAT (`ACCEPTED`, `DECLINED`, `TENTATIVE`, `NEEDS-ACTION` …), upper case; null when absent. */
  readonly partstat: string | null;
}

/** One calendar object (VEVENT) of a scheduling message, as `threadline meetings parse` prints it. */
export interface Meeting {
  /** The iTIP method (`REQUEST`, `REPLY`, `CANCEL` …), upper case; null when absent. */
  readonly method: string | null;
  readonly uid: string;
  /** SEQUENCE, 0 when absent. */
  readonly sequence: number;
  /** The occurrence this object overrides: an instant (`…Z`), or a date for all-day events. */
  readonly recurrenceId: string | null;
  readonly allDay: boolean;
  /**
   * An instant in UTC (`2026-03-04T14:00:00Z`), or the date (`2026-03-04`) for
   * all-day events. Null only for replies, cancellations and refreshes that
   * leave DTSTART out, as RFC 5546 lets them.
   */
  readonly start: string | null;
  /** Same form as `start`; from DURATION when there is no DTEND; null when neither. */
  readonly end: string | null;
  /** The IANA zone of DTSTART; null for UTC, floating times and zones that cannot be named. */
  readonly timeZone: string | null;
  readonly summary: string | null;
  readonly location: string | null;
  readonly onlineUrl: string | null;
  /** Lower case, without `mailto:`. */
  readonly organizer: string | null;
  readonly attendees: readonly MeetingAttendee[];
  /** STATUS, upper case. */
  readonly status: string | null;
  /** The RRULE as written. */
  readonly rrule: string | null;
}

/** A calendar object read as a meeting, or why it could not be. */
export type MeetingReading = { readonly meeting: Meeting } | { readonly error: string };

// RFC 5546 lets these leave DTSTART out: they name an event the recipient already has.
const methodsWithoutStart = new Set(['REPLY', 'CANCEL', 'REFRESH', 'DECLINECOUNTER']);

/**
 * Reads every VEVENT of a calendar as a meeting, in order. The method is the
 * calendar's METHOD, else the one the message's Content-Type names
 * (`transportMethod`), else null. Broken input gets a best reading where one
 * exists, else an error naming what is wrong; it never throws:
 *
 * - a TZID is read with the calendar's own VTIMEZONE, else as the IANA zone
 *   it names (Windows names mapped), else, unknown, as a floating time;
 * - floating times (no zone) are read in UTC;
 * - Outlook's all-day events written as midnight date-times
 *   (`X-MICROSOFT-CDO-ALLDAYEVENT:TRUE`) are read as dates;
 * - no UID, or no readable DTSTART where one is required, is an error.
 *
 * @example
 * readMeetings({ method: 'REQUEST', events: [event] }, null)
 * // [{ meeting: { method: 'REQUEST', uid: 'abc', start: '2026-03-04T13:00:00Z', timeZone: 'Europe/Berlin', … } }]
 */
export function readMeetings(
  calendar: CalendarData,
  transportMethod: string | null,
): MeetingReading[] {
  const method = (calendar.method ?? transportMethod)?.trim().toUpperCase() || null;
  return calendar.events.map((event) => readMeeting(event, method));
}

function readMeeting(event: CalendarEvent, method: string | null): MeetingReading {
  const uid = textOf(event, 'uid');
  if (!uid) return { error: 'a VEVENT has no UID' };
  const allDayFlag = textOf(event, 'x-microsoft-cdo-alldayevent')?.toUpperCase() === 'TRUE';

  const dtstart = propertyOf(event, 'dtstart');
  const start = dtstart ? readTime(dtstart, allDayFlag) : null;
  if (typeof start === 'string') return { error: `VEVENT ${uid}: ${start}` };
  if (!start && !(method && methodsWithoutStart.has(method))) {
    return { error: `VEVENT ${uid}: no DTSTART` };
  }

  const recurrence = propertyOf(event, 'recurrence-id');
  const recurrenceTime = recurrence ? readTime(recurrence, allDayFlag) : null;
  if (typeof recurrenceTime === 'string') return { error: `VEVENT ${uid}: ${recurrenceTime}` };

  const end = endOf(event, start, allDayFlag);
  if (typeof end === 'string') return { error: `VEVENT ${uid}: ${end}` };

  const sequence = Number.parseInt(textOf(event, 'sequence') ?? '0', 10);
  const organizer = propertyOf(event, 'organizer');
  return {
    meeting: {
      method,
      uid,
      sequence: Number.isFinite(sequence) ? sequence : 0,
      recurrenceId: recurrenceTime ? formatTime(recurrenceTime) : null,
      allDay: start?.kind === 'date',
      start: start ? formatTime(start) : null,
      end: end ? formatTime(end) : null,
      timeZone: start?.kind === 'instant' ? start.zone : null,
      summary: textOf(event, 'summary'),
      location: textOf(event, 'location'),
      onlineUrl: onlineMeetingUrl(event),
      organizer: organizer ? addressOf(organizer) : null,
      attendees: event.properties
        .filter((property) => property.name === 'attendee')
        .flatMap((property) => {
          const attendee = attendeeOf(property);
          return attendee ? [attendee] : [];
        }),
      status: textOf(event, 'status')?.toUpperCase() ?? null,
      rrule: textOf(event, 'rrule'),
    },
  };
}

/** A DATE (days since the epoch in UTC ms) or an instant with the IANA zone it was written in. */
type Time =
  | { readonly kind: 'date'; readonly ms: number }
  | { readonly kind: 'instant'; readonly ms: number; readonly zone: string | null };

const dayMs = 86_400_000;
const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const dateTimePattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(Z?)$/;

/** The property's time, or a message saying why it is not one. */
function readTime(property: CalendarProperty, allDayFlag: boolean): Time | string {
  const value = property.value.trim();
  const date = datePattern.exec(value);
  if (date) {
    const ms = utcMs(date.slice(1, 4).map(Number));
    return ms === null ? notATime(property) : { kind: 'date', ms };
  }
  const dateTime = dateTimePattern.exec(value);
  if (!dateTime) return notATime(property);
  const local = utcMs(dateTime.slice(1, 7).map(Number));
  if (local === null) return notATime(property);
  if (dateTime[7] === 'Z') return { kind: 'instant', ms: local, zone: null };

  const tzid = property.parameters.tzid;
  if (allDayFlag && local % dayMs === 0) return { kind: 'date', ms: local };
  if (!tzid) return { kind: 'instant', ms: local, zone: null };
  const zone = ianaZoneOfTzid(tzid);
  const named = zone && !isUtcZone(zone) ? zone : null;
  if (property.zoneOffset !== null) {
    return { kind: 'instant', ms: local - property.zoneOffset * 1000, zone: named };
  }
  return zone
    ? { kind: 'instant', ms: instantInZone(local, zone), zone: named }
    : {
        kind: 'instant',
        ms: local,
        zone: null,
      };
}

function notATime(property: CalendarProperty): string {
  return `${property.name.toUpperCase()} "${property.value}" is not a date or date-time`;
}

/** UTC milliseconds of a calendar date and time, or null when it is no such date. */
function utcMs(parts: readonly number[]): number | null {
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = parts;
  // A leap second is read as the second before it.
  const ms = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59));
  const back = new Date(ms);
  const valid =
    back.getUTCFullYear() === year &&
    back.getUTCMonth() === month - 1 &&
    back.getUTCDate() === day &&
    hour < 24 &&
    minute < 60 &&
    second <= 60;
  return valid ? ms : null;
}

function isUtcZone(zone: string): boolean {
  return /^(?:Etc\/)?(?:UTC|UCT|GMT|Zulu|Universal|GMT[+-]0)$/i.test(zone);
}

function endOf(
  event: CalendarEvent,
  start: Time | null,
  allDayFlag: boolean,
): Time | null | string {
  const dtend = propertyOf(event, 'dtend');
  if (dtend) {
    const end = readTime(dtend, allDayFlag);
    if (typeof end === 'string' || start?.kind !== 'date' || end.kind === 'date') return end;
    // A date-time end of an all-day event still ends on a day.
    return { kind: 'date', ms: end.ms - (end.ms % dayMs) };
  }
  const duration = textOf(event, 'duration');
  if (!duration || !start) return null;
  const ms = durationMs(duration);
  if (ms === null) return `DURATION "${duration}" is not a duration`;
  return start.kind === 'date'
    ? { kind: 'date', ms: start.ms + Math.floor(ms / dayMs) * dayMs }
    : { ...start, ms: start.ms + ms };
}

function durationMs(value: string): number | null {
  const match = /^([+-])?P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(
    value.trim().toUpperCase(),
  );
  if (!match || value.trim().toUpperCase().replace(/^[+-]/, '') === 'P') return null;
  const [weeks, days, hours, minutes, seconds] = match.slice(2).map((part) => Number(part ?? 0));
  const ms =
    ((((weeks ?? 0) * 7 + (days ?? 0)) * 24 + (hours ?? 0)) * 60 + (minutes ?? 0)) * 60_000 +
    (seconds ?? 0) * 1000;
  return match[1] === '-' ? -ms : ms;
}

function formatTime(time: Time): string {
  const iso = new Date(time.ms).toISOString();
  return time.kind === 'date' ? iso.slice(0, 10) : `${iso.slice(0, 19)}Z`;
}

/** The address of an ORGANIZER or ATTENDEE: its `mailto:` value, else its EMAIL parameter. */
function addressOf(property: CalendarProperty): string | null {
  const value = property.value.trim();
  const fromValue = /^mailto:/i.test(value) ? value.slice('mailto:'.length).trim() : '';
  const address = fromValue.includes('@') ? fromValue : (property.parameters.email ?? '').trim();
  return address.includes('@') ? address.toLowerCase() : null;
}

function attendeeOf(property: CalendarProperty): MeetingAttendee | null {
  const email = addressOf(property);
  if (!email) return null;
  const { cn, role, partstat } = property.parameters;
  return {
    email,
    name: cn?.trim() || null,
    role: role?.trim().toUpperCase() || null,
    partstat: partstat?.trim().toUpperCase() || null,
  };
}
