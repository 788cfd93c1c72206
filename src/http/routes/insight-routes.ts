import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { itemsOf } from '../../api-shapes/common.js';
import { accountConnections, contactConnection } from '../../api-shapes/insight.js';
import type { ConnectionsService } from '../../services/insight/connections-service.js';
import { errorResponses } from '../errors.js';
import { requireUser } from '../principal.js';

/** Relationship insight: connection strength and who knows whom, from mail the reader may see. */
export function insightRoutes(connections: ConnectionsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/contacts/:id/connections',
      {
        schema: {
          tags: ['insight'],
          summary: 'How strong each colleague’s connection with the contact is, and why',
          params: z.object({ id: z.guid() }),
          response: { 200: itemsOf(contactConnection), ...errorResponses(400, 401, 404) },
        },
      },
      async (request) => ({
        items: await connections.contact(requireUser(request), request.params.id),
      }),
    );
    app.get(
      '/api/accounts/:id/connections',
      {
        schema: {
          tags: ['insight'],
          summary: 'Who knows whom at the account: our people, theirs, and others on the threads',
          params: z.object({ id: z.guid() }),
          response: { 200: accountConnections, ...errorResponses(400, 401, 404) },
        },
      },
      async (request) => connections.account(requireUser(request), request.params.id),
    );
  };
}
