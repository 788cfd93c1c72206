import type { Queryable } from '../database.js';

export type Role = 'admin' | 'manager' | 'rep';

export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  managerId: string | null;
  aliases: string[];
  /** Set while the user may not sign in; their mail stays. */
  deactivatedAt: Date | null;
}

const userColumns = `u.id, u.email, u.name, u.role, u.manager_id AS "managerId",
  u.deactivated_at AS "deactivatedAt",
  coalesce((SELECT array_agg(a.address ORDER BY a.address) FROM user_aliases a WHERE a.user_id = u.id), '{}') AS aliases`;

export function usersRepository(db: Queryable) {
  return {
    async countUsers(): Promise<number> {
      const [row] = await db.query<{ n: number }>('SELECT count(*) AS n FROM users');
      return row?.n ?? 0;
    },
    async findById(id: string): Promise<UserRow | null> {
      const [row] = await db.query<UserRow>(`SELECT ${userColumns} FROM users u WHERE u.id = $1`, [
        id,
      ]);
      return row ?? null;
    },
    async findByEmail(email: string): Promise<UserRow | null> {
      const [row] = await db.query<UserRow>(
        `SELECT ${userColumns} FROM users u WHERE u.email = $1`,
        [email],
      );
      return row ?? null;
    },
    async passwordHashOf(
      email: string,
    ): Promise<{ id: string; hash: string | null; deactivated: boolean } | null> {
      const [row] = await db.query<{ id: string; hash: string | null; deactivated: boolean }>(
        `SELECT id, password_hash AS hash, deactivated_at IS NOT NULL AS deactivated
         FROM users WHERE email = $1`,
        [email],
      );
      return row ?? null;
    },
    async list(): Promise<UserRow[]> {
      return db.query<UserRow>(`SELECT ${userColumns} FROM users u ORDER BY u.email`);
    },
    /** Creates the user, or updates name, role and password of the one with this e-mail. */
    async upsert(user: {
      email: string;
      name: string;
      role: Role;
      passwordHash: string | null;
    }): Promise<UserRow> {
      const [row] = await db.query<Pick<UserRow, 'id' | 'managerId' | 'deactivatedAt'>>(
        `INSERT INTO users (email, name, role, password_hash) VALUES ($1, $2, $3, $4)
         ON CONFLICT (email) DO UPDATE SET name = EXCLUDED.name, role = EXCLUDED.role,
           password_hash = coalesce(EXCLUDED.password_hash, users.password_hash)
         RETURNING id, manager_id AS "managerId", deactivated_at AS "deactivatedAt"`,
        [user.email, user.name, user.role, user.passwordHash],
      );
      return { ...row!, email: user.email, name: user.name, role: user.role, aliases: [] };
    },
    async hasPassword(id: string): Promise<boolean> {
      const rows = await db.query(
        'SELECT 1 FROM users WHERE id = $1 AND password_hash IS NOT NULL',
        [id],
      );
      return rows.length > 0;
    },
    async update(id: string, fields: { name: string; role: Role; managerId: string | null }) {
      await db.query('UPDATE users SET name = $2, role = $3, manager_id = $4 WHERE id = $1', [
        id,
        fields.name,
        fields.role,
        fields.managerId,
      ]);
    },
    async setPasswordHash(id: string, hash: string): Promise<void> {
      await db.query('UPDATE users SET password_hash = $2 WHERE id = $1', [id, hash]);
    },
    async setDeactivated(id: string, at: Date | null): Promise<void> {
      await db.query('UPDATE users SET deactivated_at = $2 WHERE id = $1', [id, at]);
    },
    /**
     * The active admins, locked until the transaction ends: two admins demoting
     * each other at once cannot both see the other one stay.
     */
    async lockActiveAdmins(): Promise<string[]> {
      const rows = await db.query<{ id: string }>(
        `SELECT id FROM users WHERE role = 'admin' AND deactivated_at IS NULL ORDER BY id FOR UPDATE`,
      );
      return rows.map((row) => row.id);
    },
    /** Every user's manager, for checking a new one closes no loop. */
    async managerLinks(): Promise<Map<string, string | null>> {
      const rows = await db.query<{ id: string; managerId: string | null }>(
        'SELECT id, manager_id AS "managerId" FROM users',
      );
      return new Map(rows.map((row) => [row.id, row.managerId]));
    },
  };
}

export function sessionsRepository(db: Queryable) {
  return {
    async create(session: {
      tokenHash: string;
      userId: string;
      csrfToken: string;
      expiresAt: Date;
    }) {
      await db.query(
        'INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at) VALUES ($1, $2, $3, $4)',
        [session.tokenHash, session.userId, session.csrfToken, session.expiresAt],
      );
    },
    async findValid(tokenHash: string, now: Date) {
      const [row] = await db.query<{ userId: string; csrfToken: string }>(
        // A session started while its user was being deactivated is not one.
        `SELECT s.user_id AS "userId", s.csrf_token AS "csrfToken"
         FROM sessions s JOIN users u ON u.id = s.user_id AND u.deactivated_at IS NULL
         WHERE s.token_hash = $1 AND s.expires_at > $2`,
        [tokenHash, now],
      );
      return row ?? null;
    },
    async delete(tokenHash: string) {
      await db.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
    },
    async deleteAllOf(userId: string) {
      await db.query('DELETE FROM sessions WHERE user_id = $1', [userId]);
    },
  };
}

export interface ApiTokenRow {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export function apiTokensRepository(db: Queryable) {
  return {
    /** A user's tokens, newest first, revoked ones included; never the secret or its hash. */
    async listOf(userId: string): Promise<ApiTokenRow[]> {
      return db.query<ApiTokenRow>(
        `SELECT id, name, created_at AS "createdAt", last_used_at AS "lastUsedAt",
           revoked_at AS "revokedAt"
         FROM api_tokens WHERE user_id = $1 ORDER BY created_at DESC, id`,
        [userId],
      );
    },
    async create(token: { userId: string; name: string; tokenHash: string }): Promise<string> {
      const [row] = await db.query<{ id: string }>(
        'INSERT INTO api_tokens (user_id, name, token_hash) VALUES ($1, $2, $3) RETURNING id',
        [token.userId, token.name, token.tokenHash],
      );
      return row!.id;
    },
    /** The owner of an unrevoked token, unless deactivated, marking it used. */
    async useToken(tokenHash: string, now: Date): Promise<string | null> {
      const [row] = await db.query<{ userId: string }>(
        `UPDATE api_tokens t SET last_used_at = $2
         FROM users u
         WHERE t.token_hash = $1 AND t.revoked_at IS NULL
           AND u.id = t.user_id AND u.deactivated_at IS NULL
         RETURNING t.user_id AS "userId"`,
        [tokenHash, now],
      );
      return row?.userId ?? null;
    },
    async revoke(id: string, userId: string, now: Date): Promise<boolean> {
      const rows = await db.query(
        'UPDATE api_tokens SET revoked_at = $3 WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL RETURNING id',
        [id, userId, now],
      );
      return rows.length > 0;
    },
    async revokeAllOf(userId: string, now: Date): Promise<void> {
      await db.query(
        'UPDATE api_tokens SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL',
        [userId, now],
      );
    },
  };
}
