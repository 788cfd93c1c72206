import { describe, expect, it } from 'vitest';
import { RowFields } from './row-fields.js';

const fieldsOf = (values: Record<string, string>) =>
  new RowFields({ line: 2, fieldCount: 1, fields: new Map(Object.entries(values)) });

describe('RowFields', () => {
  it.each([
    ['1200.50', '1200.5'],
    ['1200.00', '1200'],
    ['+0042.10', '42.1'],
    ['-0.00', '0'],
    ['-7.05', '-7.05'],
    ['0.99', '0.99'],
  ])('writes amount %s in canonical form %s, so it round-trips unchanged', (input, canonical) => {
    expect(fieldsOf({ amount: input }).amount('amount')).toBe(canonical);
  });

  it.each(['12,5', '1.234', 'abc', '1e3', '12.', '123456789012345'])(
    'refuses %s as an amount',
    (input) => {
      const fields = fieldsOf({ amount: input });
      expect(fields.amount('amount')).toBeNull();
      expect(fields.problems).toEqual([
        { column: 'amount', reason: expect.stringContaining(input) },
      ]);
    },
  );

  it.each([
    ['2025-03-31', '2025-03-31T00:00:00.000Z'],
    ['2025-03-31T17:30', '2025-03-31T17:30:00.000Z'],
    ['2025-03-31T17:30:05.25+02:00', '2025-03-31T15:30:05.250Z'],
    ['2025-03-31 17:30:05-0100', '2025-03-31T18:30:05.000Z'],
    ['2025-03-31t17:30:05z', '2025-03-31T17:30:05.000Z'],
  ])('reads ISO 8601 %s as the instant %s', (input, instant) => {
    expect(fieldsOf({ closed_at: input }).instant('closed_at')).toBe(instant);
  });

  it.each(['31.03.2025', '2025-02-30', '2025-13-01', '2025-03-31T25:00', 'yesterday'])(
    'refuses %s as a date',
    (input) => {
      const fields = fieldsOf({ closed_at: input });
      expect(fields.instant('closed_at')).toBeNull();
      expect(fields.problems).toEqual([
        { column: 'closed_at', reason: `not an ISO 8601 date or date and time: "${input}"` },
      ]);
    },
  );

  it('reads an ISO 4217 currency code in upper case and refuses anything else', () => {
    expect(fieldsOf({ currency: 'eur' }).currency('currency')).toBe('EUR');
    const fields = fieldsOf({ currency: 'EURO' });
    expect(fields.currency('currency')).toBeNull();
    expect(fields.problems).toEqual([
      { column: 'currency', reason: 'not an ISO 4217 currency code: "EURO"' },
    ]);
  });

  it('splits lists on ";", trimming values and dropping empties and repeats', () => {
    expect(fieldsOf({ emails: ' A@X.org ;; b@x.org ; a@x.org ; ' }).addresses('emails')).toEqual([
      'a@x.org',
      'b@x.org',
    ]);
  });

  it('normalises Unicode domains to their ASCII form', () => {
    expect(fieldsOf({ domains: 'Bücher.DE' }).domains('domains')).toEqual(['xn--bcher-kva.de']);
  });

  it('refuses a wildcard, a single label and a bare public suffix as a domain', () => {
    const fields = fieldsOf({ domains: 'acme.com;*;*.acme.io;localhost;co.uk' });
    expect(fields.domains('domains')).toEqual(['acme.com']);
    expect(fields.problems.map((problem) => problem.reason)).toEqual([
      'not a valid domain: "*"',
      'not a valid domain: "*.acme.io"',
      'not a valid domain: "localhost"',
      'not a valid domain: "co.uk"',
    ]);
  });

  it('takes off the quote an export put before a formula, and only that one', () => {
    const fields = fieldsOf({ phone: "'+44 20 7946 0000", name: "'-Minus", plain: "'quoted'" });
    expect(fields.text('phone')).toBe('+44 20 7946 0000');
    expect(fields.text('name')).toBe('-Minus');
    expect(fields.text('plain')).toBe("'quoted'");
  });

  it('accepts enum values in any case and reads an empty cell as the default', () => {
    const fields = fieldsOf({ status: 'WON', empty: '' });
    expect(fields.oneOf('status', ['open', 'won', 'lost'], 'open')).toBe('won');
    expect(fields.oneOf('empty', ['open', 'won', 'lost'], 'open')).toBe('open');
  });
});
