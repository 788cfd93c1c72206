import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { providerPreset } from '../../api-shapes/mailboxes.js';
import { providerPresets } from '../../services/mailboxes/provider-presets.js';
import { errorResponses } from '../errors.js';
import { requireUser } from '../principal.js';

/** The mail providers the connect form offers, with their servers. */
export function providerPresetRoutes(): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/mailboxes/presets',
      {
        schema: {
          tags: ['mailboxes'],
          summary: 'IMAP and SMTP servers of the common providers, for the connect form',
          response: { 200: z.array(providerPreset), ...errorResponses(401) },
        },
      },
      async (request) => {
        requireUser(request);
        return Object.entries(providerPresets).map(([id, preset]) => ({ id, ...preset }));
      },
    );
  };
}
