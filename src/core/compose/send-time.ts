import { ThreadlineError } from '../errors.js';
import { instantInZone } from '../meetings/time-zones.js';

/**
 * The instant a wall-clock time names in an IANA time zone: "9:00 on
 * Tuesday in the recipient's zone" for scheduled sends. A time the zone
 * skips (spring forward) moves forward by the gap; a time it repeats (fall
 * back) is the first of the two, as calendar apps do.
 *
 * @example
 * instantIn('2026-12-08T09:00', 'America/New_York').toISOString(); // '2026-12-08T14:00:00.000Z'
 */
export function instantIn(localDateTime: string, timeZone: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(localDateTime);
  if (!match) {
    throw new ThreadlineError(
      'VALIDATION_FAILED',
      `"${localDateTime}" is not a local date and time such as 2026-12-08T09:00`,
    );
  }
  const [year, month, date, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0));
  const asUtc = Date.UTC(year!, month! - 1, date, hour, minute, second);
  const check = new Date(asUtc);
  if (check.getUTCMonth() !== month! - 1 || check.getUTCDate() !== date! || hour! > 23) {
    throw new ThreadlineError(
      'VALIDATION_FAILED',
      `"${localDateTime}" is not a real date and time`,
    );
  }
  try {
    return new Date(instantInZone(asUtc, timeZone));
  } catch {
    throw new ThreadlineError(
      'VALIDATION_FAILED',
      `"${timeZone}" is not a time zone: use a name such as Europe/Berlin`,
    );
  }
}
