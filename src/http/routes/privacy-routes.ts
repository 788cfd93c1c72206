import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../adapters/db/database.js';
import type { Clock } from '../../adapters/system/clock.js';
import type { DoNotTrackService } from '../../services/privacy/do-not-track.js';
import type { PeopleService } from '../../services/privacy/people.js';
import { readRetention, saveRetention } from '../../services/privacy/retention.js';
import { requireUser } from '../principal.js';

const person = z.object({ address: z.string().trim().min(3).max(320) });
const days = z.number().int().min(1).max(36_500).nullable();

/** Export and erase a person, do-not-track and retention (C14); all admin only, all audited. */
export function privacyRoutes(deps: {
  people: PeopleService;
  doNotTrack: DoNotTrackService;
  database: Database;
  clock: Clock;
}): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/privacy/people/:address/export',
      {
        schema: {
          tags: ['privacy'],
          summary: 'Everything stored about one person, by e-mail address (admin, audited)',
          description:
            'Contacts and leads with the address, and every stored message the address sent or received, with its links, per-mailbox decisions and attachment metadata.',
          params: person,
        },
      },
      async (request) => {
        const admin = requireUser(request, 'admin');
        return deps.people.exportPerson(admin, request.params.address);
      },
    );

    app.post(
      '/api/privacy/people/:address/erase',
      {
        schema: {
          tags: ['privacy'],
          summary: 'Erase a person (admin, audited under the address’s SHA-256)',
          description:
            'Messages the person sent are deleted; messages they only received are redacted (address removed, subject "[redacted]", bodies and attachments deleted); quarantined mail mentioning them is deleted; the address leaves contacts and leads (deleting those left without an address); every other mention becomes "[redacted]". Do-not-track and block-list entries are kept. CONFLICT when the address is a user’s.',
          params: person,
        },
      },
      async (request) => {
        const admin = requireUser(request, 'admin');
        return deps.people.erasePerson(admin, request.params.address);
      },
    );

    app.get(
      '/api/privacy/do-not-track',
      { schema: { tags: ['privacy'], summary: 'Addresses never captured (admin)' } },
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
          body: person,
        },
      },
      async (request, reply) => {
        const admin = requireUser(request, 'admin');
        const result = await deps.doNotTrack.add(admin, request.body.address);
        return reply.code(result.added ? 201 : 200).send(result);
      },
    );

    app.delete(
      '/api/privacy/do-not-track/:address',
      {
        schema: {
          tags: ['privacy'],
          summary: 'Capture an address again (admin, audited)',
          params: person,
        },
      },
      async (request, reply) => {
        const admin = requireUser(request, 'admin');
        await deps.doNotTrack.remove(admin, request.params.address);
        return reply.code(204).send();
      },
    );

    app.get(
      '/api/privacy/retention',
      { schema: { tags: ['privacy'], summary: 'How long mail content is kept (admin)' } },
      async (request) => {
        requireUser(request, 'admin');
        return readRetention(deps.database);
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
        },
      },
      async (request) => {
        const admin = requireUser(request, 'admin');
        return saveRetention(deps.database, deps.clock, admin, request.body);
      },
    );
  };
}
