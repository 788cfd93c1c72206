import type { ChangeWait } from '../../adapters/imap/imap-changes.js';

/**
 * What each watcher has learnt of whether its server reports new mail during
 * IDLE. Until a server has pushed once, its INBOX is looked at every
 * `pollMs`; once it has, IDLE waits `renewMs`. New mail found when an IDLE
 * round timed out was not pushed: the server is then polled, and says so
 * through `record` (null once it pushes again).
 */
export function inboxPushTracker(options: {
  readonly pollMs: number;
  readonly renewMs: number;
  readonly record: (mailboxId: string, pollSeconds: number | null) => Promise<void>;
}) {
  const known = new Map<string, { pushes: boolean | null; timedOut: boolean }>();
  const of = (mailboxId: string) => {
    let entry = known.get(mailboxId);
    if (!entry) known.set(mailboxId, (entry = { pushes: null, timedOut: false }));
    return entry;
  };
  return {
    /** How long the next IDLE round may wait. */
    waitMs: (mailboxId: string) => (of(mailboxId).pushes ? options.renewMs : options.pollMs),

    async waited(mailboxId: string, change: ChangeWait): Promise<void> {
      const entry = of(mailboxId);
      entry.timedOut = change === 'timeout';
      if (change === 'exists' && entry.pushes !== true) {
        entry.pushes = true;
        await options.record(mailboxId, null);
      }
    },

    /** New mail was found in INBOX before an IDLE round began. */
    async foundNewMail(mailboxId: string): Promise<void> {
      const entry = of(mailboxId);
      if (entry.timedOut && entry.pushes !== false) {
        entry.pushes = false;
        await options.record(mailboxId, Math.round(options.pollMs / 1000));
      }
      entry.timedOut = false;
    },

    forget: (mailboxId: string) => known.delete(mailboxId),
  };
}
