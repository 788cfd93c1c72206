import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { lastAction, undoableAction } from '../../api-shapes/live.js';
import type { UndoService } from '../../services/undo/undo-service.js';
import { errorResponses } from '../errors.js';
import { requireUser } from '../principal.js';

/** The caller's last action on their mail, and undoing it. */
export function undoRoutes(undo: UndoService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/undo',
      {
        schema: {
          tags: ['mail'],
          summary: 'The caller’s last action that may still be undone, or null',
          response: { 200: lastAction, ...errorResponses(401) },
        },
      },
      async (request) => ({ action: await undo.last(requireUser(request)) }),
    );

    app.post(
      '/api/undo',
      {
        schema: {
          tags: ['mail'],
          summary: 'Undo the caller’s last action (File & Clear, exclude, unlink, relink, include)',
          description:
            'Puts back the links, thread choices, review decisions and held copies the action changed. An action may be undone for five minutes, once. NOT_FOUND when there is nothing left to undo. Audited.',
          response: { 200: undoableAction, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => {
        const user = requireUser(request);
        return undo.undoLast(user);
      },
    );
  };
}
