import type { SecretBox } from '../../adapters/crypto/secret-box.js';
import type { Database } from '../../adapters/db/database.js';
import {
  oauthClientsRepository,
  type OAuthClientRow,
} from '../../adapters/db/repositories/oauth-clients.js';
import {
  oauthProviderClient,
  type OAuthProviderClient,
} from '../../adapters/oauth/oauth-provider-client.js';
import type { Clock } from '../../adapters/system/clock.js';
import { ThreadlineError } from '../../core/errors.js';
import {
  oauthProfile,
  type OAuthProfile,
  type OAuthProviderKind,
  type OAuthRegistrationSettings,
} from '../../core/oauth/provider-profiles.js';
import type { Actor, createAuditLog } from '../sharing/audit-log.js';

/** What an admin sends to register the organisation's client at a provider. */
export interface OAuthRegistrationInput extends OAuthRegistrationSettings {
  readonly clientId: string;
  /** Required the first time; left out, the stored secret stays. */
  readonly clientSecret?: string | undefined;
}

/** A registration as the API shows it: never the secret. */
export interface OAuthRegistrationView {
  readonly provider: OAuthProviderKind;
  readonly label: string;
  readonly clientId: string;
  readonly settings: OAuthRegistrationSettings;
  readonly imap: OAuthProfile['imap'];
  readonly scopes: readonly string[];
  readonly updatedAt: Date;
}

/** A registered provider, ready to sign users in. */
export interface ConnectedProvider {
  readonly profile: OAuthProfile;
  readonly client: OAuthProviderClient;
}

/**
 * The organisation's OAuth clients, registered once by an admin: the client
 * secret sealed at rest, the provider's profile checked when registered.
 */
export function createOAuthRegistrations(deps: {
  database: Database;
  secrets: SecretBox;
  clock: Clock;
  audit: ReturnType<typeof createAuditLog>;
}) {
  const clients = oauthClientsRepository(deps.database);
  // Discovery once per registration: keyed by when it was last changed.
  const connected = new Map<string, Promise<ConnectedProvider>>();

  const profileOf = (row: OAuthClientRow): OAuthProfile => {
    const found = oauthProfile(row.provider as OAuthProviderKind, row.settings);
    if (!found.profile) {
      throw new ThreadlineError('VALIDATION_FAILED', found.problems.join('; '));
    }
    return found.profile;
  };
  const view = (row: OAuthClientRow): OAuthRegistrationView => {
    const profile = profileOf(row);
    return {
      provider: profile.kind,
      label: profile.label,
      clientId: row.clientId,
      settings: row.settings,
      imap: profile.imap,
      scopes: profile.scopes,
      updatedAt: row.updatedAt,
    };
  };

  return {
    async list(): Promise<OAuthRegistrationView[]> {
      return (await clients.list()).map(view);
    },

    /** Registers or replaces the client at `provider`; VALIDATION_FAILED lists every problem. */
    async register(
      actor: Actor,
      provider: OAuthProviderKind,
      input: OAuthRegistrationInput,
    ): Promise<OAuthRegistrationView> {
      const settings: OAuthRegistrationSettings = {
        tenant: input.tenant,
        issuer: input.issuer,
        imap: input.imap,
        mailScopes: input.mailScopes,
      };
      const problems: string[] = [...oauthProfile(provider, settings).problems];
      const existing = await clients.find(provider);
      if (!input.clientSecret && !existing) problems.push('clientSecret is required');
      if (problems.length > 0) throw new ThreadlineError('VALIDATION_FAILED', problems.join('; '));
      await clients.upsert({
        provider,
        clientId: input.clientId,
        clientSecret: input.clientSecret
          ? deps.secrets.seal(input.clientSecret)
          : existing!.clientSecret,
        settings: JSON.parse(JSON.stringify(settings)) as object,
        updatedBy: actor.id,
        at: deps.clock.now(),
      });
      await deps.audit.record(
        actor,
        'oauth_client.register',
        { type: 'oauth_client', id: provider },
        { clientId: input.clientId, secretChanged: Boolean(input.clientSecret) },
      );
      return view((await clients.find(provider))!);
    },

    async remove(actor: Actor, provider: OAuthProviderKind): Promise<void> {
      if (!(await clients.remove(provider))) {
        throw new ThreadlineError('NOT_FOUND', `No OAuth client registered for ${provider}`);
      }
      await deps.audit.record(actor, 'oauth_client.remove', { type: 'oauth_client', id: provider });
    },

    /** The registered provider's client, discovered once per registration; NOT_FOUND if none. */
    async connect(provider: string): Promise<ConnectedProvider> {
      const row = await clients.find(provider);
      if (!row) {
        throw new ThreadlineError(
          'NOT_FOUND',
          `No OAuth client is registered for ${provider}: an admin registers it under Settings.`,
        );
      }
      const key = `${provider}@${row.updatedAt.toISOString()}`;
      let pending = connected.get(key);
      if (!pending) {
        const profile = profileOf(row);
        pending = oauthProviderClient(
          profile,
          { clientId: row.clientId, clientSecret: deps.secrets.open(row.clientSecret) },
          () => deps.clock.now().getTime(),
        ).then((client) => ({ profile, client }));
        connected.set(key, pending);
        // A failed discovery is tried again next time rather than remembered.
        pending.catch(() => connected.delete(key));
      }
      return pending;
    },
  };
}

export type OAuthRegistrations = ReturnType<typeof createOAuthRegistrations>;
