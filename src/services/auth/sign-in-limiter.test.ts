import { describe, expect, it } from 'vitest';
import { clientOf } from './sign-in-limiter.js';

describe('clientOf', () => {
  it.each([
    ['an IPv4 address as it is', '203.0.113.7', '203.0.113.7'],
    ['an IPv4-mapped IPv6 address as its IPv4 address', '::ffff:203.0.113.7', '203.0.113.7'],
    ['an IPv6 address as its /64', '2001:db8:1:2:aaaa:bbbb:cccc:dddd', '2001:db8:1:2::/64'],
    ['a compressed IPv6 address as its /64', '2001:DB8::7', '2001:db8:0:0::/64'],
    ['another address of the same /64 alike', '2001:0db8:0000:0000:1::9', '2001:db8:0:0::/64'],
    ['loopback', '::1', '0:0:0:0::/64'],
  ])('takes %s', (_case, ip, client) => {
    expect(clientOf(ip)).toBe(client);
  });
});
