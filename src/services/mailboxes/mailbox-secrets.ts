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

/**
 * A mailbox an admin connected through the organisation's delegation at
 * `provider`: nothing of the user's is kept, the token is minted for the
 * mailbox's address when needed.
 */
export interface DelegatedGrant {
  readonly kind: 'oauth2-delegated';
  readonly provider: 'google' | 'microsoft';
}

export interface MailboxSecrets {
  imap: z.output<typeof mailboxInput>['auth'] | SignedInGrant | DelegatedGrant;
  smtp: { user: string; password: string } | null;
}
