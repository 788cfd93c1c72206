import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { linkEdit, threadLinks, threadMessages } from '../../api-shapes/mail.js';
import type { LinkEditingService } from '../../services/links/link-editing-service.js';
import { errorResponses } from '../errors.js';
import { requireUser } from '../principal.js';

const threadParams = z.object({ threadId: z.string().min(1).max(1000) });

/** A thread's messages and the hand editing of its links: relink, unlink, add. */
export function linkRoutes(links: LinkEditingService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/threads/:threadId/messages',
      {
        schema: {
          tags: ['mail'],
          summary: 'The messages of a thread the caller may see, oldest first, with their links',
          params: threadParams,
          response: { 200: threadMessages, ...errorResponses(400, 401, 404) },
        },
      },
      async (request) => {
        const user = requireUser(request);
        return links.messages(user, request.params.threadId);
      },
    );

    app.post(
      '/api/threads/:threadId/links',
      {
        schema: {
          tags: ['mail'],
          summary: 'Add, remove or relink a record on a whole thread (audited)',
          description:
            'The choice sticks for the rest of the thread: mail arriving later follows it. `add` links every captured message (source manual, confidence 1); `remove` unlinks them; `relink` removes `from` and adds the record in one transaction. A thread the caller may not see is NOT_FOUND.',
          params: threadParams,
          body: linkEdit,
          response: { 200: threadLinks, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => {
        const user = requireUser(request);
        return links.edit(user, request.params.threadId, request.body);
      },
    );
  };
}
