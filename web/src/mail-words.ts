import type { SyncState } from './api';

/** What a failed connection test or sync means, and what the user can do about it. */
export const connectionProblems: Record<string, { title: string; advice: string }> = {
  AUTH_FAILED: {
    title: 'Wrong user name or password',
    advice:
      'The server refused the sign-in. Check the user name (usually the full e-mail address) and the password. Gmail, Yahoo, iCloud and Fastmail need an app password when two-step verification is on.',
  },
  TLS_ERROR: {
    title: 'The secure connection failed',
    advice:
      'Check that the security setting matches the port (TLS on 993, STARTTLS on 143). If your server uses a self-signed certificate, tick “Accept a self-signed certificate”.',
  },
  HOST_UNREACHABLE: {
    title: 'The server could not be reached',
    advice:
      'Check the server name and port for typing mistakes, and that this Threadline server may connect out to it (firewall, VPN).',
  },
  MAIL_HOST_NOT_ALLOWED: {
    title: 'Threadline may not connect to this server',
    advice:
      'The server name leads to an internal address, or the port is not a mail port. If the server is right, ask an administrator to allow it.',
  },
  TIMEOUT: {
    title: 'The server did not answer in time',
    advice:
      'The server may be busy, or a firewall drops the connection. Check the port, then try again in a minute.',
  },
  FOLDER_MISSING: {
    title: 'A chosen folder does not exist',
    advice:
      'The folder was renamed or deleted on the server. Test the connection again and pick from the folders it lists.',
  },
  PROTOCOL_ERROR: {
    title: 'The server answered in an unexpected way',
    advice: 'Check that the host and port belong to an IMAP server, not a web or SMTP server.',
  },
  DATABASE_UNAVAILABLE: {
    title: 'Threadline lost its database connection',
    advice:
      'Nothing needs changing on the mailbox: the sync tries again within seconds. If this stays, check that the PostgreSQL server is running.',
  },
};

export function connectionProblem(code: string | null) {
  return (
    (code ? connectionProblems[code] : undefined) ?? {
      title: 'The connection failed',
      advice: 'Check the settings and try again.',
    }
  );
}

export const syncStateWords: Record<SyncState, string> = {
  connecting: 'Connecting',
  backfilling: 'Importing history',
  live: 'Up to date',
  retrying: 'Retrying after an error',
  failed: 'Stopped: needs attention',
  paused: 'Paused',
};

/** "just now", "4 minutes", "2 hours", "3 days" */
export function durationWords(seconds: number): string {
  if (seconds < 60) return 'less than a minute';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return minutes === 1 ? '1 minute' : `${minutes} minutes`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return hours === 1 ? '1 hour' : `${hours} hours`;
  return `${Math.round(hours / 24)} days`;
}

const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'short',
});

export function formatDateTime(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTimeFormat.format(date);
}
