import type { z } from 'zod';
import type { mailboxInput } from '../../api-shapes/mailboxes.js';

/**
 * A grant the mailbox's user gave through the provider's consent screen,
 * for the organisation's registered client: the refresh token and the
 * newest access token, both sealed with the rest of the credentials.
 */
export interface SignedInGrant {
  readonly kind: 'oauth2-signed-in';
  readonly provider: string;
  readonly refreshToken: string;
  readonly accessToken: string;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
}

export interface MailboxSecrets {
  imap: z.output<typeof mailboxInput>['auth'] | SignedInGrant;
  smtp: { user: string; password: string } | null;
}
