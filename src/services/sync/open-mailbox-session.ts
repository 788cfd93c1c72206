import type { MailboxRow } from '../../adapters/db/repositories/mailboxes.js';
import { openImapSession, type ImapSession } from '../../adapters/imap/imap-client.js';
import type { ImapSettings } from '../../adapters/imap/imap-settings.js';
import { createAccessTokenCache } from '../../adapters/oauth/refresh-access-token.js';
import { ThreadlineError } from '../../core/errors.js';
import type { MailboxService } from '../mailboxes/mailbox-service.js';

type ServerSettings = Omit<ImapSettings, 'auth'>;

/**
 * Opens a mailbox's IMAP session with its sealed credentials: a password as
 * stored, or an OAuth2 access token renewed from the refresh token.
 */
export function mailboxSessionOpener(mailboxes: MailboxService, now: () => number) {
  const accessToken = createAccessTokenCache(now);
  return async (mailbox: MailboxRow): Promise<ImapSession> => {
    if (mailbox.kind !== 'imap' || !mailbox.imap) {
      throw new ThreadlineError(
        'VALIDATION_FAILED',
        `Mailbox "${mailbox.label}" is not an IMAP mailbox`,
      );
    }
    const server = mailbox.imap as unknown as ServerSettings;
    const secret = mailboxes.secretsOf(mailbox).imap;
    const auth: ImapSettings['auth'] =
      secret.kind === 'password'
        ? { kind: 'password', password: secret.password }
        : { kind: 'oauth2', accessToken: (await accessToken(mailbox.id, secret)).accessToken };
    return openImapSession({
      host: server.host,
      port: server.port,
      security: server.security,
      user: server.user,
      allowSelfSigned: server.allowSelfSigned,
      auth,
    });
  };
}
