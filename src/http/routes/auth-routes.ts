import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiToken, createdToken, session, user } from '../../api-shapes/auth.js';
import { itemsOf, ok } from '../../api-shapes/common.js';
import {
  presentUser as userView,
  type ApiTokenRow,
  type AuthService,
} from '../../services/auth/auth-service.js';
import { errorResponses } from '../errors.js';
import { requireUser, sessionCookie, setSessionCookie } from '../principal.js';

const tokenView = (token: ApiTokenRow) => ({
  id: token.id,
  name: token.name,
  createdAt: token.createdAt,
  lastUsedAt: token.lastUsedAt,
  revokedAt: token.revokedAt,
});

export function authRoutes(auth: AuthService, secureCookies: boolean): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/auth/sign-in',
      {
        schema: {
          tags: ['auth'],
          summary: 'Sign in with e-mail and password; sets an HttpOnly session cookie',
          body: z.object({ email: z.string().min(1), password: z.string().min(1) }),
          security: [],
          response: { 200: session, ...errorResponses(400, 401, 429) },
        },
      },
      async (request, reply) => {
        const signedIn = await auth.signIn(request.body.email, request.body.password, request.ip);
        setSessionCookie(reply, signedIn, secureCookies);
        return { user: userView(signedIn.user), csrfToken: signedIn.csrfToken };
      },
    );

    app.post(
      '/api/auth/sign-out',
      {
        schema: {
          tags: ['auth'],
          summary: 'End the session',
          response: { 200: ok, ...errorResponses(400, 401, 403) },
        },
      },
      async (request, reply) => {
        const cookie = request.cookies[sessionCookie];
        if (cookie) await auth.signOut(cookie);
        void reply.clearCookie(sessionCookie, { path: '/' });
        return { ok: true as const };
      },
    );

    app.get(
      '/api/auth/me',
      {
        schema: {
          tags: ['auth'],
          summary: 'The signed-in user and the CSRF token for writes',
          response: { 200: session, ...errorResponses(401) },
        },
      },
      async (request) => {
        const user = requireUser(request);
        return { user: userView(user), csrfToken: request.principal?.csrfToken ?? null };
      },
    );

    app.get(
      '/api/tokens',
      {
        schema: {
          tags: ['auth'],
          summary: 'Your API tokens, revoked ones included',
          response: { 200: itemsOf(apiToken), ...errorResponses(401, 404) },
        },
      },
      async (request) => {
        const user = requireUser(request);
        return { items: (await auth.listApiTokens(user.id)).map(tokenView) };
      },
    );

    app.post(
      '/api/tokens',
      {
        schema: {
          tags: ['auth'],
          summary: 'Create an API token for yourself; the secret is shown once',
          body: z.object({ name: z.string().min(1).max(100) }),
          response: { 200: createdToken, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => {
        const user = requireUser(request);
        return auth.createApiToken(user.email, request.body.name);
      },
    );

    app.delete(
      '/api/tokens/:id',
      {
        schema: {
          tags: ['auth'],
          summary: 'Revoke one of your API tokens',
          params: z.object({ id: z.guid() }),
          response: { 200: ok, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => {
        const user = requireUser(request);
        await auth.revokeApiToken(request.params.id, user.id);
        return { ok: true as const };
      },
    );

    app.get(
      '/api/users',
      {
        schema: {
          tags: ['users'],
          summary: 'All users (admin)',
          response: { 200: itemsOf(user), ...errorResponses(401, 403) },
        },
      },
      async (request) => {
        requireUser(request, 'admin');
        return { items: (await auth.listUsers()).map(userView) };
      },
    );

    app.get(
      '/api/users/:id/tokens',
      {
        schema: {
          tags: ['users'],
          summary: 'A user’s API tokens, revoked ones included (admin)',
          params: z.object({ id: z.guid() }),
          response: { 200: itemsOf(apiToken), ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => {
        requireUser(request, 'admin');
        return { items: (await auth.listApiTokens(request.params.id)).map(tokenView) };
      },
    );

    app.delete(
      '/api/users/:id/tokens/:tokenId',
      {
        schema: {
          tags: ['users'],
          summary: 'Revoke a user’s API token (admin)',
          params: z.object({ id: z.guid(), tokenId: z.guid() }),
          response: { 200: ok, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => {
        requireUser(request, 'admin');
        await auth.revokeApiToken(request.params.tokenId, request.params.id);
        return { ok: true as const };
      },
    );

    app.post(
      '/api/users',
      {
        schema: {
          tags: ['users'],
          summary:
            'Create or update a user (admin); a new password or role ends their sessions and revokes their API tokens',
          body: z.object({
            email: z.email(),
            name: z.string().max(200).optional(),
            role: z.enum(['admin', 'manager', 'rep']),
            password: z.string().max(1000).optional(),
          }),
          response: { 200: user, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => {
        requireUser(request, 'admin');
        const user = await auth.addUser({
          ...request.body,
          password: request.body.password ?? null,
        });
        return userView(user);
      },
    );
  };
}
