import type { SecretBox } from '../../adapters/crypto/secret-box.js';
import type { Database } from '../../adapters/db/database.js';
import { mailboxCredentialsRepository } from '../../adapters/db/repositories/mailbox-credentials.js';
import { mailboxesRepository } from '../../adapters/db/repositories/mailboxes.js';
import type { IssuedTokens } from '../../adapters/oauth/oauth-provider-client.js';
import { ThreadlineError } from '../../core/errors.js';
import type { MailboxSecrets, SignedInGrant } from './mailbox-secrets.js';

/** The refresh grant at a registered provider. */
export type RefreshGrant = (provider: string, refreshToken: string) => Promise<IssuedTokens>;

/** Renewed this long before the provider says it expires, so a session never starts on a dying token. */
const marginMs = 60_000;

/**
 * Access tokens of signed-in mailboxes. The stored token is used while it
 * lasts; a renewal's rotated refresh token is sealed and saved before the
 * new access token is handed out, so a restart or a crash never holds a
 * token the provider has already replaced. One renewal per mailbox at a time
 * in this process; another process's renewal is recognised by the sealed
 * credentials having changed, and its tokens are used instead.
 */
export function signedInTokens(deps: {
  database: Database;
  secrets: SecretBox;
  now: () => number;
  refresh: RefreshGrant;
}) {
  const mailboxes = mailboxesRepository(deps.database);
  const credentials = mailboxCredentialsRepository(deps.database);
  const pending = new Map<string, Promise<string>>();

  const stored = async (mailboxId: string) => {
    const mailbox = await mailboxes.findById(mailboxId);
    if (!mailbox?.credentials) {
      throw new ThreadlineError('NOT_FOUND', 'This mailbox has no stored credentials');
    }
    const secrets = JSON.parse(deps.secrets.open(mailbox.credentials)) as MailboxSecrets;
    if (secrets.imap.kind !== 'oauth2-signed-in') {
      throw new ThreadlineError('VALIDATION_FAILED', `Mailbox "${mailbox.label}" is not signed in`);
    }
    return { sealed: mailbox.credentials, secrets, grant: secrets.imap };
  };

  async function renew(mailboxId: string, force: boolean): Promise<string> {
    const { sealed, secrets, grant } = await stored(mailboxId);
    if (!force && grant.expiresAt - marginMs > deps.now()) return grant.accessToken;
    const issued = await deps.refresh(grant.provider, grant.refreshToken);
    const next: SignedInGrant = {
      ...grant,
      accessToken: issued.accessToken,
      expiresAt: issued.expiresAt,
      refreshToken: issued.refreshToken ?? grant.refreshToken,
    };
    const saved = await credentials.swap(
      mailboxId,
      sealed,
      deps.secrets.seal(JSON.stringify({ ...secrets, imap: next })),
    );
    // Someone saved newer credentials meanwhile (a renewal elsewhere, a new sign-in): theirs stand.
    if (!saved) return (await stored(mailboxId)).grant.accessToken;
    return issued.accessToken;
  }

  return {
    /** A current access token; `force` renews even a stored one that has not expired (the server refused it). */
    accessToken: (mailboxId: string, options: { force?: boolean } = {}): Promise<string> => {
      const running = pending.get(mailboxId);
      if (running) return running;
      const renewal = renew(mailboxId, options.force ?? false).finally(() =>
        pending.delete(mailboxId),
      );
      pending.set(mailboxId, renewal);
      return renewal;
    },
  };
}

export type SignedInTokens = ReturnType<typeof signedInTokens>;
