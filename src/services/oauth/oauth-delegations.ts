import type { SecretBox } from '../../adapters/crypto/secret-box.js';
import type { Database } from '../../adapters/db/database.js';
import {
  oauthDelegationsRepository,
  type OAuthDelegationRow,
} from '../../adapters/db/repositories/oauth-delegations.js';
import { clientCredentialsToken, jwtBearerToken } from '../../adapters/oauth/app-token-grants.js';
import type { AccessToken } from '../../adapters/oauth/token-request.js';
import type { Clock } from '../../adapters/system/clock.js';
import { ThreadlineError } from '../../core/errors.js';
import {
  delegationProfile,
  serviceAccountKey,
  type DelegationKind,
  type DelegationProfile,
  type DelegationSettings,
  type ServiceAccountKey,
} from '../../core/oauth/delegation.js';
import type { Actor, createAuditLog } from '../sharing/audit-log.js';

/** What an admin sends to grant Threadline the organisation's mail at a provider. */
export interface DelegationInput extends DelegationSettings {
  /** Google: the service account's JSON key, as downloaded. Left out, the stored key stays. */
  readonly serviceAccountKey?: string | undefined;
  /** Microsoft: the application (client) id and, the first time, its secret. */
  readonly clientId?: string | undefined;
  readonly clientSecret?: string | undefined;
}

/** A delegation as the API shows it: never the key or the secret. */
export interface DelegationView {
  readonly provider: DelegationKind;
  readonly label: string;
  /** The service account's e-mail, or the application (client) id. */
  readonly principal: string;
  readonly settings: DelegationSettings;
  readonly tokenEndpoint: string;
  readonly scope: string;
  readonly imap: DelegationProfile['imap'];
  readonly updatedAt: Date;
}

/** Renewed this long before it expires, so a session never starts on a dying token. */
const marginMs = 60_000;

/**
 * The organisation's delegations: registered by an admin (the key or
 * secret sealed at rest), and the access tokens they mint for a user's
 * mailbox on demand. These grants carry no refresh token: a token is kept
 * in memory until shortly before it expires, then minted again.
 */
