import { ThreadlineError } from '../../core/errors.js';
import { normalizeAddress } from '../../core/addresses/normalize.js';
import { passwordProblem, passwordProblemMessage } from '../../core/auth/password-policy.js';
import type { Database } from '../../adapters/db/database.js';
import {
  apiTokensRepository,
  sessionsRepository,
  usersRepository,
  type ApiTokenRow,
  type Role,
  type UserRow,
} from '../../adapters/db/repositories/users.js';
import {
  hashPassword,
  nobodysPasswordHash,
  verifyPassword,
} from '../../adapters/crypto/password-hash.js';
import { passwordLinksRepository } from '../../adapters/db/repositories/password-links.js';
import { hashToken, newToken } from '../../adapters/crypto/tokens.js';
import type { Clock } from '../../adapters/system/clock.js';
import { createSignInLimiter, type SignInLimits } from './sign-in-limiter.js';

export type { ApiTokenRow, Role, UserRow };

const sessionLifetimeMs = 12 * 60 * 60 * 1000;
const signInLimits: SignInLimits = { windowMs: 15 * 60 * 1000, perAccount: 5, perClient: 30 };

/** The API's view of a user. */
export function presentUser(user: UserRow) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    managerId: user.managerId,
    deactivatedAt: user.deactivatedAt,
  };
}

export interface SignedIn {
  user: UserRow;
  sessionToken: string;
  csrfToken: string;
  expiresAt: Date;
}

