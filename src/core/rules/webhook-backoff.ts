/** Waits between attempts: quick at first, then up to a day apart. */
const backoffSeconds = [5, 30, 120, 600, 3_600, 3 * 3_600, 12 * 3_600, 24 * 3_600];

/** Attempts before a delivery goes to the dead-letter list. */
export const maxDeliveryAttempts = backoffSeconds.length + 1;

/**
 * When to try a webhook delivery again after `attempts` failed ones, or
 * null when it has failed too often and belongs on the dead-letter list.
 *
 * @example
 * nextAttemptAt(1, new Date('2025-03-03T10:00:00Z')) // 2025-03-03T10:00:05Z
 */
export function nextAttemptAt(attempts: number, failedAt: Date): Date | null {
  if (attempts >= maxDeliveryAttempts) return null;
  const wait = backoffSeconds[Math.max(0, attempts - 1)] ?? 86_400;
  return new Date(failedAt.getTime() + wait * 1000);
}
