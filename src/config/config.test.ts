import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('defaults to the embedded store in ./.threadline with the in-process queue', () => {
    const config = loadConfig({});
    expect(config.databaseUrl).toBeNull();
    expect(config.dataDir.endsWith('.threadline')).toBe(true);
    expect(config.queue).toBe('in-process');
    expect(config.port).toBe(3000);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('switches to a server and the distributed queue with DATABASE_URL', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://127.0.0.1/test' });
    expect(config.databaseUrl).toBe('postgres://127.0.0.1/test');
    expect(config.queue).toBe('pg-boss');
  });

  it('lets --data-dir win over the environment', () => {
    expect(loadConfig({ THREADLINE_DATA_DIR: '/a' }, { dataDir: '/b' }).dataDir).toBe('/b');
  });

  it('lists every problem at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', THREADLINE_ADMIN_EMAIL: 'a@b.co' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { problems } = error as ConfigError;
    expect(problems.some((p) => p.startsWith('PORT'))).toBe(true);
    expect(problems.some((p) => p.startsWith('DATABASE_URL'))).toBe(true);
  });

  it('runs no capture receiver unless a capture domain is set, then listens where the API does by default', () => {
    expect(loadConfig({}).capture).toBeNull();
    expect(
      loadConfig({ HOST: '0.0.0.0', THREADLINE_CAPTURE_DOMAIN: 'Capture.Example.com' }).capture,
    ).toEqual({
      domain: 'capture.example.com',
      host: '0.0.0.0',
      port: 2525,
      maxBytes: 25 * 1024 * 1024,
      messagesPerMinute: 60,
      tls: null,
    });
  });

  it('names a capture domain that is no domain, and a certificate without its key', () => {
    expect(() => loadConfig({ THREADLINE_CAPTURE_DOMAIN: 'not a domain' })).toThrow(
      /THREADLINE_CAPTURE_DOMAIN: must be a domain name/,
    );
    expect(() =>
      loadConfig({
        THREADLINE_CAPTURE_DOMAIN: 'capture.example.com',
        THREADLINE_CAPTURE_TLS_CERT: 'c.pem',
      }),
    ).toThrow(/THREADLINE_CAPTURE_TLS_CERT and THREADLINE_CAPTURE_TLS_KEY must be set together/);
  });

  it('requires the first admin e-mail and password together', () => {
    expect(() => loadConfig({ THREADLINE_ADMIN_EMAIL: 'a@b.co' })).toThrow(/set together/);
  });

  it('refuses internal mail hosts by default and connects only to mail ports', () => {
    const { mailHosts, oauthProviders } = loadConfig({});
    expect(mailHosts.allow).toEqual([]);
    expect(mailHosts.deny).toEqual([]);
    expect(mailHosts.ports.map((range) => range.from)).toEqual([993, 143, 465, 587, 25]);
    expect(oauthProviders).toEqual({});
  });

  it('reads the mail host lists, ports and OAuth2 providers an admin sets', () => {
    const config = loadConfig({
      THREADLINE_MAIL_HOSTS_ALLOW: '127.0.0.1, mail.internal.example,10.0.0.0/8',
      THREADLINE_MAIL_HOSTS_DENY: '*.forbidden.example',
      THREADLINE_MAIL_PORTS: '993,10143-10145',
      THREADLINE_OAUTH_PROVIDERS: 'Corp=https://sso.corp.example/token',
    });
    expect(config.mailHosts.allow.map((rule) => rule.kind)).toEqual(['range', 'name', 'range']);
    expect(config.mailHosts.deny).toEqual([
      { kind: 'name', name: 'forbidden.example', subdomains: true },
    ]);
    expect(config.mailHosts.ports).toEqual([
      { from: 993, to: 993 },
      { from: 10143, to: 10145 },
    ]);
    expect(config.oauthProviders).toEqual({ corp: 'https://sso.corp.example/token' });
  });

  it('names every entry of the mail host settings it cannot read', () => {
    let error: unknown;
    try {
      loadConfig({
        THREADLINE_MAIL_HOSTS_ALLOW: '10.0.0.0/33',
        THREADLINE_MAIL_HOSTS_DENY: 'http://x.example',
        THREADLINE_MAIL_PORTS: '70000',
        THREADLINE_OAUTH_PROVIDERS: 'corp=ftp://sso.example',
      });
    } catch (caught) {
      error = caught;
    }
    expect((error as ConfigError).problems).toEqual([
      'THREADLINE_MAIL_HOSTS_ALLOW: "10.0.0.0/33" is not valid',
      'THREADLINE_MAIL_HOSTS_DENY: "http://x.example" is not valid',
      'THREADLINE_MAIL_PORTS: "70000" is not valid',
      'THREADLINE_OAUTH_PROVIDERS: "corp=ftp://sso.example" is not valid',
    ]);
  });

  it('believes no proxy unless told, then all of them or those listed', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ THREADLINE_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ THREADLINE_TRUST_PROXY: '10.0.0.0/8, ::1' }).trustProxy).toBe(
      '10.0.0.0/8,::1',
    );
    expect(() => loadConfig({ THREADLINE_TRUST_PROXY: 'yes' })).toThrow(/THREADLINE_TRUST_PROXY/);
  });

  it('reads the sender checks: the DNS server, its timeout and whom to trust', () => {
    expect(loadConfig({}).senderAuth).toEqual({
      enabled: false,
      dnsServer: null,
      dnsTimeoutMs: 2000,
      trustedAuthservIds: [],
      trustedArcSealers: [],
    });
    const config = loadConfig({
      THREADLINE_SENDER_AUTH: 'on',
      THREADLINE_DNS_SERVER: '[::1]:5353',
      THREADLINE_TRUSTED_AUTHSERV_IDS: 'MX.Google.com, mx.microsoft.com',
      THREADLINE_TRUSTED_ARC_SEALERS: 'lists.example',
    });
    expect(config.senderAuth).toMatchObject({
      enabled: true,
      dnsServer: '[::1]:5353',
      trustedAuthservIds: ['mx.google.com', 'mx.microsoft.com'],
      trustedArcSealers: ['lists.example'],
    });
    expect(() => loadConfig({ THREADLINE_DNS_SERVER: 'ns one' })).toThrow(/THREADLINE_DNS_SERVER/);
    expect(() => loadConfig({ THREADLINE_DNS_TIMEOUT_MS: '5' })).toThrow(
      /THREADLINE_DNS_TIMEOUT_MS/,
    );
  });
});
