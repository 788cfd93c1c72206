import { describe, expect, it } from 'vitest';
import { dealPartsBody, initialDealParts, pathErrors, productsTotal } from './deal-parts';
import { bodyOf, fieldErrors, initialValues } from './record-forms';

describe('record forms', () => {
  it('puts an error under the field it names, malformed body or refused value alike', () => {
    expect(
      fieldErrors([
        { field: 'body.emails.1', message: 'Invalid input' },
        { field: 'domains.0', message: 'gmail.com is a free-mail domain' },
        { field: 'body.emails.2', message: 'a later one' },
      ]),
    ).toEqual({ emails: 'Invalid input', domains: 'gmail.com is a free-mail domain' });
  });

  it('finds no field errors in details that are not a list of fields', () => {
    expect(fieldErrors(undefined)).toEqual({});
    expect(fieldErrors({ field: 'name' })).toEqual({});
  });

  it('sends one address per line, and an empty choice as null', () => {
    const values = {
      ...initialValues('contact', null),
      lastName: 'Wong',
      emails: ' alice@umbrella.example \n\nawong@umbrella.example',
    };
    expect(bodyOf('contact', values, null)).toEqual({
      firstName: '',
      lastName: 'Wong',
      emails: ['alice@umbrella.example', 'awong@umbrella.example'],
      title: '',
      country: '',
      accountId: null,
    });
  });

  it('starts an edit from the record, and sends a deal’s roles, team and products', () => {
    const deal = {
      name: 'Renewal',
      stage: 'Proposal',
      status: 'won',
      amount: 1200,
      currency: 'EUR',
      closedAt: '2025-06-15T00:00:00.000Z',
      accountId: null,
      related: {
        contacts: [{ id: 'c1', name: 'Grace', role: 'Buyer' }],
        team: [{ id: 'u1', name: '', email: 'max@example.com', role: ' Sponsor ' }],
        products: [{ name: 'Seats', quantity: 10, unitPrice: 12.5, currency: null }],
      },
    };
    const values = initialValues('deal', deal);
    expect(values).toMatchObject({ amount: '1200', closedAt: '2025-06-15', status: 'won' });
    const parts = initialDealParts(deal);
    expect(parts.team).toEqual([{ userId: 'u1', name: 'max@example.com', role: ' Sponsor ' }]);
    expect(bodyOf('deal', values, parts)).toMatchObject({
      amount: 1200,
      currency: 'EUR',
      closedAt: '2025-06-15',
      expectedCloseAt: null,
      contacts: [{ contactId: 'c1', role: 'Buyer' }],
      team: [{ userId: 'u1', role: 'Sponsor' }],
      products: [{ name: 'Seats', quantity: 10, unitPrice: 12.5, currency: null }],
    });
  });

  it('sends a product’s number as typed when it is not one, for the server to name', () => {
    const parts = {
      ...initialDealParts(null),
      products: [{ name: ' Seats ', quantity: 'ten', unitPrice: ' 3 ', currency: 'eur' }],
    };
    expect(dealPartsBody(parts).products).toEqual([
      { name: 'Seats', quantity: 'ten', unitPrice: 3, currency: 'EUR' },
    ]);
  });

  it('keeps each error under the full path of its cell', () => {
    expect(
      pathErrors([
        { field: 'body.products.1.quantity', message: 'must be more than 0' },
        { field: 'team.0.userId', message: 'no active user' },
      ]),
    ).toEqual({ 'products.1.quantity': 'must be more than 0', 'team.0.userId': 'no active user' });
  });

  it('totals product lines in one currency, and gives no total for mixed ones', () => {
    const seats = { quantity: 3, unitPrice: 10.1, currency: null };
    expect(productsTotal([seats, { ...seats, currency: 'EUR' }], 'EUR')).toEqual({
      amount: 60.6,
      currency: 'EUR',
    });
    expect(productsTotal([seats, { ...seats, currency: 'USD' }], 'EUR')).toBeNull();
  });

  it('starts a new lead as new', () => {
    expect(initialValues('lead', null).status).toBe('new');
  });
});
