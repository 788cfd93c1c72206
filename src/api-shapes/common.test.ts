import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorBody, instant } from './common.js';

describe('instant', () => {
  it('sends a Date as its ISO string and reads the string back as the same Date', () => {
    const at = new Date('2026-03-01T09:30:00.000Z');
    expect(z.encode(instant, at)).toBe('2026-03-01T09:30:00.000Z');
    expect(z.decode(instant, '2026-03-01T10:30:00+01:00')).toEqual(at);
  });

  it('refuses to send a string the server already formatted: the shape says Date', () => {
    expect(z.safeEncode(instant, '2026-03-01T09:30:00.000Z' as unknown as Date).success).toBe(
      false,
    );
  });
});

describe('errorBody', () => {
  it('keeps the details and refuses a code the registry does not hold', () => {
    const body = { error: { code: 'NOT_FOUND', message: 'No such user', details: { id: 'x' } } };
    expect(z.encode(errorBody, body as z.output<typeof errorBody>)).toEqual(body);
    expect(
      errorBody.safeParse({ error: { code: 'TEAPOT', message: 'short and stout' } }).success,
    ).toBe(false);
  });
});
