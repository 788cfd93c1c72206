import type { Firing } from './evaluate-rules.js';
import type { Action } from './rule.js';

/** Actions that write records another firing may write too (a person, an owner, a deal's links). */
const recordActions: ReadonlySet<Action['kind']> = new Set([
  'create_lead',
  'create_contact',
  'assign_record',
  'add_to_deal',
]);

/** Whether a firing writes records another firing may write too. */
export function writesRecords(firing: Firing): boolean {
  return firing.actions.some((action) => recordActions.has(action.kind));
}

/** The exactly-once key of a firing: a rule fires at most once per key. */
export function firingKey(firing: Pick<Firing, 'ruleId' | 'eventKey'>): string {
  return `${firing.ruleId}\t${firing.eventKey}`;
}

/**
 * Splits firings, in their order, into the batches they are applied in,
 * one transaction each: runs of at most `size` firings that only add rows
 * of their own (tasks, notifications, webhook events), and each firing that
 * writes records on its own, so that a transaction never holds the locks of
 * two records another worker may take the other way round.
 *
 * @example
 * firingBatches([task1, lead1, task2, task3], 2) // [[task1], [lead1], [task2, task3]]
 */
export function firingBatches(firings: readonly Firing[], size: number): Firing[][] {
  const batches: Firing[][] = [];
  let run: Firing[] = [];
  const close = () => {
    if (run.length > 0) batches.push(run);
    run = [];
  };
  for (const firing of firings) {
    if (writesRecords(firing)) {
      close();
      batches.push([firing]);
      continue;
    }
    run.push(firing);
    if (run.length >= size) close();
  }
  close();
  return batches;
}
