import { describe, expect, it } from 'vitest';
import { isOrganisationDomain, organisationOf } from './domain-name.js';

describe('isOrganisationDomain', () => {
  it.each(['acme.com', 'labs.acme.com', 'acme.co.uk', 'xn--mller-maschinen-zvb.de', 'a-b.example'])(
    'accepts %s',
    (domain) => expect(isOrganisationDomain(domain)).toBe(true),
  );

  it.each([
    ['*', 'a wildcard'],
    ['*.acme.com', 'a wildcard label'],
    ['acme.*', 'a wildcard suffix'],
    ['com', 'a single label'],
    ['localhost', 'a single label'],
    ['co.uk', 'a public suffix'],
    ['-acme.com', 'a label starting with a hyphen'],
    ['acme-.com', 'a label ending with a hyphen'],
    ['acme..com', 'an empty label'],
    ['ac_me.com', 'an underscore'],
    ['', 'nothing'],
  ])('refuses %s (%s)', (domain) => expect(isOrganisationDomain(domain)).toBe(false));
});

describe('the organisation a domain belongs to', () => {
  it.each([
    ['lawfirm.example', 'lawfirm.example'],
    ['mail.lawfirm.co.uk', 'lawfirm.co.uk'],
    ['eu.mx.reseller.com', 'reseller.com'],
    ['localhost', 'localhost'],
  ])('of %s is %s', (domain, organisation) => expect(organisationOf(domain)).toBe(organisation));
});
