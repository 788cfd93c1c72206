import type { FastifyReply, FastifyRequest } from 'fastify';
import { ThreadlineError } from '../core/errors.js';
import type { AuthService, Role, SignedIn, UserRow } from '../services/auth/auth-service.js';
import { localOperator } from '../services/auth/local-operator.js';

export const sessionCookie = 'tl_session';

export interface Principal {
  user: UserRow;
  /** Cookie sessions need a CSRF token on writes; bearer tokens do not. */
  via: 'session' | 'token' | 'local-cli';
  csrfToken: string | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** Hands the browser its new session as an HttpOnly cookie. */
export function setSessionCookie(reply: FastifyReply, signedIn: SignedIn, secure: boolean): void {
  void reply.setCookie(sessionCookie, signedIn.sessionToken, {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: '/',
    expires: signedIn.expiresAt,
  });
}

/** Methods that change nothing: no CSRF token needed under a session cookie. */
export const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves who is calling: a bearer API token, the local CLI token of this
 * process, or a session cookie. Cookie-authenticated writes must echo the
 * session's CSRF token in `x-csrf-token`.
 */
export function resolvePrincipal(auth: AuthService, localCliToken: string | null) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    request.principal = null;
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      const token = header.slice('Bearer '.length).trim();
      if (localCliToken && token === localCliToken) {
        request.principal = { user: localOperator, via: 'local-cli', csrfToken: null };
        return;
      }
      const user = await auth.userForApiToken(token);
      if (!user)
        throw new ThreadlineError('UNAUTHENTICATED', 'The API token is unknown or revoked');
      request.principal = { user, via: 'token', csrfToken: null };
      return;
    }
    const cookie = request.cookies[sessionCookie];
    if (!cookie) return;
    const session = await auth.userForSession(cookie);
    if (!session) return;
    if (!safeMethods.has(request.method) && request.headers['x-csrf-token'] !== session.csrfToken) {
      throw new ThreadlineError('FORBIDDEN', 'Missing or wrong CSRF token (x-csrf-token header)');
    }
    request.principal = { user: session.user, via: 'session', csrfToken: session.csrfToken };
  };
}

const rank: Record<Role, number> = { rep: 0, manager: 1, admin: 2 };

/** The caller, who must be signed in and hold at least `role`. */
export function requireUser(request: FastifyRequest, role: Role = 'rep'): UserRow {
  const principal = request.principal;
  if (!principal) throw new ThreadlineError('UNAUTHENTICATED', 'Sign in or send an API token');
  if (rank[principal.user.role] < rank[role]) {
    throw new ThreadlineError('FORBIDDEN', `This needs the ${role} role`);
  }
  return principal.user;
}
