/**
 * A person's working week: the days (ISO, 1 = Monday … 7 = Sunday) and the
 * minutes of the day they work, in their time zone, minus the
 * organisation's holidays (local dates, `YYYY-MM-DD`).
 */
export interface WorkCalendar {
  readonly timeZone: string;
  readonly days: readonly number[];
  readonly startMinute: number;
  readonly endMinute: number;
  readonly holidays: ReadonlySet<string>;
}

/** For someone who has not said when they work: Monday to Friday, 9:00 to 17:00 UTC. */
export const defaultWorkCalendar: WorkCalendar = {
  timeZone: 'UTC',
  days: [1, 2, 3, 4, 5],
  startMinute: 9 * 60,
  endMinute: 17 * 60,
  holidays: new Set(),
};

const hourMs = 3_600_000;
/** Further than any rule waits: a calendar without working time ends the search here. */
const searchDays = 3 * 366;

interface LocalDay {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let found = formatters.get(timeZone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, found);
  }
  return found;
}

/** The wall-clock reading in `timeZone` at `instant`, as if it were UTC. */
function wallClock(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(instant)
      .map((p) => [p.type, Number(p.value)]),
  );
  return Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
}

function localDay(instant: number, timeZone: string): LocalDay {
  const wall = new Date(wallClock(instant, timeZone));
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() };
}

/** The instant a wall-clock time of a local day happens (the later reading across a DST change). */
function instantOf(day: LocalDay, minute: number, timeZone: string): number {
  const wall = Date.UTC(day.year, day.month - 1, day.day, 0, minute);
  const first = wall - (wallClock(wall, timeZone) - wall);
  const offset = wallClock(first, timeZone) - first;
  return wall - offset;
}

function nextDay(day: LocalDay): LocalDay {
  const next = new Date(Date.UTC(day.year, day.month - 1, day.day + 1));
  return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
}

function isoDate(day: LocalDay): string {
  return `${day.year}-${String(day.month).padStart(2, '0')}-${String(day.day).padStart(2, '0')}`;
}

/** The working window of a local day, or null on a day off or holiday. */
function workWindow(day: LocalDay, calendar: WorkCalendar): [number, number] | null {
  const weekday = new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay() || 7;
  if (!calendar.days.includes(weekday) || calendar.holidays.has(isoDate(day))) return null;
  return [
    instantOf(day, calendar.startMinute, calendar.timeZone),
    instantOf(day, calendar.endMinute, calendar.timeZone),
  ];
}

/**
 * Working hours between two instants in a calendar: nights, days off and
 * holidays do not count.
 *
 * @example
 * // Friday 16:00 to Monday 10:00, Monday to Friday 9–17 UTC: 1 h on Friday + 1 h on Monday
 * businessHoursBetween(new Date('2025-03-07T16:00Z'), new Date('2025-03-10T10:00Z'), defaultWorkCalendar) // 2
 */
export function businessHoursBetween(from: Date, to: Date, calendar: WorkCalendar): number {
  const start = from.getTime();
  const end = to.getTime();
  let total = 0;
  let day = localDay(start, calendar.timeZone);
  for (let i = 0; i < searchDays; i += 1) {
    const window = workWindow(day, calendar);
    if (window) {
      if (window[0] >= end) break;
      total += Math.max(0, Math.min(end, window[1]) - Math.max(start, window[0]));
    } else if (instantOf(day, 0, calendar.timeZone) >= end) break;
    day = nextDay(day);
  }
  return total / hourMs;
}

/**
 * The instant `hours` working hours after `from`: a task due in 4 business
 * hours, made on Friday at 16:00, is due on Monday at 12:00. Without any
 * working time in the next three years, `from` plus the hours on the clock.
 */
export function addBusinessHours(from: Date, hours: number, calendar: WorkCalendar): Date {
  const start = from.getTime();
  let remaining = hours * hourMs;
  let day = localDay(start, calendar.timeZone);
  for (let i = 0; i < searchDays; i += 1) {
    const window = workWindow(day, calendar);
    if (window && window[1] > start) {
      const begin = Math.max(start, window[0]);
      if (remaining <= window[1] - begin) return new Date(begin + remaining);
      remaining -= window[1] - begin;
    }
    day = nextDay(day);
  }
  return new Date(start + hours * hourMs);
}
