import ICAL from 'ical.js';
import { ThreadlineError } from '../../core/errors.js';
import type {
  CalendarData,
  CalendarEvent,
  CalendarProperty,
} from '../../core/meetings/calendar-data.js';

type Component = InstanceType<typeof ICAL.Component>;
type Property = InstanceType<typeof ICAL.Property>;
type Timezone = InstanceType<typeof ICAL.Timezone>;

/**
 * Reads iCalendar text (RFC 5545) into plain data with ical.js. Lines that
 * are no content line at all (no `:`), which some senders leave in folded
 * text, are dropped when the text cannot be read with them. Throws
 * `ThreadlineError('MALFORMED_MESSAGE')` naming the problem when the text is
 * no calendar even so.
 */
export function readICalendar(text: string): CalendarData {
  const calendar = calendarOf(text);
  const zones = new Map<string, Timezone>();
  for (const component of calendar.getAllSubcomponents('vtimezone')) {
    const tzid = component.getFirstPropertyValue('tzid');
    // A VTIMEZONE without rules would read every time as UTC: its TZID is read by name instead.
    const hasRules = component.getAllSubcomponents().length > 0;
    if (typeof tzid === 'string' && hasRules) zones.set(tzid, new ICAL.Timezone(component));
  }
  const method = calendar.getFirstPropertyValue('method');
  return {
    method: typeof method === 'string' && method.trim() ? method.trim().toUpperCase() : null,
    events: calendar.getAllSubcomponents('vevent').map((event) => eventOf(event, zones)),
  };
}

function calendarOf(text: string): Component {
  // Whatever precedes the calendar (a stray line, a signature) is not part of it.
  const begin = /^BEGIN:VCALENDAR[ \t]*\r?$/im.exec(text);
  if (!begin) throw malformed('no BEGIN:VCALENDAR line');
  const calendarText = text.slice(begin.index);
  let jcal: unknown;
  try {
    jcal = ICAL.parse(calendarText);
  } catch (error) {
    const contentLines = unfold(calendarText).filter((line) => line.includes(':'));
    try {
      jcal = ICAL.parse(contentLines.join('\r\n'));
    } catch {
      throw malformed(error instanceof Error ? error.message : String(error));
    }
  }
  // Several calendars in one text come as a list; the first is the one a message carries.
  const first: unknown = Array.isArray(jcal) && Array.isArray(jcal[0]) ? jcal[0] : jcal;
  if (!Array.isArray(first) || first[0] !== 'vcalendar') {
    throw malformed('no VCALENDAR object');
  }
  return new ICAL.Component(first);
}

function unfold(text: string): string[] {
  return text.replace(/\r?\n[ \t]/g, '').split(/\r?\n/);
}

function malformed(reason: string): ThreadlineError {
  return new ThreadlineError('MALFORMED_MESSAGE', `calendar part: ${reason}`);
}

function eventOf(event: Component, zones: ReadonlyMap<string, Timezone>): CalendarEvent {
  return { properties: event.getAllProperties().map((property) => propertyOf(property, zones)) };
}

function propertyOf(property: Property, zones: ReadonlyMap<string, Timezone>): CalendarProperty {
  const parameters: Record<string, string> = {};
  const jcal = property.toJSON() as [string, Record<string, unknown>, string, ...unknown[]];
  for (const [name, value] of Object.entries(jcal[1])) {
    parameters[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : String(value);
  }
  const values = jcal.slice(3);
  const value = property.type === 'recur' ? recurAsWritten(values) : valuesAsText(values);
  return {
    name: property.name.toLowerCase(),
    parameters,
    value,
    zoneOffset: property.type === 'date-time' ? zoneOffsetOf(value, parameters.tzid, zones) : null,
  };
}

function valuesAsText(values: unknown[]): string {
  return values
    .map((value) => (typeof value === 'string' ? value : JSON.stringify(value)))
    .join(',');
}

// ical.js writes a rule's parts back in the order they were read.
function recurAsWritten(values: unknown[]): string {
  const bare = new ICAL.Property(['rrule', {}, 'recur', ...values] as never);
  return bare.toICALString().slice('RRULE:'.length);
}

function zoneOffsetOf(
  value: string,
  tzid: string | undefined,
  zones: ReadonlyMap<string, Timezone>,
): number | null {
  const zone = tzid === undefined ? undefined : zones.get(tzid);
  if (!zone || value.endsWith('Z')) return null;
  try {
    const offset = zone.utcOffset(ICAL.Time.fromDateTimeString(value));
    return Number.isFinite(offset) ? offset : null;
  } catch {
    // A VTIMEZONE without usable rules: the TZID is read by its name instead.
    return null;
  }
}
