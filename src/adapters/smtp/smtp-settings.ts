import type { ImapSettings } from '../imap/imap-settings.js';

/**
 * How to reach and sign in to an SMTP server: the same fields as IMAP's
 * (host, vetted address, port, security, user, self-signed choice, a
 * password or an OAuth2 access token). Secrets are opened only to send or test.
 */
export type SmtpSettings = ImapSettings;
