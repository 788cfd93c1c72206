import { parse } from 'tldts';

/** A DNS label: letters, digits and inner hyphens, at most 63 of them. */
const label = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * Whether a normalised (lower-case, ASCII) domain names one organisation's
 * hosts, as an account, internal or blocked domain must: two or more labels,
 * no wildcard, and more than a public suffix, which would cover every
 * organisation under it.
 *
 * @example isOrganisationDomain('acme.co.uk') // true
 * @example isOrganisationDomain('co.uk') // false: a public suffix
 * @example isOrganisationDomain('*.acme.com') // false
 */
export function isOrganisationDomain(domain: string): boolean {
  const labels = domain.split('.');
  return (
    labels.length >= 2 &&
    domain.length <= 253 &&
    labels.every((part) => label.test(part)) &&
    parse(domain).domain !== null
  );
}

/**
 * The organisation a domain belongs to: its registrable domain (one label
 * above the public suffix), or the domain itself when it has none.
 *
 * @example organisationOf('mail.lawfirm.co.uk') // 'lawfirm.co.uk'
 */
export function organisationOf(domain: string): string {
  return parse(domain).domain ?? domain;
}
