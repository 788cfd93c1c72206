import { describe, expect, it } from 'vitest';
import { oauthProfile, plainHttpAllowed } from './provider-profiles.js';

describe('OAuth provider profiles', () => {
  it('knows Google: fixed endpoints, full mail scope, offline access asked on consent', () => {
    const { profile } = oauthProfile('google', {});
    expect(profile).toMatchObject({
      endpoints: { token: 'https://oauth2.googleapis.com/token' },
      scopes: ['openid', 'email', 'https://mail.google.com/'],
      authorizationParams: { access_type: 'offline', prompt: 'consent' },
      imap: { host: 'imap.gmail.com', port: 993, security: 'tls' },
      mechanisms: ['XOAUTH2', 'OAUTHBEARER'],
    });
  });

  it('builds Microsoft 365 endpoints from the tenant id, with the IMAP scope and XOAUTH2', () => {
    const tenant = '72f988bf-86f1-41af-91ab-2d7cd011db47';
    const { profile } = oauthProfile('microsoft', { tenant });
    expect(profile).toMatchObject({
      endpoints: {
        issuer: `https://login.microsoftonline.com/${tenant}/v2.0`,
        authorization: `https://login.microsoftonline.com/${tenant}/oauth2/v2.0/authorize`,
        token: `https://login.microsoftonline.com/${tenant}/oauth2/v2.0/token`,
      },
      scopes: expect.arrayContaining([
        'offline_access',
        'https://outlook.office.com/IMAP.AccessAsUser.All',
      ]),
      imap: { host: 'outlook.office365.com' },
      mechanisms: ['XOAUTH2'],
    });
  });

  it('refuses Microsoft without a tenant id, or with a name in its place, saying what is wanted', () => {
    expect(oauthProfile('microsoft', {}).problems).toEqual([
      'tenant is required for Microsoft 365: the Directory (tenant) ID',
    ]);
    expect(oauthProfile('microsoft', { tenant: 'common' }).problems[0]).toMatch(
      /"common" is not a Directory \(tenant\) ID/,
    );
  });

  it('discovers a generic OpenID Connect provider from its issuer, with the IMAP server given', () => {
    const { profile } = oauthProfile('oidc', {
      issuer: 'https://sso.example.com/realms/staff',
      imap: { host: 'mail.example.com', port: 993, security: 'tls' },
      mailScopes: ['mail'],
    });
    expect(profile).toMatchObject({
      label: 'sso.example.com',
      endpoints: { discover: 'https://sso.example.com/realms/staff' },
      scopes: ['openid', 'email', 'offline_access', 'mail'],
      imap: { host: 'mail.example.com' },
    });
  });

  it('lists every problem of a generic provider at once', () => {
    expect(oauthProfile('oidc', { issuer: 'not a url' }).problems).toEqual([
      'issuer "not a url" is not a URL',
      'imap (host, port, security) is required for this provider',
    ]);
    expect(oauthProfile('oidc', {}).problems).toHaveLength(2);
  });

  it('allows plain HTTP to a provider on loopback only', () => {
    expect(plainHttpAllowed('http://127.0.0.1:4000/')).toBe(true);
    expect(plainHttpAllowed('http://localhost:4000/')).toBe(true);
    expect(plainHttpAllowed('http://sso.example.com/')).toBe(false);
    expect(plainHttpAllowed('https://sso.example.com/')).toBe(false);
  });
});
