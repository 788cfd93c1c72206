import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import * as passwordHash from '../../adapters/crypto/password-hash.js';
import { isThreadlineError } from '../../core/errors.js';
import {
  openTestDatabase,
  testBackends,
  type TestDatabase,
} from '../../../test/support/test-database.js';
import { createAuthService, type AuthService } from './auth-service.js';

// Hashing stands in cheaply here (scrypt has tests of its own); each check is counted.
vi.mock('../../adapters/crypto/password-hash.js', async (importOriginal) => {
  const real = await importOriginal<typeof passwordHash>();
  return {
    ...real,
    hashPassword: (password: string) => Promise.resolve(`test$${password}`),
    verifyPassword: vi.fn((password: string, stored: string) =>
      Promise.resolve(stored === `test$${password}`),
    ),
  };
});
const verifyPassword = vi.mocked(passwordHash.verifyPassword);

const alice = { email: 'alice@threadline.test', password: 'violet kites at dawn' };

/** The error code a sign-in ends with, or 'signed in'. */
async function outcome(signIn: Promise<unknown>): Promise<string> {
  try {
    await signIn;
    return 'signed in';
  } catch (error) {
    if (isThreadlineError(error)) return error.code;
    throw error;
  }
}

const tally = (codes: string[]) =>
  codes.reduce<Record<string, number>>((counts, code) => {
    counts[code] = (counts[code] ?? 0) + 1;
    return counts;
  }, {});

describe.each(testBackends())('signing in on the %s backend', (backend) => {
  let handle: TestDatabase;
  let auth: AuthService;
  let now: Date;

  beforeAll(async () => {
    handle = await openTestDatabase(backend);
    auth = createAuthService(handle.database, { now: () => now });
    await auth.addUser({ ...alice, name: 'Alice', role: 'rep' });
  });
  beforeEach(async () => {
    now = new Date('2026-03-02T09:00:00Z');
    await handle.database.query('DELETE FROM sign_in_attempts');
    verifyPassword.mockClear();
  });
  afterAll(async () => {
    await handle.drop();
  });

  it('checks at most five passwords of 200 parallel attempts on one account', async () => {
    const codes = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        outcome(auth.signIn(alice.email, `guess number ${i}`, '203.0.113.7')),
      ),
    );
    expect(tally(codes)).toEqual({ UNAUTHENTICATED: 5, RATE_LIMITED: 195 });
    expect(verifyPassword).toHaveBeenCalledTimes(5);
  });

  it('limits an account whatever client the attempts come from', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      codes.push(await outcome(auth.signIn(alice.email, 'wrong password', `198.51.100.${i}`)));
    }
    expect(codes).toEqual([...Array(5).fill('UNAUTHENTICATED'), 'RATE_LIMITED']);
    expect(await outcome(auth.signIn(alice.email, alice.password, '198.51.100.99'))).toBe(
      'RATE_LIMITED',
    );
  });

  it('limits one client spraying a password across many accounts', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 31; i += 1) {
      codes.push(
        await outcome(auth.signIn(`user${i}@threadline.test`, 'Spring2026!', '192.0.2.1')),
      );
    }
    expect(tally(codes)).toEqual({ UNAUTHENTICATED: 30, RATE_LIMITED: 1 });
    expect(await outcome(auth.signIn(alice.email, alice.password, '192.0.2.2'))).toBe('signed in');
  });

  it('counts the addresses of one IPv6 /64 as one client', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 31; i += 1) {
      const client = `2001:db8:1:2::${(i + 1).toString(16)}`;
      codes.push(await outcome(auth.signIn(`user${i}@threadline.test`, 'Spring2026!', client)));
    }
    expect(tally(codes)).toEqual({ UNAUTHENTICATED: 30, RATE_LIMITED: 1 });
  });

  it('keeps an account limited however many junk attempts come after, until the window passes', async () => {
    for (let i = 0; i < 5; i += 1)
      await outcome(auth.signIn(alice.email, 'wrong password', '192.0.2.1'));
    const junk = Array.from({ length: 10_002 }, (_, i) => i);
    for (let start = 0; start < junk.length; start += 500) {
      await Promise.all(
        junk
          .slice(start, start + 500)
          .map((i) =>
            outcome(auth.signIn(`junk${i}@threadline.test`, 'junk junk junk', '192.0.2.66')),
          ),
      );
    }
    expect(await outcome(auth.signIn(alice.email, alice.password, '192.0.2.1'))).toBe(
      'RATE_LIMITED',
    );

    now = new Date(now.getTime() + 15 * 60 * 1000 + 1);
    expect(await outcome(auth.signIn(alice.email, alice.password, '192.0.2.1'))).toBe('signed in');
    const [left] = await handle.database.query<{ n: number }>(
      'SELECT count(*) AS n FROM sign_in_attempts',
    );
    expect(left?.n).toBe(0);
  }, 120_000);

  it('forgets the failures of a client on an account once it signs in', async () => {
    for (let i = 0; i < 4; i += 1)
      await outcome(auth.signIn(alice.email, 'wrong password', '192.0.2.1'));
    expect(await outcome(auth.signIn(alice.email, alice.password, '192.0.2.1'))).toBe('signed in');
    const codes: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      codes.push(await outcome(auth.signIn(alice.email, 'wrong password', '192.0.2.1')));
    }
    expect(codes).toEqual(Array(5).fill('UNAUTHENTICATED'));
  });

  it('checks a password for an unknown user too, so timing does not reveal who exists', async () => {
    expect(await outcome(auth.signIn('ghost@threadline.test', 'wrong password', '192.0.2.1'))).toBe(
      'UNAUTHENTICATED',
    );
    expect(await outcome(auth.signIn(alice.email, 'wrong password', '192.0.2.1'))).toBe(
      'UNAUTHENTICATED',
    );
    expect(verifyPassword).toHaveBeenCalledTimes(2);
  });
});

