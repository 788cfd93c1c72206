import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/config.js';
import { createMailServerAccess } from './mail-server-access.js';

/** Access under the policy the environment sets, with a resolver that answers from a table. */
function accessWith(env: Record<string, string>, table: Record<string, string[]>) {
  const asked: string[] = [];
  const config = loadConfig(env);
  const access = createMailServerAccess({
    policy: config.mailHosts,
    oauthProviders: config.oauthProviders,
    resolve: (host) => {
      asked.push(host);
      return Promise.resolve(table[host] ?? [host]);
    },
  });
  return { access, asked };
}

describe('vetting a mail host', () => {
  it('connects to the address the name resolved to, once vetted', async () => {
    const { access } = accessWith(
      {},
      {
        'mail.acme.example': ['93.184.216.34', '2606:2800:220:1::1'],
        'imap.acme.example': ['93.184.216.34', '10.0.0.1'],
      },
    );
    await expect(access.vet('mail.acme.example', 993)).resolves.toEqual({
      host: 'mail.acme.example',
      address: '93.184.216.34',
    });
    await expect(access.vet('imap.acme.example', 993)).rejects.toMatchObject({
      code: 'MAIL_HOST_NOT_ALLOWED',
      message: expect.stringContaining('imap.acme.example resolves to a private address'),
    });
  });

  it('refuses a port that is not a mail port without even resolving the name', async () => {
    const { access, asked } = accessWith({}, {});
    await expect(access.vet('db.acme.example', 5432)).rejects.toMatchObject({
      code: 'MAIL_HOST_NOT_ALLOWED',
      message: expect.stringContaining('port 5432'),
    });
    expect(asked).toEqual([]);
  });

  it('refuses loopback and the cloud metadata address by default, and allows what the admin lists', async () => {
    const closed = accessWith({}, { localhost: ['127.0.0.1', '::1'] }).access;
    await expect(closed.vet('localhost', 143)).rejects.toMatchObject({
      code: 'MAIL_HOST_NOT_ALLOWED',
    });
    await expect(closed.vet('169.254.169.254', 993)).rejects.toMatchObject({
      message: expect.stringContaining('169.254.169.254 is a link-local address'),
    });
    const open = accessWith(
      { THREADLINE_MAIL_HOSTS_ALLOW: '127.0.0.1,::1', THREADLINE_MAIL_PORTS: '1143' },
      { localhost: ['127.0.0.1', '::1'] },
    ).access;
    await expect(open.vet('localhost', 1143)).resolves.toEqual({
      host: 'localhost',
      address: '127.0.0.1',
    });
    await expect(open.vet('localhost', 993)).rejects.toMatchObject({
      code: 'MAIL_HOST_NOT_ALLOWED',
    });
  });
});

describe('OAuth2 token endpoints', () => {
  const grant = { clientId: 'threadline', refreshToken: 'refresh' };

  it('come from the built-in profiles and the ones the admin configures', () => {
    const { access } = accessWith(
      { THREADLINE_OAUTH_PROVIDERS: 'corp=https://sso.corp.example/oauth/token' },
      {},
    );
    expect(access.oauthClient({ ...grant, provider: 'google' }).tokenEndpoint).toBe(
      'https://oauth2.googleapis.com/token',
    );
    expect(access.oauthClient({ ...grant, provider: 'microsoft' }).tokenEndpoint).toMatch(
      /^https:\/\/login\.microsoftonline\.com\//,
    );
    expect(access.oauthClient({ ...grant, provider: 'corp' })).toMatchObject({
      tokenEndpoint: 'https://sso.corp.example/oauth/token',
      clientId: 'threadline',
      refreshToken: 'refresh',
    });
  });

  it('refuse a provider nobody configured, naming the ones there are', () => {
    const { access } = accessWith({}, {});
    expect(() => access.oauthClient({ ...grant, provider: 'evil' })).toThrow(
      expect.objectContaining({
        code: 'VALIDATION_FAILED',
        message: expect.stringContaining('google, microsoft'),
      }),
    );
  });
});
