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
 * once, and counts the sessions open now. Only a tenth of a second's worth
 * of logins is under way at a time: a server that accepts connections
 * before it greets them would otherwise answer a backlog in one burst.
 */
export function pacedLogins(open: Opener, options: { perSecond: number; now?: () => number }) {
  const now = options.now ?? Date.now;
  const inFlightMax = Math.max(1, Math.ceil(options.perSecond / 10));
  const waiting: (() => void)[] = [];
  let inFlight = 0;
  let lastSlot = -Infinity;
  let openSessions = 0;

  async function turn(): Promise<void> {
    if (inFlight >= inFlightMax) await new Promise<void>((resolve) => waiting.push(resolve));
    inFlight += 1;
    const slot = nextLoginAt(lastSlot, now(), options.perSecond);
    lastSlot = slot;
    const wait = slot - now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
  function done(): void {
    inFlight -= 1;
    waiting.shift()?.();
  }

  return {
    open: async (mailbox: MailboxRow): Promise<ImapSession> => {
      await turn();
      const session = await open(mailbox).finally(done);
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