export function createOAuthDelegations(deps: {
  database: Database;
  secrets: SecretBox;
  clock: Clock;
  audit: ReturnType<typeof createAuditLog>;
}) {
  const store = oauthDelegationsRepository(deps.database);
  const tokens = new Map<string, Promise<AccessToken>>();
  const now = () => deps.clock.now().getTime();

  const parts = (row: OAuthDelegationRow) => {
    const kind = row.provider as DelegationKind;
    const credential = deps.secrets.open(row.credential);
    const key = kind === 'google' ? serviceAccountKey(credential).key : null;
    const found = delegationProfile(kind, row.settings, key);
    if (!found.profile) throw new ThreadlineError('VALIDATION_FAILED', found.problems.join('; '));
    return { profile: found.profile, key, credential };
  };
  const view = (row: OAuthDelegationRow): DelegationView => {
    const { profile } = parts(row);
    return {
      provider: profile.kind,
      label: profile.label,
      principal: row.principal,
      settings: row.settings,
      tokenEndpoint: profile.tokenEndpoint,
      scope: profile.scope,
      imap: profile.imap,
      updatedAt: row.updatedAt,
    };
  };
  const mint = (row: OAuthDelegationRow, user: string): Promise<AccessToken> => {
    const { profile, key, credential } = parts(row);
    return key
      ? jwtBearerToken(key, profile, user, now)
      : clientCredentialsToken(profile, { clientId: row.principal, clientSecret: credential }, now);
  };
  const registered = async (provider: string): Promise<OAuthDelegationRow> => {
    const row = await store.find(provider);
    if (!row) {
      throw new ThreadlineError(
        'NOT_FOUND',
        `No delegation is registered for ${provider}: an admin grants it under Settings.`,
      );
    }
    return row;
  };

  return {
    async list(): Promise<DelegationView[]> {
      return (await store.list()).map(view);
    },

    /** Registers or replaces the delegation at `provider`; VALIDATION_FAILED lists every problem. */
    async register(
      actor: Actor,
      provider: DelegationKind,
      input: DelegationInput,
    ): Promise<DelegationView> {
      const existing = await store.find(provider);
      const checked = checkInput(provider, input, existing);
      if ('problems' in checked) {
        throw new ThreadlineError('VALIDATION_FAILED', checked.problems.join('; '));
      }
      await store.upsert({
        provider,
        principal: checked.principal,
        credential: checked.credential
          ? deps.secrets.seal(checked.credential)
          : existing!.credential,
        settings: JSON.parse(JSON.stringify(checked.settings)) as object,
        updatedBy: actor.id,
        at: deps.clock.now(),
      });
      await deps.audit.record(
        actor,
        'oauth_delegation.register',
        { type: 'oauth_delegation', id: provider },
        { principal: checked.principal, credentialChanged: Boolean(checked.credential) },
      );
      return view((await store.find(provider))!);
    },

    async remove(actor: Actor, provider: DelegationKind): Promise<void> {
      if (!(await store.remove(provider))) {
        throw new ThreadlineError('NOT_FOUND', `No delegation registered for ${provider}`);
      }
      await deps.audit.record(actor, 'oauth_delegation.remove', {
        type: 'oauth_delegation',
        id: provider,
      });
    },

    /** The delegation's profile at `provider`: its IMAP server, for a mailbox about to be made. */
    async profile(provider: string): Promise<DelegationProfile> {
      return parts(await registered(provider)).profile;
    },

    /**
     * A current access token for `user`'s mailbox; `force` mints a new one
     * even if the kept one has not expired (the mail server refused it).
     * Microsoft's application token is the tenant's, kept once for all users.
     */
    async accessToken(
      provider: string,
      user: string,
      options: { force?: boolean } = {},
    ): Promise<string> {
      const row = await registered(provider);
      const key = `${provider}@${row.updatedAt.toISOString()}:${provider === 'google' ? user : ''}`;
      const kept = tokens.get(key);
      if (kept && !options.force) {
        const token = await kept.catch(() => null);
        if (token && token.expiresAt - marginMs > now()) return token.accessToken;
      }
      const minting = mint(row, user);
      tokens.set(key, minting);
      // A refused grant is asked again next time rather than remembered.
      minting.catch(() => tokens.delete(key));
      return (await minting).accessToken;
    },
  };
}

export type OAuthDelegations = ReturnType<typeof createOAuthDelegations>;

/** The principal, the new credential (if any) and the settings to store, or every problem. */
function checkInput(
  provider: DelegationKind,
  input: DelegationInput,
  existing: OAuthDelegationRow | null,
):
  | { principal: string; credential: string | null; settings: DelegationSettings }
  | { problems: string[] } {
  const settings: DelegationSettings = {
    tenant: input.tenant,
    tokenEndpoint: input.tokenEndpoint,
    imap: input.imap,
  };
  const problems: string[] = [];
  let principal = input.clientId ?? existing?.principal ?? '';
  let key: ServiceAccountKey | null = null;
  if (provider === 'google') {
    if (input.serviceAccountKey) {
      const read = serviceAccountKey(input.serviceAccountKey);
      problems.push(...read.problems);
      key = read.key;
      principal = key?.clientEmail ?? principal;
    } else if (!existing) problems.push('serviceAccountKey is required');
  } else {
    if (!principal) problems.push('clientId is required: the application (client) id');
    if (!input.clientSecret && !existing) problems.push('clientSecret is required');
  }
  problems.push(...delegationProfile(provider, settings, key).problems);
  if (problems.length > 0) return { problems };
  const credential =
    provider === 'google' ? (input.serviceAccountKey ?? null) : (input.clientSecret ?? null);
  return { principal, credential, settings };
}
