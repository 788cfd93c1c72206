import { mailboxesRepository, type MailboxRow } from '../../adapters/db/repositories/mailboxes.js';
import { isThreadlineError } from '../../core/errors.js';
import { retryDelayMs } from '../../core/sync/health.js';
import type { SyncDeps } from './sync-mailbox.js';
import type { RequestSync, SchedulerOptions } from './scheduler-options.js';

/**
 * Watches the mailbox's INBOX until `signal` aborts: new mail asks for a pass
 * of INBOX alone, lending the watcher's session to it.
 */
export async function watchInbox(
  mailbox: MailboxRow,
  watcher: {
    waitForNewMail: NonNullable<SchedulerOptions['waitForNewMail']>;
    lendForPass: SchedulerOptions['lendForPass'];
    stopWatching: SchedulerOptions['stopWatching'];
    requestSync: RequestSync;
    database: SyncDeps['database'];
    signal: AbortSignal;
  },
): Promise<void> {
  const { requestSync, signal } = watcher;
  let attempt = 0;
  while (!signal.aborted) {
    try {
      // Paused while watched: its IDLE session closes at the end of this round.
      const stored = await mailboxesRepository(watcher.database).findById(mailbox.id);
      if (stored?.pausedAt || stored?.disconnectedAt) {
        await watcher.stopWatching?.(mailbox);
        return;
      }
      const change = await watcher.waitForNewMail(mailbox, signal);
      attempt = 0;
      if (change === 'exists') {
        // Offered before the job is sent, so this process's worker finds it.
        const lent = watcher.lendForPass?.(mailbox, signal);
        await requestSync(mailbox, { only: ['INBOX'] });
        await lent;
      }
    } catch (error) {
      // The sync job records the error for the user; the watcher backs off, then
      // asks for a pass to catch up on what arrived while it was not listening.
      attempt += 1;
      const code = isThreadlineError(error) ? error.code : null;
      await sleep(retryDelayMs(code, attempt, Math.random()), signal);
      const stored = await mailboxesRepository(watcher.database)
        .findById(mailbox.id)
        .catch(() => null);
      // Refused by the server: logging in again and again may lock the account.
      if (stored?.state === 'failed') return;
      if (!signal.aborted) await requestSync(mailbox).catch(() => undefined);
    }
  }
}

/** Resolves after `ms`, or at once when `signal` aborts; leaves no listener behind either way. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timeout);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timeout = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
