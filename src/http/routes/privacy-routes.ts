import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { itemsOf, noContent } from '../../api-shapes/common.js';
import {
  doNotTrackEntry,
  doNotTrackOutcome,
  erasureReport,
  personExport,
  retention,
} from '../../api-shapes/privacy.js';
import type { DoNotTrackService } from '../../services/privacy/do-not-track.js';
import type { PeopleService } from '../../services/privacy/people.js';
import type { RetentionService } from '../../services/privacy/retention.js';
import { errorResponses } from '../errors.js';
import { additionResponses, sendAddition } from '../list-addition.js';
import { requireUser } from '../principal.js';

const address = z.object({ address: z.string().trim().min(3).max(320) });
/** In the body, never the URL: the request log and proxies record URLs. */
const person = z.union([
  address.strict(),
  z.object({ contactId: z.uuid() }).strict(),
  z.object({ leadId: z.uuid() }).strict(),
]);
const days = z.number().int().min(1).max(36_500).nullable();

/** Export and erase a person, do-not-track and retention; all admin only, all audited. */
export function privacyRoutes(deps: {
  people: PeopleService;
  doNotTrack: DoNotTrackService;
  retention: RetentionService;
}): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/privacy/people/export',
      {
        schema: {
          tags: ['privacy'],
          summary:
            'Everything stored about one person, by e-mail address, contact or lead (admin, audited)',
          description:
            'The person is every address of the contacts and leads holding the address (or the record named). Their contacts and leads, and every stored message any of those addresses sent or received, with its links, per-mailbox decisions and attachment metadata.',
          body: person,
          response: { 200: personExport, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => {
        const admin = requireUser(request, 'admin');
        return deps.people.exportPerson(admin, request.body);
      },
    );

    app.post(
      '/api/privacy/people/erase',
      {
        schema: {
          tags: ['privacy'],
          summary: 'Erase a person (admin, audited under the address’s SHA-256)',
          description:
            'The person is every address of the contacts and leads holding the address (or the record named), and their names. Messages they sent are deleted; messages they only received are redacted (addresses removed, subject "[redacted]", bodies, search terms and attachments deleted); quarantined mail mentioning them is deleted; their contacts and leads are deleted; their threads’ participants and subject keys are recomputed; every other mention of an address or full name becomes "[redacted]". Do-not-track and block-list entries are kept. CONFLICT when an address is a user’s.',
          body: person,
          response: { 200: erasureReport, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => {
        const admin = requireUser(request, 'admin');
        return deps.people.erasePerson(admin, request.body);
      },
    );

    app.get(
      '/api/privacy/do-not-track',
      {
        schema: {
          tags: ['privacy'],
          summary: 'Addresses never captured (admin)',
          response: { 200: itemsOf(doNotTrackEntry), ...errorResponses(401, 403) },
        },
      },
      async (request) => {
        requireUser(request, 'admin');
        return { items: await deps.doNotTrack.list() };
      },
    );

    app.post(
      '/api/privacy/do-not-track',
      {
        schema: {
          tags: ['privacy'],
          summary: 'Stop capturing mail from or to an address, organisation-wide (admin, audited)',
          body: address,
          response: additionResponses(doNotTrackOutcome, 'Every address was on the list already'),
        },
      },
      async (request, reply) => {
        const admin = requireUser(request, 'admin');
        return sendAddition(reply, await deps.doNotTrack.add(admin, request.body.address));
      },
    );

    app.post(
      '/api/privacy/do-not-track/remove',
      {
        schema: {
          tags: ['privacy'],
          summary: 'Capture an address again (admin, audited)',
          body: address,
          response: { 204: noContent, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request, reply) => {
        const admin = requireUser(request, 'admin');
        await deps.doNotTrack.remove(admin, request.body.address);
        return reply.code(204).send();
      },
    );

    app.get(
      '/api/privacy/retention',
      {
        schema: {
          tags: ['privacy'],
          summary: 'How long mail content is kept (admin)',
          response: { 200: retention, ...errorResponses(401, 403) },
        },
      },
      async (request) => {
        requireUser(request, 'admin');
        return deps.retention.read();
      },
    );

    app.put(
      '/api/privacy/retention',
      {
        schema: {
          tags: ['privacy'],
          summary: 'Set how long mail content is kept (admin, audited)',
          description:
            'Bodies of messages older than `bodyDays` and attachments of messages older than `attachmentDays` are removed daily; null keeps them forever. With `keepMetadata` false a message past `bodyDays` is deleted whole.',
          body: z.object({ bodyDays: days, attachmentDays: days, keepMetadata: z.boolean() }),
          response: { 200: retention, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => {
        const admin = requireUser(request, 'admin');
        return deps.retention.save(admin, request.body);
      },
    );
  };
}
