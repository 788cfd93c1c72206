import type { MeetingChange } from './facts.js';

/** The slice of a stored calendar object (`messages.meetings`) that tells a booking from a cancellation. */
export interface StoredMeetingObject {
  readonly uid?: unknown;
  readonly method?: unknown;
  readonly status?: unknown;
  readonly recurrenceId?: unknown;
  readonly summary?: unknown;
  readonly start?: unknown;
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * The meetings a message booked (an invitation) or cancelled (a CANCEL, or
 * an object whose status is CANCELLED); replies and unreadable objects
 * change nothing a rule waits for.
 *
 * @example
 * meetingChanges([{ uid: 'abc', method: 'REQUEST', status: 'CONFIRMED', summary: 'Demo' }])
 * // [{ change: 'booked', uid: 'abc', recurrenceId: '', summary: 'Demo', start: null }]
 */
export function meetingChanges(objects: readonly StoredMeetingObject[] | null): MeetingChange[] {
  const changes: MeetingChange[] = [];
  for (const object of objects ?? []) {
    const uid = text(object.uid);
    if (!uid) continue;
    const method = text(object.method)?.toUpperCase() ?? null;
    const cancelled = method === 'CANCEL' || text(object.status)?.toUpperCase() === 'CANCELLED';
    const booked = !cancelled && (method === 'REQUEST' || method === 'PUBLISH' || method === null);
    if (!cancelled && !booked) continue;
    changes.push({
      change: cancelled ? 'cancelled' : 'booked',
      uid,
      recurrenceId: text(object.recurrenceId) ?? '',
      summary: text(object.summary),
      start: text(object.start),
    });
  }
  return changes;
}
