import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { noContent } from '../../api-shapes/common.js';
import type { AssignmentSettingsService } from '../../services/rules/assignment-settings.js';
import { errorResponses } from '../errors.js';
import { requireUser } from '../principal.js';

const territory = z.object({ country: z.string(), userId: z.string() });

/** The territory table rules read to give a sender's country its rep. */
export function territoryRoutes(settings: AssignmentSettingsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/territories',
      {
        schema: {
          tags: ['workflow rules'],
          summary: 'Each country’s rep, by ISO 3166 alpha-2 code',
          response: { 200: z.array(territory), ...errorResponses(401) },
        },
      },
      async (request) => {
        requireUser(request);
        return (await settings.read()).territories;
      },
    );
    app.put(
      '/api/territories/:country',
      {
        schema: {
          tags: ['workflow rules'],
          summary: 'Give a country a rep, or take it away (`userId` null)',
          params: z.object({
            country: z.string().regex(/^[A-Za-z]{2}$/, 'a two-letter country code'),
          }),
          body: z.object({ userId: z.guid().nullable() }),
          response: { 204: noContent, ...errorResponses(400, 401, 403) },
        },
      },
      async (request, reply) => {
        await settings.setTerritory(
          requireUser(request),
          request.params.country,
          request.body.userId,
        );
        return reply.code(204).send();
      },
    );
  };
}
