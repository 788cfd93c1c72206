import { mailboxInput } from '../../api-shapes/mailboxes.js';
import type { SecretBox } from '../../adapters/crypto/secret-box.js';
import type { Database } from '../../adapters/db/database.js';
import { oauthSignInsRepository } from '../../adapters/db/repositories/oauth-sign-ins.js';
import type { Clock } from '../../adapters/system/clock.js';
import { ThreadlineError } from '../../core/errors.js';
import type { MailboxRow, MailboxService } from '../mailboxes/mailbox-service.js';
import type { OAuthRegistrations } from './oauth-registrations.js';

/** How long a user has at the provider's screens before the sign-in must start again. */
const signInMinutes = 15;

const settingsOnly = mailboxInput.omit({ auth: true });

/**
 * A user connects a mailbox with one button: the provider's consent screen
 * (authorization code with PKCE), then back to a connected mailbox. The same
 * round trip signs a mailbox in again after its grant was revoked; its
 * folders keep their checkpoints, so sync resumes where it stopped.
 */
export function createOAuthSignIn(deps: {
  database: Database;
  secrets: SecretBox;
  clock: Clock;
  registrations: OAuthRegistrations;
  mailboxes: MailboxService;
}) {
  const signIns = oauthSignInsRepository(deps.database);

  return {
    /** Where to send the user's browser; `mailbox` when signing an existing one in again. */
    async start(
      userId: string,
      request: { provider: string; label?: string | undefined; mailbox?: MailboxRow | undefined },
      redirectUri: string,
    ): Promise<{ authorizationUrl: string }> {
      const mailbox = request.mailbox;
      if (mailbox && (mailbox.kind !== 'imap' || !mailbox.imap)) {
        throw new ThreadlineError('VALIDATION_FAILED', 'Only an IMAP mailbox signs in');
      }
      const { client } = await deps.registrations.connect(request.provider);
      const loginHint = mailbox ? (mailbox.imap as { user: string }).user : undefined;
      const authorization = await client.authorizationRequest(redirectUri, loginHint);
      await signIns.deleteExpired(deps.clock.now());
      await signIns.insert({
        state: authorization.state,
        userId,
        provider: request.provider,
        mailboxId: mailbox?.id ?? null,
        label: request.label ?? null,
        redirectUri,
        codeVerifier: deps.secrets.seal(authorization.codeVerifier),
        expiresAt: new Date(deps.clock.now().getTime() + signInMinutes * 60_000),
      });
      return { authorizationUrl: authorization.url };
    },

    /**
     * Completes the sign-in the provider sent the browser back from (the
     * query of the redirect): the mailbox created, or signed in again. The
     * state names the sign-in and is good once.
     */
    async finish(query: URLSearchParams): Promise<{ mailbox: MailboxRow; again: boolean }> {
      const state = query.get('state');
      const signIn = state ? await signIns.take(state) : null;
      if (!signIn || signIn.expiresAt.getTime() < deps.clock.now().getTime()) {
        throw new ThreadlineError(
          'LINK_EXPIRED',
          'This sign-in is unknown or has expired: start it again from Mailboxes.',
        );
      }
      const { profile, client } = await deps.registrations.connect(signIn.provider);
      const callback = new URL(signIn.redirectUri);
      callback.search = query.toString();
      const issued = await client.exchangeCode(callback, {
        state: signIn.state,
        codeVerifier: deps.secrets.open(signIn.codeVerifier),
      });
      const grant = {
        kind: 'oauth2-signed-in' as const,
        provider: signIn.provider,
        refreshToken: issued.refreshToken,
        accessToken: issued.accessToken,
        expiresAt: issued.expiresAt,
      };
      if (signIn.mailboxId) {
        const mailbox = await deps.mailboxes.get(signIn.mailboxId);
        const user = (mailbox.imap as { user: string }).user.toLowerCase();
        if (user !== issued.email) {
          throw new ThreadlineError(
            'AUTH_FAILED',
            `You signed in as ${issued.email}, but this mailbox is ${user}: sign in as ${user}.`,
          );
        }
        return { mailbox: await deps.mailboxes.signedInAgain(mailbox, grant), again: true };
      }
      const settings = settingsOnly.parse({
        label: signIn.label ?? issued.email,
        imap: { ...profile.imap, user: issued.email },
      });
      return {
        mailbox: await deps.mailboxes.createSignedIn(signIn.userId, settings, grant),
        again: false,
      };
    },
  };
}

export type OAuthSignIn = ReturnType<typeof createOAuthSignIn>;
