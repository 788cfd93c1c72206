import { describe, expect, it } from 'vitest';
import { isSameOrSubdomain, normalizeAddress, normalizeDomain } from './normalize.js';

describe('normalizeAddress', () => {
  it('trims, strips angle brackets and lower-cases', () => {
    expect(normalizeAddress('  <Ada@ACME.com> ')).toBe('ada@acme.com');
  });
  it('converts a Unicode domain to its ASCII form', () => {
    expect(normalizeAddress('jörg@Müller.de')).toBe('jörg@xn--mller-kva.de');
    expect(normalizeAddress('x@xn--mller-kva.de')).toBe('x@xn--mller-kva.de');
  });
  it('rejects what is not an address', () => {
    expect(normalizeAddress('no-at-sign')).toBeNull();
    expect(normalizeAddress('@acme.com')).toBeNull();
    expect(normalizeAddress('ada@')).toBeNull();
    expect(normalizeAddress('a b@acme.com')).toBeNull();
  });
});

describe('normalizeDomain', () => {
  it('drops a trailing dot', () => {
    expect(normalizeDomain('Acme.COM.')).toBe('acme.com');
  });
});

describe('isSameOrSubdomain', () => {
  it('matches the domain itself and its subdomains only', () => {
    expect(isSameOrSubdomain('acme.com', 'acme.com')).toBe(true);
    expect(isSameOrSubdomain('eu.acme.com', 'acme.com')).toBe(true);
    expect(isSameOrSubdomain('notacme.com', 'acme.com')).toBe(false);
  });
});
