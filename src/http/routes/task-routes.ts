import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { itemsOf, noContent } from '../../api-shapes/common.js';
import { task, taskInput, taskQuery } from '../../api-shapes/tasks.js';
import type { TasksService } from '../../services/tasks/tasks-service.js';
import { errorResponses } from '../errors.js';
import { requireUser } from '../principal.js';

const byId = z.object({ id: z.guid() });
const changeResponses = { 200: task, ...errorResponses(400, 401, 403, 404) };
const who =
  'Its owner, its assignee, the managers above either, or an admin; FORBIDDEN for anyone else. Audited.';

/** Tasks: mine or a record's, made, edited, assigned, completed, reopened and deleted. */
export function taskRoutes(tasks: TasksService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/tasks',
      {
        schema: {
          tags: ['tasks'],
          summary: 'Tasks assigned to me or made by me, or those on one record',
          description:
            'Open first, soonest due first; `overdue` marks open tasks past their due time.',
          querystring: taskQuery,
          response: { 200: itemsOf(task), ...errorResponses(400, 401) },
        },
      },
      async (request) => ({ items: await tasks.list(requireUser(request), request.query) }),
    );
    app.post(
      '/api/tasks',
      {
        schema: {
          tags: ['tasks'],
          summary: 'Make a task, for yourself or a colleague, perhaps on a record (audited)',
          body: taskInput,
          response: { 201: task, ...errorResponses(400, 401) },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await tasks.create(requireUser(request), request.body)),
    );
    app.put(
      '/api/tasks/:id',
      {
        schema: {
          tags: ['tasks'],
          summary: 'Edit a task',
          description: who,
          params: byId,
          body: taskInput,
          response: changeResponses,
        },
      },
      async (request) => tasks.update(requireUser(request), request.params.id, request.body),
    );
    app.post(
      '/api/tasks/:id/assign',
      {
        schema: {
          tags: ['tasks'],
          summary: 'Give a task to a colleague',
          description: who,
          params: byId,
          body: z.object({ assigneeId: z.guid() }),
          response: changeResponses,
        },
      },
      async (request) =>
        tasks.assign(requireUser(request), request.params.id, request.body.assigneeId),
    );
    for (const [action, status] of [
      ['complete', 'done'],
      ['reopen', 'open'],
    ] as const) {
      app.post(
        `/api/tasks/:id/${action}`,
        {
          schema: {
            tags: ['tasks'],
            summary: action === 'complete' ? 'Mark a task done' : 'Open a done task again',
            description: who,
            params: byId,
            response: changeResponses,
          },
        },
        async (request) => tasks.setStatus(requireUser(request), request.params.id, status),
      );
    }
    app.delete(
      '/api/tasks/:id',
      {
        schema: {
          tags: ['tasks'],
          summary: 'Delete a task',
          description: who,
          params: byId,
          response: { 204: noContent, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request, reply) => {
        await tasks.remove(requireUser(request), request.params.id);
        return reply.code(204).send();
      },
    );
  };
}
