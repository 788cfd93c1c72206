/**
 * Counts failed sign-ins per key (e-mail and client address) in a sliding
 * window, so password guessing is slowed without locking a user out for long.
 */
export function createSignInLimiter(options: { maxFailures: number; windowMs: number }) {
  const failures = new Map<string, number[]>();
  const recent = (key: string, now: number) =>
    (failures.get(key) ?? []).filter((at) => now - at < options.windowMs);
  return {
    isBlocked(key: string, now: Date): boolean {
      return recent(key, now.getTime()).length >= options.maxFailures;
    },
    recordFailure(key: string, now: Date): void {
      if (failures.size > 10_000) failures.clear();
      failures.set(key, [...recent(key, now.getTime()), now.getTime()]);
    },
    reset(key: string): void {
      failures.delete(key);
    },
  };
}
