import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { itemsOf, noContent } from '../../api-shapes/common.js';
import { blockedPattern } from '../../api-shapes/mailboxes.js';
import type { PersonalBlocklistService } from '../../services/blocklist/personal-blocklist.js';
import { errorResponses } from '../errors.js';
import { additionResponses, sendAddition } from '../list-addition.js';
import { requireUser } from '../principal.js';

const pattern = z.object({ pattern: z.string().trim().min(3).max(320) });

/** The signed-in user's own block list: addresses and domains their mailboxes never capture. */
export function blocklistRoutes(blocklist: PersonalBlocklistService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/me/blocklist',
      {
        schema: {
          tags: ['mailboxes'],
          summary: 'Addresses and domains you never capture',
          response: { 200: itemsOf(z.string()), ...errorResponses(401) },
        },
      },
      async (request) => ({ items: await blocklist.list(requireUser(request).id) }),
    );
    app.post(
      '/api/me/blocklist',
      {
        schema: {
          tags: ['mailboxes'],
          summary: 'Never capture mail to or from an address or a domain in your mailboxes',
          body: pattern,
          response: additionResponses(blockedPattern, 'Already on the list'),
        },
      },
      async (request, reply) =>
        sendAddition(reply, await blocklist.add(requireUser(request).id, request.body.pattern)),
    );
    app.delete(
      '/api/me/blocklist/:pattern',
      {
        schema: {
          tags: ['mailboxes'],
          summary: 'Capture an address or domain again',
          params: pattern,
          response: { 204: noContent, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request, reply) => {
        await blocklist.remove(requireUser(request).id, request.params.pattern);
        return reply.code(204).send();
      },
    );
  };
}
