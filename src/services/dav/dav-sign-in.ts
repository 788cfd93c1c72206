import type { SecretBox } from '../../adapters/crypto/secret-box.js';
import type { DavSignIn } from '../../adapters/dav/dav-collection.js';
import { isThreadlineError, ThreadlineError } from '../../core/errors.js';

/** A current access token of a signed-in mailbox; `force` renews one the server refused. */
export type MailboxAccessToken = (
  mailboxId: string,
  options?: { force?: boolean },
) => Promise<string>;

/** How a calendar or address book signs in: its own sealed password, or one of its owner's mailboxes. */
export interface DavSignInSource {
  readonly username: string;
  readonly credentials: string | null;
  readonly mailboxId: string | null;
}

/**
 * Runs `use` signed in as the source says. A mailbox's access token comes
 * from the mailbox's grant, renewed as the mailbox renews it; when the DAV
 * server refuses it, it is renewed once more and `use` runs again, so a
 * token revoked or expired early costs one retry, not a failing sync.
 */
export async function withDavSignIn<T>(
  source: DavSignInSource,
  deps: { secrets: SecretBox; accessToken?: MailboxAccessToken | undefined },
  use: (signIn: DavSignIn) => Promise<T>,
): Promise<T> {
  if (source.mailboxId === null) {
    if (source.credentials === null) throw new ThreadlineError('INTERNAL', 'No DAV credentials');
    return use({ username: source.username, password: deps.secrets.open(source.credentials) });
  }
  const { accessToken } = deps;
  if (!accessToken) {
    throw new ThreadlineError('NOT_FOUND', 'No OAuth provider is registered for mailbox sign-in');
  }
  const mailboxId = source.mailboxId;
  try {
    return await use({ bearerToken: await accessToken(mailboxId) });
  } catch (error) {
    if (!isThreadlineError(error) || error.code !== 'AUTH_FAILED') throw error;
  }
  return use({ bearerToken: await accessToken(mailboxId, { force: true }) });
}
