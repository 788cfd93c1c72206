import { setPasswordPath } from '../../api-shapes/auth.js';
import { ThreadlineError } from '../../core/errors.js';
import { normalizeAddress } from '../../core/addresses/normalize.js';
import { closesManagerLoop } from '../../core/auth/manager-chain.js';
import type { Database, Queryable } from '../../adapters/db/database.js';
import { mailboxesRepository } from '../../adapters/db/repositories/mailboxes.js';
import {
  passwordLinksRepository,
  type PasswordLinkPurpose,
} from '../../adapters/db/repositories/password-links.js';
import {
  apiTokensRepository,
  sessionsRepository,
  usersRepository,
  type Role,
  type UserRow,
} from '../../adapters/db/repositories/users.js';
import { hashToken, newToken } from '../../adapters/crypto/tokens.js';
import type { Clock } from '../../adapters/system/clock.js';
import type { Actor, AuditLog } from '../sharing/audit-log.js';
import type { AuthService, SignedIn } from './auth-service.js';

const linkLifetimeMs = 7 * 24 * 60 * 60 * 1000;

export interface PasswordLink {
  /** The whole link when the public URL is configured, else its path to append to the server's address. */
  link: string;
  expiresAt: Date;
}

/**
 * What admins do to users: invite, change role and manager, deactivate and
 * reactivate, reset a password. Mail sending comes later: a link is returned
 * for the admin to pass on.
 */
