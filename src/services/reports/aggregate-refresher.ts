import type { Database } from '../../adapters/db/database.js';
import { reportAggregatesRepository } from '../../adapters/db/repositories/report-aggregates.js';
import { messageFacts } from '../../core/reports/message-facts.js';
import { loadAssignmentContext } from '../rules/assignment-context.js';
import { repeatEvery } from '../repeat-every.js';

/** Messages recomputed per transaction: short enough not to stall the embedded store's one connection. */
const batchSize = 2_000;

/**
 * Keeps the report aggregates in step with the mail. Whatever writes mail,
 * links or sharing marks the messages it touched as stale in its own
 * transaction (triggers, migration 038); `refresh` recomputes their facts
 * from the store as it now is, one batch per transaction, and moves the
 * counts by the difference. A message marked again while its batch runs is
 * simply recomputed once more. A change of working hours or holidays is only
 * noted where it is written (migration 043): each batch first marks the
 * next of the responses it alters, so the request that made it returns at
 * once however many there are.
 */
export function createAggregateRefresher({ database }: { database: Database }) {
  async function refreshBatch(limit: number): Promise<number> {
    // Read before the transaction: the embedded store's one connection is the transaction's.
    // The changes before the calendars: one made in between is walked next time, with its calendar.
    const changes = await reportAggregatesRepository(database).calendarChanges();
    const context = await loadAssignmentContext(database);
    return database.transaction(async (tx) => {
      const aggregates = reportAggregatesRepository(tx);
      let marked = 0;
      for (const change of changes) {
        if (marked >= limit) break;
        marked += await aggregates.markCalendarChange(change, limit - marked);
      }
      const ids = await aggregates.takeStale(limit);
      if (ids.length === 0) return 0;
      const inputs = await aggregates.factInputs(ids);
      const computed = inputs.flatMap((input) => {
        const result = messageFacts(input, (userId) => context.calendarOf(userId));
        return result ? [result] : [];
      });
      const audiences = new Map(computed.map(({ audience }) => [audience.signature, audience]));
      const audienceIds = await aggregates.audienceIds([...audiences.values()]);
      await aggregates.replaceFacts(
        ids,
        computed.flatMap(({ audience, facts }) =>
          facts.map((fact) => ({ ...fact, audienceId: audienceIds.get(audience.signature)! })),
        ),
      );
      return ids.length;
    });
  }

  /** Recomputes every stale message (up to `max`); returns how many it took. */
  async function refresh(max = Number.POSITIVE_INFINITY): Promise<number> {
    let done = 0;
    while (done < max) {
      const taken = await refreshBatch(Math.min(batchSize, max - done));
      if (taken === 0) break;
      done += taken;
    }
    return done;
  }

  return {
    refresh,

    /** Refreshes every `everyMs` in the background until stopped. */
    start(everyMs: number, onError: (error: unknown) => void): { stop(): Promise<void> } {
      return repeatEvery(everyMs, () => refresh(), onError);
    },
  };
}

export type AggregateRefresher = ReturnType<typeof createAggregateRefresher>;
