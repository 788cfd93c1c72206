import type { ImapFlow, MailboxObject } from 'imapflow';
import { ThreadlineError } from '../../core/errors.js';
import { toImapError, withoutSecret } from './imap-errors.js';

/** What the parts of one signed-in session share: its client, its errors made ours, its selection. */
export interface ImapSessionContext {
  readonly client: ImapFlow;
  /** The server's name, for error messages. */
  readonly host: string;
  /** The error as one of ours, never carrying the secret. */
  readonly fail: (error: unknown) => ThreadlineError;
  /** Runs `work`, its errors made ours. */
  readonly wrap: <T>(work: () => Promise<T>) => Promise<T>;
  readonly isSelected: (path: string) => boolean;
  /** Selects the folder (read-only) unless the session has it selected already. */
  readonly select: (path: string) => Promise<MailboxObject>;
  /** The socket's last error, which resurfaces on the next command. */
  readonly lastSocketError: () => unknown;
}

/** The shared part of a session on `client`, before it connects. */
export function imapSessionContext(
  client: ImapFlow,
  server: { readonly host: string; readonly secret: string },
): ImapSessionContext {
  let lastSocketError: unknown = null;
  // Unhandled, a socket error after sign-in would crash the process; it resurfaces on the next command.
  client.on('error', (error: unknown) => {
    lastSocketError = error;
  });
  // A command cut off by a lost connection fails as "not available": the socket's own error
  // (a timeout, a reset) says why.
  const fail = (error: unknown) =>
    withoutSecret(
      toImapError(
        lostWith(error) && lastSocketError !== null ? lastSocketError : error,
        server.host,
      ),
      server.secret,
    );
  // Selecting a large folder costs Dovecot tens of milliseconds: a pass opens
  // each folder once (openFolder) and the later commands reuse it.
  const isSelected = (path: string) => client.mailbox !== false && client.mailbox.path === path;
  return {
    client,
    host: server.host,
    fail,
    wrap: async <T>(work: () => Promise<T>): Promise<T> => {
      try {
        return await work();
      } catch (error) {
        throw fail(error);
      }
    },
    isSelected,
    select: async (path) =>
      isSelected(path)
        ? (client.mailbox as MailboxObject)
        : client.mailboxOpen(path, { readOnly: true }),
    lastSocketError: () => lastSocketError,
  };
}

/** The connection was gone when the command ran, and no BYE said why. */
function lostWith(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, reason } = error as { code?: unknown; reason?: unknown };
  return (code === 'NoConnection' || code === 'EConnectionClosed') && !reason;
}
