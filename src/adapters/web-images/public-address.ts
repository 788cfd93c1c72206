import { internalAddressKind } from '../../core/network/mail-host-policy.js';

/**
 * Whether an IP address is one on the public internet; false for anything
 * not an address. A message is written by anyone, so the image URLs in it
 * must not become a way into this host or its network: loopback, private,
 * link-local (cloud metadata services live there), carrier-grade NAT,
 * multicast and reserved ranges are not public, in IPv4, IPv6 and mapped forms.
 */
export function isPublicAddress(address: string): boolean {
  return internalAddressKind(address) === null;
}
