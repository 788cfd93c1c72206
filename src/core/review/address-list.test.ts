import { describe, expect, it } from 'vitest';
import { linksOffTheList, type AddressedLink } from './address-list.js';

const grace: AddressedLink = {
  type: 'contact',
  id: 'c1',
  addresses: ['grace@acme.com', 'g@acme.com'],
};
const lin: AddressedLink = { type: 'lead', id: 'l1', addresses: ['lin@initech.example'] };
const acme: AddressedLink = { type: 'account', id: 'a1', addresses: [] };
const deal: AddressedLink = { type: 'deal', id: 'd1', addresses: [] };

describe('linksOffTheList', () => {
  it('drops the contacts and leads whose addresses were all taken off', () => {
    expect(linksOffTheList([grace, lin, acme, deal], ['grace@acme.com'])).toEqual([lin]);
  });

  it('keeps a person while any of their addresses stays, whatever the case', () => {
    expect(linksOffTheList([grace], ['G@ACME.COM'])).toEqual([]);
  });

  it('never drops accounts, deals or cases, even with an empty list', () => {
    expect(linksOffTheList([acme, deal], [])).toEqual([]);
    expect(linksOffTheList([grace, lin, acme], [])).toEqual([grace, lin]);
  });
});
