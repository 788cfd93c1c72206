import { describe, expect, it } from 'vitest';
import { hashPassword, nobodysPasswordHash, verifyPassword } from './password-hash.js';

describe('password hashing', () => {
  it('verifies the right password and rejects a wrong one', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(stored).not.toContain('correct horse');
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterY', stored)).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
  });

  it('rejects a malformed stored hash instead of throwing', async () => {
    expect(await verifyPassword('x', 'plain-text')).toBe(false);
  });

  it('keeps the stand-in hash for unknown users at the cost of a real one', async () => {
    const costOf = (hash: string) => hash.split('$').slice(0, 4).join('$');
    expect(costOf(nobodysPasswordHash)).toBe(costOf(await hashPassword('anything')));
    expect(await verifyPassword('', nobodysPasswordHash)).toBe(false);
  });
});
