import { describe, expect, it } from 'vitest';
import { inlineParameters, inlineStatements } from './inline-parameters.js';

describe('inlining parameters into a statement', () => {
  it('writes each placeholder as a literal, as often as it is used', () => {
    expect(
      inlineParameters({
        sql: 'SELECT $1, $2, $1, $10',
        params: ['a', null, 3, 4, 5, 6, 7, 8, 9, 10],
      }),
    ).toBe('SELECT $v$a$v$, NULL, $v$a$v$, $v$10$v$');
  });

  it('quotes with a tag the value neither contains nor completes at its end', () => {
    expect(inlineParameters({ sql: '$1', params: ['has $v$ inside'] })).toBe(
      '$v0$has $v$ inside$v0$',
    );
    expect(inlineParameters({ sql: '$1', params: ['ends in $v'] })).toBe('$v0$ends in $v$v0$');
    expect(inlineParameters({ sql: '$1', params: ['$v$ and $v0'] })).toBe('$v1$$v$ and $v0$v1$');
  });

  it('writes bytes as a hex literal', () => {
    expect(inlineParameters({ sql: '$1', params: [new Uint8Array([0, 171, 255])] })).toBe(
      "'\\x00abff'",
    );
  });

  it('refuses a placeholder without a parameter, naming it', () => {
    expect(() => inlineParameters({ sql: 'SELECT $2', params: ['a'] })).toThrow(
      'Statement uses $2 but has 1 parameters',
    );
  });

  it('refuses text holding a NUL, which would end the query text early', () => {
    expect(() => inlineParameters({ sql: 'SELECT $1', params: ['a\0b'] })).toThrow(
      expect.objectContaining({
        message: expect.stringContaining('Parameter $1 holds a NUL character') as unknown,
        code: '22021',
      }),
    );
  });

  it('joins statements into one text', () => {
    expect(
      inlineStatements([
        { sql: 'SELECT $1', params: [1] },
        { sql: 'SELECT 2', params: [] },
      ]),
    ).toBe('SELECT $v$1$v$;\nSELECT 2');
  });
});
