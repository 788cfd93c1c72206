/** Sync states a mailbox or folder can be in, as users see them. */
export type SyncState = 'connecting' | 'backfilling' | 'live' | 'retrying' | 'failed' | 'paused';

export interface FolderHealth {
  readonly path: string;
  readonly state: SyncState;
  readonly code: string | null;
  readonly attempt: number;
  readonly lastSuccessAt: Date | null;
}

export interface MailboxHealth {
  readonly state: SyncState;
  readonly code: string | null;
  readonly attempt: number;
  /** Oldest last success over the folders: how far behind the slowest folder is. */
  readonly lastSuccessAt: Date | null;
  readonly lagSeconds: number | null;
}

const severity: Record<SyncState, number> = {
  live: 0,
  paused: 1,
  connecting: 2,
  backfilling: 3,
  retrying: 4,
  failed: 5,
};

/**
 * A mailbox's health is its worst folder's: it can never read "live" while
 * one folder is failing, retrying or still back-filling.
 *
 * @example mailboxHealth(mailboxState, [{ state: 'live' }, { state: 'failed', code: 'FOLDER_MISSING' }], now).state // 'failed'
 */
export function mailboxHealth(
  connection: { state: SyncState; code: string | null; attempt: number },
  folders: readonly FolderHealth[],
  now: Date,
): MailboxHealth {
  let worst: { state: SyncState; code: string | null; attempt: number } = connection;
  for (const folder of folders) {
    if (severity[folder.state] > severity[worst.state]) worst = folder;
  }
  const successes = folders.map((folder) => folder.lastSuccessAt);
  const lastSuccessAt =
    successes.length === 0 || successes.some((at) => at === null)
      ? null
      : new Date(Math.min(...successes.map((at) => at!.getTime())));
  return {
    state: worst.state,
    code: worst.code,
    attempt: worst.attempt,
    lastSuccessAt,
    lagSeconds: lastSuccessAt
      ? Math.max(0, Math.round((now.getTime() - lastSuccessAt.getTime()) / 1000))
      : null,
  };
}

/**
 * Delay before reconnect attempt `attempt` (1-based): exponential from 1 s,
 * capped at 5 minutes, with full jitter so many mailboxes do not reconnect in
 * step after a server restart. `random` is in [0, 1).
 *
 * @example reconnectDelayMs(3, 0.5) // 2000
 */
export function reconnectDelayMs(attempt: number, random: number): number {
  const ceiling = Math.min(300_000, 1000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling * random);
}

/**
 * Delay before trying again a mailbox its provider throttles (attempt
 * 1-based): from a minute, doubling up to half an hour, never less than half
 * of that (a provider counts every try against the account), the rest jitter.
 *
 * @example throttledRetryMs(1, 0) // 30000
 * @example throttledRetryMs(2, 0.5) // 90000
 */
export function throttledRetryMs(attempt: number, random: number): number {
  const ceiling = Math.min(1_800_000, 60_000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}

/**
 * How long to wait before connecting again after failure `code` on attempt
 * `attempt`: a throttled account waits long, anything else backs off from a second.
 *
 * @example retryDelayMs('THROTTLED', 1, 0) // 30000
 * @example retryDelayMs('TIMEOUT', 3, 0.5) // 2000
 */
export function retryDelayMs(code: string | null, attempt: number, random: number): number {
  return code === 'THROTTLED'
    ? throttledRetryMs(attempt, random)
    : reconnectDelayMs(attempt, random);
}

/** Connections a server refused (a wrong password, an untrusted certificate) tried on their own. */
export const refusedConnectionTries = 4;

/**
 * How long after its `attempt`-th refused connection in a row (1-based) a
 * mailbox is tried again on its own: twice the poll interval, then twice as
 * long each time. Null from the `refusedConnectionTries`-th on: a server
 * that keeps refusing may lock the account or ban the address, so only the
 * owner (new credentials, or asking for a sync) tries again.
 *
 * @example refusedRetrySeconds(1, 60) // 120
 * @example refusedRetrySeconds(4, 60) // null
 */
export function refusedRetrySeconds(attempt: number, pollSeconds: number): number | null {
  if (attempt >= refusedConnectionTries) return null;
  return pollSeconds * 2 ** Math.max(1, attempt);
}

/**
 * What a mailbox's state means to its owner, in a few words; a refused
 * password or OAuth grant is said as what to do about it, and a live mailbox
 * whose server does not push new mail says how often its INBOX is polled.
 *
 * @example stateText('failed', 'AUTH_FAILED') // 'needs new password'
 * @example stateText('failed', 'SIGN_IN_AGAIN') // 'needs you to sign in again'
 * @example stateText('retrying', 'TIMEOUT') // 'retrying'
 * @example stateText('retrying', 'THROTTLED') // 'throttled by the provider'
 * @example stateText('live', null, 15) // 'live (polled every 15 s)'
 */
export function stateText(
  state: SyncState,
  code: string | null,
  inboxPollSeconds: number | null = null,
): string {
  if (state === 'failed' && code === 'AUTH_FAILED') return 'needs new password';
  if (state === 'failed' && code === 'SIGN_IN_AGAIN') return 'needs you to sign in again';
  if (state === 'retrying' && code === 'THROTTLED') return 'throttled by the provider';
  if (state === 'live' && inboxPollSeconds !== null) {
    return `live (polled every ${inboxPollSeconds} s)`;
  }
  return state;
}
