import { describe, expect, it } from 'vitest';
import { thirdPartyRole, type ThirdPartyFacts } from './third-party-roles.js';

const at = (domain: string, more: Partial<ThirdPartyFacts> = {}): ThirdPartyFacts => ({
  domain,
  title: null,
  accountName: null,
  ...more,
});
const roleOf = (facts: ThirdPartyFacts) => thirdPartyRole(facts).role;

describe('what a third party on the threads is', () => {
  it('names a lawyer by their title, in the languages counterparts write in', () => {
    const titles = [
      'General Counsel',
      'Senior Attorney',
      'Solicitor',
      'Rechtsanwältin',
      'Fachanwalt für IT-Recht',
      'Justiziar',
      'Avocate associée',
      'Juriste droit des affaires',
      'Abogada',
      'Asesor Jurídico',
      'Avvocato',
      'Advocaat',
    ];
    for (const title of titles) {
      expect([title, roleOf(at('example.com', { title }))]).toEqual([title, 'lawyer']);
    }
  });

  it('names a reseller or a partner by their title', () => {
    expect(roleOf(at('example.com', { title: 'Channel Account Manager' }))).toBe('reseller');
    expect(roleOf(at('example.com', { title: 'Reseller Sales' }))).toBe('reseller');
    expect(roleOf(at('example.de', { title: 'Leiterin Wiederverkäufer' }))).toBe('reseller');
    expect(roleOf(at('example.fr', { title: 'Responsable revendeurs' }))).toBe('reseller');
    expect(roleOf(at('example.es', { title: 'Director de distribuidores' }))).toBe('reseller');
    expect(roleOf(at('example.com', { title: 'Partner Manager EMEA' }))).toBe('partner');
    expect(roleOf(at('example.fr', { title: 'Chargée de partenariats' }))).toBe('partner');
  });

  it('gives the reason: the word that decided, and where it was found', () => {
    expect(thirdPartyRole(at('example.com', { title: 'General Counsel' }))).toEqual({
      role: 'lawyer',
      reason: 'CRM title “General Counsel” says “counsel”',
    });
    expect(thirdPartyRole(at('bm.com', { accountName: 'Baker Mills LLP' }))).toEqual({
      role: 'lawyer',
      reason: 'CRM account “Baker Mills LLP” says “llp”',
    });
    expect(thirdPartyRole(at('kanzlei-weber.de'))).toEqual({
      role: 'lawyer',
      reason: 'domain kanzlei-weber.de says “kanzlei”',
    });
    expect(thirdPartyRole(at('gmail.com'))).toEqual({
      role: 'other',
      reason: 'no title, account or domain names their role',
    });
  });

  it('reads words run together in a domain, in several languages', () => {
    expect(roleOf(at('smithlaw.com'))).toBe('lawyer');
    expect(roleOf(at('lawfirm.example'))).toBe('lawyer');
    expect(roleOf(at('acme-legal.co.uk'))).toBe('lawyer');
    expect(roleOf(at('bakerllp.com'))).toBe('lawyer');
    expect(roleOf(at('mueller-rechtsanwaelte.de'))).toBe('lawyer');
    expect(roleOf(at('dupont-avocats.fr'))).toBe('lawyer');
    expect(roleOf(at('garciaabogados.es'))).toBe('lawyer');
    expect(roleOf(at('mail.reseller.co.uk'))).toBe('reseller');
    expect(roleOf(at('nordic-distribution.se'))).toBe('reseller');
    expect(roleOf(at('northwindpartners.com'))).toBe('partner');
    expect(roleOf(at('bright-consulting.nl'))).toBe('partner');
  });

  it('does not take a word for a role where it only happens to be inside another', () => {
    expect(roleOf(at('lawncare.com'))).toBe('other');
    expect(roleOf(at('example.law'))).toBe('other');
    expect(roleOf(at('example.com', { title: 'Illegal Content Moderator' }))).toBe('other');
    // "Partner" alone is a law or consulting firm's rank, not a partnership.
    expect(roleOf(at('example.com', { title: 'Partner' }))).toBe('other');
  });

  it('trusts the CRM before the domain, and a lawyer before the partners they are named after', () => {
    expect(roleOf(at('smithlaw.com', { title: 'Channel Manager', accountName: 'Smith Law' }))).toBe(
      'reseller',
    );
    expect(roleOf(at('example.com', { accountName: 'Contoso Distribution GmbH' }))).toBe(
      'reseller',
    );
    expect(roleOf(at('example.com', { accountName: 'Northwind Partners' }))).toBe('partner');
    expect(roleOf(at('example.com', { accountName: 'Hale & Partners Law' }))).toBe('lawyer');
    expect(roleOf(at('hale-partners-llp.com'))).toBe('lawyer');
  });
});
