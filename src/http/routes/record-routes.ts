import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RecordKind as RecordType } from '../../core/records/record-kinds.js';
import type { RecordsService } from '../../services/crm/records-service.js';
import { requireUser } from '../principal.js';

/** The URL segment of each record type. */
export const recordPaths: Record<RecordType, string> = {
  account: 'accounts',
  contact: 'contacts',
  lead: 'leads',
  deal: 'deals',
  case: 'cases',
};

export function recordRoutes(records: RecordsService): FastifyPluginAsyncZod {
  return async (app) => {
    for (const [type, path] of Object.entries(recordPaths) as [RecordType, string][]) {
      app.get(
        `/api/${path}`,
        {
          schema: {
            tags: ['crm'],
            summary: `List ${path}, searched by name, external id or address`,
            querystring: z.object({
              search: z.string().max(200).default(''),
              limit: z.coerce.number().int().min(1).max(200).default(50),
              offset: z.coerce.number().int().min(0).default(0),
            }),
          },
        },
        async (request) => {
          requireUser(request);
          return records.list(type, request.query);
        },
      );
      app.get(
        `/api/${path}/:id`,
        {
          schema: {
            tags: ['crm'],
            summary: `One ${type} with its related records`,
            params: z.object({ id: z.guid() }),
          },
        },
        async (request) => {
          requireUser(request);
          return records.get(type, request.params.id);
        },
      );
    }
  };
}
