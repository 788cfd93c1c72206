import { ThreadlineError } from '../../core/errors.js';
import { requestToken, type AccessToken } from './token-request.js';

export interface OAuthClient {
  readonly tokenEndpoint: string;
  readonly clientId: string;
  readonly clientSecret?: string | undefined;
  readonly refreshToken: string;
}

export type { AccessToken };

/**
 * The OAuth2 refresh-token grant (RFC 6749 §6). A refused grant is
 * AUTH_FAILED with the provider's error code, never with a token in it.
 */
export function refreshAccessToken(
  client: OAuthClient,
  now: () => number,
  timeoutMs = 15_000,
): Promise<AccessToken> {
  return requestToken(
    client.tokenEndpoint,
    {
      grant_type: 'refresh_token',
      refresh_token: client.refreshToken,
      client_id: client.clientId,
      ...(client.clientSecret ? { client_secret: client.clientSecret } : {}),
    },
    {
      now,
      timeoutMs,
      refused: ({ error }) =>
        new ThreadlineError(
          'AUTH_FAILED',
          `The OAuth2 provider refused to renew access (${error}). Sign in to the provider again for this mailbox.`,
        ),
    },
  );
}

/** Access tokens per mailbox, renewed a minute before they expire. */
export function createAccessTokenCache(now: () => number) {
  const tokens = new Map<string, AccessToken>();
  return async (key: string, client: OAuthClient): Promise<AccessToken> => {
    const cached = tokens.get(key);
    if (cached && cached.expiresAt - 60_000 > now()) return cached;
    const fresh = await refreshAccessToken(client, now);
    tokens.set(key, fresh);
    return fresh;
  };
}
