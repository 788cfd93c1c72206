import { ThreadlineError } from '../../core/errors.js';

export interface AccessToken {
  readonly accessToken: string;
  readonly expiresAt: number;
  /** Some providers rotate the refresh token on every use; none comes with an app's grant. */
  readonly refreshToken: string | null;
}

/** What the provider said when it refused a grant: its error code, and its words when it gave some. */
export interface GrantRefusal {
  readonly error: string;
  readonly description: string | null;
}

/**
 * Posts a grant to a token endpoint (RFC 6749 §3.2) and reads the token.
 * The network failing is TIMEOUT or HOST_UNREACHABLE; a refusal is what
 * `refused` makes of the provider's error, never with the form's secrets.
 */
export async function requestToken(
  tokenEndpoint: string,
  form: Readonly<Record<string, string>>,
  options: {
    now: () => number;
    refused: (refusal: GrantRefusal) => ThreadlineError;
    timeoutMs?: number;
  },
): Promise<AccessToken> {
  const host = new URL(tokenEndpoint).host;
  let response: Response;
  try {
    response = await fetch(tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams(form),
      signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
    });
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    throw new ThreadlineError(
      timedOut ? 'TIMEOUT' : 'HOST_UNREACHABLE',
      `The OAuth2 token endpoint ${host} ${timedOut ? 'did not answer in time' : 'could not be reached'}.`,
    );
  }
  const payload = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok || typeof payload.access_token !== 'string') {
    throw options.refused({
      error: typeof payload.error === 'string' ? payload.error : `HTTP ${response.status}`,
      description: typeof payload.error_description === 'string' ? payload.error_description : null,
    });
  }
  const expiresIn = typeof payload.expires_in === 'number' ? payload.expires_in : 3600;
  return {
    accessToken: payload.access_token,
    expiresAt: options.now() + expiresIn * 1000,
    refreshToken: typeof payload.refresh_token === 'string' ? payload.refresh_token : null,
  };
}
