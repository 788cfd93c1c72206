import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { invitation, passwordLink, role, session, user } from '../../api-shapes/auth.js';
import { presentUser } from '../../services/auth/auth-service.js';
import type { UserAdminService } from '../../services/auth/user-admin.js';
import { errorResponses } from '../errors.js';
import { requireUser, setSessionCookie } from '../principal.js';

const userId = z.object({ id: z.guid() });

/** Admins invite, change, deactivate and reactivate users and reset passwords; a link sets a password. */
export function userAdminRoutes(
  admin: UserAdminService,
  secureCookies: boolean,
): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/users/invitations',
      {
        schema: {
          tags: ['users'],
          summary:
            'Invite a user (admin): creates them without a password and returns a one-time link, valid 7 days, to set it; inviting again replaces the link',
          body: z.object({
            email: z.email(),
            name: z.string().max(200).optional(),
            role: role.optional(),
            managerId: z.guid().nullable().optional(),
          }),
          response: { 200: invitation, ...errorResponses(400, 401, 403, 409) },
        },
      },
      async (request) => {
        const actor = requireUser(request, 'admin');
        const invited = await admin.invite(actor, request.body);
        return { ...invited, user: presentUser(invited.user) };
      },
    );

    app.patch(
      '/api/users/:id',
      {
        schema: {
          tags: ['users'],
          summary:
            'Change a user’s name, role or manager (admin); a new role ends their sessions and revokes their API tokens',
          params: userId,
          body: z.object({
            name: z.string().max(200).optional(),
            role: role.optional(),
            managerId: z.guid().nullable().optional(),
          }),
          response: { 200: user, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => {
        const actor = requireUser(request, 'admin');
        return presentUser(await admin.update(actor, request.params.id, request.body));
      },
    );

    app.post(
      '/api/users/:id/deactivate',
      {
        schema: {
          tags: ['users'],
          summary:
            'Deactivate a user (admin): no sign-in, sessions ended, API tokens revoked, mailboxes paused; their mail stays',
          params: userId,
          response: { 200: user, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => {
        const actor = requireUser(request, 'admin');
        return presentUser(await admin.deactivate(actor, request.params.id));
      },
    );

    app.post(
      '/api/users/:id/reactivate',
      {
        schema: {
          tags: ['users'],
          summary:
            'Reactivate a user (admin): they may sign in and their mailboxes sync again; revoked API tokens stay revoked',
          params: userId,
          response: { 200: user, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => {
        const actor = requireUser(request, 'admin');
        return presentUser(await admin.reactivate(actor, request.params.id));
      },
    );

    app.post(
      '/api/users/:id/password-reset',
      {
        schema: {
          tags: ['users'],
          summary:
            'Reset a user’s password (admin): ends their sessions and returns a one-time link, valid 7 days, to set a new one; the old password works until then',
          params: userId,
          response: { 200: passwordLink, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => {
        const actor = requireUser(request, 'admin');
        return admin.resetPassword(actor, request.params.id);
      },
    );

    app.post(
      '/api/auth/accept-invitation',
      {
        schema: {
          tags: ['auth'],
          summary:
            'Set your password with an invitation or reset link, and sign in: LINK_UNKNOWN, LINK_USED or LINK_EXPIRED when the link does not work',
          body: z.object({ token: z.string().min(1).max(200), password: z.string().max(1000) }),
          security: [],
          response: { 200: session, ...errorResponses(400, 404, 410) },
        },
      },
      async (request, reply) => {
        const signedIn = await admin.setPasswordWithLink(request.body.token, request.body.password);
        setSessionCookie(reply, signedIn, secureCookies);
        return { user: presentUser(signedIn.user), csrfToken: signedIn.csrfToken };
      },
    );
  };
}
