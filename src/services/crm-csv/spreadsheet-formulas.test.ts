import { describe, expect, it } from 'vitest';
import { quoteFormula, unquoteFormula } from './spreadsheet-formulas.js';

describe('quoteFormula', () => {
  it.each(['=SUM(A1)', '+44 20 7946 0000', '-Minus GmbH', '@mention', '\tTabbed', '\rReturn'])(
    'prefixes a quote to %j, which a spreadsheet would run',
    (cell) => expect(quoteFormula(cell)).toBe(`'${cell}`),
  );

  it.each(["'=SUM(A1)", "''+1"])('prefixes another quote to %j, already quoted', (cell) =>
    expect(quoteFormula(cell)).toBe(`'${cell}`),
  );

  it.each(['Acme', "O'Brien", "'quoted'", 'a=b', '', '1-2'])('leaves %j alone', (cell) =>
    expect(quoteFormula(cell)).toBe(cell),
  );
});

describe('unquoteFormula', () => {
  it.each([
    '=SUM(A1)',
    '+44 20 7946 0000',
    '-Minus GmbH',
    '@mention',
    '\tTabbed',
    "'=SUM(A1)",
    "''+1",
    "O'Brien",
    "'quoted'",
    "'",
    '',
  ])('gives back %j from its quoted form', (cell) =>
    expect(unquoteFormula(quoteFormula(cell))).toBe(cell),
  );

  it('leaves a quote that no export added', () => {
    expect(unquoteFormula("'quoted'")).toBe("'quoted'");
  });
});
