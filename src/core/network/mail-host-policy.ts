import { inRange, parseIp, parseIpRange, unwrapNat64, type IpRange } from './ip-address.js';

/** A host name (`mail.acme.example`), every name under a domain (`*.acme.example`), or an IP range. */
export type HostRule =
  | { readonly kind: 'name'; readonly name: string; readonly subdomains: boolean }
  | { readonly kind: 'range'; readonly range: IpRange };

export interface PortRange {
  readonly from: number;
  readonly to: number;
}

/**
 * Which mail servers the server may connect to on a user's behalf. `deny`
 * wins over `allow`; `allow` lifts the default refusal of internal
 * addresses; only `ports` may be connected to.
 */
export interface MailHostPolicy {
  readonly allow: readonly HostRule[];
  readonly deny: readonly HostRule[];
  readonly ports: readonly PortRange[];
}

export type MailHostVerdict =
  { readonly allowed: true } | { readonly allowed: false; readonly reason: string };

/** IMAP (993, 143) and SMTP (465, 587, 25). */
export const defaultMailPorts: readonly PortRange[] = [993, 143, 465, 587, 25].map((port) => ({
  from: port,
  to: port,
}));

/**
 * Addresses that lead into the server's own machine or network, refused
 * unless allowed. Checked in order: the first match names the refusal.
 */
const internalRanges: readonly { readonly what: string; readonly range: IpRange }[] = [
  ['an unspecified address', '0.0.0.0/8'],
  ['an unspecified address', '::/128'],
  ['a loopback address', '127.0.0.0/8'],
  ['a loopback address', '::1/128'],
  ['a link-local address', '169.254.0.0/16'],
  ['a link-local address', 'fe80::/10'],
  ['a private address', '10.0.0.0/8'],
  ['a private address', '172.16.0.0/12'],
  ['a private address', '192.168.0.0/16'],
  ['a private address', 'fc00::/7'],
  ['a private address', 'fec0::/10'],
  ['a shared (carrier-grade NAT) address', '100.64.0.0/10'],
  ['a multicast address', '224.0.0.0/4'],
  ['a multicast address', 'ff00::/8'],
  ['a reserved address', '240.0.0.0/4'],
  ['a reserved address', '::/96'],
  ['a reserved address', '192.0.0.0/24'],
  ['a reserved address', '192.0.2.0/24'],
  ['a reserved address', '198.18.0.0/15'],
  ['a reserved address', '198.51.100.0/24'],
  ['a reserved address', '203.0.113.0/24'],
  ['a reserved address', '100::/64'],
  ['a reserved address', '2001:db8::/32'],
].map(([what = '', cidr = '']) => ({ what, range: parseIpRange(cidr)! }));

/**
 * What kind of internal address `text` is (loopback, private, link-local …),
 * or null for an address on the public internet. An address that cannot be
 * read counts as internal: nothing unknown is let through.
 *
 * @example internalAddressKind('169.254.169.254') // 'a link-local address'
 * @example internalAddressKind('::ffff:10.0.0.1') // 'a private address'
 */
export function internalAddressKind(text: string): string | null {
  const parsed = parseIp(text);
  if (parsed === null) return 'an address that could not be read';
  const address = unwrapNat64(parsed);
  return internalRanges.find((entry) => inRange(address, entry.range))?.what ?? null;
}

/**
 * Parses one entry of an allow or deny list, or null when it is none of a
 * host name, `*.domain`, an IP address or a CIDR range.
 *
 * @example
 * parseHostRule('*.corp.example') // { kind: 'name', name: 'corp.example', subdomains: true }
 * parseHostRule('10.0.0.0/8')     // { kind: 'range', … }
 */
export function parseHostRule(text: string): HostRule | null {
  const entry = text.trim();
  const range = parseIpRange(entry);
  if (range) return { kind: 'range', range };
  const name = /^(\*\.)?([a-z0-9_-]+(?:\.[a-z0-9_-]+)*)\.?$/i.exec(entry);
  if (!name?.[2] || /^[\d.]+$/.test(name[2])) return null;
  return { kind: 'name', name: name[2].toLowerCase(), subdomains: name[1] !== undefined };
}

/** Parses `993` or `1024-65535`, or null. */
export function parsePortRange(text: string): PortRange | null {
  const match = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(text.trim());
  if (!match) return null;
  const from = Number(match[1]);
  const to = Number(match[2] ?? match[1]);
  return from >= 1 && from <= to && to <= 65535 ? { from, to } : null;
}

/** Whether the port is one the policy lets the server connect to; checkable before any lookup. */
export function judgeMailPort(port: number, policy: MailHostPolicy): MailHostVerdict {
  return policy.ports.some((range) => port >= range.from && port <= range.to)
    ? { allowed: true }
    : {
        allowed: false,
        reason: `port ${port} is not a mail port this server connects to (${policy.ports.map(portText).join(', ')})`,
      };
}

/**
 * Whether the server may connect to `host` on `port`, given every address
 * the name resolves to: all of them must pass, since the connection goes to
 * one of them. An address passes unless the admin denied it (by name or
 * range); an internal one (loopback, private, link-local …, in IPv4, IPv6 or
 * IPv4-mapped form) passes only when the admin allowed its name or range.
 *
 * @example
 * judgeMailHost({ host: 'db.local', port: 993, addresses: ['10.0.0.5'] }, policy)
 * // { allowed: false, reason: 'db.local resolves to a private address …' }
 */
export function judgeMailHost(
  target: { readonly host: string; readonly port: number; readonly addresses: readonly string[] },
  policy: MailHostPolicy,
): MailHostVerdict {
  const port = judgeMailPort(target.port, policy);
  if (!port.allowed) return port;
  const name = target.host.trim().toLowerCase().replace(/\.$/, '');
  const refused = (why: string): MailHostVerdict => ({
    allowed: false,
    reason: `${target.host} ${parseIp(name) === null ? 'resolves to' : 'is'} ${why}`,
  });
  if (target.addresses.length === 0) return refused('no address');
  const namedIn = (rules: readonly HostRule[]) => rules.some((rule) => nameMatches(rule, name));
  if (namedIn(policy.deny)) {
    return { allowed: false, reason: `${target.host} is a host the administrator denied` };
  }
  for (const text of target.addresses) {
    const parsed = parseIp(text);
    if (parsed === null) return refused('an address that could not be read');
    const address = unwrapNat64(parsed);
    const within = (rules: readonly HostRule[]) =>
      rules.some((rule) => rule.kind === 'range' && inRange(address, rule.range));
    if (within(policy.deny)) return refused('an address the administrator denied');
    if (namedIn(policy.allow) || within(policy.allow)) continue;
    const internal = internalAddressKind(text);
    if (internal) return refused(`${internal}, which an administrator has not allowed`);
  }
  return { allowed: true };
}

function nameMatches(rule: HostRule, name: string): boolean {
  if (rule.kind !== 'name') return false;
  return rule.subdomains ? name.endsWith(`.${rule.name}`) : name === rule.name;
}

function portText(range: PortRange): string {
  return range.from === range.to ? String(range.from) : `${range.from}-${range.to}`;
}
