import { createSign } from 'node:crypto';
import { ThreadlineError } from '../../core/errors.js';
import {
  jwtBearerClaims,
  type DelegationProfile,
  type ServiceAccountKey,
} from '../../core/oauth/delegation.js';
import { requestToken, type AccessToken, type GrantRefusal } from './token-request.js';

export const jwtBearerGrantType = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/**
 * A token for `user`'s mailbox through domain-wide delegation: the service
 * account signs a JWT naming the user (RS256), the token endpoint trades it
 * for an access token (RFC 7523). No refresh token: a new assertion is
 * signed when the token expires.
 */
export function jwtBearerToken(
  key: ServiceAccountKey,
  profile: DelegationProfile,
  user: string,
  now: () => number,
): Promise<AccessToken> {
  const claims = jwtBearerClaims(key, profile.tokenEndpoint, user, profile.scope, now());
  let assertion: string;
  try {
    assertion = signedJwt(claims, key);
  } catch {
    throw new ThreadlineError(
      'VALIDATION_FAILED',
      'The service account key cannot sign (its private_key is damaged): upload the key again.',
    );
  }
  return requestToken(
    profile.tokenEndpoint,
    { grant_type: jwtBearerGrantType, assertion },
    { now, refused: (refusal) => delegationRefused(profile, user, refusal) },
  );
}

/**
 * The organisation's application token through Microsoft's application
 * permission: a client credentials grant for the tenant (RFC 6749 §4.4),
 * good for every mailbox the application may read.
 */
export function clientCredentialsToken(
  profile: DelegationProfile,
  credentials: { clientId: string; clientSecret: string },
  now: () => number,
): Promise<AccessToken> {
  return requestToken(
    profile.tokenEndpoint,
    {
      grant_type: 'client_credentials',
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
      scope: profile.scope,
    },
    { now, refused: (refusal) => delegationRefused(profile, null, refusal) },
  );
}

/** A refused grant in words an admin can act on: which user, or the grant itself. */
function delegationRefused(
  profile: DelegationProfile,
  user: string | null,
  { error, description }: GrantRefusal,
): ThreadlineError {
  const said = description ? `${error}: ${description}` : error;
  const what =
    error === 'invalid_grant' && user
      ? `${profile.label} gives no token for ${user} (${said}): is the address a user of the organisation's directory?`
      : error === 'unauthorized_client' || error === 'invalid_client'
        ? `${profile.label} no longer accepts the organisation's grant (${said}): it was revoked or its credentials changed. An admin registers it again under Settings.`
        : `${profile.label} refused the organisation's grant${user ? ` for ${user}` : ''} (${said}).`;
  return new ThreadlineError('AUTH_FAILED', what);
}

function signedJwt(claims: Record<string, string | number>, key: ServiceAccountKey): string {
  const header = { alg: 'RS256', typ: 'JWT', ...(key.keyId ? { kid: key.keyId } : {}) };
  const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  const signature = createSign('RSA-SHA256').update(input).sign(key.privateKey);
  return `${input}.${signature.toString('base64url')}`;
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}
