import { ThreadlineError, isThreadlineError } from '../../core/errors.js';
import { certificateProblem, unreachable } from '../imap/imap-errors.js';

/** The fields nodemailer and Node put on the errors they raise. */
interface SmtpFailure {
  code?: string;
  /** Node's own code (ECONNREFUSED …) when nodemailer filed it under ESOCKET or ECONNECTION. */
  originalCode?: string;
  responseCode?: number;
  response?: string;
  rejected?: string[];
  message?: string;
}

const unreachableSmtp = new Set([...unreachable, 'EDNS']);

/**
 * What went wrong with an SMTP server, with the same codes as IMAP's
 * (AUTH_FAILED, TLS_ERROR, HOST_UNREACHABLE, TIMEOUT) and RECIPIENT_REFUSED
 * for an address the server would not take. Built from the error's fields,
 * never from what was sent.
 *
 * @example
 * toSmtpError(Object.assign(new Error('Invalid login'), { code: 'EAUTH', response: '535 5.7.8 Error' }), 'smtp.acme.test').code;
 * // 'AUTH_FAILED'
 */
export function toSmtpError(error: unknown, host: string): ThreadlineError {
  if (isThreadlineError(error)) return error;
  const failure = (typeof error === 'object' && error !== null ? error : {}) as SmtpFailure;
  const code = failure.code ?? '';
  const cause = failure.originalCode ?? code;
  const text = `${failure.message ?? ''} ${failure.response ?? ''}`;
  const details = { cause: cause || null, responseCode: failure.responseCode ?? null };
  const said = serverWords(failure.response);

  if (code === 'EAUTH' || code === 'ENOAUTH') {
    return new ThreadlineError(
      'AUTH_FAILED',
      `${host} refused the user name or password for sending${said}. Check them; Gmail, iCloud and Yahoo need an app password.`,
      details,
    );
  }
  if (code === 'EENVELOPE' || (code === 'EMESSAGE' && failure.responseCode === 550)) {
    const who = failure.rejected?.length ? ` (${failure.rejected.join(', ')})` : '';
    return new ThreadlineError(
      'RECIPIENT_REFUSED',
      `${host} refused to send to a recipient${who}${said}.`,
      details,
    );
  }
  if (
    code === 'ETLS' ||
    /^ERR_TLS|^ERR_SSL|CERT|SELF_SIGNED/.test(cause) ||
    /certificate|wrong version number|ssl routines/i.test(text)
  ) {
    return new ThreadlineError(
      'TLS_ERROR',
      `The secure connection to ${host} failed (${certificateProblem(cause, text)}). Check the port and security setting: TLS from the first byte usually uses port 465, STARTTLS port 587.`,
      details,
    );
  }
  if (unreachableSmtp.has(cause)) {
    return new ThreadlineError(
      'HOST_UNREACHABLE',
      `${host} could not be reached (${cause}). Check the outgoing server name and port.`,
      details,
    );
  }
  if (code === 'ETIMEDOUT' || /timed? ?out/i.test(text)) {
    return new ThreadlineError(
      'TIMEOUT',
      `${host} did not answer in time. Check the port and the security setting, or try again later.`,
      details,
    );
  }
  return new ThreadlineError(
    'PROTOCOL_ERROR',
    `${host} answered unexpectedly${said || `: ${cause || 'unknown error'}`}.`,
    details,
  );
}

/** The server's reply, first line only: it answers our command and never echoes a password. */
function serverWords(response: string | undefined): string {
  const line = response?.split('\n')[0]?.trim();
  return line ? ` (it said: "${line.slice(0, 200)}")` : '';
}
