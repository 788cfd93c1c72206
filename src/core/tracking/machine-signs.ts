import { inRange, parseIp, parseIpRange, type IpRange } from '../network/ip-address.js';

/**
 * Apple's own network (17.0.0.0/8), where Mail Privacy Protection's
 * prefetching proxies fetch images from, besides their relay partners.
 */
const appleProxyRanges: readonly IpRange[] = ['17.0.0.0/8', '2620:149::/32', '2a01:b740::/32'].map(
  (text) => parseIpRange(text)!,
);

/** Whether the address is one of Apple's proxies. */
export function isAppleProxyAddress(ip: string | null): boolean {
  const address = ip ? parseIp(ip) : null;
  return address !== null && appleProxyRanges.some((range) => inRange(address, range));
}

/**
 * Apple Mail's image loader: WebKit without a browser's `Version/…
 * Safari/…` tokens. Mail Privacy Protection fetches with it when the
 * message is delivered, whether or not anyone reads it.
 */
export function isAppleMailAgent(userAgent: string): boolean {
  return /AppleWebKit\//.test(userAgent) && !/Safari\/|Chrome\/|Firefox\//.test(userAgent);
}

/** Gmail fetches every image through its proxy, once, and caches it. */
export function isGmailImageProxy(userAgent: string): boolean {
  return /GoogleImageProxy|ggpht\.com/i.test(userAgent);
}

/** Security gateways that open every link of incoming mail to check it. */
const scannerAgents: readonly { name: string; pattern: RegExp }[] = [
  { name: 'Microsoft Defender Safe Links', pattern: /safelinks|Microsoft Office Protection/i },
  { name: 'Proofpoint', pattern: /proofpoint|urldefense/i },
  { name: 'Mimecast', pattern: /mimecast/i },
  { name: 'Barracuda', pattern: /barracuda/i },
  { name: 'Cisco Secure Email', pattern: /ironport|cisco/i },
  { name: 'Symantec', pattern: /symantec|messagelabs/i },
  { name: 'an automated client', pattern: /bot\b|crawler|spider|python-|curl\/|wget\/|go-http/i },
];

/** The security scanner a user agent names, or null. */
export function scannerNamed(userAgent: string): string | null {
  return scannerAgents.find((scanner) => scanner.pattern.test(userAgent))?.name ?? null;
}
