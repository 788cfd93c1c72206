import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TrackingService } from '../../services/tracking/tracking-service.js';

/** A transparent 1×1 GIF: the answer to every pixel request, known token or not. */
export const pixelGif = Buffer.from(
  'R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7',
  'base64',
);

const tokenParam = z.object({ token: z.string().max(200) });
const noStore = 'no-store, private';

/**
 * The pixel and click redirects recipients' mail clients reach, without
 * signing in. They reveal nothing: the pixel is the same GIF whatever the
 * token, an unknown or altered click token gets the same 404, and a
 * redirect goes only to the link stored with the message.
 */
export function trackingEndpoints(tracking: TrackingService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/t/o/:token',
      {
        schema: { hide: true, security: [], params: tokenParam },
        logLevel: 'warn',
      },
      async (request, reply) => {
        // The image goes back at once, whatever the token: judging and storing the open follow.
        tracking.hit(hitOf(request, request.params.token)).catch((error: unknown) => {
          request.log.error({ err: error }, 'recording an open failed');
        });
        return reply.header('cache-control', noStore).type('image/gif').send(pixelGif);
      },
    );
    app.get(
      '/t/c/:token',
      {
        schema: { hide: true, security: [], params: tokenParam },
        logLevel: 'warn',
      },
      async (request, reply) => {
        const found = await tracking.hit(hitOf(request, request.params.token));
        void reply.header('cache-control', noStore);
        if (found?.kind !== 'click') {
          return reply.code(404).type('text/plain').send('This link is not valid.');
        }
        return reply.redirect(found.target, 302);
      },
    );
  };
}

function hitOf(
  request: {
    method: string;
    headers: Record<string, string | string[] | undefined>;
    ip: string;
    principal: unknown;
  },
  token: string,
) {
  const agent = request.headers['user-agent'];
  return {
    token,
    method: request.method,
    userAgent: typeof agent === 'string' ? agent : '',
    ip: request.ip || null,
    signedIn: request.principal !== null,
  };
}
