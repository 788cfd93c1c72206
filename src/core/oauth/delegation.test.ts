import { describe, expect, it } from 'vitest';
import { delegationProfile, jwtBearerClaims, serviceAccountKey } from './delegation.js';

const keyFile = (fields: Record<string, unknown>) =>
  JSON.stringify({
    type: 'service_account',
    client_email: 'crm@acme-project.iam.gserviceaccount.com',
    private_key: '-----BEGIN PRIVATE KEY-----\nMII…\n-----END PRIVATE KEY-----\n',
    private_key_id: 'abc123',
    token_uri: 'https://oauth2.googleapis.com/token',
    ...fields,
  });

describe('a Google service account key as the admin uploads it', () => {
  it('reads the account, its signing key and where to trade assertions', () => {
    expect(serviceAccountKey(keyFile({})).key).toEqual({
      clientEmail: 'crm@acme-project.iam.gserviceaccount.com',
      privateKey: expect.stringContaining('PRIVATE KEY'),
      keyId: 'abc123',
      tokenUri: 'https://oauth2.googleapis.com/token',
    });
  });

  it('lists every problem of a file that is not a service account key', () => {
    expect(serviceAccountKey('{"type":"authorized_user"}').problems).toEqual([
      'the key is not a service account key (type)',
      'the key names no client_email',
      'the key holds no private_key',
    ]);
    expect(serviceAccountKey('not json').problems).toEqual([
      'serviceAccountKey is not JSON: upload the key file as Google gave it',
    ]);
  });

  it('refuses a token endpoint over plain http off loopback', () => {
    expect(serviceAccountKey(keyFile({ token_uri: 'http://tokens.example/' })).problems).toEqual([
      'token_uri "http://tokens.example/" is not an https URL',
    ]);
  });
});

describe('delegation profiles', () => {
  it('gives Google the full mail scope and its IMAP server, tokens from the key’s token_uri', () => {
    const key = serviceAccountKey(keyFile({ token_uri: 'http://127.0.0.1:9/token' })).key;
    expect(delegationProfile('google', {}, key).profile).toEqual({
      kind: 'google',
      label: 'Google Workspace',
      tokenEndpoint: 'http://127.0.0.1:9/token',
      scope: 'https://mail.google.com/',
      imap: { host: 'imap.gmail.com', port: 993, security: 'tls' },
    });
  });

  it('gives Microsoft the tenant’s token endpoint and the application scope of Exchange Online', () => {
    const tenant = '72f988bf-86f1-41af-91ab-2d7cd011db47';
    expect(delegationProfile('microsoft', { tenant }, null).profile).toMatchObject({
      tokenEndpoint: `https://login.microsoftonline.com/${tenant}/oauth2/v2.0/token`,
      scope: 'https://outlook.office365.com/.default',
      imap: { host: 'outlook.office365.com', port: 993, security: 'tls' },
    });
  });

  it('asks Microsoft for a tenant id, not a domain, and lists every problem', () => {
    expect(
      delegationProfile('microsoft', { tenant: 'acme.com', tokenEndpoint: 'ftp://x' }, null)
        .problems,
    ).toEqual([
      'tokenEndpoint "ftp://x" is not an https URL',
      'tenant "acme.com" is not a Directory (tenant) ID such as 72f988bf-86f1-41af-91ab-2d7cd011db47',
    ]);
  });
});

describe('the claims of a JWT bearer assertion', () => {
  it('names the account as issuer, the user as subject and the token endpoint as audience, for an hour', () => {
    expect(
      jwtBearerClaims(
        { clientEmail: 'crm@p.iam.gserviceaccount.com' },
        'https://oauth2.googleapis.com/token',
        'ada@acme.com',
        'https://mail.google.com/',
        1_700_000_000_500,
      ),
    ).toEqual({
      iss: 'crm@p.iam.gserviceaccount.com',
      sub: 'ada@acme.com',
      scope: 'https://mail.google.com/',
      aud: 'https://oauth2.googleapis.com/token',
      iat: 1_700_000_000,
      exp: 1_700_003_600,
    });
  });
});
