import { ThreadlineError } from '../../core/errors.js';

export interface OAuthClient {
  readonly tokenEndpoint: string;
  readonly clientId: string;
  readonly clientSecret?: string | undefined;
  readonly refreshToken: string;
}

export interface AccessToken {
  readonly accessToken: string;
  readonly expiresAt: number;
  /** Some providers rotate the refresh token on every use. */
  readonly refreshToken: string | null;
}

/**
 * The OAuth2 refresh-token grant (RFC 6749 §6). A refused grant is
 * AUTH_FAILED with the provider's error code, never with a token in it.
 */
export async function refreshAccessToken(
  client: OAuthClient,
  now: () => number,
  timeoutMs = 15_000,
): Promise<AccessToken> {
  const body = new URLSearchParams({
    grant_type: 'refresh_token',
    refresh_token: client.refreshToken,
    client_id: client.clientId,
    ...(client.clientSecret ? { client_secret: client.clientSecret } : {}),
  });
  let response: Response;
  try {
    response = await fetch(client.tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    throw new ThreadlineError(
      timedOut ? 'TIMEOUT' : 'HOST_UNREACHABLE',
      `The OAuth2 token endpoint ${new URL(client.tokenEndpoint).host} ${timedOut ? 'did not answer in time' : 'could not be reached'}.`,
    );
  }
  const payload = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok || typeof payload.access_token !== 'string') {
    const code = typeof payload.error === 'string' ? payload.error : `HTTP ${response.status}`;
    throw new ThreadlineError(
      'AUTH_FAILED',
      `The OAuth2 provider refused to renew access (${code}). Sign in to the provider again for this mailbox.`,
    );
  }
  const expiresIn = typeof payload.expires_in === 'number' ? payload.expires_in : 3600;
  return {
    accessToken: payload.access_token,
    expiresAt: now() + expiresIn * 1000,
    refreshToken: typeof payload.refresh_token === 'string' ? payload.refresh_token : null,
  };
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
