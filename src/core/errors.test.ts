import { describe, expect, it } from 'vitest';
import { isThreadlineError, ThreadlineError } from './errors.js';

describe('isThreadlineError', () => {
  it('knows an error of ours, also when another copy of this module made it', () => {
    expect(isThreadlineError(new ThreadlineError('LEASE_LOST'))).toBe(true);
    const fromAnotherCopy = Object.assign(new Error('taken over'), {
      name: 'ThreadlineError',
      code: 'LEASE_LOST',
    });
    expect(isThreadlineError(fromAnotherCopy)).toBe(true);
  });

  it('knows no other error, whatever it is named', () => {
    expect(isThreadlineError(new Error('boom'))).toBe(false);
    expect(isThreadlineError(Object.assign(new Error('x'), { code: 'LEASE_LOST' }))).toBe(false);
    const unknownCode = Object.assign(new Error('x'), { name: 'ThreadlineError', code: 'TL001' });
    expect(isThreadlineError(unknownCode)).toBe(false);
    expect(isThreadlineError({ name: 'ThreadlineError', code: 'CONFLICT' })).toBe(false);
  });
});
