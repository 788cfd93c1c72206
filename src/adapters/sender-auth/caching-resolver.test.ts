import { createSocket, type Socket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDnsServer, type DnsServer } from '../../../test/support/dns-server.js';
import { freePort } from '../../../test/support/dovecot.js';
import { cachingResolver } from './caching-resolver.js';
import { parseDnsServer } from './dns-query.js';

const longKey = `v=DKIM1; k=rsa; p=${'A'.repeat(392)}`;
let dns: DnsServer;
// A socket that reads queries and never answers: a server that has gone quiet.
let silent: Socket;
let silentPort: number;

beforeAll(async () => {
  dns = await startDnsServer({
    zones: ['example'],
    txt: [
      { name: 'acme.example', text: 'v=spf1 ip4:192.0.2.10 -all' },
      { name: 's1._domainkey.acme.example', text: longKey },
    ],
    a: [{ name: 'mail.acme.example', address: '192.0.2.10' }],
    ttlSeconds: 120,
  });
  silentPort = await freePort();
  silent = createSocket('udp4');
  await new Promise<void>((resolve) => silent.bind(silentPort, '127.0.0.1', resolve));
});
afterAll(async () => {
  silent?.close();
  await dns?.stop();
});

describe('the DNS resolver sender authentication uses', () => {
  it('answers TXT records as their strings, a long DKIM key in its 255-byte pieces', async () => {
    const resolver = cachingResolver({ server: dns.address, timeoutMs: 2000 });
    const [record] = (await resolver.resolve('s1._domainkey.acme.example', 'TXT')) as string[][];
    expect(record!.join('')).toBe(longKey);
    expect(record!.length).toBe(2);
    expect(await resolver.resolve('mail.acme.example', 'A')).toEqual(['192.0.2.10']);
  });

  it('keeps an answer for its TTL and asks again once it has passed', async () => {
    let now = 1_000_000;
    const resolver = cachingResolver({ server: dns.address, timeoutMs: 2000, now: () => now });
    await resolver.resolve('acme.example', 'TXT');
    now += 119_000;
    await resolver.resolve('acme.example', 'TXT');
    expect(resolver.stats()).toEqual({ hits: 1, misses: 1 });
    now += 2_000;
    expect(await resolver.resolve('acme.example', 'txt')).toEqual([['v=spf1 ip4:192.0.2.10 -all']]);
    expect(resolver.stats()).toEqual({ hits: 1, misses: 2 });
  });

  it('says a name does not exist as Node does (ENOTFOUND), and keeps that answer too', async () => {
    const resolver = cachingResolver({ server: dns.address, timeoutMs: 2000 });
    await expect(resolver.resolve('_dmarc.nobody.example', 'TXT')).rejects.toMatchObject({
      code: 'ENOTFOUND',
    });
    await expect(resolver.resolve('_dmarc.nobody.example', 'TXT')).rejects.toMatchObject({
      code: 'ENOTFOUND',
    });
    expect(resolver.stats()).toEqual({ hits: 1, misses: 1 });
  });

  it('says a name without records of the type has no data (ENODATA)', async () => {
    const resolver = cachingResolver({ server: dns.address, timeoutMs: 2000 });
    await expect(resolver.resolve('acme.example', 'MX')).rejects.toMatchObject({
      code: 'ENODATA',
    });
  });

  it('times out on a server that does not answer, and never keeps the failure', async () => {
    const resolver = cachingResolver({ server: `127.0.0.1:${silentPort}`, timeoutMs: 150 });
    const started = Date.now();
    await expect(resolver.resolve('acme.example', 'TXT')).rejects.toMatchObject({
      code: 'ETIMEOUT',
    });
    expect(Date.now() - started).toBeLessThan(2000);
    await expect(resolver.resolve('acme.example', 'TXT')).rejects.toMatchObject({
      code: 'ETIMEOUT',
    });
    expect(resolver.stats()).toEqual({ hits: 0, misses: 2 });
  });

  it('refuses a record type it does not resolve, naming it', async () => {
    const resolver = cachingResolver({ server: dns.address, timeoutMs: 2000 });
    await expect(resolver.resolve('acme.example', 'SRV')).rejects.toThrow(/SRV acme.example/);
  });

  it('reads a server setting as host and port, IPv6 in brackets, port 53 by default', () => {
    expect(parseDnsServer('127.0.0.1:5353')).toEqual({ host: '127.0.0.1', port: 5353 });
    expect(parseDnsServer('[::1]:53')).toEqual({ host: '::1', port: 53 });
    expect(parseDnsServer('ns.example')).toEqual({ host: 'ns.example', port: 53 });
    expect(parseDnsServer('ns.example:99999')).toBeNull();
    expect(parseDnsServer('')).toBeNull();
  });
});
