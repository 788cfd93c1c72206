import { setTimeout as delay } from 'node:timers/promises';
import { isThreadlineError } from '../../core/errors.js';

/**
 * Waits between attempts at work whose database connection was lost: about
 * six seconds in all, long enough for a pool to reconnect after a failover or
 * a restart, and well inside a mailbox's lease, which the work renews.
 */
const backoffMs = [200, 800, 2000, 3000];

/** Whether the store could not be reached: worth trying the same work again shortly. */
export function isDatabaseUnavailable(error: unknown): boolean {
  return isThreadlineError(error) && error.code === 'DATABASE_UNAVAILABLE';
}

/** Lets a lost database connection pass, and throws anything else again. */
export function unlessDatabaseUnavailable(error: unknown): void {
  if (!isDatabaseUnavailable(error)) throw error;
}

/**
 * Runs `work`, and again after a short back-off while it fails with
 * DATABASE_UNAVAILABLE, a few times at most. `work` must be safe to repeat:
 * a lost COMMIT may have stored it whole.
 */
export async function retryWhileDatabaseUnavailable<T>(
  work: () => Promise<T>,
  signal?: AbortSignal,
): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      const wait = backoffMs[attempt];
      if (wait === undefined || !isDatabaseUnavailable(error) || signal?.aborted) throw error;
      await delay(wait, undefined, signal ? { signal } : {});
    }
  }
}
