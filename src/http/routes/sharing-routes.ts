import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditEntry, auditPage, sharingSettings } from '../../api-shapes/sharing.js';
import { itemsOf, recordKind } from '../../api-shapes/common.js';
import { colleague } from '../../api-shapes/review.js';
import type { AuditLog } from '../../services/sharing/audit-log.js';
import type { SharingService } from '../../services/sharing/sharing-service.js';
import { errorResponses } from '../errors.js';
import { sendJsonLines } from '../json-lines-reply.js';
import { requireUser } from '../principal.js';

const mode = z.enum(['private', 'public', 'custom']);
const domains = z.array(z.string().trim().min(1).max(253)).max(500).default([]);

/** Sharing settings (own and admin-imposed) and the audit log. */
export function sharingRoutes(sharing: SharingService, audit: AuditLog): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/me/sharing',
      {
        schema: {
          tags: ['sharing'],
          summary: 'Who may read my captured mail',
          response: { 200: sharingSettings, ...errorResponses(401, 404) },
        },
      },
      async (request) => sharing.get(requireUser(request).id),
    );

    app.put(
      '/api/me/sharing',
      {
        schema: {
          tags: ['sharing'],
          summary: 'Choose who may read my captured mail (audited)',
          description:
            'private: nobody else, not even managers or admins, except an admin’s audited break-glass read (`POST /api/break-glass`), listed in `GET /api/me/break-glass`. public: everyone. custom: the users in `sharedWith` (all mail) and in `recordShares` (mail filed on that record), plus my managers and admins for what is shared. Mail from or to `excludedDomains` stays private. Mode and domains are FORBIDDEN to change while an admin imposes them.',
          body: z.object({
            mode,
            excludedDomains: domains,
            sharedWith: z.array(z.guid()).max(1000).default([]),
            recordShares: z
              .array(
                z.object({
                  recordType: recordKind,
                  recordId: z.guid(),
                  userId: z.guid(),
                }),
              )
              .max(5000)
              .default([]),
          }),
          response: { 200: sharingSettings, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => {
        const user = requireUser(request);
        return sharing.updateOwn(user, request.body);
      },
    );

    app.get(
      '/api/sharing/users',
      {
        schema: {
          tags: ['sharing'],
          summary: 'The colleagues I can share my mail with: id, name and e-mail',
          response: { 200: itemsOf(colleague), ...errorResponses(401) },
        },
      },
      async (request) => ({ items: await sharing.shareableUsers(requireUser(request).id) }),
    );

    app.get(
      '/api/users/:id/sharing',
      {
        schema: {
          tags: ['sharing'],
          summary: 'A user’s sharing settings (admin)',
          params: z.object({ id: z.guid() }),
          response: { 200: sharingSettings, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => {
        requireUser(request, 'admin');
        return sharing.get(request.params.id);
      },
    );

    app.put(
      '/api/users/:id/sharing',
      {
        schema: {
          tags: ['sharing'],
          summary: 'Impose a user’s sharing mode and excluded domains (admin, audited)',
          params: z.object({ id: z.guid() }),
          body: z.object({ mode, excludedDomains: domains, imposed: z.boolean().default(true) }),
          response: { 200: sharingSettings, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => {
        const admin = requireUser(request, 'admin');
        return sharing.impose(admin, request.params.id, request.body);
      },
    );

    app.get(
      '/api/audit',
      {
        schema: {
          tags: ['sharing'],
          summary: 'The audit log of views and changes, newest first (admin)',
          description: 'Page with `before` = the previous answer’s `next`.',
          querystring: z.object({
            before: z.coerce.number().int().min(1).optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
            actorId: z.guid().optional(),
            action: z.string().max(100).optional(),
            targetType: z.string().max(50).optional(),
            targetId: z.string().max(200).optional(),
          }),
          response: { 200: auditPage, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => {
        requireUser(request, 'admin');
        const { before, ...filters } = request.query;
        return audit.page({ ...filters, before: before ?? null });
      },
    );

    app.get(
      '/api/audit/export',
      {
        schema: {
          tags: ['sharing'],
          summary: 'The whole audit log as JSON lines, newest first (admin)',
          response: {
            200: {
              description: 'One entry a line',
              content: { 'application/x-ndjson': { schema: auditEntry } },
            },
            ...errorResponses(401, 403),
          },
        },
      },
      async (request, reply) => {
        requireUser(request, 'admin');
        return sendJsonLines(reply, 'threadline-audit-log.ndjson', audit.all());
      },
    );
  };
}