describe.each(testBackends())('users, sessions and tokens on the %s backend', (backend) => {
  let handle: TestDatabase;
  let auth: AuthService;

  beforeAll(async () => {
    handle = await openTestDatabase(backend);
    auth = createAuthService(handle.database, { now: () => new Date() });
  });
  beforeEach(async () => {
    await auth.addUser({ ...alice, name: 'Alice', role: 'rep' });
  });
  afterAll(async () => {
    await handle.drop();
  });

  async function signedInWithToken() {
    const { sessionToken } = await auth.signIn(alice.email, alice.password, '192.0.2.1');
    const { token } = await auth.createApiToken(alice.email, 'script');
    expect(await auth.userForSession(sessionToken)).not.toBeNull();
    expect(await auth.userForApiToken(token)).not.toBeNull();
    return { sessionToken, token };
  }

  it.each([
    ['a new password', { role: 'rep' as const, password: 'another violet evening' }],
    ['another role', { role: 'manager' as const, password: null }],
  ])('ends the sessions and revokes the tokens of a user given %s', async (_case, change) => {
    const { sessionToken, token } = await signedInWithToken();
    await auth.addUser({ email: alice.email, name: 'Alice', ...change });
    expect(await auth.userForSession(sessionToken)).toBeNull();
    expect(await auth.userForApiToken(token)).toBeNull();
  });

  it('keeps sessions and tokens when only the name changes', async () => {
    const { sessionToken, token } = await signedInWithToken();
    await auth.addUser({ email: alice.email, name: 'Alice B.', role: 'rep', password: null });
    expect(await auth.userForSession(sessionToken)).not.toBeNull();
    expect(await auth.userForApiToken(token)).not.toBeNull();
  });

  it('refuses a weak password naming what is wrong, and stores nothing', async () => {
    const refused = auth.addUser({
      email: 'bob@threadline.test',
      name: 'Bob',
      role: 'rep',
      password: 'aaaaaaaaaaaa',
    });
    await expect(refused).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('repeats a character'),
      details: { field: 'password', problem: 'repeated' },
    });
    expect(await auth.findUserByEmail('bob@threadline.test')).toBeNull();
  });

  it('lists a user’s tokens without their secrets, revoked ones marked', async () => {
    const carol = 'carol@threadline.test';
    const user = await auth.addUser({ email: carol, name: 'Carol', role: 'rep', password: null });
    const kept = await auth.createApiToken(carol, 'kept');
    const revoked = await auth.createApiToken(carol, 'revoked');
    await auth.revokeApiToken(revoked.id, user.id);
    const tokens = await auth.listApiTokens(user.id);
    expect(tokens.map((t) => [t.name, t.revokedAt !== null]).sort()).toEqual([
      ['kept', false],
      ['revoked', true],
    ]);
    expect(JSON.stringify(tokens)).not.toContain(kept.token);
    await expect(auth.listApiTokens('00000000-0000-0000-0000-000000000009')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
