import type { TrackingEventRow } from '../../adapters/db/repositories/tracking.js';

export type PendingEvent = TrackingEventRow & { trackedMessageId: string; userAgent: string };

/**
 * Hands events on a batch at a time: whatever arrived within `flushMs`, or
 * `maxBatch` events, goes to one call of `insert` (one INSERT for tracking
 * events), so an event costs at most one write and a burst of them far
 * less. `flush` resolves once everything added so far is handed on.
 */
export function createEventWriter<Event = PendingEvent>(
  insert: (events: readonly Event[]) => Promise<void>,
  options: { flushMs: number; maxBatch: number; onError: (error: unknown) => void },
) {
  let pending: Event[] = [];
  let timer: NodeJS.Timeout | null = null;
  let writing: Promise<void> = Promise.resolve();

  function write(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    const batch = pending;
    pending = [];
    if (batch.length === 0) return writing;
    // One batch at a time, in order: the embedded store has a single connection anyway.
    writing = writing.then(() => insert(batch).catch(options.onError));
    return writing;
  }

  return {
    add(event: Event): void {
      pending.push(event);
      if (pending.length >= options.maxBatch) void write();
      else timer ??= setTimeout(() => void write(), options.flushMs);
    },
    flush: write,
  };
}
