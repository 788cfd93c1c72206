import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createdLead, inboxColumn, inboxPage } from '../../api-shapes/inbox.js';
import type { SalesInboxService } from '../../services/inbox/sales-inbox-service.js';
import { clientGone } from '../client-gone.js';
import { errorResponses } from '../errors.js';
import { requireUser } from '../principal.js';

/** The sales inbox: the caller's own recent mail in four columns, and leads from unknown senders. */
export function inboxRoutes(inbox: SalesInboxService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/inbox',
      {
        schema: {
          tags: ['inbox'],
          summary: 'Your own recent mail, one row per thread, sorted into columns, newest first',
          description:
            '`crm`: filed on a deal, contact, lead, case or account (`via` says which, strongest first); ' +
            '`unknown`: external senders not in the CRM; `colleagues`: internal mail; `noise`: automatic ' +
            'mail, left out unless asked with `columns`. Page with `cursor` = the previous answer’s `next`.',
          querystring: z.object({
            columns: z
              .string()
              .transform((raw) => raw.split(',').map((c) => c.trim()))
              .pipe(z.array(inboxColumn).min(1))
              .optional(),
            days: z.coerce.number().int().min(1).max(365).default(30),
            cursor: z.string().max(500).optional(),
            limit: z.coerce.number().int().min(1).max(100).default(50),
          }),
          response: { 200: inboxPage, ...errorResponses(400, 401) },
        },
      },
      async (request, reply) => {
        const user = requireUser(request);
        return inbox.list(
          user,
          {
            columns: request.query.columns ?? null,
            days: request.query.days,
            cursor: request.query.cursor ?? null,
            limit: request.query.limit,
          },
          clientGone(reply),
        );
      },
    );

    app.post(
      '/api/inbox/leads',
      {
        schema: {
          tags: ['inbox'],
          summary: 'Create a lead, owned by you, from an unknown sender',
          description:
            'The stored mail of the address, in every thread, is decided again and filed on the lead, ' +
            'as is mail from the address from now on. ' +
            'CONFLICT when a contact or lead already has the address.',
          body: z.object({
            address: z.string().trim().min(3).max(320),
            name: z.string().trim().max(200),
            company: z.string().trim().max(200).optional(),
          }),
          response: { 201: createdLead, ...errorResponses(400, 401, 403, 409) },
        },
      },
      async (request, reply) => {
        const user = requireUser(request);
        return reply.code(201).send(await inbox.createLead(user, request.body));
      },
    );
  };
}
