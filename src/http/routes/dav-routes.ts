import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { itemsOf, noContent } from '../../api-shapes/common.js';
import { davSource, davSourceInput, davSyncResult, recordMeeting } from '../../api-shapes/dav.js';
import { recordKinds, recordTables } from '../../core/records/record-kinds.js';
import type { DavService } from '../../services/dav/dav-service.js';
import type { RecordMeetingsService } from '../../services/dav/record-meetings.js';
import { clientGone } from '../client-gone.js';
import { errorResponses } from '../errors.js';
import { requireUser } from '../principal.js';

const reader = (user: { id: string; role: string }) => ({
  id: user.id,
  isAdmin: user.role === 'admin',
});

/** Calendars and address books over CalDAV and CardDAV, and the meetings on records' timelines. */
export function davRoutes(dav: DavService, meetings: RecordMeetingsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/dav-sources',
      {
        schema: {
          tags: ['calendars'],
          summary: 'Your calendars and address books with their health (an admin sees everyone’s)',
          response: { 200: itemsOf(davSource), ...errorResponses(401) },
        },
      },
      async (request) => ({ items: await dav.list(reader(requireUser(request))) }),
    );
    app.post(
      '/api/dav-sources',
      {
        schema: {
          tags: ['calendars'],
          summary: 'Connect a calendar or an address book, once its server accepts the password',
          body: davSourceInput,
          response: { 201: davSource, ...errorResponses(400, 401, 403, 409, 422) },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await dav.connect(requireUser(request).id, request.body)),
    );
    app.post(
      '/api/dav-sources/:id/sync',
      {
        schema: {
          tags: ['calendars'],
          summary: 'Sync now: what changed on either side since the last sync',
          description: 'A failure is answered (and shown in the health view) in words, not thrown.',
          params: z.object({ id: z.guid() }),
          response: { 200: davSyncResult, ...errorResponses(400, 401, 404) },
        },
      },
      async (request, reply) => {
        const result = await dav.sync(
          request.params.id,
          reader(requireUser(request)),
          clientGone(reply),
        );
        if (!result.ok) return result;
        const { fetched, failed, removed, written } = result;
        return {
          ok: true as const,
          fetched,
          failed,
          removed,
          ...(written === undefined ? {} : { written }),
        };
      },
    );
    app.delete(
      '/api/dav-sources/:id',
      {
        schema: {
          tags: ['calendars'],
          summary: 'Disconnect a calendar or address book; meetings only it held go with it',
          params: z.object({ id: z.guid() }),
          response: { 204: noContent, ...errorResponses(400, 401, 404) },
        },
      },
      async (request, reply) => {
        await dav.disconnect(request.params.id, reader(requireUser(request)));
        return reply.code(204).send();
      },
    );
    for (const type of recordKinds) {
      app.get(
        `/api/${recordTables[type]}/:id/meetings`,
        {
          schema: {
            tags: ['calendars'],
            summary: `Meetings the ${type}'s people attend or organise, latest first`,
            description:
              'From invitations by mail and connected calendars, as the caller may see them.',
            params: z.object({ id: z.guid() }),
            querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
            response: { 200: itemsOf(recordMeeting), ...errorResponses(400, 401, 404) },
          },
        },
        async (request) => ({
          items: await meetings.list(requireUser(request), {
            type,
            id: request.params.id,
            limit: request.query.limit,
          }),
        }),
      );
    }
  };
}
