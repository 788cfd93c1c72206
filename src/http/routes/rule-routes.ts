import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ruleInput, type RulesService } from '../../services/rules/rules-service.js';
import { requireUser } from '../principal.js';

/** Filing rules: "file by subject" and keywords, for future mail. */
export function ruleRoutes(rules: RulesService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/rules',
      { schema: { tags: ['rules'], summary: 'Your filing rules and the organisation’s' } },
      async (request) => rules.list(requireUser(request)),
    );
    app.post(
      '/api/rules',
      {
        schema: {
          tags: ['rules'],
          summary: 'File mail by subject or keyword on a record, from now on',
          body: ruleInput,
        },
      },
      async (request, reply) =>
        reply.code(201).send(await rules.create(requireUser(request), request.body)),
    );
    app.delete(
      '/api/rules/:id',
      {
        schema: { tags: ['rules'], summary: 'Remove a rule', params: z.object({ id: z.guid() }) },
      },
      async (request, reply) => {
        await rules.remove(requireUser(request), request.params.id);
        return reply.code(204).send();
      },
    );
  };
}
