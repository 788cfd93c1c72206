/**
 * IP addresses as 128-bit numbers. An IPv4 address is held in its
 * IPv4-mapped IPv6 form (::ffff:a.b.c.d), so one range check covers both
 * spellings of the same address.
 */
export type IpAddress = bigint;

/** Addresses sharing their first `bits` bits with `base`. */
export interface IpRange {
  readonly base: IpAddress;
  readonly bits: number;
}

const ipv4Mapped = 0xffffn << 32n;
const nat64Prefix = 0x64ff9bn << 96n;

/**
 * Parses a textual IPv4 or IPv6 address (brackets and a zone index are
 * ignored), or null. Only the dotted quad is IPv4: forms such as `127.1` are
 * host names here, and their resolved addresses are what gets checked.
 *
 * @example
 * parseIp('10.0.0.1') === parseIp('::ffff:10.0.0.1') // true
 */
export function parseIp(text: string): IpAddress | null {
  const bare = text
    .trim()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/%.*$/, '');
  if (!bare.includes(':')) {
    const ipv4 = parseIpv4(bare);
    return ipv4 === null ? null : ipv4Mapped | ipv4;
  }
  return parseIpv6(bare);
}

/**
 * Parses `address/bits` (or a single address, as a range of one); IPv4
 * prefix lengths count within the IPv4 part.
 *
 * @example
 * parseIpRange('10.0.0.0/8') // { base: ::ffff:10.0.0.0, bits: 104 }
 */
export function parseIpRange(text: string): IpRange | null {
  const [addressText = '', bitsText, ...rest] = text.trim().split('/');
  const base = parseIp(addressText);
  if (base === null || rest.length > 0) return null;
  const ipv4 = !addressText.includes(':');
  const width = ipv4 ? 32 : 128;
  if (bitsText === undefined) return { base, bits: 128 };
  if (!/^\d{1,3}$/.test(bitsText) || Number(bitsText) > width) return null;
  return { base, bits: Number(bitsText) + 128 - width };
}

export function inRange(address: IpAddress, range: IpRange): boolean {
  const shift = BigInt(128 - range.bits);
  return address >> shift === range.base >> shift;
}

/**
 * The IPv4 address a NAT64 address (64:ff9b::/96) stands for, in its mapped
 * form; any other address as it is. A NAT64 gateway would otherwise carry a
 * connection to any IPv4 address past the IPv4 ranges.
 */
export function unwrapNat64(address: IpAddress): IpAddress {
  return address >> 32n === nat64Prefix >> 32n ? ipv4Mapped | (address & 0xffffffffn) : address;
}

function parseIpv4(text: string): bigint | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0n;
  for (const part of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(part) || Number(part) > 255) return null;
    value = (value << 8n) | BigInt(part);
  }
  return value;
}

function parseIpv6(text: string): bigint | null {
  let hex = text;
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    const ipv4 = parseIpv4(tail);
    if (ipv4 === null) return null;
    hex = `${text.slice(0, lastColon + 1)}${(ipv4 >> 16n).toString(16)}:${(ipv4 & 0xffffn).toString(16)}`;
  }
  const halves = hex.split('::');
  if (halves.length > 2) return null;
  const groupsOf = (part: string) => (part === '' ? [] : part.split(':'));
  const head = groupsOf(halves[0] ?? '');
  const rest = halves.length === 2 ? groupsOf(halves[1] ?? '') : [];
  const missing = 8 - head.length - rest.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...rest];
  let value = 0n;
  for (const group of groups) {
    if (!/^[0-9a-f]{1,4}$/i.test(group)) return null;
    value = (value << 16n) | BigInt(`0x${group}`);
  }
  return value;
}
