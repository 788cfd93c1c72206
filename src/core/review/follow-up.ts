/**
 * A follow-up on a thread: the assignee is reminded from `remindAt`
 * until a reply goes out from them in the thread, or someone cancels it.
 */
export interface FollowUpFacts {
  readonly remindAt: Date;
  readonly cancelledAt: Date | null;
  /** The assignee's first message in the thread after the follow-up was set. */
  readonly repliedAt: Date | null;
}

export type FollowUpState = 'cancelled' | 'replied' | 'due' | 'waiting';

/**
 * Where a follow-up stands at `now`. A cancellation wins over a reply, and a
 * reply ends the reminder whether it went out before or after `remindAt`.
 *
 * @example
 * followUpState({ remindAt: monday, cancelledAt: null, repliedAt: null }, tuesday); // 'due'
 */
export function followUpState(facts: FollowUpFacts, now: Date): FollowUpState {
  if (facts.cancelledAt !== null) return 'cancelled';
  if (facts.repliedAt !== null) return 'replied';
  return facts.remindAt.getTime() <= now.getTime() ? 'due' : 'waiting';
}
