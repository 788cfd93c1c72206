import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { itemsOf } from '../../api-shapes/common.js';
import { breakGlassGrant, breakGlassInput } from '../../api-shapes/break-glass.js';
import type { BreakGlassService } from '../../services/sharing/break-glass.js';
import { errorResponses } from '../errors.js';
import { requireUser } from '../principal.js';

/** An admin's audited read of a user's private mail, and the owner's list of such reads. */
export function breakGlassRoutes(breakGlass: BreakGlassService): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/break-glass',
      {
        schema: {
          tags: ['sharing'],
          summary: 'Read a user’s private mail for a while, with a reason (admin, audited)',
          description:
            'Private and held mail is hidden from admins too. This grant lets the admin read one message ' +
            'of the user’s (`messageId`), or all their mail, for `minutes`; the user sees it in ' +
            '`GET /api/me/break-glass`. NOT_FOUND for an unknown user or a message the user does not hold.',
          body: breakGlassInput,
          response: { 201: breakGlassGrant, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request, reply) => {
        const admin = requireUser(request, 'admin');
        return reply.code(201).send(await breakGlass.grant(admin, request.body));
      },
    );

    app.get(
      '/api/me/break-glass',
      {
        schema: {
          tags: ['sharing'],
          summary: 'Who read my private mail: admins’ break-glass reads of it, newest first',
          response: { 200: itemsOf(breakGlassGrant), ...errorResponses(401) },
        },
      },
      async (request) => ({ items: await breakGlass.readsOfMyMail(requireUser(request)) }),
    );
  };
}
