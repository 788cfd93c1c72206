import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  activitySummary,
  binary,
  messageView,
  recordFile,
  searchPage,
  timelinePage,
} from '../../api-shapes/mail.js';
import { recordKinds, recordTables } from '../../core/records/record-kinds.js';
import { itemsOf } from '../../api-shapes/common.js';
import type { MailReadsService } from '../../services/mail-reads/mail-reads-service.js';
import { clientGone } from '../client-gone.js';
import { errorResponses } from '../errors.js';
import { requireUser } from '../principal.js';

const flag = z.enum(['true', 'false']).default('false');

/** Bytes of a message part or a fetched image, under the message body's rules. */
const bytes = (contentType: string) => ({
  200: { description: 'The bytes', content: { [contentType]: { schema: binary } } },
  ...errorResponses(400, 401, 403, 404),
});

/** An image of a message: the service checked its type; the reader's browser may keep it. */
function sendImage(reply: FastifyReply, contentType: string, content: unknown) {
  return reply
    .header('content-type', contentType)
    .header('cache-control', 'private, max-age=86400')
    .send(content);
}

/** Record timelines, activity summaries, search and messages: only what the caller may see. */
export function mailReadRoutes(reads: MailReadsService): FastifyPluginAsyncZod {
  return async (app) => {
    for (const type of recordKinds) {
      const path = recordTables[type];
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
            response: { 200: timelinePage, ...errorResponses(400, 401, 404) },
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
            response: { 200: activitySummary, ...errorResponses(400, 401, 404) },
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
      app.get(
        `/api/${path}/:id/files`,
        {
          schema: {
            tags: ['mail'],
            summary: `Files kept with the ${type}'s mail that the caller may open, newest first`,
            params: z.object({ id: z.guid() }),
            response: { 200: itemsOf(recordFile), ...errorResponses(400, 401, 404) },
          },
        },
        async (request) => ({
          items: await reads.recordFiles(requireUser(request), { type, id: request.params.id }),
        }),
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
          response: { 200: searchPage, ...errorResponses(400, 401) },
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
            'Remote images are held back (their proxy path in `data-tl-src`, no `src`) unless `images=1`, when they load through `/api/messages/{id}/images`; `cid:` images point at `/api/messages/{id}/inline/{contentId}`. An HTML body over 2 MB is not shown: `html` is null, `htmlTooLarge` true and `text` is what there is. A message the caller may not see is NOT_FOUND; one captured as metadata only is FORBIDDEN except to its participants.',
          params: z.object({ id: z.guid() }),
          querystring: z.object({ images: z.enum(['0', '1']).default('0') }),
          response: { 200: messageView, ...errorResponses(400, 401, 403, 404) },
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
      '/api/messages/:id/images',
      {
        schema: {
          tags: ['mail'],
          summary: 'A remote image of the message, fetched by the server (the image proxy)',
          description:
            'Only an image the message’s HTML shows, under the message body’s rules; http or https to a public address, a raster image type, at most 5 MB. Nothing of the caller (cookies, address) reaches the image host.',
          params: z.object({ id: z.guid() }),
          querystring: z.object({ url: z.string().min(1).max(4000) }),
          response: bytes('image/*'),
        },
      },
      async (request, reply) => {
        const user = requireUser(request);
        const image = await reads.remoteImage(user, request.params.id, request.query.url);
        return sendImage(reply, image.contentType, image.body);
      },
    );
    app.get(
      '/api/messages/:id/inline/:contentId',
      {
        schema: {
          tags: ['mail'],
          summary: 'The image part a `cid:` URL of the message names, under the body’s rules',
          params: z.object({ id: z.guid(), contentId: z.string().min(1).max(998) }),
          response: bytes('image/*'),
        },
      },
      async (request, reply) => {
        const user = requireUser(request);
        const image = await reads.inlineImage(user, request.params.id, request.params.contentId);
        return sendImage(reply, image.contentType, image.content);
      },
    );
    app.get(
      '/api/messages/:id/attachments/:position',
      {
        schema: {
          tags: ['mail'],
          summary: 'Download an attachment, under the message body’s rules; audited',
          params: z.object({ id: z.guid(), position: z.coerce.number().int().min(0) }),
          response: bytes('application/octet-stream'),
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
