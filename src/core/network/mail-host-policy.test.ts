import { describe, expect, it } from 'vitest';
import { parseIp, parseIpRange } from './ip-address.js';
import {
  defaultMailPorts,
  judgeMailHost,
  judgeMailPort,
  parseHostRule,
  parsePortRange,
  type MailHostPolicy,
} from './mail-host-policy.js';

const policyOf = (allow: string[] = [], deny: string[] = [], ports = defaultMailPorts) => ({
  allow: allow.map((entry) => parseHostRule(entry)!),
  deny: deny.map((entry) => parseHostRule(entry)!),
  ports,
});
const defaults: MailHostPolicy = policyOf();
const judge = (addresses: string[], policy = defaults, host = 'mail.example.com', port = 993) =>
  judgeMailHost({ host, port, addresses }, policy);

describe('parsing IP addresses', () => {
  it('reads IPv4, IPv6, compressed, bracketed and zoned forms', () => {
    expect(parseIp('192.0.2.1')).toBe(0xffffc0000201n);
    expect(parseIp('::ffff:192.0.2.1')).toBe(parseIp('192.0.2.1'));
    expect(parseIp('::ffff:c000:201')).toBe(parseIp('192.0.2.1'));
    expect(parseIp('[2001:db8::1]')).toBe(parseIp('2001:0db8:0:0:0:0:0:1'));
    expect(parseIp('fe80::1%eth0')).toBe(parseIp('fe80::1'));
    expect(parseIp('::')).toBe(0n);
  });

  it('refuses what is not an address', () => {
    for (const text of [
      '',
      '127.1',
      '256.0.0.1',
      '01.2.3.4',
      '1:2:3:4:5:6:7:8:9',
      '1::2::3',
      'g::1',
    ]) {
      expect(parseIp(text), text).toBeNull();
    }
    expect(parseIpRange('10.0.0.0/33')).toBeNull();
    expect(parseIpRange('fc00::/129')).toBeNull();
    expect(parseIpRange('10.0.0.0/8/8')).toBeNull();
  });
});

describe('the default mail host policy', () => {
  it('allows a public address on an IMAP or SMTP port', () => {
    expect(judge(['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'])).toEqual({
      allowed: true,
    });
    for (const port of [993, 143, 465, 587, 25]) {
      expect(judge(['93.184.216.34'], defaults, 'mail.example.com', port).allowed).toBe(true);
    }
  });

  it.each([
    ['0.0.0.0', 'an unspecified address'],
    ['0.1.2.3', 'an unspecified address'],
    ['::', 'an unspecified address'],
    ['127.0.0.1', 'a loopback address'],
    ['127.255.0.9', 'a loopback address'],
    ['::1', 'a loopback address'],
    ['169.254.169.254', 'a link-local address'],
    ['fe80::1', 'a link-local address'],
    ['febf::1', 'a link-local address'],
    ['10.1.2.3', 'a private address'],
    ['172.16.0.1', 'a private address'],
    ['172.31.255.255', 'a private address'],
    ['192.168.1.1', 'a private address'],
    ['fc00::1', 'a private address'],
    ['fd12:3456::1', 'a private address'],
    ['fec0::1', 'a private address'],
    ['100.64.0.1', 'a shared (carrier-grade NAT) address'],
    ['100.127.255.254', 'a shared (carrier-grade NAT) address'],
    ['224.0.0.1', 'a multicast address'],
    ['239.255.255.250', 'a multicast address'],
    ['ff02::1', 'a multicast address'],
    ['255.255.255.255', 'a reserved address'],
    ['::ffff:127.0.0.1', 'a loopback address'],
    ['::ffff:7f00:1', 'a loopback address'],
    ['::ffff:169.254.169.254', 'a link-local address'],
    ['::ffff:10.0.0.1', 'a private address'],
    ['::ffff:192.168.0.1', 'a private address'],
    ['64:ff9b::10.0.0.1', 'a private address'],
    ['64:ff9b::a9fe:a9fe', 'a link-local address'],
    ['::127.0.0.1', 'a reserved address'],
  ])('refuses %s as %s', (address, what) => {
    const verdict = judge([address]);
    expect(verdict.allowed).toBe(false);
    expect(verdict).toMatchObject({ reason: expect.stringContaining(what) });
  });

  it('keeps the neighbours of the internal ranges', () => {
    for (const address of [
      '172.15.255.255',
      '172.32.0.1',
      '100.63.255.255',
      '100.128.0.1',
      '11.0.0.1',
      '192.169.0.1',
      '223.255.255.255',
      'fbff::1',
      'fe7f::1',
    ]) {
      expect(judge([address]), address).toEqual({ allowed: true });
    }
  });

  it('refuses a name when any of its addresses is internal, and names it as resolved', () => {
    expect(judge(['93.184.216.34', '10.0.0.1'], defaults, 'rebind.example')).toEqual({
      allowed: false,
      reason: expect.stringMatching(/^rebind\.example resolves to a private address/),
    });
    expect(judge(['10.0.0.1'], defaults, '10.0.0.1')).toMatchObject({
      reason: expect.stringMatching(/^10\.0\.0\.1 is a private address/),
    });
    expect(judge([]).allowed).toBe(false);
  });

  it('refuses a port that is not a mail port, before anything else', () => {
    expect(judge(['93.184.216.34'], defaults, 'mail.example.com', 5432)).toEqual({
      allowed: false,
      reason: 'port 5432 is not a mail port this server connects to (993, 143, 465, 587, 25)',
    });
    expect(judgeMailPort(22, defaults).allowed).toBe(false);
  });
});

