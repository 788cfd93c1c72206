import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { itemsOf } from '../../api-shapes/common.js';
import {
  accountConnections,
  closestColleague,
  contactConnection,
  dealBuyingRoles,
  goingColdAccount,
  strengthWeights,
} from '../../api-shapes/insight.js';
import type { ConnectionsService } from '../../services/insight/connections-service.js';
import { errorResponses } from '../errors.js';
import { requireUser } from '../principal.js';

const params = z.object({ id: z.guid() });
const teamQuery = z.object({
  team: z.guid().optional().describe('Roll up the connections of this team’s members alone'),
});

/** Relationship insight: connection strength and who knows whom, from mail the reader may see. */
export function insightRoutes(connections: ConnectionsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/contacts/:id/connections',
      {
        schema: {
          tags: ['insight'],
          summary: 'How strong each colleague’s connection with the contact is, and why',
          params,
          response: { 200: itemsOf(contactConnection), ...errorResponses(400, 401, 404) },
        },
      },
      async (request) => ({
        items: await connections.contact(requireUser(request), request.params.id),
      }),
    );
    app.get(
      '/api/contacts/:id/closest-colleagues',
      {
        schema: {
          tags: ['insight'],
          summary: 'Whom to ask for an introduction to the contact, closest first',
          description:
            'Scored from who wrote to whom and when in all captured mail; where that mail is private to its owner, only the score is shown (`privateMail`), never a subject.',
          params,
          response: { 200: itemsOf(closestColleague), ...errorResponses(400, 401, 404) },
        },
      },
      async (request) => ({
        items: await connections.closestColleagues(requireUser(request), request.params.id),
      }),
    );
    app.get(
      '/api/accounts/:id/connections',
      {
        schema: {
          tags: ['insight'],
          summary: 'Who knows whom at the account: our people, theirs, and others on the threads',
          params,
          querystring: teamQuery,
          response: { 200: accountConnections, ...errorResponses(400, 401, 404) },
        },
      },
      async (request) =>
        connections.account(requireUser(request), request.params.id, request.query.team ?? null),
    );
    app.get(
      '/api/deals/:id/buying-roles',
      {
        schema: {
          tags: ['insight'],
          summary: 'The deal’s buying roles: who plays each, and which were never reached',
          params,
          querystring: teamQuery,
          response: { 200: dealBuyingRoles, ...errorResponses(400, 401, 404) },
        },
      },
      async (request) =>
        connections.deal(requireUser(request), request.params.id, request.query.team ?? null),
    );
    app.get(
      '/api/me/going-cold',
      {
        schema: {
          tags: ['insight'],
          summary: 'Accounts with my open deals whose team connection is cooling or cold',
          response: { 200: itemsOf(goingColdAccount), ...errorResponses(401) },
        },
      },
      async (request) => ({ items: await connections.goingCold(requireUser(request)) }),
    );
    app.get(
      '/api/settings/connection-strength',
      {
        schema: {
          tags: ['insight'],
          summary: 'The connection strength weights in force',
          response: { 200: strengthWeights, ...errorResponses(400, 401) },
        },
      },
      async (request) => {
        requireUser(request);
        return connections.strengthWeights();
      },
    );
    app.put(
      '/api/settings/connection-strength',
      {
        schema: {
          tags: ['insight'],
          summary: 'Override any of the connection strength weights (admin, audited)',
          description: '`{}` restores the defaults; a weight not named keeps its default.',
          body: z.looseObject({}),
          response: { 200: strengthWeights, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) =>
        connections.saveStrengthWeights(requireUser(request, 'admin'), request.body),
    );
  };
}
