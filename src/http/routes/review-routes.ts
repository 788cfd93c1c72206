import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ReviewQueueService } from '../../services/review/review-queue-service.js';
import { requireUser } from '../principal.js';

const threadParams = z.object({ threadId: z.string().min(1).max(1000) });

/** C6, the review queue: scan, include, exclude, file by subject, clear. */
export function reviewRoutes(review: ReviewQueueService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/review',
      {
        schema: {
          tags: ['review'],
          summary:
            'Your threads to review since the last clear, newest first, with suggested filing',
          description:
            'Mail in your mailboxes that capture by review, captured or with a suggested link. ' +
            'Page with `cursor` = the previous answer’s `next`.',
          querystring: z.object({
            cursor: z.string().max(500).optional(),
            limit: z.coerce.number().int().min(1).max(100).default(20),
          }),
        },
      },
      async (request) =>
        review.list(requireUser(request), {
          cursor: request.query.cursor ?? null,
          limit: request.query.limit,
        }),
    );
    app.post(
      '/api/review/:threadId/include',
      {
        schema: {
          tags: ['review'],
          summary: 'Keep the thread’s filing; with `dealId`, also file it on that deal',
          params: threadParams,
          body: z.object({ dealId: z.guid().optional() }).default({}),
        },
      },
      async (request) =>
        review.include(requireUser(request), request.params.threadId, request.body),
    );
    app.post(
      '/api/review/:threadId/exclude',
      {
        schema: {
          tags: ['review'],
          summary: 'Unfile the thread from every suggested record, for the rest of the thread',
          params: threadParams,
        },
      },
      async (request) => review.exclude(requireUser(request), request.params.threadId),
    );
    app.post(
      '/api/review/:threadId/file-by-subject',
      {
        schema: {
          tags: ['review'],
          summary: 'File the thread on a record and your future mail with the same subject',
          params: threadParams,
          body: z.object({
            recordType: z.enum(['account', 'contact', 'lead', 'deal', 'case']),
            recordId: z.guid(),
            pattern: z.string().trim().min(2).max(300).optional(),
          }),
        },
      },
      async (request) =>
        review.fileBySubject(requireUser(request), request.params.threadId, request.body),
    );
    app.post(
      '/api/review/clear',
      {
        schema: {
          tags: ['review'],
          summary: 'Empty your queue; the next scan lists mail arriving after now',
        },
      },
      async (request) => review.clear(requireUser(request)),
    );
  };
}
