import { describe, expect, it } from 'vitest';
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

  it('starts an edit from the record, and keeps a deal’s roles and team', () => {
    const deal = {
      name: 'Renewal',
      stage: 'Proposal',
      status: 'won',
      amount: 1200,
      currency: 'EUR',
      closedAt: '2025-06-15T00:00:00.000Z',
      accountId: null,
      related: { contacts: [{ id: 'c1', name: 'Grace', role: 'Buyer' }], team: [{ id: 'u1' }] },
    };
    const values = initialValues('deal', deal);
    expect(values).toMatchObject({ amount: '1200', closedAt: '2025-06-15', status: 'won' });
    expect(bodyOf('deal', values, deal)).toMatchObject({
      amount: 1200,
      currency: 'EUR',
      closedAt: '2025-06-15',
      expectedCloseAt: null,
      contacts: [{ contactId: 'c1', role: 'Buyer' }],
      teamUserIds: ['u1'],
    });
  });

  it('starts a new lead as new', () => {
    expect(initialValues('lead', null).status).toBe('new');
  });
});
