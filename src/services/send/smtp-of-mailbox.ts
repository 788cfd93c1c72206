import type { MailboxRow } from '../../adapters/db/repositories/mailboxes.js';
import type { SmtpSettings } from '../../adapters/smtp/smtp-settings.js';
import { createAccessTokenCache } from '../../adapters/oauth/refresh-access-token.js';
import { ThreadlineError } from '../../core/errors.js';
import type { MailboxService } from '../mailboxes/mailbox-service.js';
import { providerPresets } from '../mailboxes/provider-presets.js';

interface StoredSmtp {
  host: string;
  port: number;
  security: 'tls' | 'starttls' | 'none';
  sameCredentialsAsIncoming: boolean;
}

/**
 * A mailbox's outgoing server, ready to connect: vetted again against the
 * policy, the secret opened now and for this connection only (the IMAP
 * password when the mailbox sends with the same credentials, an OAuth2
 * access token renewed from the refresh token, a signed-in mailbox's
 * rotation saved first).
 */
export function smtpSettingsOpener(mailboxes: MailboxService, now: () => number) {
  const accessToken = createAccessTokenCache(now);
  return async (mailbox: MailboxRow): Promise<SmtpSettings> => {
    const smtp = mailbox.smtp as StoredSmtp | null;
    const imap = mailbox.imap as { user: string; allowSelfSigned?: boolean } | null;
    if (mailbox.kind !== 'imap' || !smtp || !imap) {
      throw new ThreadlineError(
        'VALIDATION_FAILED',
        `Mailbox "${mailbox.label}" has no outgoing (SMTP) server: add one in its settings to send`,
      );
    }
    const vetted = await mailboxes.access.vet(smtp.host, smtp.port);
    const secrets = mailboxes.secretsOf(mailbox);
    const server = {
      host: smtp.host,
      address: vetted.address,
      port: smtp.port,
      security: smtp.security,
      allowSelfSigned: imap.allowSelfSigned ?? false,
    };
    if (!smtp.sameCredentialsAsIncoming && secrets.smtp) {
      return {
        ...server,
        user: secrets.smtp.user,
        auth: { kind: 'password', password: secrets.smtp.password },
      };
    }
    const incoming = secrets.imap;
    if (incoming.kind === 'password') {
      return {
        ...server,
        user: imap.user,
        auth: { kind: 'password', password: incoming.password },
      };
    }
    const token =
      incoming.kind === 'oauth2-signed-in'
        ? await mailboxes.signedInAccessToken(mailbox.id)
        : incoming.kind === 'oauth2-delegated'
          ? await mailboxes.delegatedAccessToken(mailbox)
          : (await accessToken(mailbox.id, mailboxes.access.oauthClient(incoming))).accessToken;
    return { ...server, user: imap.user, auth: { kind: 'oauth2', accessToken: token } };
  };
}

/**
 * Providers whose SMTP server files a copy of each message in Sent itself:
 * appending another would show the message twice in the user's mailbox.
 * Gmail does so for mail sent through smtp.gmail.com, and Microsoft 365 for
 * smtp.office365.com; Yahoo, iCloud, Zoho and Fastmail do not, and neither
 * does a server of one's own unless set up to.
 */
const savesSentCopy = new Set(['gmail', 'outlook']);

export function providerSavesSentCopy(smtpHost: string): boolean {
  const host = smtpHost.toLowerCase();
  return Object.entries(providerPresets).some(
    ([id, preset]) => savesSentCopy.has(id) && preset.smtp.host === host,
  );
}

/** The name a mailbox signs in to its outgoing server with, without opening any token. */
export function smtpLoginOf(mailboxes: MailboxService, mailbox: MailboxRow): string | null {
  const smtp = mailbox.smtp as StoredSmtp | null;
  const imap = mailbox.imap as { user: string } | null;
  if (!smtp || !imap) return null;
  if (smtp.sameCredentialsAsIncoming) return imap.user;
  return mailboxes.secretsOf(mailbox).smtp?.user ?? imap.user;
}
