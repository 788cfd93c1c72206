import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { itemsOf, noContent } from '../../api-shapes/common.js';
import {
  applyTemplateInput,
  filledTemplate,
  mergeFieldList,
  previewTemplateInput,
  templateInput,
  templateShape,
} from '../../api-shapes/templates.js';
import { knownFieldNames } from '../../core/templates/merge-fields.js';
import type { TemplatesService } from '../../services/templates/templates-service.js';
import { errorResponses } from '../errors.js';
import { requireUser } from '../principal.js';

const idParam = z.object({ id: z.guid() });
const tags = ['templates'];

/** Message templates: the list, editing, and filling one from a record. */
export function templateRoutes(templates: TemplatesService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/templates',
      {
        schema: {
          tags,
          summary: 'Your templates and everyone’s shared ones, by name',
          response: { 200: itemsOf(templateShape), ...errorResponses(401) },
        },
      },
      async (request) => ({ items: await templates.list(requireUser(request)) }),
    );
    app.get(
      '/api/templates/fields',
      {
        schema: {
          tags,
          summary: 'The merge fields a template may use',
          response: { 200: mergeFieldList, ...errorResponses(401) },
        },
      },
      async (request) => {
        requireUser(request);
        return { fields: [...knownFieldNames] };
      },
    );
    app.post(
      '/api/templates',
      {
        schema: {
          tags,
          summary: 'A new template: 400 names any field that is not a merge field',
          body: templateInput,
          response: { 201: templateShape, ...errorResponses(400, 401) },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await templates.create(requireUser(request), request.body)),
    );
    app.put(
      '/api/templates/:id',
      {
        schema: {
          tags,
          summary: 'Change a template: its owner, or an admin for a shared one',
          params: idParam,
          body: templateInput,
          response: { 200: templateShape, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => templates.update(requireUser(request), request.params.id, request.body),
    );
    app.delete(
      '/api/templates/:id',
      {
        schema: {
          tags,
          summary: 'Delete a template: its owner, or an admin for a shared one',
          params: idParam,
          response: { 204: noContent, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request, reply) => {
        await templates.remove(requireUser(request), request.params.id);
        return reply.code(204).send();
      },
    );
    app.post(
      '/api/templates/:id/apply',
      {
        schema: {
          tags,
          summary:
            'Fill a template from a record: 400 names every field that is empty and has no fallback',
          params: idParam,
          body: applyTemplateInput,
          response: { 200: filledTemplate, ...errorResponses(400, 401, 404) },
        },
      },
      async (request) =>
        templates.apply(requireUser(request), request.params.id, request.body.record),
    );
    app.post(
      '/api/templates/preview',
      {
        schema: {
          tags,
          summary: 'Fill a template being written from a record, before saving it',
          body: previewTemplateInput,
          response: { 200: filledTemplate, ...errorResponses(400, 401, 404) },
        },
      },
      async (request) => {
        const { record, ...body } = request.body;
        return templates.preview(requireUser(request), body, record);
      },
    );
  };
}
