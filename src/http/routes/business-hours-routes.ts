import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { noContent } from '../../api-shapes/common.js';
import { holiday, holidayDay, workingHours, workingHoursInput } from '../../api-shapes/teams.js';
import type { AssignmentSettingsService } from '../../services/rules/assignment-settings.js';
import { errorResponses } from '../errors.js';
import { requireUser } from '../principal.js';

/**
 * What business hours are counted in: each user's working hours and time
 * zone, and the organisation's holidays.
 */
export function businessHoursRoutes(settings: AssignmentSettingsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/working-hours',
      {
        schema: {
          tags: ['teams and hours'],
          summary:
            'Each user’s working hours and time zone (users without: Monday to Friday, 9 to 17, UTC)',
          response: { 200: z.array(workingHours), ...errorResponses(401) },
        },
      },
      async (request) => {
        requireUser(request);
        return (await settings.read()).workingHours;
      },
    );
    app.put(
      '/api/working-hours/:userId',
      {
        schema: {
          tags: ['teams and hours'],
          summary: 'Set a user’s working hours (their own, or anyone’s for admins and managers)',
          params: z.object({ userId: z.guid() }),
          body: workingHoursInput,
          response: { 204: noContent, ...errorResponses(400, 401, 403) },
        },
      },
      async (request, reply) => {
        await settings.setWorkingHours(requireUser(request), {
          userId: request.params.userId,
          ...request.body,
        });
        return reply.code(204).send();
      },
    );
    app.get(
      '/api/holidays',
      {
        schema: {
          tags: ['teams and hours'],
          summary: 'The organisation’s holidays, by day',
          response: { 200: z.array(holiday), ...errorResponses(401) },
        },
      },
      async (request) => {
        requireUser(request);
        return (await settings.read()).holidays;
      },
    );
    app.put(
      '/api/holidays/:day',
      {
        schema: {
          tags: ['teams and hours'],
          summary: 'Add a holiday, or rename it (admins and managers)',
          params: holidayDay,
          body: z.object({ name: z.string().trim().max(200).default('') }),
          response: { 204: noContent, ...errorResponses(400, 401, 403) },
        },
      },
      async (request, reply) => {
        await settings.addHoliday(requireUser(request), request.params.day, request.body.name);
        return reply.code(204).send();
      },
    );
    app.delete(
      '/api/holidays/:day',
      {
        schema: {
          tags: ['teams and hours'],
          summary: 'Remove a holiday (admins and managers)',
          params: holidayDay,
          response: { 204: noContent, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request, reply) => {
        await settings.removeHoliday(requireUser(request), request.params.day);
        return reply.code(204).send();
      },
    );
  };
}
