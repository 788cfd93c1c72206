import type { MailboxRow } from '../../adapters/db/repositories/mailboxes.js';
import type { ImapSession } from '../../adapters/imap/imap-client.js';

type Opener = (mailbox: MailboxRow) => Promise<ImapSession>;

/**
 * The moment the next login may start, given when the last one was let
 * through: evenly spaced at `perSecond`, at once when the line is empty.
 *
 * @example nextLoginAt(1000, 1000, 10) // 1100
 * @example nextLoginAt(0, 5000, 10) // 5000
 */
export function nextLoginAt(lastSlot: number, now: number, perSecond: number): number {
  return Math.max(now, lastSlot + 1000 / perSecond);
}

/**
 * Opens IMAP sessions no faster than `perSecond` logins in this process, so
 * a server that comes back after a restart is not met by every mailbox at
 * once, and counts the sessions open now.
 */
export function pacedLogins(open: Opener, options: { perSecond: number; now?: () => number }) {
  const now = options.now ?? Date.now;
  let lastSlot = -Infinity;
  let openSessions = 0;
  return {
    async open(mailbox: MailboxRow): Promise<ImapSession> {
      const slot = nextLoginAt(lastSlot, now(), options.perSecond);
      lastSlot = slot;
      const wait = slot - now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const session = await open(mailbox);
      openSessions += 1;
      let closed = false;
      return {
        ...session,
        async close() {
          if (!closed) {
            closed = true;
            openSessions -= 1;
          }
          await session.close();
        },
      };
    },
    /** IMAP sessions opened here and not yet closed. */
    connections: () => openSessions,
  };
}
