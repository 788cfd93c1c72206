import { ThreadlineError } from '../errors.js';

/** One hour of one weekday in the contact's time zone, and how often they were active then. */
export interface ContactSlot {
  /** 0 Sunday … 6 Saturday. */
  readonly weekday: number;
  readonly hour: number;
  readonly count: number;
}

export interface BestTime {
  readonly timeZone: string;
  /** How many replies and human opens it rests on. */
  readonly basedOn: number;
  /** The busiest slots first, at most three. */
  readonly best: readonly ContactSlot[];
}

const weekdays: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/**
 * When a contact tends to read and answer mail: their replies and their
 * human opens, counted by weekday and hour in their time zone, busiest
 * first (ties: earlier in the week, then earlier in the day). Opens by
 * proxies, scanners or the sender are left out by the caller.
 *
 * @example bestTimeToContact([new Date('2026-03-03T14:10:00Z')], 'Europe/Berlin').best[0] // { weekday: 2, hour: 15, count: 1 }
 */
export function bestTimeToContact(activity: readonly Date[], timeZone: string): BestTime {
  const format = hourFormat(timeZone);
  const counts = new Map<number, number>();
  for (const at of activity) {
    const parts = format.formatToParts(at);
    const weekday = weekdays[parts.find((p) => p.type === 'weekday')!.value]!;
    const hour = Number(parts.find((p) => p.type === 'hour')!.value);
    const slot = weekday * 24 + hour;
    counts.set(slot, (counts.get(slot) ?? 0) + 1);
  }
  const best = [...counts]
    .sort(([slotA, a], [slotB, b]) => b - a || slotA - slotB)
    .slice(0, 3)
    .map(([slot, count]) => ({ weekday: Math.floor(slot / 24), hour: slot % 24, count }));
  return { timeZone, basedOn: activity.length, best };
}

function hourFormat(timeZone: string): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      hour: '2-digit',
      hourCycle: 'h23',
    });
  } catch {
    throw new ThreadlineError(
      'VALIDATION_FAILED',
      `"${timeZone}" is not a time zone: use a name such as Europe/Berlin`,
    );
  }
}
