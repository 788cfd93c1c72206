import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { fleet } from '../../api-shapes/fleet.js';
import { prometheusText } from '../../core/sync/prometheus-text.js';
import type { FleetStatus } from '../../services/sync/fleet-status.js';
import { errorResponses } from '../errors.js';
import { requireUser } from '../principal.js';

/**
 * The fleet of sync workers for admins: GET /api/fleet, and with
 * `metrics` on, GET /metrics in the Prometheus text format (an admin's
 * session or API token, as a scraper sends it in `Authorization: Bearer`).
 */
export function fleetRoutes(
  status: () => Promise<FleetStatus>,
  options: { metrics: boolean },
): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/fleet',
      {
        schema: {
          tags: ['mailboxes'],
          summary: 'Sync workers (mailboxes held, connections, lag) and each mailbox’s holder',
          response: { 200: fleet, ...errorResponses(401, 403) },
        },
      },
      async (request) => {
        requireUser(request, 'admin');
        return status();
      },
    );
    if (!options.metrics) return;
    app.get(
      '/metrics',
      {
        schema: {
          tags: ['mailboxes'],
          summary: 'Sync metrics in the Prometheus text format (THREADLINE_METRICS=on)',
          response: { 200: z.string(), ...errorResponses(401, 403) },
        },
      },
      async (request, reply) => {
        requireUser(request, 'admin');
        return reply.type('text/plain; version=0.0.4').send(prometheusText(await status()));
      },
    );
  };
}
