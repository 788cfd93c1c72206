import { plainHttpAllowed, type ImapServer } from './provider-profiles.js';

/**
 * How an admin grants Threadline the mail of the users they pick, without
 * asking each user: Google's domain-wide delegation (a service account
 * signs a JWT naming the user, RFC 7523) or Microsoft's application
 * permission (a client credentials grant for the tenant).
 */
export type DelegationKind = 'google' | 'microsoft';

export const delegationKinds: readonly DelegationKind[] = ['google', 'microsoft'];

/** What an admin may set besides the credential: for a test or a national cloud, other endpoints. */
export interface DelegationSettings {
  /** Microsoft: the Directory (tenant) ID. */
  readonly tenant?: string | undefined;
  /** A token endpoint other than the provider's (Google: the key's `token_uri` otherwise). */
  readonly tokenEndpoint?: string | undefined;
  readonly imap?: ImapServer | undefined;
}

/** Where a delegated token comes from, what it is for, and the IMAP server it opens. */
export interface DelegationProfile {
  readonly kind: DelegationKind;
  readonly label: string;
  readonly tokenEndpoint: string;
  readonly scope: string;
  readonly imap: ImapServer;
}

/** The parts of a Google service account's JSON key a JWT bearer grant needs. */
export interface ServiceAccountKey {
  readonly clientEmail: string;
  readonly privateKey: string;
  readonly keyId: string | null;
  readonly tokenUri: string;
}

const tenantId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const googleTokenUri = 'https://oauth2.googleapis.com/token';

/**
 * Reads a service account's JSON key as Google's console downloads it,
 * listing every problem: the admin pastes or uploads the file as it is.
 *
 * @example serviceAccountKey('{"type":"service_account","client_email":"crm@p.iam.gserviceaccount.com",…}').key?.clientEmail
 * // 'crm@p.iam.gserviceaccount.com'
 */
export function serviceAccountKey(
  json: string,
): { key: ServiceAccountKey; problems: [] } | { key: null; problems: string[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return {
      key: null,
      problems: ['serviceAccountKey is not JSON: upload the key file as Google gave it'],
    };
  }
  const field = (name: string) => {
    const value = (parsed as Record<string, unknown> | null)?.[name];
    return typeof value === 'string' && value.trim() !== '' ? value : null;
  };
  const problems: string[] = [];
  if (field('type') !== 'service_account')
    problems.push('the key is not a service account key (type)');
  const clientEmail = field('client_email');
  if (!clientEmail?.includes('@')) problems.push('the key names no client_email');
  const privateKey = field('private_key');
  if (!privateKey?.includes('PRIVATE KEY')) problems.push('the key holds no private_key');
  const tokenUri = field('token_uri') ?? googleTokenUri;
  if (!secureUrl(tokenUri)) problems.push(`token_uri "${tokenUri}" is not an https URL`);
  if (problems.length > 0 || !clientEmail || !privateKey) return { key: null, problems };
  return {
    problems: [],
    key: { clientEmail, privateKey, keyId: field('private_key_id'), tokenUri },
  };
}

/**
 * The profile of a delegation, or every problem with its settings. Google's
 * token endpoint is the key's `token_uri`; Microsoft's is the tenant's.
 *
 * @example delegationProfile('microsoft', { tenant: '72f988bf-86f1-41af-91ab-2d7cd011db47' }, null).profile?.scope
 * // 'https://outlook.office365.com/.default'
 */
export function delegationProfile(
  kind: DelegationKind,
  settings: DelegationSettings,
  key: ServiceAccountKey | null,
): { profile: DelegationProfile; problems: [] } | { profile: null; problems: string[] } {
  const problems: string[] = [];
  if (settings.tokenEndpoint !== undefined && !secureUrl(settings.tokenEndpoint)) {
    problems.push(`tokenEndpoint "${settings.tokenEndpoint}" is not an https URL`);
  }
  const tenant = settings.tenant?.trim() ?? '';
  if (kind === 'microsoft' && !tenantId.test(tenant)) {
    problems.push(
      tenant
        ? `tenant "${tenant}" is not a Directory (tenant) ID such as 72f988bf-86f1-41af-91ab-2d7cd011db47`
        : 'tenant is required for Microsoft 365: the Directory (tenant) ID',
    );
  }
  if (problems.length > 0) return { profile: null, problems };
  const profile: DelegationProfile =
    kind === 'google'
      ? {
          kind,
          label: 'Google Workspace',
          tokenEndpoint: settings.tokenEndpoint ?? key?.tokenUri ?? googleTokenUri,
          scope: 'https://mail.google.com/',
          imap: settings.imap ?? { host: 'imap.gmail.com', port: 993, security: 'tls' },
        }
      : {
          kind,
          label: 'Microsoft 365',
          tokenEndpoint:
            settings.tokenEndpoint ??
            `https://login.microsoftonline.com/${tenant}/oauth2/v2.0/token`,
          scope: 'https://outlook.office365.com/.default',
          imap: settings.imap ?? { host: 'outlook.office365.com', port: 993, security: 'tls' },
        };
  return { profile, problems: [] };
}

/** A service account's assertions are good for an hour at most (Google refuses longer ones). */
const assertionSeconds = 3600;

/**
 * The claims of a service account's JWT asking for a token for `subject`
 * (RFC 7523 §3): the account as issuer, the user as subject, the token
 * endpoint as audience.
 *
 * @example jwtBearerClaims(key, 'ada@acme.com', 'https://mail.google.com/', 1_700_000_000_000)
 * // { iss: key.clientEmail, sub: 'ada@acme.com', scope: '…', aud: key.tokenUri, iat: 1700000000, exp: 1700003600 }
 */
export function jwtBearerClaims(
  key: Pick<ServiceAccountKey, 'clientEmail'>,
  audience: string,
  subject: string,
  scope: string,
  nowMs: number,
): Record<string, string | number> {
  const iat = Math.floor(nowMs / 1000);
  return {
    iss: key.clientEmail,
    sub: subject,
    scope,
    aud: audience,
    iat,
    exp: iat + assertionSeconds,
  };
}

/** https, or plain http on loopback only (a test or a local provider). */
function secureUrl(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:' || plainHttpAllowed(value);
  } catch {
    return false;
  }
}