/** Local users, passwords, sessions for the web and API tokens for scripts. */
export function createAuthService(database: Database, clock: Clock) {
  const users = usersRepository(database);
  const sessions = sessionsRepository(database);
  const tokens = apiTokensRepository(database);
  const limiter = createSignInLimiter(database, signInLimits);

  async function startSession(userId: string, now: Date): Promise<SignedIn> {
    const sessionToken = newToken('tls_');
    const csrfToken = newToken('');
    const expiresAt = new Date(now.getTime() + sessionLifetimeMs);
    await sessions.create({ tokenHash: hashToken(sessionToken), userId, csrfToken, expiresAt });
    const user = await users.findById(userId);
    return { user: user!, sessionToken, csrfToken, expiresAt };
  }

  function requireAddress(email: string): string {
    const address = normalizeAddress(email);
    if (!address)
      throw new ThreadlineError('VALIDATION_FAILED', `"${email}" is not an e-mail address`);
    return address;
  }

  async function requireUser(email: string): Promise<UserRow> {
    const user = await users.findByEmail(requireAddress(email));
    if (!user) throw new ThreadlineError('NOT_FOUND', `No user with e-mail ${email}`);
    return user;
  }

  return {
    /**
     * Creates a user, or updates the one with this e-mail. An existing user
     * keeps the name and role the input leaves out; a new one gets no name
     * and the role `rep`. A new password or another role ends the user's
     * sessions and revokes their API tokens: whoever held them was let in
     * under the old password or the old role.
     */
    async addUser(input: { email: string; name?: string; role?: Role; password: string | null }) {
      const email = requireAddress(input.email);
      const problem = input.password === null ? null : passwordProblem(input.password, { email });
      if (problem) {
        throw new ThreadlineError('VALIDATION_FAILED', passwordProblemMessage(problem), {
          field: 'password',
          problem,
        });
      }
      const passwordHash = input.password === null ? null : await hashPassword(input.password);
      return database.transaction(async (tx) => {
        const before = await usersRepository(tx).findByEmail(email);
        const user = await usersRepository(tx).upsert({
          email,
          name: input.name ?? before?.name ?? '',
          role: input.role ?? before?.role ?? 'rep',
          passwordHash,
        });
        if (before && (passwordHash !== null || before.role !== user.role)) {
          await sessionsRepository(tx).deleteAllOf(user.id);
          await apiTokensRepository(tx).revokeAllOf(user.id, clock.now());
        }
        return user;
      });
    },

    /** Creates the first admin when there are no users yet; returns whether it did. */
    async ensureFirstAdmin(admin: { email: string; password: string } | null): Promise<boolean> {
      if (!admin || (await users.countUsers()) > 0) return false;
      await this.addUser({
        email: admin.email,
        name: 'Administrator',
        role: 'admin',
        password: admin.password,
      });
      return true;
    },

    async hasUsers(): Promise<boolean> {
      return (await users.countUsers()) > 0;
    },

    async signIn(email: string, password: string, clientKey: string): Promise<SignedIn> {
      const now = clock.now();
      const address = normalizeAddress(email) ?? email.trim().toLowerCase();
      const attempt = await limiter.reserve(address, clientKey, now);
      if (!attempt) {
        throw new ThreadlineError(
          'RATE_LIMITED',
          'Too many failed sign-ins; try again in 15 minutes',
        );
      }
      const stored = await users.passwordHashOf(address);
      // An unknown user costs one hash check too, and gets the wrong password's
      // answer: neither the answer nor its timing confirms an account exists.
      const matches = await verifyPassword(password, stored?.hash ?? nobodysPasswordHash);
      if (!stored?.hash || !matches) {
        throw new ThreadlineError('UNAUTHENTICATED', 'Wrong e-mail or password');
      }
      await attempt.succeeded();
      // Said only to whoever knows the password: it confirms nothing to a guesser.
      if (stored.deactivated) {
        throw new ThreadlineError('FORBIDDEN', 'This account is deactivated; ask an admin');
      }
      return startSession(stored.id, now);
    },

    /**
     * Sets the password through an invitation or reset link and signs in.
     * The link works once, until it expires, and only while it is the user's
     * newest; the new password ends the user's other sessions and revokes
     * their API tokens, as any new password does.
     */
    async setPasswordWithLink(
      token: string,
      password: string,
    ): Promise<SignedIn & { purpose: 'invitation' | 'reset' }> {
      const now = clock.now();
      const tokenHash = hashToken(token);
      const { userId, purpose } = await database.transaction(async (tx) => {
        const link = await passwordLinksRepository(tx).lock(tokenHash);
        if (!link) throw new ThreadlineError('LINK_UNKNOWN');
        if (link.usedAt) throw new ThreadlineError('LINK_USED');
        if (link.expiresAt <= now) throw new ThreadlineError('LINK_EXPIRED');
        const user = await usersRepository(tx).findById(link.userId);
        const problem = passwordProblem(password, { email: user!.email });
        if (problem) {
          throw new ThreadlineError('VALIDATION_FAILED', passwordProblemMessage(problem), {
            field: 'password',
            problem,
          });
        }
        await usersRepository(tx).setPasswordHash(link.userId, await hashPassword(password));
        await passwordLinksRepository(tx).markUsed(tokenHash, now);
        await sessionsRepository(tx).deleteAllOf(link.userId);
        await apiTokensRepository(tx).revokeAllOf(link.userId, now);
        return link;
      });
      return { ...(await startSession(userId, now)), purpose };
    },

    async signOut(sessionToken: string): Promise<void> {
      await sessions.delete(hashToken(sessionToken));
    },

    async userForSession(
      sessionToken: string,
    ): Promise<{ user: UserRow; csrfToken: string } | null> {
      const session = await sessions.findValid(hashToken(sessionToken), clock.now());
      if (!session) return null;
      const user = await users.findById(session.userId);
      return user ? { user, csrfToken: session.csrfToken } : null;
    },

    async userForApiToken(token: string): Promise<UserRow | null> {
      const userId = await tokens.useToken(hashToken(token), clock.now());
      return userId ? users.findById(userId) : null;
    },

    /** A new API token for a user; the secret is shown once and stored only hashed. */
    async createApiToken(email: string, name: string): Promise<{ id: string; token: string }> {
      const user = await requireUser(email);
      if (user.deactivatedAt) {
        throw new ThreadlineError(
          'CONFLICT',
          `${user.email} is deactivated: reactivate them first`,
        );
      }
      const token = newToken('tl_');
      const id = await tokens.create({ userId: user.id, name, tokenHash: hashToken(token) });
      return { id, token };
    },

    async listApiTokens(userId: string): Promise<ApiTokenRow[]> {
      if (!(await users.findById(userId))) throw new ThreadlineError('NOT_FOUND', 'No such user');
      return tokens.listOf(userId);
    },

    async revokeApiToken(id: string, userId: string): Promise<void> {
      if (!(await tokens.revoke(id, userId, clock.now()))) {
        throw new ThreadlineError('NOT_FOUND', 'No such active token');
      }
    },

    listUsers: () => users.list(),
    findUserByEmail: (email: string) => users.findByEmail(requireAddress(email)),
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
