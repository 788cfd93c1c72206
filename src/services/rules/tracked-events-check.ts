import type { Database } from '../../adapters/db/database.js';
import { trackedRuleEventsRepository } from '../../adapters/db/repositories/tracked-rule-events.js';
import {
  fireTrackedEvents,
  settleSecondsOf,
  type RunOptions,
  type RunOutcome,
} from './rule-runner.js';

/**
 * The rule pass's reading of people's tracked opens and clicks. The tracking
 * tells the rules of each at once (`fireTrackedEvents`); this reads the
 * stored events after a cursor, so that one the telling failed on, or that
 * a restart cut off, still fires, and one it fired does not fire again.
 * Reads up to the first event not settled yet, and each event fires only
 * the rules switched on by the time it happened.
 */
export async function checkTrackedEvents(
  db: Database,
  now: Date,
  options: RunOptions = {},
): Promise<RunOutcome> {
  const events = trackedRuleEventsRepository(db);
  const limit = options.batchSize ?? 500;
  const settledBefore = now.getTime() - settleSecondsOf(db) * 1000;
  const outcome: RunOutcome = { messages: 0, fired: 0, alreadyFired: 0 };
  for (;;) {
    const read = await events.after(await events.cursor(), limit);
    const unsettled = read.findIndex((event) => event.at.getTime() >= settledBefore);
    const settled = unsettled === -1 ? read : read.slice(0, unsettled);
    if (settled.length === 0) return outcome;
    const fired = await fireTrackedEvents(
      db,
      now,
      settled.flatMap(({ messageId, action, url, at }) =>
        messageId === null ? [] : [{ messageId, action, url, at }],
      ),
    );
    outcome.messages += fired.messages;
    outcome.fired += fired.fired;
    outcome.alreadyFired += fired.alreadyFired;
    await events.advance(settled.at(-1)!.id);
    if (settled.length < limit) return outcome;
  }
}
