import type { Queryable } from '../database.js';

export type Role = 'admin' | 'manager' | 'rep';

export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  managerId: string | null;
  aliases: string[];
}

const userColumns = `u.id, u.email, u.name, u.role, u.manager_id AS "managerId",
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
    async passwordHashOf(email: string): Promise<{ id: string; hash: string | null } | null> {
      const [row] = await db.query<{ id: string; hash: string | null }>(
        'SELECT id, password_hash AS hash FROM users WHERE email = $1',
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
      const [row] = await db.query<{ id: string }>(
        `INSERT INTO users (email, name, role, password_hash) VALUES ($1, $2, $3, $4)
         ON CONFLICT (email) DO UPDATE SET name = EXCLUDED.name, role = EXCLUDED.role,
           password_hash = coalesce(EXCLUDED.password_hash, users.password_hash)
         RETURNING id`,
        [user.email, user.name, user.role, user.passwordHash],
      );
      return {
        id: row!.id,
        email: user.email,
        name: user.name,
        role: user.role,
        managerId: null,
        aliases: [],
      };
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
        `SELECT user_id AS "userId", csrf_token AS "csrfToken" FROM sessions
         WHERE token_hash = $1 AND expires_at > $2`,
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
    /** The owner of an unrevoked token, marking it used. */
    async useToken(tokenHash: string, now: Date): Promise<string | null> {
      const [row] = await db.query<{ userId: string }>(
        `UPDATE api_tokens SET last_used_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL
         RETURNING user_id AS "userId"`,
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
