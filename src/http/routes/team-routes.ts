import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { team, teamInput } from '../../api-shapes/teams.js';
import type { AssignmentSettingsService } from '../../services/rules/assignment-settings.js';
import { errorResponses } from '../errors.js';
import { requireUser } from '../principal.js';
import { removeRoute } from '../remove-route.js';

const created = z.object({ id: z.string() });

/** Teams: their members (in round-robin order) and manager, as rules assign and escalate. */
export function teamRoutes(settings: AssignmentSettingsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/teams',
      {
        schema: {
          tags: ['teams and hours'],
          summary: 'The teams, with their manager and members in round-robin order',
          response: { 200: z.array(team), ...errorResponses(401) },
        },
      },
      async (request) => {
        requireUser(request);
        return (await settings.read()).teams;
      },
    );
    app.post(
      '/api/teams',
      {
        schema: {
          tags: ['teams and hours'],
          summary: 'Create a team (admins and managers)',
          body: teamInput,
          response: { 201: created, ...errorResponses(400, 401, 403, 409) },
        },
      },
      async (request, reply) => {
        const id = await settings.saveTeam(requireUser(request), request.body);
        return reply.code(201).send({ id });
      },
    );
    app.put(
      '/api/teams/:id',
      {
        schema: {
          tags: ['teams and hours'],
          summary: 'Rename a team, or change its manager or members (admins and managers)',
          params: z.object({ id: z.guid() }),
          body: teamInput,
          response: { 200: created, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => ({
        id: await settings.saveTeam(requireUser(request), request.body, request.params.id),
      }),
    );
    removeRoute(
      app,
      { path: '/api/teams/:id', tag: 'teams and hours', summary: 'Remove a team' },
      (request, teamId) => settings.removeTeam(requireUser(request), teamId),
    );
  };
}
