/** How to reach and sign in to an IMAP server. Secrets are opened only to connect. */
export interface ImapSettings {
  readonly host: string;
  /**
   * The address to connect to when `host` was resolved and vetted already;
   * `host` still names the server for TLS (SNI and the certificate check).
   */
  readonly address?: string;
  readonly port: number;
  readonly security: 'tls' | 'starttls' | 'none';
  readonly user: string;
  /** Accept a self-signed or otherwise untrusted certificate for this mailbox only. */
  readonly allowSelfSigned: boolean;
  readonly auth:
    | { readonly kind: 'password'; readonly password: string }
    | { readonly kind: 'oauth2'; readonly accessToken: string };
  readonly connectTimeoutMs?: number;
  /**
   * How long a command may wait for the server's next word before the
   * connection is given up; three times the connect timeout, and at least a
   * minute, by default.
   */
  readonly inactivityTimeoutMs?: number;
}
