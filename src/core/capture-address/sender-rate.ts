/** How many messages one sender may deliver in a sliding window. */
export interface SenderRateLimit {
  readonly messages: number;
  readonly windowMs: number;
}

/**
 * Whether a sender who delivered at `recent` (epoch ms, oldest first) may
 * deliver one more at `now`, and the deliveries still inside the window:
 * what the caller keeps for the next question.
 *
 * @example senderAdmits([1_000, 2_000], 61_500, { messages: 2, windowMs: 60_000 })
 * // { admitted: true, recent: [2_000] }
 */
export function senderAdmits(
  recent: readonly number[],
  now: number,
  limit: SenderRateLimit,
): { admitted: boolean; recent: number[] } {
  const kept = recent.filter((at) => at > now - limit.windowMs);
  return { admitted: kept.length < limit.messages, recent: kept };
}
