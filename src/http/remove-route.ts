import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { noContent } from '../api-shapes/common.js';
import { errorResponses } from './errors.js';

type ZodApp = Parameters<FastifyPluginAsyncZod>[0];

/** `DELETE path/:id`: 204 once removed; a missing id is the service's NOT_FOUND. */
export function removeRoute(
  app: ZodApp,
  route: { path: string; tag: string; summary: string },
  remove: (request: FastifyRequest, id: string) => Promise<void>,
): void {
  app.delete(
    route.path,
    {
      schema: {
        tags: [route.tag],
        summary: route.summary,
        params: z.object({ id: z.guid() }),
        response: { 204: noContent, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await remove(request, request.params.id);
      return reply.code(204).send();
    },
  );
}
