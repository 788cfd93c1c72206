/**
 * An iCalendar object as plain data, the way the calendar adapter reads it
 * from text: what the core needs to make meetings of it, and nothing of the
 * parsing library.
 */
export interface CalendarProperty {
  /** Lower-case, e.g. `dtstart`, `x-google-conference`. */
  readonly name: string;
  /** Lower-case parameter names; a parameter with several values has them joined by commas. */
  readonly parameters: Readonly<Record<string, string>>;
  /**
   * The value as text: TEXT values unescaped; DATE as `2026-03-04`; DATE-TIME
   * as `2026-03-04T14:00:00`, with `Z` when in UTC; RRULE as written;
   * several values (EXDATE, CATEGORIES) joined by commas.
   */
  readonly value: string;
  /**
   * For a DATE-TIME whose TZID names a VTIMEZONE of the same calendar: that
   * zone's offset from UTC at this local time, in seconds east. Null otherwise.
   */
  readonly zoneOffset: number | null;
}

/** One VEVENT. */
export interface CalendarEvent {
  readonly properties: readonly CalendarProperty[];
}

export interface CalendarData {
  /** The VCALENDAR's METHOD, upper-case; null when absent. */
  readonly method: string | null;
  readonly events: readonly CalendarEvent[];
}

/** The first property of that (lower-case) name, or undefined. */
export function propertyOf(event: CalendarEvent, name: string): CalendarProperty | undefined {
  return event.properties.find((property) => property.name === name);
}

/** The trimmed value of the first property of that name, or null when absent or empty. */
export function textOf(event: CalendarEvent, name: string): string | null {
  return propertyOf(event, name)?.value.trim() || null;
}
