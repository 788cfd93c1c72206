import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { MailReadsService, RecordType } from '../../services/timeline/mail-reads-service.js';
import { clientGone } from '../client-gone.js';
import { requireUser } from '../principal.js';
import { recordPaths } from './record-routes.js';

const flag = z.enum(['true', 'false']).default('false');

/** Record timelines, activity summaries, search and messages: only what the caller may see. */
export function mailReadRoutes(reads: MailReadsService): FastifyPluginAsyncZod {
  return async (app) => {
    for (const [type, path] of Object.entries(recordPaths) as [RecordType, string][]) {
      app.get(
        `/api/${path}/:id/timeline`,
        {
          schema: {
            tags: ['mail'],
            summary: `The ${type}'s conversations, one entry per thread, newest first`,
            description:
              'Only mail the caller may see. Page with `cursor` = the previous answer’s `next`.' +
              (type === 'account' ? ' `includeSubsidiaries=true` adds the accounts below.' : ''),
            params: z.object({ id: z.guid() }),
            querystring: z.object({
              cursor: z.string().max(500).optional(),
              limit: z.coerce.number().int().min(1).max(100).default(25),
              includeSubsidiaries: flag,
            }),
          },
        },
        async (request, reply) => {
          const user = requireUser(request);
          return reads.timeline(
            user,
            {
              type,
              id: request.params.id,
              includeSubsidiaries: request.query.includeSubsidiaries === 'true',
              cursor: request.query.cursor ?? null,
              limit: request.query.limit,
            },
            clientGone(reply),
          );
        },
      );
      app.get(
        `/api/${path}/:id/activity-summary`,
        {
          schema: {
            tags: ['mail'],
            summary: `Message counts and last interaction dates of the ${type}, over mail the caller may see`,
            params: z.object({ id: z.guid() }),
            querystring: z.object({ includeSubsidiaries: flag }),
          },
        },
        async (request) => {
          const user = requireUser(request);
          return reads.activitySummary(user, {
            type,
            id: request.params.id,
            includeSubsidiaries: request.query.includeSubsidiaries === 'true',
          });
        },
      );
    }

    app.get(
      '/api/search',
      {
        schema: {
          tags: ['mail'],
          summary: 'Full-text search over mail the caller may see',
          description:
            'Words, "quoted phrases", `or` and `-excluded`. Bodies match, and give a snippet, only where the caller may open them. ' +
            'Newest first; page with `cursor` = the previous answer’s `next` (or with `offset`).',
          querystring: z.object({
            q: z.string().trim().min(1).max(500),
            cursor: z.string().max(500).optional(),
            limit: z.coerce.number().int().min(1).max(100).default(25),
            offset: z.coerce.number().int().min(0).max(10_000).default(0),
          }),
        },
      },
      async (request, reply) => {
        const user = requireUser(request);
        return reads.search(
          user,
          {
            text: request.query.q,
            cursor: request.query.cursor ?? null,
            limit: request.query.limit,
            offset: request.query.offset,
          },
          clientGone(reply),
        );
      },
    );

    app.get(
      '/api/messages/:id',
      {
        schema: {
          tags: ['mail'],
          summary: 'One message with its sanitised body; the read is audited',
          description:
            'Remote images are replaced by a placeholder unless `images=1`. A message the caller may not see is NOT_FOUND; one captured as metadata only is FORBIDDEN except to its participants.',
          params: z.object({ id: z.guid() }),
          querystring: z.object({ images: z.enum(['0', '1']).default('0') }),
        },
      },
      async (request) => {
        const user = requireUser(request);
        return reads.message(user, request.params.id, {
          remoteImages: request.query.images === '1',
        });
      },
    );
    app.get(
      '/api/messages/:id/attachments/:position',
      {
        schema: {
          tags: ['mail'],
          summary: 'Download an attachment, under the message body’s rules; audited',
          params: z.object({ id: z.guid(), position: z.coerce.number().int().min(0) }),
        },
      },
      async (request, reply) => {
        const user = requireUser(request);
        const attachment = await reads.attachment(user, request.params.id, request.params.position);
        const name = attachment.filename ?? `attachment-${attachment.position}`;
        // An ASCII fallback for old clients, the exact name per RFC 6266 / 5987 for the rest.
        const fallback = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
        return reply
          .header('content-type', 'application/octet-stream')
          .header(
            'content-disposition',
            `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name)}`,
          )
          .header('x-content-type-options', 'nosniff')
          .send(attachment.content);
      },
    );
  };
}
