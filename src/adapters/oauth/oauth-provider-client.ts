import * as client from 'openid-client';
import { ThreadlineError } from '../../core/errors.js';
import { plainHttpAllowed, type OAuthProfile } from '../../core/oauth/provider-profiles.js';

/** The organisation's client at a provider. */
export interface OAuthClientCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
}

/** Tokens a provider gave, with when the access token expires (epoch ms). */
export interface IssuedTokens {
  readonly accessToken: string;
  readonly expiresAt: number;
  /** Null when the provider kept the refresh token as it was. */
  readonly refreshToken: string | null;
}

/** What the sign-in's PKCE and state checks need across the round trip through the browser. */
export interface AuthorizationRequest {
  readonly url: string;
  readonly state: string;
  readonly codeVerifier: string;
}

/**
 * One provider through openid-client: the authorization URL (code flow
 * with PKCE), the code exchange, and the refresh grant. Library errors come
 * out as our codes: a refused grant is SIGN_IN_AGAIN, never with a token
 * in its message.
 */
export interface OAuthProviderClient {
  authorizationRequest(redirectUri: string, loginHint?: string): Promise<AuthorizationRequest>;
  /** Exchanges the code in `callbackUrl` after checking its state and PKCE; the e-mail signed in. */
  exchangeCode(
    callbackUrl: URL,
    checks: { state: string; codeVerifier: string },
  ): Promise<IssuedTokens & { refreshToken: string; email: string }>;
  refresh(refreshToken: string): Promise<IssuedTokens>;
}

const timeoutSeconds = 15;

/** Connects to a provider: discovery when its profile asks for it, else its fixed endpoints. */
export async function oauthProviderClient(
  profile: OAuthProfile,
  credentials: OAuthClientCredentials,
  now: () => number,
): Promise<OAuthProviderClient> {
  const authentication = client.ClientSecretBasic(credentials.clientSecret);
  const endpoints = profile.endpoints;
  const where = 'discover' in endpoints ? endpoints.discover : endpoints.token;
  const insecure = plainHttpAllowed(where) ? [client.allowInsecureRequests] : [];
  const config =
    'discover' in endpoints
      ? await translated(where, () =>
          client.discovery(
            new URL(endpoints.discover),
            credentials.clientId,
            undefined,
            authentication,
            { execute: insecure, timeout: timeoutSeconds },
          ),
        )
      : new client.Configuration(
          {
            issuer: endpoints.issuer,
            authorization_endpoint: endpoints.authorization,
            token_endpoint: endpoints.token,
            ...(endpoints.revocation ? { revocation_endpoint: endpoints.revocation } : {}),
          },
          credentials.clientId,
          undefined,
          authentication,
        );
  if (!('discover' in endpoints)) for (const allow of insecure) allow(config);
  config.timeout = timeoutSeconds;
  const tokensOf = (response: client.TokenEndpointResponse): IssuedTokens => ({
    accessToken: response.access_token,
    expiresAt: now() + (response.expires_in ?? 3600) * 1000,
    refreshToken: response.refresh_token ?? null,
  });

  return {
    async authorizationRequest(redirectUri, loginHint) {
      const codeVerifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: profile.scopes.join(' '),
        response_type: 'code',
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        ...profile.authorizationParams,
        ...(loginHint ? { login_hint: loginHint } : {}),
      });
      return { url: url.href, state, codeVerifier };
    },

    async exchangeCode(callbackUrl, checks) {
      const response = await translated(where, () =>
        client.authorizationCodeGrant(config, callbackUrl, {
          pkceCodeVerifier: checks.codeVerifier,
          expectedState: checks.state,
          idTokenExpected: true,
        }),
      );
      const claims = response.claims();
      let email = emailIn(claims);
      // Some providers keep the ID token lean: the address is at the userinfo endpoint.
      if (!email && claims && config.serverMetadata().userinfo_endpoint) {
        email = emailIn(
          await translated(where, () =>
            client.fetchUserInfo(config, response.access_token, claims.sub),
          ),
        );
      }
      if (!email) {
        throw new ThreadlineError(
          'AUTH_FAILED',
          'The provider did not say which mailbox signed in (no e-mail in the ID token).',
        );
      }
      if (!response.refresh_token) {
        throw new ThreadlineError(
          'AUTH_FAILED',
          'The provider gave no refresh token: offline access was not granted.',
        );
      }
      return {
        ...tokensOf(response),
        refreshToken: response.refresh_token,
        email: email.toLowerCase(),
      };
    },

    async refresh(refreshToken) {
      return tokensOf(
        await translated(where, () => client.refreshTokenGrant(config, refreshToken)),
      );
    },
  };
}

/** The address the user signed in with: `email`, else a user name that is one. */
function emailIn(claims: Record<string, unknown> | undefined): string | undefined {
  return [claims?.email, claims?.preferred_username].find(
    (value): value is string => typeof value === 'string' && value.includes('@'),
  );
}

/** Runs a call to the provider, answering our codes for what can go wrong. */
async function translated<T>(where: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw providerError(where, error);
  }
}

function providerError(where: string, error: unknown): ThreadlineError {
  const host = new URL(where).host;
  if (
    error instanceof client.ResponseBodyError ||
    error instanceof client.AuthorizationResponseError
  ) {
    // invalid_grant: the refresh token or code was revoked, expired or used already.
    if (error.error === 'invalid_grant') {
      return new ThreadlineError(
        'SIGN_IN_AGAIN',
        `${host} no longer accepts this mailbox's sign-in (invalid_grant): it was revoked or expired.`,
      );
    }
    return new ThreadlineError('AUTH_FAILED', `${host} refused the sign-in (${error.error}).`);
  }
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return new ThreadlineError('TIMEOUT', `The OAuth provider ${host} did not answer in time.`);
  }
  if (error instanceof TypeError) {
    return new ThreadlineError(
      'HOST_UNREACHABLE',
      `The OAuth provider ${host} could not be reached.`,
    );
  }
  const code = error instanceof client.ClientError && error.code ? ` (${error.code})` : '';
  return new ThreadlineError(
    'PROTOCOL_ERROR',
    `The OAuth provider ${host} answered in an unexpected way${code}.`,
  );
}
