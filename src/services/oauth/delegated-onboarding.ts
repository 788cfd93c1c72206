import { mailboxInput } from '../../api-shapes/mailboxes.js';
import type { Database } from '../../adapters/db/database.js';
import { usersRepository, type UserRow } from '../../adapters/db/repositories/users.js';
import { testImapConnection } from '../../adapters/imap/test-connection.js';
import { isThreadlineError, ThreadlineError } from '../../core/errors.js';
import type { DelegationKind, DelegationProfile } from '../../core/oauth/delegation.js';
import type { MailboxRow, MailboxService } from '../mailboxes/mailbox-service.js';
import type { Actor, createAuditLog } from '../sharing/audit-log.js';
import type { OAuthDelegations } from './oauth-delegations.js';

/** What became of one user an admin picked: a connected mailbox, or why not. */
export type DelegatedOutcome =
  | {
      readonly userId: string;
      readonly email: string;
      readonly status: 'connected';
      readonly mailbox: MailboxRow;
    }
  | {
      readonly userId: string;
      readonly email: string | null;
      readonly status: 'failed';
      readonly code: string;
      readonly message: string;
    };

const settingsOnly = mailboxInput.omit({ auth: true });

/**
 * Whole-organisation onboarding: an admin picks users and their mailboxes
 * are connected through the organisation's delegation, without asking
 * them. Each user is tried on their own (a token minted for their address,
 * then a sign-in to the IMAP server) and gets an outcome: one user the
 * provider does not know fails with the reason while the others connect.
 */
export function createDelegatedOnboarding(deps: {
  database: Database;
  delegations: OAuthDelegations;
  mailboxes: MailboxService;
  audit: ReturnType<typeof createAuditLog>;
}) {
  const users = usersRepository(deps.database);

  async function connectOne(
    actor: Actor,
    provider: DelegationKind,
    profile: DelegationProfile,
    user: UserRow,
  ): Promise<DelegatedOutcome> {
    const accessToken = await deps.delegations.accessToken(provider, user.email, { force: true });
    const vetted = await deps.mailboxes.access.vet(profile.imap.host, profile.imap.port);
    const tested = await testImapConnection({
      ...profile.imap,
      address: vetted.address,
      user: user.email,
      allowSelfSigned: false,
      auth: { kind: 'oauth2', accessToken },
      connectTimeoutMs: 15_000,
    });
    if (!tested.ok) {
      throw new ThreadlineError(
        tested.code === 'AUTH_FAILED' ? 'AUTH_FAILED' : 'PROTOCOL_ERROR',
        tested.code === 'AUTH_FAILED'
          ? `The mail server refused the organisation's token for ${user.email}: is the user's mailbox covered by the grant?`
          : tested.message,
      );
    }
    const settings = settingsOnly.parse({
      label: profile.label,
      imap: { ...profile.imap, user: user.email },
    });
    const mailbox = await deps.mailboxes.createSignedIn(user.id, settings, {
      kind: 'oauth2-delegated',
      provider,
    });
    await deps.audit.record(
      actor,
      'mailbox.connect_delegated',
      { type: 'mailbox', id: mailbox.id },
      { provider, user: user.email },
    );
    return { userId: user.id, email: user.email, status: 'connected', mailbox };
  }

  return {
    /** Connects the mailbox of each user in `userIds`; one outcome per user, in their order. */
    async connect(
      actor: Actor,
      provider: DelegationKind,
      userIds: readonly string[],
    ): Promise<DelegatedOutcome[]> {
      const profile = await deps.delegations.profile(provider);
      return Promise.all(
        [...new Set(userIds)].map(async (userId): Promise<DelegatedOutcome> => {
          const user = await users.findById(userId);
          try {
            if (!user) throw new ThreadlineError('NOT_FOUND', `No user ${userId}`);
            if (user.deactivatedAt) {
              throw new ThreadlineError('VALIDATION_FAILED', `${user.email} is deactivated`);
            }
            return await connectOne(actor, provider, profile, user);
          } catch (error) {
            if (!isThreadlineError(error)) throw error;
            return {
              userId,
              email: user?.email ?? null,
              status: 'failed',
              code: error.code,
              message: error.message,
            };
          }
        }),
      );
    },
  };
}

export type DelegatedOnboarding = ReturnType<typeof createDelegatedOnboarding>;
