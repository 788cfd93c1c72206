import type { TrackedMessageRow } from '../../adapters/db/repositories/tracking.js';
import type { TrackingKind } from '../../core/tracking/judge-event.js';

/**
 * Tracked messages requested lately, with their latest events, kept in
 * memory for `ttlMs`: a message's pixel and links are requested in bursts
 * (a proxy, a scanner, a person), and the store is read once per burst,
 * not once per request. Events this process judged are added as they
 * come, so the next request is judged against them before they are stored.
 */
export function createRecentTracked(
  load: (id: string) => Promise<TrackedMessageRow | null>,
  options: { maxEntries: number; ttlMs: number; keepEvents: number; now: () => number },
) {
  const entries = new Map<string, { row: Promise<TrackedMessageRow | null>; loadedAt: number }>();

  /**
   * A message read again keeps the events this process judged since the
   * last read: their batch may not be stored yet, and a click judged
   * without the open just before it would pass for a scanner's.
   */
  async function withJudged(
    reading: Promise<TrackedMessageRow | null>,
    previous: Promise<TrackedMessageRow | null>,
  ): Promise<TrackedMessageRow | null> {
    const [found, before] = await Promise.all([reading, previous.catch(() => null)]);
    if (!found || !before) return found;
    const key = (e: TrackedMessageRow['earlier'][number]) =>
      `${e.kind}\t${e.link}\t${e.at.getTime()}`;
    const stored = new Set(found.earlier.map(key));
    const earlier = [...found.earlier, ...before.earlier.filter((e) => !stored.has(key(e)))]
      .sort((a, b) => a.at.getTime() - b.at.getTime())
      .slice(-options.keepEvents);
    return { ...found, earlier };
  }

  return {
    get(id: string): Promise<TrackedMessageRow | null> {
      const now = options.now();
      const entry = entries.get(id);
      if (entry && now - entry.loadedAt < options.ttlMs) return entry.row;
      entries.delete(id);
      const row = entry ? withJudged(load(id), entry.row) : load(id);
      // A failed read is not kept, nor a message not sent yet: its delivery time is still to come.
      row.then(
        (found) => found?.sentAt ?? entries.delete(id),
        () => entries.delete(id),
      );
      entries.set(id, { row, loadedAt: now });
      if (entries.size > options.maxEntries) entries.delete(entries.keys().next().value!);
      return row;
    },

    /** Adds an event just judged to the message's earlier ones. */
    remember(row: TrackedMessageRow, event: { kind: TrackingKind; link: number | null; at: Date }) {
      row.earlier.push(event);
      if (row.earlier.length > options.keepEvents) row.earlier.shift();
    },
  };
}
