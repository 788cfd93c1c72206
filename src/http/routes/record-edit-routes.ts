import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { noContent } from '../../api-shapes/common.js';
import {
  convertedLead,
  convertLeadInput,
  mergeInput,
  recordInputs,
  recordShapes,
} from '../../api-shapes/records.js';
import { recordKinds, recordTables } from '../../core/records/record-kinds.js';
import type { RecordEditingService } from '../../services/crm/record-editing-service.js';
import type { RecordsService } from '../../services/crm/records-service.js';
import { errorResponses } from '../errors.js';
import { requireUser } from '../principal.js';

const idParams = z.object({ id: z.guid() });

/** Creating, editing, archiving and merging CRM records, and converting a lead. */
export function recordEditRoutes(
  editing: RecordEditingService,
  records: RecordsService,
): FastifyPluginAsyncZod {
  return async (app) => {
    for (const type of recordKinds) {
      const path = recordTables[type];
      // The store types a record as loose columns: serialising checks each against its shape.
      const detail: z.ZodType<unknown> = recordShapes[type].detail;
      app.post(
        `/api/${path}`,
        {
          schema: {
            tags: ['crm'],
            summary: `Create a ${type}; stored mail it concerns is filed on it`,
            body: recordInputs[type],
            response: { 201: detail, ...errorResponses(400, 401, 403) },
          },
        },
        async (request, reply) => {
          const user = requireUser(request);
          const id = await editing.create(user, type, request.body);
          return reply.code(201).send(await records.get(type, id));
        },
      );
      app.put(
        `/api/${path}/:id`,
        {
          schema: {
            tags: ['crm'],
            summary: `Replace a ${type}'s fields; stored mail follows the change`,
            params: idParams,
            body: recordInputs[type],
            response: { 200: detail, ...errorResponses(400, 401, 403, 404, 409) },
          },
        },
        async (request) => {
          const user = requireUser(request);
          await editing.update(user, type, request.params.id, request.body);
          return records.get(type, request.params.id);
        },
      );
      app.post(
        `/api/${path}/:id/archive`,
        {
          schema: {
            tags: ['crm'],
            summary: `Archive a ${type}: out of lists and matching, its mail and history kept`,
            params: idParams,
            response: { 204: noContent, ...errorResponses(400, 401, 403, 404) },
          },
        },
        async (request, reply) => {
          await editing.archive(requireUser(request), type, request.params.id);
          return reply.code(204).send();
        },
      );
    }
    for (const type of ['account', 'contact'] as const) {
      const detail: z.ZodType<unknown> = recordShapes[type].detail;
      app.post(
        `/api/${recordTables[type]}/:id/merge`,
        {
          schema: {
            tags: ['crm'],
            summary: `Merge another ${type} into this one, which is kept`,
            params: idParams,
            body: mergeInput,
            response: { 200: detail, ...errorResponses(400, 401, 403, 404) },
          },
        },
        async (request) => {
          const user = requireUser(request);
          await editing.merge(user, type, request.params.id, request.body.mergeId);
          return records.get(type, request.params.id);
        },
      );
    }
    app.post(
      '/api/leads/:id/convert',
      {
        schema: {
          tags: ['crm'],
          summary: 'Convert a lead into a contact, an account and perhaps a deal, keeping its mail',
          params: idParams,
          body: convertLeadInput,
          response: { 200: convertedLead, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => editing.convertLead(requireUser(request), request.params.id, request.body),
    );
  };
}
