import { ThreadlineError, isThreadlineError } from '../../core/errors.js';

/** The fields imapflow and Node put on the errors they raise. */
interface ImapFailure {
  code?: string;
  authenticationFailed?: boolean;
  tlsFailed?: boolean;
  mailboxMissing?: boolean;
  serverResponseCode?: string;
  responseText?: string;
  /** The text of the server's BYE, when it closed the connection (a BYE greeting included). */
  reason?: string;
  message?: string;
}

/** Node's codes for a server that cannot be reached at all. */
export const unreachable = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ECONNRESET',
]);
/** imapflow's codes for a connection that ended with no error on the socket and no BYE. */
const closedCodes = new Set([
  'NoConnection',
  'EConnectionClosed',
  'ClosedAfterConnectText',
  'ClosedAfterConnectTLS',
]);
/**
 * What providers say when they limit an account: Gmail's [THROTTLED] and
 * "Too many simultaneous connections", Microsoft's "Request is throttled"
 * and "User is authenticated but not connected", [LIMIT] elsewhere.
 */
const throttled =
  /\[THROTTLED\]|request is throttled|user is authenticated but not connected|too many (simultaneous |concurrent )?connections|\[LIMIT\]/i;
const timeouts = new Set([
  'ETIMEDOUT',
  'ETIMEOUT',
  'CONNECT_TIMEOUT',
  'GREETING_TIMEOUT',
  'UPGRADE_TIMEOUT',
]);

/**
 * What went wrong with an IMAP server, as a code the UI explains and a
 * sentence saying what to do. Built from the error's fields only, never from
 * the command sent, which may carry credentials; `details.cause` keeps the
 * library's own code for logs.
 *
 * @example
 * toImapError(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }), 'mail.acme.example')
 * // ThreadlineError HOST_UNREACHABLE "mail.acme.example could not be reached (ECONNREFUSED). …"
 */
export function toImapError(error: unknown, host?: string): ThreadlineError {
  if (isThreadlineError(error)) return error;
  const failure = (typeof error === 'object' && error !== null ? error : {}) as ImapFailure;
  const code = typeof failure.code === 'string' ? failure.code : '';
  const text = `${failure.message ?? ''} ${failure.responseText ?? ''}`;
  const server = host ?? 'The server';
  const details = { cause: code || null, serverResponseCode: failure.serverResponseCode ?? null };

  // Before the sign-in check: a provider may refuse a login only because it limits the account.
  if (throttled.test(`${text} ${failure.reason ?? ''}`)) {
    return new ThreadlineError(
      'THROTTLED',
      `${server} is limiting this account${serverWords({ responseText: failure.responseText ?? failure.reason })}. Sync slows down and tries again on its own.`,
      details,
    );
  }
  if (failure.authenticationFailed || failure.serverResponseCode === 'AUTHENTICATIONFAILED') {
    return new ThreadlineError(
      'AUTH_FAILED',
      `${server} refused the user name or password${serverWords(failure)}. Check them; Gmail, iCloud and Yahoo need an app password.`,
      details,
    );
  }
  // Before the text checks below: a missing folder's name may contain any word.
  if (
    failure.mailboxMissing ||
    failure.serverResponseCode === 'NONEXISTENT' ||
    code === 'NotFound'
  ) {
    return new ThreadlineError(
      'FOLDER_MISSING',
      `A chosen folder does not exist on ${host ?? 'the server'}: choose the folders again.`,
      details,
    );
  }
  // Checked before the certificate: the server offered no TLS at all, so none was checked.
  if (/does not support STARTTLS|STARTTLS is not possible/i.test(text)) {
    return new ThreadlineError(
      'TLS_ERROR',
      `${server} does not offer STARTTLS on this port. Check the port and security setting: TLS from the first byte usually uses port 993.`,
      details,
    );
  }
  if (
    failure.tlsFailed ||
    /^ERR_TLS|^ERR_SSL|CERT|SELF_SIGNED/.test(code) ||
    /certificate|wrong version number|ssl routines/i.test(text)
  ) {
    return new ThreadlineError(
      'TLS_ERROR',
      `The secure connection to ${host ?? 'the server'} failed (${certificateProblem(code, text)}). Check the port and security setting, or allow a self-signed certificate for this mailbox if you trust the server.`,
      details,
    );
  }
  if (unreachable.has(code)) {
    return new ThreadlineError(
      'HOST_UNREACHABLE',
      `${server} could not be reached (${code}). Check the server name and port.`,
      details,
    );
  }
  if (typeof failure.reason === 'string' && safeText(failure.reason)) {
    return new ThreadlineError(
      'PROTOCOL_ERROR',
      `${server} closed the connection: ${safeText(failure.reason)}.`,
      details,
    );
  }
  if (closedCodes.has(code)) {
    return new ThreadlineError(
      'PROTOCOL_ERROR',
      `${server} closed the connection without a word. Sync tries again shortly.`,
      details,
    );
  }
  if (timeouts.has(code) || /timed? ?out/i.test(text)) {
    return new ThreadlineError(
      'TIMEOUT',
      `${server} did not answer in time. Check the port and the security setting, or try again later.`,
      details,
    );
  }
  return new ThreadlineError(
    'PROTOCOL_ERROR',
    `${server} answered unexpectedly: ${safeText(text) || code || 'unknown error'}.`,
    details,
  );
}

/** What was wrong with the secure connection, in a few words (SMTP's errors say it alike). */
export function certificateProblem(code: string, text: string): string {
  if (/SELF_SIGNED|self[- ]signed/i.test(`${code} ${text}`)) return 'self-signed certificate';
  if (/wrong version number|packet length/i.test(text))
    return 'the server does not speak TLS on this port';
  if (/CERT_HAS_EXPIRED|expired/i.test(`${code} ${text}`)) return 'the certificate has expired';
  if (/ALTNAME|hostname/i.test(`${code} ${text}`))
    return 'the certificate is for another server name';
  return code || 'certificate not trusted';
}

/** Server text can echo what we sent; keep only a short first line, without its full stop. */
function safeText(text: string): string {
  return (text.trim().split('\n')[0] ?? '').slice(0, 200).replace(/[.\s]+$/, '');
}

/**
 * A server may echo what it was sent, so the secret never leaves in an error
 * message: wherever it stands as a whole token (not inside a longer word) it
 * becomes `••••`. Only whole tokens, or a short password such as `ort` would
 * turn "Check the port" into "Check the p••••".
 *
 * @example
 * withoutSecret(new ThreadlineError('AUTH_FAILED', 'LOGIN sam "ort" refused; check the port'), 'ort').message
 * // 'LOGIN sam "••••" refused; check the port'
 */
export function withoutSecret(error: ThreadlineError, secret: string): ThreadlineError {
  if (secret.length === 0 || !error.message.includes(secret)) return error;
  const escaped = secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const token = new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'gu');
  const message = error.message.replace(token, '••••');
  return message === error.message
    ? error
    : new ThreadlineError(error.code, message, error.details);
}

/**
 * The server's own reply, quoted: it may say why (a locked account, an app
 * password needed). It answers the login, so it never echoes the password.
 */
function serverWords(failure: ImapFailure): string {
  const said = failure.responseText?.replace(/\s+/g, ' ').trim();
  return said ? ` (it said: "${said.slice(0, 200)}")` : '';
}
