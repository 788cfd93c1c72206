import type { Database } from '../../adapters/db/database.js';
import {
  mailboxesRepository,
  type FolderRow,
  type MailboxRow,
} from '../../adapters/db/repositories/mailboxes.js';
import { noticesRepository } from '../../adapters/db/repositories/notices.js';
import { isThreadlineError, ThreadlineError } from '../../core/errors.js';
import type { SyncState } from '../../core/sync/health.js';
import { retryWhileDatabaseUnavailable } from './database-retry.js';

/** What a pass did in one folder, or why it could not. */
export interface FolderReport {
  readonly path: string;
  readonly fetched: number;
  readonly captured: number;
  readonly ignored: number;
  readonly quarantined: number;
  readonly error: { code: string; message: string } | null;
  /** Read up to the end of the pass's back-fill slice only: a later pass goes on. */
  readonly unfinished?: boolean;
}

/**
 * Connection failures, to the mail server or to the store, worth another try;
 * the rest need the user (password, certificate).
 */
export const transientCodes = new Set([
  'HOST_UNREACHABLE',
  'TIMEOUT',
  'PROTOCOL_ERROR',
  'THROTTLED',
  'DATABASE_UNAVAILABLE',
]);

/** Records the folder's failure on its row, and reports it. */
export async function recordFolderFailure(
  database: Database,
  mailbox: MailboxRow,
  folder: FolderRow,
  failure: ThreadlineError,
): Promise<FolderReport> {
  await retryWhileDatabaseUnavailable(() =>
    mailboxesRepository(database).setFolderState(mailbox.id, folder.path, {
      state: transientCodes.has(failure.code) ? 'retrying' : 'failed',
      code: failure.code,
      message: failure.message,
      attempt: folder.attempt + 1,
      succeededAt: null,
    }),
  );
  return {
    path: folder.path,
    fetched: 0,
    captured: 0,
    ignored: 0,
    quarantined: 0,
    error: { code: failure.code, message: failure.message },
  };
}

/** Tells the owner the back-fill of the mailbox is over, with its counts. */
export async function recordBackfillNotice(
  database: Database,
  mailbox: MailboxRow,
  reports: readonly FolderReport[],
): Promise<void> {
  const total = (key: 'fetched' | 'captured' | 'ignored' | 'quarantined') =>
    reports.reduce((sum, report) => sum + report[key], 0);
  await noticesRepository(database).add({
    userId: mailbox.ownerId,
    mailboxId: mailbox.id,
    kind: 'backfill_done',
    text:
      `Back-fill of "${mailbox.label}" finished: ${total('fetched')} messages read, ` +
      `${total('captured')} captured, ${total('ignored')} ignored, ${total('quarantined')} quarantined.`,
  });
}

/** The checkpoint found the lease in another worker's hands, and rolled its batch back. */
export function isLeaseLost(error: unknown): boolean {
  return isThreadlineError(error) && error.code === 'LEASE_LOST';
}

/** The pass was asked to stop (the error is the signal's own reason). */
export function isAbortOf(signal: AbortSignal | undefined, error: unknown): boolean {
  return signal?.aborted === true && error === signal.reason;
}

export function stateOf(state: SyncState) {
  return { state, code: null, message: null, attempt: 0, succeededAt: null };
}

export function asThreadlineError(error: unknown): ThreadlineError {
  if (isThreadlineError(error)) return error;
  return new ThreadlineError('INTERNAL', error instanceof Error ? error.message : String(error));
}
