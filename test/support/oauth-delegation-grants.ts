import { createVerify, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import Provider, { errors, type ClientMetadata } from 'oidc-provider';

export const jwtBearer = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/**
 * An organisation's admin grants at the loopback provider: a Google-style
 * service account allowed domain-wide delegation (JWT bearer grant, the
 * user named as the assertion's subject) and a Microsoft-style application
 * with its client credentials.
 */
export interface DelegationGrants {
  /** The service account; `keyJson` is its key file as the provider's console gives it. */
  readonly serviceAccount: { readonly clientEmail: string; keyJson(): string };
  /** The application granted mail access for the tenant (client credentials). */
  readonly application: { readonly id: string; readonly secret: string };
  /** The provider's directory: a JWT naming anyone else is refused. */
  readonly directory: Set<string>;
  /** Withdraws the service account's delegation, as an admin would in the provider's console. */
  revokeDelegation(): void;
  /** Grants it again. */
  restoreDelegation(): void;
}

const mailScopes = ['https://mail.google.com/', 'https://outlook.office365.com/.default'];

/** The domain whose mailboxes the application's token opens: its tenant's. */
export const tenantDomain = 'org.example';

/** The clients, scopes and token claims the provider's configuration needs for these grants. */
export function delegationConfiguration(
  clientEmail: string,
  application: { id: string; secret: string },
): {
  clients: ClientMetadata[];
  scopes: string[];
  extraTokenClaims: (ctx: unknown, token: { kind: string }) => Record<string, string> | undefined;
} {
  return {
    // An application token opens every mailbox of the tenant, not one user's.
    extraTokenClaims: (_ctx, token) =>
      token.kind === 'ClientCredentials' ? { mailbox_domain: `tenant@${tenantDomain}` } : undefined,
    clients: [
      {
        client_id: clientEmail,
        token_endpoint_auth_method: 'none',
        grant_types: [jwtBearer],
        response_types: [],
        redirect_uris: [],
      },
      {
        client_id: application.id,
        client_secret: application.secret,
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        scope: mailScopes[1],
      },
    ],
    scopes: mailScopes,
  };
}

/** Registers the JWT bearer grant on `provider`, checking assertions with the service account's public key. */
export function registerDelegationGrants(
  provider: Provider,
  tokenEndpoint: string,
  clientEmail: string,
  application: { id: string; secret: string },
): DelegationGrants {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const directory = new Set<string>();
  let delegated = true;
  provider.registerGrantType(
    jwtBearer,
    async (ctx) => {
      if (!delegated) {
        throw new errors.UnauthorizedClient(
          'Client is unauthorized to retrieve access tokens using this method',
        );
      }
      const claims = verifiedClaims(String(ctx.oidc.params?.assertion), publicKey);
      if (!claims || claims.iss !== clientEmail || claims.aud !== tokenEndpoint) {
        throw new errors.InvalidGrant('Invalid JWT Signature.');
      }
      if (Number(claims.exp) * 1000 < Date.now())
        throw new errors.InvalidGrant('Invalid JWT: expired');
      const subject = typeof claims.sub === 'string' ? claims.sub : '';
      if (!directory.has(subject)) throw new errors.InvalidGrant('Invalid email or User ID');
      const scope = typeof claims.scope === 'string' ? claims.scope : '';
      const grant = new provider.Grant({ accountId: subject, clientId: clientEmail });
      grant.addOIDCScope(scope);
      const token = new provider.AccessToken({
        accountId: subject,
        client: ctx.oidc.client,
        grantId: await grant.save(),
        scope,
        gty: 'jwt-bearer',
      });
      ctx.body = {
        access_token: await token.save(),
        expires_in: token.expiration,
        token_type: 'Bearer',
        scope,
      };
    },
    ['assertion'],
  );
  return {
    serviceAccount: {
      clientEmail,
      keyJson: () =>
        JSON.stringify({
          type: 'service_account',
          project_id: 'threadline-test',
          private_key_id: 'test-key-1',
          private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }),
          client_email: clientEmail,
          token_uri: tokenEndpoint,
        }),
    },
    application,
    directory,
    revokeDelegation: () => {
      delegated = false;
    },
    restoreDelegation: () => {
      delegated = true;
    },
  };
}

/**
 * A JWT bearer request names no client: the assertion is the proof. The
 * provider wants a client id, so the assertion's issuer is given as one,
 * in the body the provider reads (it takes a body already read as is).
 */
export async function namingTheAssertionsIssuer(request: IncomingMessage): Promise<void> {
  if (request.method !== 'POST' || !request.url?.startsWith('/token')) return;
  let text = '';
  for await (const chunk of request) text += String(chunk);
  const form = new URLSearchParams(text);
  const assertion = form.get('assertion');
  if (form.get('grant_type') === jwtBearer && assertion && !form.has('client_id')) {
    const [, payload = ''] = assertion.split('.');
    const issuer = (JSON.parse(Buffer.from(payload, 'base64url').toString()) as { iss?: string })
      .iss;
    if (issuer) form.set('client_id', issuer);
  }
  (request as IncomingMessage & { body: string }).body = form.toString();
}

function verifiedClaims(assertion: string, key: KeyObject): Record<string, unknown> | null {
  const [header = '', payload = '', signature = ''] = assertion.split('.');
  const valid = createVerify('RSA-SHA256')
    .update(`${header}.${payload}`)
    .verify(key, Buffer.from(signature, 'base64url'));
  return valid
    ? (JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>)
    : null;
}
