import type { MailboxRow } from '../../adapters/db/repositories/mailboxes.js';
import { openImapSession, type ImapSession } from '../../adapters/imap/imap-client.js';
import type { ImapSettings } from '../../adapters/imap/imap-settings.js';
import { createAccessTokenCache } from '../../adapters/oauth/refresh-access-token.js';
import { isThreadlineError, ThreadlineError } from '../../core/errors.js';
import type { MailboxService } from '../mailboxes/mailbox-service.js';

type ServerSettings = Omit<ImapSettings, 'auth'>;

/** How long a connection waits for the server; the adapter's defaults when absent. */
export type ImapTimeouts = Pick<ImapSettings, 'connectTimeoutMs' | 'inactivityTimeoutMs'>;

/**
 * Opens a mailbox's IMAP session with its sealed credentials: a password as
 * stored, or an OAuth2 access token renewed from the refresh token at its
 * provider. The server is vetted again on every connection: the policy or
 * the name's addresses may have changed since the mailbox was stored.
 */
export function mailboxSessionOpener(
  mailboxes: MailboxService,
  now: () => number,
  timeouts: ImapTimeouts = {},
) {
  const accessToken = createAccessTokenCache(now);
  return async (mailbox: MailboxRow): Promise<ImapSession> => {
    if (mailbox.kind !== 'imap' || !mailbox.imap) {
      throw new ThreadlineError(
        'VALIDATION_FAILED',
        `Mailbox "${mailbox.label}" is not an IMAP mailbox`,
      );
    }
    const server = mailbox.imap as unknown as ServerSettings;
    const vetted = await mailboxes.access.vet(server.host, server.port);
    const secret = mailboxes.secretsOf(mailbox).imap;
    const open = (auth: ImapSettings['auth']) =>
      openImapSession({
        host: server.host,
        address: vetted.address,
        port: server.port,
        security: server.security,
        user: server.user,
        allowSelfSigned: server.allowSelfSigned,
        auth,
        ...timeouts,
      });
    switch (secret.kind) {
      case 'password':
        return open({ kind: 'password', password: secret.password });
      case 'oauth2':
        return open({
          kind: 'oauth2',
          accessToken: (await accessToken(mailbox.id, mailboxes.access.oauthClient(secret)))
            .accessToken,
        });
      case 'oauth2-signed-in':
        return openWithBearer(
          (options) => mailboxes.signedInAccessToken(mailbox.id, options),
          (token) => open({ kind: 'oauth2', accessToken: token }),
          () =>
            new ThreadlineError(
              'SIGN_IN_AGAIN',
              `The mail server refused the provider's token for ${mailbox.label}: sign in again.`,
            ),
        );
      case 'oauth2-delegated':
        return openWithBearer(
          (options) => mailboxes.delegatedAccessToken(mailbox, options),
          (token) => open({ kind: 'oauth2', accessToken: token }),
          () =>
            new ThreadlineError(
              'AUTH_FAILED',
              `The mail server refused the organisation's token for ${server.user}: an admin checks that the delegation still covers this user.`,
            ),
        );
    }
  };
}

/**
 * A kept access token the server refuses (revoked at the provider before
 * it expired) is renewed once; a renewal refused, or a fresh token the
 * server still refuses, is `stillRefused` (the owner signs in again, or an
 * admin looks at the delegation).
 */
async function openWithBearer(
  token: (options: { force?: boolean }) => Promise<string>,
  open: (accessToken: string) => Promise<ImapSession>,
  stillRefused: () => ThreadlineError,
): Promise<ImapSession> {
  const refused = (error: unknown) => isThreadlineError(error) && error.code === 'AUTH_FAILED';
  try {
    return await open(await token({}));
  } catch (error) {
    if (!refused(error)) throw error;
  }
  try {
    return await open(await token({ force: true }));
  } catch (error) {
    if (!refused(error)) throw error;
    throw stillRefused();
  }
}
