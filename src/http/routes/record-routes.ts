import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordPage, recordShapes } from '../../api-shapes/records.js';
import { recordKinds, recordTables } from '../../core/records/record-kinds.js';
import type { RecordsService } from '../../services/crm/records-service.js';
import { errorResponses } from '../errors.js';
import { requireUser } from '../principal.js';

export function recordRoutes(records: RecordsService): FastifyPluginAsyncZod {
  return async (app) => {
    for (const type of recordKinds) {
      const path = recordTables[type];
      // The store types a record as loose columns: serialising checks each against its shape.
      const page: z.ZodType<unknown> = recordPage(recordShapes[type].summary);
      const detail: z.ZodType<unknown> = recordShapes[type].detail;
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
            response: { 200: page, ...errorResponses(400, 401) },
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
            response: { 200: detail, ...errorResponses(400, 401, 404) },
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
