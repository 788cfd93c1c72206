import { createServer, type Server } from 'node:http';
import Provider from 'oidc-provider';
import { startDovecot } from './dovecot.js';
import {
  delegationConfiguration,
  namingTheAssertionsIssuer,
  registerDelegationGrants,
  type DelegationGrants,
} from './oauth-delegation-grants.js';

/** A real OpenID Connect provider on loopback (oidc-provider) for one test file. */
export interface OAuthServer {
  /** The issuer, `http://127.0.0.1:PORT`: discovery lives under it. */
  readonly issuer: string;
  readonly tokenEndpoint: string;
  /** Token introspection, as a resource server (Dovecot) calls it with its own client. */
  readonly introspectionEndpoint: string;
  /** The client Threadline signs users in with. */
  readonly client: { readonly id: string; readonly secret: string };
  /** The client Dovecot introspects tokens with. */
  readonly resourceServer: { readonly id: string; readonly secret: string };
  /**
   * A grant the user `account` gave Threadline's client, minted straight in
   * the provider's store: an access token and a refresh token that the
   * token, introspection and revocation endpoints treat as any other.
   */
  grant(account: string): Promise<{ accessToken: string; refreshToken: string }>;
  /**
   * Walks the provider's own sign-in and consent pages over HTTP as the user
   * `account` would in a browser, from the authorization URL to the
   * redirect back; returns the URL the provider redirects to (with the code).
   */
  consentAs(authorizationUrl: string, account: string): Promise<URL>;
  /** Revokes the newest grant of `account` at the revocation endpoint, as a user would at the provider. */
  revokeGrantOf(account: string): Promise<void>;
  /** An admin's grants for the whole organisation: a service account and an application. */
  readonly delegation: DelegationGrants;
  /** How many refresh-token grants the token endpoint answered, and how many rotated the token. */
  readonly counts: { refreshed: number; rotated: number };
  stop(): Promise<void>;
}

/** A private Dovecot that takes the bearer tokens `authority` issued, checked by introspection. */
export function startDovecotTrusting(
  authority: OAuthServer,
  mechanisms: readonly ('xoauth2' | 'oauthbearer')[],
  tokenCovers: 'user' | 'domain' = 'user',
) {
  return startDovecot({
    oauth2: {
      introspectionUrl: authority.introspectionEndpoint,
      clientId: authority.resourceServer.id,
      clientSecret: authority.resourceServer.secret,
      mechanisms,
      tokenCovers,
    },
  });
}

