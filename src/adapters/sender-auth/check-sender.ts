import { authenticate, type AuthenticateOptions } from 'mailauth';
import { parseHeaders } from 'mailauth/lib/tools.js';
import parseDkimHeaders from 'mailauth/lib/parse-dkim-headers.js';
import type { SenderAuth } from '../../core/sender-auth/verdict.js';
import type { MailauthResolver } from './caching-resolver.js';
import {
  verdictOfHeader,
  verdictOfOutcome,
  type MailauthOutcome,
  type ParsedAuthResults,
} from './mailauth-results.js';

/** What an SMTP receiver knows of the connection a message came over. */
export interface SmtpEnvelope {
  readonly clientIp: string;
  readonly helo: string;
  /** The MAIL FROM address; empty for a bounce (`<>`). */
  readonly mailFrom: string;
}

export interface SenderAuthChecker {
  /** SPF, DKIM, DMARC and ARC from the connection itself: for mail received over SMTP. */
  fromSmtp(raw: Uint8Array, envelope: SmtpEnvelope): Promise<SenderAuth>;
  /**
   * For mail read from a mailbox: the receiving server's verdict when it is
   * one the admin trusts, else DKIM and DMARC alignment checked from the
   * message (`verified`), which needs its whole source; null for a header
   * block without a trusted verdict.
   */
  fromStoredMail(raw: Uint8Array, whole: boolean): Promise<SenderAuth | null>;
}

export interface SenderAuthSettings {
  readonly resolver: MailauthResolver;
  /** authserv-ids of the receiving servers whose `Authentication-Results` are believed. */
  readonly trustedAuthservIds: readonly string[];
  /** Forwarders (ARC sealing domains) whose passing chain vouches for a forward. */
  readonly trustedArcSealers: readonly string[];
  /** Our name in the results mailauth writes. */
  readonly mta: string;
}

export function senderAuthChecker(settings: SenderAuthSettings): SenderAuthChecker {
  const trustedIds = new Set(settings.trustedAuthservIds.map((id) => id.toLowerCase()));
  const sealers = new Set(settings.trustedArcSealers.map((domain) => domain.toLowerCase()));
  const options = {
    // mailauth's type names only TXT's and A's shapes; ours answers MX as Node does too.
    resolver: settings.resolver as AuthenticateOptions['resolver'],
    mta: settings.mta,
    disableBimi: true,
  };
  return {
    async fromSmtp(raw, envelope) {
      const outcome = (await authenticate(Buffer.from(raw), {
        ...options,
        ip: envelope.clientIp,
        helo: envelope.helo,
        sender: envelope.mailFrom,
      })) as MailauthOutcome;
      return verdictOfOutcome(outcome, 'smtp', sealers);
    },
    async fromStoredMail(raw, whole) {
      const trusted = trustedHeader(raw, trustedIds);
      if (trusted) return verdictOfHeader(trusted);
      if (!whole) return null;
      const outcome = (await authenticate(Buffer.from(raw), options)) as MailauthOutcome;
      return verdictOfOutcome(outcome, 'verified', sealers);
    },
  };
}

/**
 * The topmost `Authentication-Results` written by a trusted server. Only
 * the top of the header block is the receiving server's own: below its
 * first header a message carries whatever its sender wrote.
 */
function trustedHeader(raw: Uint8Array, trustedIds: ReadonlySet<string>): ParsedAuthResults | null {
  if (trustedIds.size === 0) return null;
  const { parsed } = parseHeaders(headerBlock(raw));
  for (const row of parsed) {
    if (row.key !== 'authentication-results') continue;
    const header = (parseDkimHeaders(row.line) as { parsed?: ParsedAuthResults }).parsed;
    const id = header?.value?.toLowerCase();
    if (header && id && trustedIds.has(id)) return header;
  }
  return null;
}

function headerBlock(raw: Uint8Array): Buffer {
  const buffer = Buffer.from(raw);
  const crlf = buffer.indexOf('\r\n\r\n');
  const lf = buffer.indexOf('\n\n');
  const end = [crlf, lf].filter((at) => at >= 0);
  return end.length > 0 ? buffer.subarray(0, Math.min(...end)) : buffer;
}