describe('an administrator’s allow and deny lists', () => {
  it('allows an internal address by its range, its exact address or the name that resolves to it', () => {
    expect(judge(['10.9.8.7'], policyOf(['10.0.0.0/8'])).allowed).toBe(true);
    expect(judge(['127.0.0.1'], policyOf(['127.0.0.1']), '127.0.0.1').allowed).toBe(true);
    expect(judge(['::ffff:127.0.0.1'], policyOf(['127.0.0.1'])).allowed).toBe(true);
    expect(judge(['::1'], policyOf(['::1'])).allowed).toBe(true);
    expect(judge(['fd00::5'], policyOf(['fd00::/8'])).allowed).toBe(true);
    const byName = policyOf(['mail.internal.example', '*.corp.example']);
    expect(judge(['10.0.0.5'], byName, 'Mail.Internal.Example.').allowed).toBe(true);
    expect(judge(['10.0.0.6'], byName, 'imap.corp.example').allowed).toBe(true);
  });

  it('allows only what it names', () => {
    expect(judge(['127.0.0.1'], policyOf(['127.0.0.2'])).allowed).toBe(false);
    expect(judge(['10.0.0.6'], policyOf(['*.corp.example']), 'corp.example').allowed).toBe(false);
    expect(judge(['10.0.0.6'], policyOf(['*.corp.example']), 'evilcorp.example').allowed).toBe(
      false,
    );
    expect(judge(['169.254.169.254'], policyOf(['10.0.0.0/8'])).allowed).toBe(false);
  });

  it('lets a denial win over an allowance and over a public address', () => {
    expect(judge(['10.0.0.5'], policyOf(['10.0.0.0/8'], ['10.0.0.5']))).toMatchObject({
      allowed: false,
      reason: expect.stringContaining('an address the administrator denied'),
    });
    expect(
      judge(['93.184.216.34'], policyOf([], ['*.example.com']), 'mail.example.com'),
    ).toMatchObject({ reason: expect.stringContaining('a host the administrator denied') });
    expect(judge(['::ffff:93.184.216.34'], policyOf([], ['93.184.216.0/24'])).allowed).toBe(false);
  });

  it('reads ports and port ranges', () => {
    const ports = [parsePortRange('1143')!, parsePortRange('2000-2100')!];
    expect(judgeMailPort(1143, { ...defaults, ports }).allowed).toBe(true);
    expect(judgeMailPort(2050, { ...defaults, ports }).allowed).toBe(true);
    expect(judgeMailPort(993, { ...defaults, ports }).allowed).toBe(false);
    for (const text of ['0', '65536', '2100-2000', 'imap', '1-2-3']) {
      expect(parsePortRange(text), text).toBeNull();
    }
  });

  it('reads host rules, refusing what is neither a name nor an address', () => {
    expect(parseHostRule('*.corp.example')).toEqual({
      kind: 'name',
      name: 'corp.example',
      subdomains: true,
    });
    expect(parseHostRule('10.0.0.0/8')).toMatchObject({ kind: 'range' });
    for (const text of ['', '*', 'http://x.example', '127.1', 'a b', '10.0.0.0/40']) {
      expect(parseHostRule(text), text).toBeNull();
    }
  });
});