export function createUserAdminService(deps: {
  database: Database;
  clock: Clock;
  audit: AuditLog;
  auth: AuthService;
  /** THREADLINE_PUBLIC_URL, which links start with. */
  publicUrl: string | null;
}) {
  const { database, clock, audit } = deps;
  const users = usersRepository(database);

  async function requireUser(db: Queryable, id: string): Promise<UserRow> {
    const user = await usersRepository(db).findById(id);
    if (!user) throw new ThreadlineError('NOT_FOUND', `No user ${id}`);
    return user;
  }

  /** A new link for the user, replacing any unused one; only its hash is stored. */
  async function issueLink(
    tx: Queryable,
    userId: string,
    purpose: PasswordLinkPurpose,
  ): Promise<PasswordLink> {
    const token = newToken('tlp_');
    const expiresAt = new Date(clock.now().getTime() + linkLifetimeMs);
    const links = passwordLinksRepository(tx);
    await links.dropUnusedOf(userId);
    await links.create({ tokenHash: hashToken(token), userId, purpose, expiresAt });
    const base = (deps.publicUrl ?? '').replace(/\/+$/, '');
    return { link: `${base}${setPasswordPath}#token=${token}`, expiresAt };
  }

  /** Refuses a manager who does not exist or who would close a loop in the chain. */
  async function checkManager(tx: Queryable, userId: string, managerId: string): Promise<void> {
    const links = await usersRepository(tx).managerLinks();
    if (!links.has(managerId)) {
      throw new ThreadlineError('VALIDATION_FAILED', `No user ${managerId} to be the manager`, {
        field: 'managerId',
      });
    }
    if (closesManagerLoop(userId, managerId, links)) {
      throw new ThreadlineError(
        'VALIDATION_FAILED',
        'The manager reports to this user, directly or through others',
        { field: 'managerId' },
      );
    }
  }

  /** Refuses to leave the organisation without an active admin. */
  async function keepAnAdmin(tx: Queryable, leaving: UserRow): Promise<void> {
    if (leaving.role !== 'admin' || leaving.deactivatedAt) return;
    const admins = await usersRepository(tx).lockActiveAdmins();
    if (admins.every((id) => id === leaving.id)) {
      throw new ThreadlineError(
        'LAST_ADMIN',
        `${leaving.email} is the last active admin: make another user admin first`,
      );
    }
  }

  /** Ends every way the user is signed in: whoever holds them was let in under what changed. */
  async function signOutEverywhere(tx: Queryable, userId: string): Promise<void> {
    await sessionsRepository(tx).deleteAllOf(userId);
    await apiTokensRepository(tx).revokeAllOf(userId, clock.now());
  }

  const target = (user: UserRow) => ({ type: 'user', id: user.id });

  return {
    /**
     * Creates a user without a password, or updates one who has not set a
     * password yet with what the input gives, and returns a one-time link to
     * set it. Inviting again replaces the previous link.
     */
    async invite(
      actor: Actor,
      input: { email: string; name?: string; role?: Role; managerId?: string | null },
    ): Promise<{ user: UserRow } & PasswordLink> {
      const email = normalizeAddress(input.email);
      if (!email) {
        throw new ThreadlineError('VALIDATION_FAILED', `"${input.email}" is not an e-mail address`);
      }
      const { user, link } = await database.transaction(async (tx) => {
        const repository = usersRepository(tx);
        const before = await repository.findByEmail(email);
        if (before?.deactivatedAt) {
          throw new ThreadlineError('CONFLICT', `${email} is deactivated: reactivate them instead`);
        }
        if (before && (await repository.hasPassword(before.id))) {
          throw new ThreadlineError(
            'CONFLICT',
            `${email} has already set a password: reset it instead`,
          );
        }
        const saved = await repository.upsert({
          email,
          name: input.name ?? before?.name ?? '',
          role: input.role ?? before?.role ?? 'rep',
          passwordHash: null,
        });
        const managerId =
          input.managerId === undefined ? (before?.managerId ?? null) : input.managerId;
        if (managerId !== null) await checkManager(tx, saved.id, managerId);
        await repository.update(saved.id, { name: saved.name, role: saved.role, managerId });
        return {
          user: await requireUser(tx, saved.id),
          link: await issueLink(tx, saved.id, 'invitation'),
        };
      });
      await audit.record(actor, 'user.invite', target(user), {
        email: user.email,
        role: user.role,
        managerId: user.managerId,
        expiresAt: link.expiresAt,
      });
      return { user, ...link };
    },

    /**
     * Changes what the input gives. A new role ends the user's sessions and
     * revokes their API tokens; the last active admin keeps the role.
     */
    async update(
      actor: Actor,
      id: string,
      input: { name?: string; role?: Role; managerId?: string | null },
    ): Promise<UserRow> {
      const { before, after } = await database.transaction(async (tx) => {
        const before = await requireUser(tx, id);
        const role = input.role ?? before.role;
        const managerId = input.managerId === undefined ? before.managerId : input.managerId;
        if (role !== 'admin') await keepAnAdmin(tx, before);
        if (managerId !== null && managerId !== before.managerId) {
          await checkManager(tx, id, managerId);
        }
        await usersRepository(tx).update(id, {
          name: input.name ?? before.name,
          role,
          managerId,
        });
        if (role !== before.role) await signOutEverywhere(tx, id);
        return { before, after: await requireUser(tx, id) };
      });
      const changed = (['name', 'role', 'managerId'] as const).filter(
        (key) => before[key] !== after[key],
      );
      await audit.record(
        actor,
        'user.update',
        target(after),
        Object.fromEntries(changed.map((key) => [key, { from: before[key], to: after[key] }])),
      );
      return after;
    },

    /**
     * The user can no longer sign in: sessions end, API tokens and unused
     * links are revoked at once, and their mailboxes are paused. Their mail stays.
     */
    async deactivate(actor: Actor, id: string): Promise<UserRow> {
      const user = await database.transaction(async (tx) => {
        const before = await requireUser(tx, id);
        if (before.deactivatedAt) return before;
        await keepAnAdmin(tx, before);
        await usersRepository(tx).setDeactivated(id, clock.now());
        await signOutEverywhere(tx, id);
        await passwordLinksRepository(tx).dropUnusedOf(id);
        await mailboxesRepository(tx).pauseAllOf(id, clock.now());
        return requireUser(tx, id);
      });
      await audit.record(actor, 'user.deactivate', target(user), { email: user.email });
      return user;
    },

    /** The user may sign in again and their mailboxes sync again; revoked API tokens stay revoked. */
    async reactivate(actor: Actor, id: string): Promise<UserRow> {
      const user = await database.transaction(async (tx) => {
        await requireUser(tx, id);
        await usersRepository(tx).setDeactivated(id, null);
        await mailboxesRepository(tx).resumeAllOf(id);
        return requireUser(tx, id);
      });
      await audit.record(actor, 'user.reactivate', target(user), { email: user.email });
      return user;
    },

    /**
     * A one-time link to set a new password. The old password works until the
     * new one is set; the user's sessions end now.
     */
    async resetPassword(actor: Actor, id: string): Promise<PasswordLink> {
      const { user, link } = await database.transaction(async (tx) => {
        const user = await requireUser(tx, id);
        if (user.deactivatedAt) {
          throw new ThreadlineError(
            'CONFLICT',
            `${user.email} is deactivated: reactivate them first`,
          );
        }
        await sessionsRepository(tx).deleteAllOf(id);
        return { user, link: await issueLink(tx, id, 'reset') };
      });
      await audit.record(actor, 'user.password_reset', target(user), {
        expiresAt: link.expiresAt,
      });
      return link;
    },

    /** Sets the password through an invitation or reset link, and signs the user in. */
    async setPasswordWithLink(token: string, password: string): Promise<SignedIn> {
      const { purpose, ...signedIn } = await deps.auth.setPasswordWithLink(token, password);
      await audit.record(signedIn.user, 'user.password_set', target(signedIn.user), { purpose });
      return signedIn;
    },

    get: (id: string) => requireUser(database, id),
    findByEmail: (email: string) => users.findByEmail(normalizeAddress(email) ?? email),
  };
}

export type UserAdminService = ReturnType<typeof createUserAdminService>;
