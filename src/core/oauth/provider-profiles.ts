/** The kinds of OAuth 2.0 provider an organisation can register a client with. */
export type OAuthProviderKind = 'google' | 'microsoft' | 'oidc';

export const oauthProviderKinds: readonly OAuthProviderKind[] = ['google', 'microsoft', 'oidc'];

/** SASL mechanisms that carry a bearer token to an IMAP server. */
export type BearerMechanism = 'XOAUTH2' | 'OAUTHBEARER';

export interface ImapServer {
  readonly host: string;
  readonly port: number;
  readonly security: 'tls' | 'starttls' | 'none';
}

/**
 * What an admin registers once for the organisation, besides the client
 * id and secret: the tenant for Microsoft, and for a generic OpenID Connect
 * provider its issuer (discovery) and IMAP server.
 */
export interface OAuthRegistrationSettings {
  readonly tenant?: string | undefined;
  readonly issuer?: string | undefined;
  readonly imap?: ImapServer | undefined;
  /** Scopes the provider's IMAP server asks for, beyond openid, email and offline_access. */
  readonly mailScopes?: readonly string[] | undefined;
}

/** Everything a sign-in needs to know about a provider, without the client's secret. */
export interface OAuthProfile {
  readonly kind: OAuthProviderKind;
  readonly label: string;
  /** Where to find the endpoints: fixed ones, or the issuer's discovery document. */
  readonly endpoints:
    | {
        readonly issuer: string;
        readonly authorization: string;
        readonly token: string;
        readonly revocation?: string;
      }
    | { readonly discover: string };
  readonly scopes: readonly string[];
  /** Extra parameters of the authorization request (how to get a refresh token, mostly). */
  readonly authorizationParams: Readonly<Record<string, string>>;
  readonly imap: ImapServer;
  readonly mechanisms: readonly BearerMechanism[];
}

// A tenant by id: "common", "organizations" or a domain name would sign in fine, but the ID
// token's issuer names the tenant's id, and an issuer that does not match is refused.
const microsoftTenant = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The profile of a registered provider. Google and Microsoft are known:
 * their endpoints, the IMAP scope and server. A generic provider is
 * discovered from its issuer and needs its IMAP server named. Problems are
 * listed, not thrown one by one, so an admin fixes them all at once.
 *
 * @example oauthProfile('microsoft', { tenant: '72f988bf-86f1-41af-91ab-2d7cd011db47' }).profile?.endpoints.issuer
 * // 'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0'
 */
export function oauthProfile(
  kind: OAuthProviderKind,
  settings: OAuthRegistrationSettings,
): { profile: OAuthProfile; problems: [] } | { profile: null; problems: string[] } {
  switch (kind) {
    case 'google':
      return {
        problems: [],
        profile: {
          kind,
          label: 'Google Workspace',
          endpoints: {
            issuer: 'https://accounts.google.com',
            authorization: 'https://accounts.google.com/o/oauth2/v2/auth',
            token: 'https://oauth2.googleapis.com/token',
            revocation: 'https://oauth2.googleapis.com/revoke',
          },
          scopes: ['openid', 'email', 'https://mail.google.com/'],
          // Google gives a refresh token only for offline access, and again only on consent.
          authorizationParams: { access_type: 'offline', prompt: 'consent' },
          imap: { host: 'imap.gmail.com', port: 993, security: 'tls' },
          mechanisms: ['XOAUTH2', 'OAUTHBEARER'],
        },
      };
    case 'microsoft': {
      const tenant = settings.tenant?.trim() ?? '';
      if (!microsoftTenant.test(tenant)) {
        return {
          profile: null,
          problems: [
            tenant
              ? `tenant "${tenant}" is not a Directory (tenant) ID such as 72f988bf-86f1-41af-91ab-2d7cd011db47`
              : 'tenant is required for Microsoft 365: the Directory (tenant) ID',
          ],
        };
      }
      const base = `https://login.microsoftonline.com/${tenant}`;
      return {
        problems: [],
        profile: {
          kind,
          label: 'Microsoft 365',
          endpoints: {
            issuer: `${base}/v2.0`,
            authorization: `${base}/oauth2/v2.0/authorize`,
            token: `${base}/oauth2/v2.0/token`,
          },
          scopes: [
            'openid',
            'email',
            'offline_access',
            'https://outlook.office.com/IMAP.AccessAsUser.All',
          ],
          authorizationParams: {},
          imap: { host: 'outlook.office365.com', port: 993, security: 'tls' },
          mechanisms: ['XOAUTH2'],
        },
      };
    }
    case 'oidc':
      return genericProfile(settings);
  }
}

function genericProfile(
  settings: OAuthRegistrationSettings,
): { profile: OAuthProfile; problems: [] } | { profile: null; problems: string[] } {
  const problems: string[] = [];
  if (!settings.issuer) problems.push('issuer is required for a generic OpenID Connect provider');
  else if (!isHttpUrl(settings.issuer)) problems.push(`issuer "${settings.issuer}" is not a URL`);
  if (!settings.imap) problems.push('imap (host, port, security) is required for this provider');
  if (problems.length > 0 || !settings.issuer || !settings.imap) return { profile: null, problems };
  return {
    problems: [],
    profile: {
      kind: 'oidc',
      label: new URL(settings.issuer).host,
      endpoints: { discover: settings.issuer },
      scopes: ['openid', 'email', 'offline_access', ...(settings.mailScopes ?? [])],
      // Many providers grant offline_access only when consent is asked for explicitly.
      authorizationParams: { prompt: 'consent' },
      imap: settings.imap,
      mechanisms: ['OAUTHBEARER', 'XOAUTH2'],
    },
  };
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * Whether a URL may be used over plain HTTP: only on loopback, where a test
 * or a local provider runs; anywhere else OAuth needs TLS.
 *
 * @example plainHttpAllowed('http://127.0.0.1:8080/') // true
 * @example plainHttpAllowed('http://sso.example/') // false
 */
export function plainHttpAllowed(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  if (protocol !== 'http:') return false;
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}
