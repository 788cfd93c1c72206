import type { MailboxRow } from '../../adapters/db/repositories/mailboxes.js';
import type { SyncReport } from './sync-mailbox.js';

/** Asks for a pass of the mailbox: all its folders, or only some, now or later. */
export type RequestSync = (
  mailbox: Pick<MailboxRow, 'id'>,
  pass?: {
    only?: readonly string[];
    startAfterSeconds?: number;
    waited?: number;
    unreachable?: number;
  },
) => Promise<unknown>;

/** How the sync scheduler of one process works: its name, poll, concurrency and IDLE watchers. */
export interface SchedulerOptions {
  /** Names this process in mailbox leases. */
  readonly worker: string;
  /** Whether the worker holding a mailbox's lease is known to be gone, so its claim is taken over. */
  readonly holderGone?: (worker: string) => boolean;
  /** Every mailbox is synced at least this often; INBOX pushes sooner through IDLE. */
  readonly pollSeconds: number;
  readonly concurrency: number;
  /**
   * Waits on the mailbox's INBOX (IMAP IDLE) until new mail arrives or the
   * time is up; new mail asks for a pass of INBOX alone. Absent, the poll
   * alone drives sync.
   */
  readonly waitForNewMail?: (
    mailbox: MailboxRow,
    signal: AbortSignal,
  ) => Promise<'exists' | 'timeout' | 'aborted'>;
  /**
   * Called as new mail asks for a pass: offers the watcher's session to that
   * pass and resolves when the watcher may use it again.
   */
  readonly lendForPass?: (mailbox: MailboxRow, signal: AbortSignal) => Promise<void>;
  /** Lets go of what `waitForNewMail` keeps open for the mailbox, once it is no longer watched. */
  readonly stopWatching?: (mailbox: Pick<MailboxRow, 'id'>) => Promise<void>;
  /**
   * In a fleet of workers: whether this worker holds the mailbox. Only held
   * mailboxes are polled, watched and synced here, and a pass keeps the
   * mailbox's lease when it ends.
   */
  readonly holds?: (mailboxId: string) => boolean;
  /** Told what each pass did, for the metrics. */
  readonly onReport?: (report: SyncReport | 'unreachable') => void;
}