export async function startOAuthServer(
  options: { accessTokenSeconds?: number; redirectUris?: readonly string[] } = {},
): Promise<OAuthServer> {
  const http: Server = createServer();
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const issuer = `http://127.0.0.1:${port}`;
  const client = { id: 'threadline', secret: 'threadline-client-secret' };
  const resourceServer = { id: 'dovecot', secret: 'dovecot-introspection-secret' };
  const latestRefreshToken = new Map<string, string>();
  const counts = { refreshed: 0, rotated: 0 };
  const serviceAccount = 'threadline-crm@threadline-test.iam.gserviceaccount.com';
  const application = { id: 'threadline-mail-app', secret: 'threadline-mail-app-secret' };
  const delegated = delegationConfiguration(serviceAccount, application);

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: client.id,
        client_secret: client.secret,
        redirect_uris: [...(options.redirectUris ?? ['http://127.0.0.1/unused'])],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
      {
        client_id: resourceServer.id,
        client_secret: resourceServer.secret,
        redirect_uris: [],
        grant_types: [],
        response_types: [],
      },
      ...delegated.clients,
    ],
    // The dev interactions are a plain sign-in form and a consent page: enough to drive in Chromium.
    features: {
      devInteractions: { enabled: true },
      introspection: { enabled: true },
      revocation: { enabled: true },
      clientCredentials: { enabled: true },
    },
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    scopes: ['openid', 'offline_access', 'email', 'mail', ...delegated.scopes],
    findAccount: (_ctx, sub) => ({
      accountId: sub,
      claims: () => ({ sub, email: sub, email_verified: true }),
    }),
    extraTokenClaims: delegated.extraTokenClaims,
    rotateRefreshToken: true,
    pkce: { required: () => true },
    ttl: { AccessToken: options.accessTokenSeconds ?? 3600, RefreshToken: 30 * 24 * 3600 },
    cookies: { keys: ['threadline-test-cookie-key'] },
  });
  provider.on('refresh_token.saved', (token: { accountId: string; jti: string }) => {
    latestRefreshToken.set(token.accountId, token.jti);
  });
  provider.on('grant.success', (ctx: { oidc: { params?: { grant_type?: string } } }) => {
    if (ctx.oidc.params?.grant_type === 'refresh_token') counts.refreshed += 1;
  });
  provider.on('refresh_token.consumed', () => {
    counts.rotated += 1;
  });
  const endpoint = (path: string) => `${issuer}${path}`;
  const delegation = registerDelegationGrants(
    provider,
    endpoint('/token'),
    serviceAccount,
    application,
  );
  const handle = provider.callback();
  http.on('request', (request, response) => {
    void namingTheAssertionsIssuer(request).then(() => handle(request, response));
  });

  return {
    issuer,
    tokenEndpoint: endpoint('/token'),
    introspectionEndpoint: endpoint('/token/introspection'),
    client,
    resourceServer,
    delegation,
    counts,
    async grant(account) {
      const registered = await provider.Client.find(client.id);
      if (!registered) throw new Error('the test client is not registered');
      const grant = new provider.Grant({ accountId: account, clientId: client.id });
      grant.addOIDCScope('openid email offline_access mail');
      const grantId = await grant.save();
      const scope = 'openid email offline_access mail';
      const accessToken = await new provider.AccessToken({
        accountId: account,
        client: registered,
        grantId,
        scope,
        gty: 'authorization_code',
      }).save();
      const refreshToken = await new provider.RefreshToken({
        accountId: account,
        client: registered,
        grantId,
        scope,
        gty: 'authorization_code',
      }).save();
      latestRefreshToken.set(account, refreshToken);
      return { accessToken, refreshToken };
    },
    consentAs: (authorizationUrl, account) => consentAs(issuer, authorizationUrl, account),
    async revokeGrantOf(account) {
      const token = latestRefreshToken.get(account);
      if (!token) throw new Error(`no grant of ${account} to revoke`);
      const response = await fetch(endpoint('/token/revocation'), {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${client.id}:${client.secret}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ token, token_type_hint: 'refresh_token' }),
      });
      if (!response.ok) throw new Error(`revocation answered ${response.status}`);
    },
    async stop() {
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
    },
  };
}

/** Follows the dev interactions' redirects and forms with a cookie jar of its own. */
async function consentAs(issuer: string, authorizationUrl: string, account: string): Promise<URL> {
  const cookies = new Map<string, string>();
  const request = async (url: string, form?: Record<string, string>) => {
    const response = await fetch(url, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(form ? { body: new URLSearchParams(form) } : {}),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return response;
  };
  let response = await request(authorizationUrl);
  for (let step = 0; step < 12; step += 1) {
    const location = response.headers.get('location');
    if (location) {
      const next = new URL(location, issuer);
      if (next.origin !== issuer) return next;
      response = await request(next.href);
      continue;
    }
    const page = await response.text();
    const action = /action="([^"]+)"/.exec(page)?.[1];
    if (!action)
      throw new Error(`the provider showed a page without a form: ${page.slice(0, 300)}`);
    const prompt = /name="prompt" value="(\w+)"/.exec(page)?.[1];
    response = await request(
      new URL(action, issuer).href,
      prompt === 'login' ? { prompt, login: account, password: 'any' } : { prompt: prompt ?? '' },
    );
  }
  throw new Error('the provider never redirected back');
}
