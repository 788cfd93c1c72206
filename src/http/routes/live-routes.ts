import type { ServerResponse } from 'node:http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { refileRuns } from '../../api-shapes/live.js';
import type { BackgroundRefiling } from '../../services/capture/background-refiling.js';
import type { LiveUpdates } from '../../services/live/live-updates.js';
import { errorResponses } from '../errors.js';
import { requireUser } from '../principal.js';

/** A comment line now and then, so proxies keep an idle stream open. */
const heartbeatMs = 20_000;
/**
 * A stream ends after this long and the browser opens it again, signing in
 * anew: a signed-out or deactivated user stops hearing of changes.
 */
const streamLifetimeMs = 5 * 60_000;

/** The live stream of changes for open pages, and the progress of re-filing runs. */
export function liveRoutes(deps: {
  live: Pick<LiveUpdates, 'listen'>;
  refiling: Pick<BackgroundRefiling, 'progress'>;
}): FastifyPluginAsyncZod {
  return async (app) => {
    const open = new Set<ServerResponse>();
    // Before the server stops listening: an open stream would keep its close waiting.
    app.addHook('preClose', async () => {
      for (const stream of open) stream.end();
    });

    app.get(
      '/api/events',
      {
        schema: {
          tags: ['live'],
          summary: 'Server-sent events: a notice when data the caller may see changes',
          description:
            'A `text/event-stream`. Each `change` event carries `{ topic, ids }` (topics: mail, links, review, mailboxes, refiling, undo) and only ids, never content: a page refetches what it shows through the read API, where the sharing rules apply. The stream ends after five minutes; EventSource reconnects.',
          response: errorResponses(401),
        },
      },
      async (request, reply) => {
        const user = requireUser(request);
        reply.hijack();
        const stream = reply.raw;
        stream.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-store',
          connection: 'keep-alive',
          'x-content-type-options': 'nosniff',
        });
        stream.write('retry: 2000\n: connected\n\n');
        open.add(stream);
        const stop = deps.live.listen(user.id, (change) => {
          stream.write(`event: change\ndata: ${JSON.stringify(change)}\n\n`);
        });
        const heartbeat = setInterval(() => stream.write(': still here\n\n'), heartbeatMs);
        const lifetime = setTimeout(() => stream.end(), streamLifetimeMs);
        stream.on('close', () => {
          stop();
          clearInterval(heartbeat);
          clearTimeout(lifetime);
          open.delete(stream);
        });
      },
    );

    app.get(
      '/api/refiling',
      {
        schema: {
          tags: ['live'],
          summary:
            'Re-filing after CRM changes: runs under way and those finished in the last minute',
          response: { 200: refileRuns, ...errorResponses(401) },
        },
      },
      async (request) => {
        requireUser(request);
        return { items: await deps.refiling.progress() };
      },
    );
  };
}
