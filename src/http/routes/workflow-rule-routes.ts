import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { noContent } from '../../api-shapes/common.js';
import {
  dryRunInput,
  dryRunReport,
  switchRule,
  webhookDelivery,
  webhookEndpoint,
  webhookEndpointInput,
  workflowRule,
  workflowRuleInput,
} from '../../api-shapes/workflow-rules.js';
import type { WebhookService } from '../../services/rules/webhook-service.js';
import type { WorkflowRulesService } from '../../services/rules/workflow-rules-service.js';
import { errorResponses } from '../errors.js';
import { requireUser } from '../principal.js';
import { removeRoute } from '../remove-route.js';

const id = z.object({ id: z.guid() });

/** The core types a rule's lists as read-only; the wire shape is the same data. */
type RuleOut = z.output<typeof workflowRule>;

/** Workflow rules (trigger, conditions, actions), their dry run, and webhook endpoints with their dead-letter list. */
export function workflowRuleRoutes(
  rules: WorkflowRulesService,
  webhooks: WebhookService,
): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/workflow-rules',
      {
        schema: {
          tags: ['workflow rules'],
          summary: 'The organisation’s workflow rules, in order, with how often each fired',
          response: { 200: z.array(workflowRule), ...errorResponses(401) },
        },
      },
      async (request) => {
        requireUser(request);
        return (await rules.list()) as RuleOut[];
      },
    );
    app.post(
      '/api/workflow-rules',
      {
        schema: {
          tags: ['workflow rules'],
          summary: 'A new rule, switched off until switched on',
          body: workflowRuleInput,
          response: { 201: workflowRule, ...errorResponses(400, 401, 403) },
        },
      },
      async (request, reply) =>
        reply.code(201).send((await rules.create(requireUser(request), request.body)) as RuleOut),
    );
    app.put(
      '/api/workflow-rules/:id',
      {
        schema: {
          tags: ['workflow rules'],
          summary: 'Edit a rule',
          params: id,
          body: workflowRuleInput,
          response: { 200: workflowRule, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) =>
        (await rules.update(requireUser(request), request.params.id, request.body)) as RuleOut,
    );
    app.post(
      '/api/workflow-rules/:id/switch',
      {
        schema: {
          tags: ['workflow rules'],
          summary: 'Switch a rule on (for mail sent from a date, by default now) or off',
          params: id,
          body: switchRule,
          response: { 200: workflowRule, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) =>
        (await rules.setEnabled(
          requireUser(request),
          request.params.id,
          request.body.enabled,
          request.body.appliesFrom,
        )) as RuleOut,
    );
    app.post(
      '/api/workflow-rules/:id/position',
      {
        schema: {
          tags: ['workflow rules'],
          summary: 'Move a rule in the order of evaluation',
          params: id,
          body: z.object({ position: z.int() }),
          response: { 204: noContent, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request, reply) => {
        await rules.move(requireUser(request), request.params.id, request.body.position);
        return reply.code(204).send();
      },
    );
    removeRoute(
      app,
      { path: '/api/workflow-rules/:id', tag: 'workflow rules', summary: 'Remove a rule' },
      (request, ruleId) => rules.remove(requireUser(request), ruleId),
    );
    app.post(
      '/api/workflow-rules/dry-run',
      {
        schema: {
          tags: ['workflow rules'],
          summary: 'What a rule would have done over the mail sent in a period, without acting',
          body: dryRunInput,
          response: { 200: dryRunReport, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) =>
        (await rules.dryRun(
          requireUser(request),
          request.body.rule,
          request.body.from,
          request.body.to,
        )) as z.output<typeof dryRunReport>,
    );
    app.get(
      '/api/webhooks',
      {
        schema: {
          tags: ['webhooks'],
          summary: 'Webhook endpoints',
          response: { 200: z.array(webhookEndpoint), ...errorResponses(401, 403) },
        },
      },
      async (request) => webhooks.endpoints(requireUser(request)),
    );
    app.post(
      '/api/webhooks',
      {
        schema: {
          tags: ['webhooks'],
          summary: 'Add an endpoint; the answer shows its signing secret, once',
          body: webhookEndpointInput,
          response: {
            201: webhookEndpoint.extend({ secret: z.string() }),
            ...errorResponses(400, 401, 403),
          },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await webhooks.createEndpoint(requireUser(request), request.body)),
    );
    removeRoute(
      app,
      {
        path: '/api/webhooks/:id',
        tag: 'webhooks',
        summary: 'Remove an endpoint and its queued deliveries',
      },
      (request, endpointId) => webhooks.removeEndpoint(requireUser(request), endpointId),
    );
    app.get(
      '/api/webhooks/deliveries',
      {
        schema: {
          tags: ['webhooks'],
          summary: 'Deliveries by status; `dead` is the dead-letter list',
          querystring: z.object({
            status: z.enum(['pending', 'delivered', 'dead']).default('dead'),
          }),
          response: { 200: z.array(webhookDelivery), ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => webhooks.deliveries(requireUser(request), request.query.status),
    );
    app.post(
      '/api/webhooks/deliveries/:id/replay',
      {
        schema: {
          tags: ['webhooks'],
          summary: 'Send a dead delivery again',
          params: id,
          response: { 204: noContent, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request, reply) => {
        await webhooks.replay(requireUser(request), request.params.id);
        return reply.code(204).send();
      },
    );
  };
}
