import type { Config } from '../config/config.js';
import type { AttachmentStore } from '../adapters/attachments/attachment-store.js';
import type { SecretBox } from '../adapters/crypto/secret-box.js';
import type { Database } from '../adapters/db/database.js';
import { resolveHost } from '../adapters/dns/resolve-host.js';
import type { Clock } from '../adapters/system/clock.js';
import { createMailboxService } from '../services/mailboxes/mailbox-service.js';
import { createMailServerAccess } from '../services/mailboxes/mail-server-access.js';
import { createDelegatedOnboarding } from '../services/oauth/delegated-onboarding.js';
import { createOAuthDelegations } from '../services/oauth/oauth-delegations.js';
import { createOAuthRegistrations } from '../services/oauth/oauth-registrations.js';
import { createOAuthSignIn } from '../services/oauth/oauth-sign-in.js';
import type { AuditLog } from '../services/sharing/audit-log.js';

/**
 * Mailboxes and every way they sign in: passwords, a user's own consent at
 * the organisation's OAuth client, or an admin's delegation for the users
 * they pick.
 */
export function openMailboxAccess(
  config: Config,
  deps: {
    database: Database;
    secrets: SecretBox;
    clock: Clock;
    audit: AuditLog;
    attachments: AttachmentStore;
  },
) {
  const { database, secrets, clock, audit } = deps;
  const oauthClients = createOAuthRegistrations({ database, secrets, clock, audit });
  const oauthDelegations = createOAuthDelegations({ database, secrets, clock, audit });
  const mailboxes = createMailboxService(
    database,
    secrets,
    clock,
    createMailServerAccess({
      policy: config.mailHosts,
      oauthProviders: config.oauthProviders,
      resolve: resolveHost,
    }),
    deps.attachments,
    async (provider, refreshToken) =>
      (await oauthClients.connect(provider)).client.refresh(refreshToken),
    (provider, user, options) => oauthDelegations.accessToken(provider, user, options),
  );
  return {
    mailboxes,
    oauthClients,
    oauthSignIn: createOAuthSignIn({
      database,
      secrets,
      clock,
      registrations: oauthClients,
      mailboxes,
    }),
    oauthDelegations,
    delegatedOnboarding: createDelegatedOnboarding({
      database,
      delegations: oauthDelegations,
      mailboxes,
      audit,
    }),
  };
}
