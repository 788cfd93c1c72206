import { ianaZoneOfWindowsName } from './windows-zones.js';

const formats = new Map<string, Intl.DateTimeFormat | null>();

function formatOf(zone: string): Intl.DateTimeFormat | null {
  let format = formats.get(zone);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      format = null;
    }
    formats.set(zone, format);
  }
  return format;
}

/** Whether the runtime's time-zone database knows this IANA name. */
function isIanaZone(name: string): boolean {
  return name.includes('/') || /^(?:UTC|GMT|Etc\/.+)$/i.test(name)
    ? formatOf(name) !== null
    : false;
}

/**
 * The IANA zone a TZID stands for, or null when it names none: an IANA name
 * itself; one behind a vendor prefix (`/mozilla.org/20070129_1/Europe/Berlin`,
 * `/freeassociation.sourceforge.net/Tzfile/Europe/Berlin`); a Windows id or
 * display name (see `ianaZoneOfWindowsName`).
 *
 * @example
 * ianaZoneOfTzid('Europe/Berlin') // 'Europe/Berlin'
 * ianaZoneOfTzid('Pacific Standard Time') // 'America/Los_Angeles'
 * ianaZoneOfTzid('Customized Time Zone') // null
 */
export function ianaZoneOfTzid(tzid: string): string | null {
  const name = tzid.trim().replace(/^"|"$/g, '');
  if (isIanaZone(name)) return name;
  if (name.startsWith('/')) {
    const segments = name.split('/').filter(Boolean);
    for (let start = 1; start < segments.length; start += 1) {
      const candidate = segments.slice(start).join('/');
      if (candidate.includes('/') && isIanaZone(candidate)) return candidate;
    }
  }
  return ianaZoneOfWindowsName(name);
}

/** Offset of an IANA zone from UTC at an instant, in milliseconds east. */
function offsetAt(format: Intl.DateTimeFormat, instant: number): number {
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(instant)) parts[part.type] = Number(part.value);
  const local = Date.UTC(
    parts.year ?? 0,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return local - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant (ms since the epoch) of a wall-clock time, given as if it were
 * UTC (`localAsUtc`), in an IANA zone the runtime knows. A time skipped by a
 * change to summer time reads with the offset before the change, so it lands
 * after it, as RFC 5545 asks; a repeated time reads as its first occurrence.
 */
export function instantInZone(localAsUtc: number, zone: string): number {
  const format = formatOf(zone);
  if (!format) throw new Error(`unknown time zone ${zone}`);
  const before = offsetAt(format, localAsUtc - 86_400_000);
  const after = offsetAt(format, localAsUtc + 86_400_000);
  const first = localAsUtc - before;
  if (before === after) return first;
  // Around a change: the earlier offset if the time exists with it, else the later one.
  if (offsetAt(format, first) === before) return first;
  const second = localAsUtc - after;
  return offsetAt(format, second) === after ? second : first;
}
