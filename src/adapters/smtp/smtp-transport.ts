import { isIP } from 'node:net';
import nodemailer from 'nodemailer';
import { isThreadlineError, type ThreadlineError } from '../../core/errors.js';
import { withoutSecret } from '../imap/imap-errors.js';
import { toSmtpError } from './smtp-errors.js';
import type { SmtpSettings } from './smtp-settings.js';

/** Who the server is told the message is from and for: Bcc recipients included. */
export interface Envelope {
  readonly from: string;
  readonly to: readonly string[];
}

/** The server's answer to an accepted message. */
export interface SmtpReceipt {
  readonly accepted: readonly string[];
  readonly rejected: readonly string[];
  /** The final reply, say `250 2.0.0 Ok: queued as 4Xk…`: the queue id tells where it went. */
  readonly response: string;
}

export type SmtpConnectionTest =
  { readonly ok: true } | { readonly ok: false; readonly code: string; readonly message: string };

const defaultConnectTimeoutMs = 20_000;

/** nodemailer's logger and debug stay off: the protocol trace carries credentials and content. */
function transportFor(settings: SmtpSettings) {
  const timeout = settings.connectTimeoutMs ?? defaultConnectTimeoutMs;
  return nodemailer.createTransport({
    host: settings.address ?? settings.host,
    port: settings.port,
    secure: settings.security === 'tls',
    requireTLS: settings.security === 'starttls',
    ignoreTLS: settings.security === 'none',
    auth:
      settings.auth.kind === 'password'
        ? { user: settings.user, pass: settings.auth.password }
        : { type: 'OAuth2', user: settings.user, accessToken: settings.auth.accessToken },
    tls: {
      rejectUnauthorized: !settings.allowSelfSigned,
      // An address literal is no server name: TLS then checks the certificate against the address.
      servername: settings.address && isIP(settings.host) === 0 ? settings.host : undefined,
    },
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: Math.max(60_000, 3 * timeout),
    logger: false,
    debug: false,
  });
}

function failure(settings: SmtpSettings, error: unknown): ThreadlineError {
  const secret =
    settings.auth.kind === 'password' ? settings.auth.password : settings.auth.accessToken;
  return withoutSecret(toSmtpError(error, settings.host), secret);
}

/**
 * Hands a built message to the server as it is: the same bytes go to the
 * Sent folder, so what the recipient got and what the user's mailbox shows
 * are one message.
 */
export async function sendRawMessage(
  settings: SmtpSettings,
  envelope: Envelope,
  raw: Buffer,
): Promise<SmtpReceipt> {
  const transport = transportFor(settings);
  try {
    const info = await transport.sendMail({
      envelope: { from: envelope.from, to: [...envelope.to] },
      raw,
    });
    return {
      accepted: info.accepted.map(String),
      rejected: info.rejected.map(String),
      response: info.response,
    };
  } catch (error) {
    throw failure(settings, error);
  } finally {
    transport.close();
  }
}

/** Signs in and says whether the server would take mail, or what failed, in IMAP's codes. */
export async function testSmtpConnection(settings: SmtpSettings): Promise<SmtpConnectionTest> {
  const transport = transportFor(settings);
  try {
    await transport.verify();
    return { ok: true };
  } catch (error) {
    const translated = failure(settings, error);
    if (isThreadlineError(translated)) {
      return { ok: false, code: translated.code, message: translated.message };
    }
    throw error;
  } finally {
    transport.close();
  }
}
