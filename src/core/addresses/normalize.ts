import { domainToASCII } from 'node:url';

/**
 * Normalises an email address once, so every comparison downstream is exact:
 * surrounding spaces and angle brackets removed, the whole address lower-cased
 * (local parts are case-insensitive in practice everywhere we meet them), the
 * domain converted to its ASCII (punycode) form so `müller.de` and
 * `xn--mller-kva.de` are the same domain.
 *
 * Returns null when the input is not an address.
 *
 * @example normalizeAddress('  Ada@ACME.com ') // 'ada@acme.com'
 */
export function normalizeAddress(input: string): string | null {
  const trimmed = input.trim().replace(/^<|>$/g, '').trim();
  const at = trimmed.lastIndexOf('@');
  if (at <= 0 || at === trimmed.length - 1) return null;
  const local = trimmed.slice(0, at).normalize('NFC').toLowerCase();
  const domain = normalizeDomain(trimmed.slice(at + 1));
  if (!domain || /\s/.test(local)) return null;
  return `${local}@${domain}`;
}

/**
 * Normalises a domain: trimmed, lower-case, trailing dot removed, ASCII form.
 * Returns null when it is not a valid domain.
 *
 * @example normalizeDomain('Bücher.DE.') // 'xn--bcher-kva.de'
 */
export function normalizeDomain(input: string): string | null {
  const cleaned = input.trim().replace(/\.$/, '').toLowerCase();
  if (!cleaned || /\s/.test(cleaned)) return null;
  const ascii = domainToASCII(cleaned);
  return ascii === '' ? null : ascii;
}

/** The domain part of a normalised address. */
export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1);
}

/** The local part of a normalised address. */
export function localPartOf(address: string): string {
  return address.slice(0, address.lastIndexOf('@'));
}

/**
 * True when `domain` equals `parent` or is one of its subdomains.
 *
 * @example isSameOrSubdomain('eu.acme.com', 'acme.com') // true
 */
export function isSameOrSubdomain(domain: string, parent: string): boolean {
  return domain === parent || domain.endsWith(`.${parent}`);
}
