import { ThreadlineError, isThreadlineError } from '../../core/errors.js';

interface ImapFailure {
  code?: string;
  authenticationFailed?: boolean;
  tlsFailed?: boolean;
  mailboxMissing?: boolean;
  serverResponseCode?: string;
  responseText?: string;
  message?: string;
}

const unreachable = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ECONNRESET',
]);
const timeouts = new Set([
  'ETIMEDOUT',
  'ETIMEOUT',
  'CONNECT_TIMEOUT',
  'GREETING_TIMEOUT',
  'UPGRADE_TIMEOUT',
]);

/**
 * What went wrong with an IMAP server, as a code the UI explains and a
 * sentence saying what to do. Built from the error's fields only: never from
 * the command sent, which may carry credentials.
 */
export function toImapError(error: unknown, host: string): ThreadlineError {
  if (isThreadlineError(error)) return error;
  const failure = (typeof error === 'object' && error !== null ? error : {}) as ImapFailure;
  const code = failure.code ?? '';
  const text = `${failure.message ?? ''} ${failure.responseText ?? ''}`;
  if (failure.authenticationFailed || failure.serverResponseCode === 'AUTHENTICATIONFAILED') {
    return new ThreadlineError(
      'AUTH_FAILED',
      `${host} refused the user name or password. Check them; Gmail, iCloud and Yahoo need an app password.`,
    );
  }
  if (
    failure.tlsFailed ||
    code.startsWith('ERR_TLS') ||
    /CERT|SELF_SIGNED|ssl|certificate|wrong version number/i.test(`${code} ${text}`)
  ) {
    return new ThreadlineError(
      'TLS_ERROR',
      `The secure connection to ${host} failed (${certificateProblem(code, text)}). Check the port and security setting, or allow a self-signed certificate for this mailbox if you trust the server.`,
    );
  }
  if (
    failure.mailboxMissing ||
    failure.serverResponseCode === 'NONEXISTENT' ||
    code === 'NotFound'
  ) {
    return new ThreadlineError(
      'FOLDER_MISSING',
      `A chosen folder does not exist on ${host}: choose the folders again.`,
    );
  }
  if (unreachable.has(code)) {
    return new ThreadlineError(
      'HOST_UNREACHABLE',
      `${host} could not be reached (${code}). Check the server name and port.`,
    );
  }
  if (timeouts.has(code) || /timed? ?out/i.test(text)) {
    return new ThreadlineError(
      'TIMEOUT',
      `${host} did not answer in time. Check the port, or try again later.`,
    );
  }
  return new ThreadlineError(
    'PROTOCOL_ERROR',
    `${host} answered unexpectedly: ${safeText(text) || code || 'unknown error'}.`,
  );
}

function certificateProblem(code: string, text: string): string {
  if (/SELF_SIGNED|self[- ]signed/i.test(`${code} ${text}`)) return 'self-signed certificate';
  if (/wrong version number|packet length/i.test(text))
    return 'the server does not speak TLS on this port';
  return code || 'certificate not trusted';
}

/** Server text can echo what we sent; keep only a short first line. */
function safeText(text: string): string {
  return text.trim().split('\n')[0]!.slice(0, 200);
}
