import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { noContent } from '../../api-shapes/common.js';
import { rule } from '../../api-shapes/review.js';
import { ruleInput, type RulesService } from '../../services/rules/rules-service.js';
import { errorResponses } from '../errors.js';
import { requireUser } from '../principal.js';

/** The store types a rule's record kind as text; the column's CHECK holds it to the kinds. */
type RuleRow = z.output<typeof rule>;

/** Filing rules: "file by subject" and keywords, for future mail. */
export function ruleRoutes(rules: RulesService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/rules',
      {
        schema: {
          tags: ['rules'],
          summary: 'Your filing rules and the organisation’s',
          response: { 200: z.array(rule), ...errorResponses(401) },
        },
      },
      async (request) => (await rules.list(requireUser(request))) as RuleRow[],
    );
    app.post(
      '/api/rules',
      {
        schema: {
          tags: ['rules'],
          summary: 'File mail by subject or keyword on a record, from now on',
          body: ruleInput,
          response: { 201: rule, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request, reply) =>
        reply.code(201).send((await rules.create(requireUser(request), request.body)) as RuleRow),
    );
    app.delete(
      '/api/rules/:id',
      {
        schema: {
          tags: ['rules'],
          summary: 'Remove a rule',
          params: z.object({ id: z.guid() }),
          response: { 204: noContent, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request, reply) => {
        await rules.remove(requireUser(request), request.params.id);
        return reply.code(204).send();
      },
    );
  };
}
