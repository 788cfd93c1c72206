import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { itemsOf, noContent } from '../../api-shapes/common.js';
import {
  bestTime,
  messageTracking,
  threadTracking,
  trackingSetting,
} from '../../api-shapes/tracking.js';
import type { TrackingService } from '../../services/tracking/tracking-service.js';
import { errorResponses } from '../errors.js';
import { requireUser } from '../principal.js';
import { trackingEndpoints } from './tracking-endpoints.js';

const idParam = z.object({ id: z.guid() });

/** The public pixel and redirects, the organisation's setting, and what people did with tracked mail. */
export function trackingRoutes(tracking: TrackingService): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(trackingEndpoints(tracking));
    app.get(
      '/api/settings/tracking',
      {
        schema: {
          tags: ['sending'],
          summary: 'Whether senders may track opens and clicks',
          response: { 200: trackingSetting, ...errorResponses(401) },
        },
      },
      async (request) => {
        requireUser(request);
        return { allowed: await tracking.allowed() };
      },
    );
    app.put(
      '/api/settings/tracking',
      {
        schema: {
          tags: ['sending'],
          summary: 'Allow or forbid open and click tracking for the organisation (admin)',
          body: trackingSetting,
          response: { 204: noContent, ...errorResponses(400, 401, 403) },
        },
      },
      async (request, reply) => {
        requireUser(request, 'admin');
        await tracking.setAllowed(request.body.allowed);
        return reply.code(204).send();
      },
    );
    app.get(
      '/api/messages/:id/tracking',
      {
        schema: {
          tags: ['sending'],
          summary: 'Opens and clicks of a tracked message, each with its verdict and reason',
          params: idParam,
          response: { 200: messageTracking, ...errorResponses(400, 401) },
        },
      },
      async (request) => {
        const found = await tracking.messageTracking(requireUser(request), request.params.id);
        return { ...found, events: found.events.map((e) => ({ ...e, at: e.at.toISOString() })) };
      },
    );
    app.get(
      '/api/tracking/threads',
      {
        schema: {
          tags: ['sending'],
          summary: 'People’s opens and clicks per thread, for the threads listed that you can see',
          querystring: z.object({ ids: z.string().max(10_000) }),
          response: { 200: itemsOf(threadTracking), ...errorResponses(400, 401) },
        },
      },
      async (request) => {
        const ids = request.query.ids.split(',').filter(Boolean).slice(0, 200);
        return { items: await tracking.threadCounts(requireUser(request), ids) };
      },
    );
    app.get(
      '/api/contacts/:id/best-time',
      {
        schema: {
          tags: ['sending'],
          summary:
            'When the contact tends to read and answer: replies and people’s opens by weekday and hour',
          params: idParam,
          querystring: z.object({ timeZone: z.string().min(1).max(64).optional() }),
          response: { 200: bestTime, ...errorResponses(400, 401, 404) },
        },
      },
      async (request) => {
        const { id } = request.params;
        const found = await tracking.bestTime(
          requireUser(request),
          id,
          request.query.timeZone ?? null,
        );
        return { ...found, best: [...found.best] };
      },
    );
  };
}
