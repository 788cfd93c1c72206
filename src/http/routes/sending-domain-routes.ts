import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { itemsOf, noContent } from '../../api-shapes/common.js';
import { sendingDomain, sendingDomainInput } from '../../api-shapes/sending-domains.js';
import type { SendingDomainService } from '../../services/sending-domains/sending-domains-service.js';
import { errorResponses } from '../errors.js';
import { requireUser } from '../principal.js';

const id = z.object({ id: z.uuid() });

/** Domains the organisation signs its mail for (admins): DKIM keys, the records to publish, DNS checks. */
export function sendingDomainRoutes(domains: SendingDomainService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/sending-domains',
      {
        schema: {
          tags: ['sending'],
          summary: 'Sending domains, their records and their last check (admins)',
          response: { 200: itemsOf(sendingDomain), ...errorResponses(401, 403) },
        },
      },
      async (request) => {
        requireUser(request, 'admin');
        return { items: await domains.list() };
      },
    );
    app.post(
      '/api/sending-domains',
      {
        schema: {
          tags: ['sending'],
          summary: 'Add a sending domain: a new DKIM key and the DNS records to publish (admins)',
          body: sendingDomainInput,
          response: { 201: sendingDomain, ...errorResponses(400, 401, 403, 409) },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await domains.add(requireUser(request, 'admin'), request.body.domain)),
    );
    app.post(
      '/api/sending-domains/:id/check',
      {
        schema: {
          tags: ['sending'],
          summary: 'Look the domain’s records up in DNS now; mail is signed while all are found',
          params: id,
          response: { 200: sendingDomain, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => domains.check(requireUser(request, 'admin'), request.params.id),
    );
    app.delete(
      '/api/sending-domains/:id',
      {
        schema: {
          tags: ['sending'],
          summary: 'Remove a sending domain and its key; its mail leaves unsigned (admins)',
          params: id,
          response: { 204: noContent, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request, reply) => {
        await domains.remove(requireUser(request, 'admin'), request.params.id);
        return reply.code(204).send();
      },
    );
  };
}
