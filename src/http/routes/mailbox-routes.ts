import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  connectionTest,
  mailbox,
  mailboxStatus,
  type ConnectionTest,
} from '../../api-shapes/mailboxes.js';
import { ThreadlineError } from '../../core/errors.js';
import {
  mailboxInput,
  mailboxPatch,
  presentMailbox,
  type MailboxRow,
  type MailboxService,
} from '../../services/mailboxes/mailbox-service.js';
import { errorResponses } from '../errors.js';
import { requireUser } from '../principal.js';

export interface MailboxActions {
  /** Tries the settings against the server: a specific code and advice on failure. */
  testConnection(input: z.infer<typeof mailboxInput>): Promise<ConnectionTest>;
  /** Queues a sync pass now. */
  requestSync(mailbox: MailboxRow): Promise<void>;
  /**
   * "Sync now" asked for by a user: as `requestSync`, but refused
   * (NO_SYNC_WORKER) when no process would run the pass. `requestSync` when absent.
   */
  syncNow?(mailbox: MailboxRow): Promise<void>;
}

/**
 * The store keeps a mailbox's server settings as JSON, typed loosely there:
 * they hold what `mailboxInput` accepted, and serialising checks them.
 */
const present = (row: MailboxRow) => presentMailbox(row) as z.output<typeof mailbox>;

/**
 * Mailboxes: connect, list, health, test connection, sync now, edit, pause,
 * resume, disconnect. Owners see their own; admins all.
 */
export function mailboxRoutes(
  mailboxes: MailboxService,
  actions: MailboxActions,
): FastifyPluginAsyncZod {
  return async (app) => {
    const ownMailbox = async (userId: string, role: string, id: string) => {
      const mailbox = await mailboxes.get(id);
      if (mailbox.disconnectedAt) throw new ThreadlineError('NOT_FOUND', `No mailbox ${id}`);
      // Someone else's mailbox answers exactly like a missing one: its existence is private too.
      if (mailbox.ownerId !== userId && role !== 'admin') {
        throw new ThreadlineError('NOT_FOUND', `No mailbox ${id}`);
      }
      return mailbox;
    };

    app.get(
      '/api/mailboxes',
      {
        schema: {
          tags: ['mailboxes'],
          summary: 'Your mailboxes (an admin: everyone’s), without secrets',
          response: { 200: z.array(mailbox), ...errorResponses(401) },
        },
      },
      async (request) => {
        const user = requireUser(request);
        const rows = await mailboxes.list(user.role === 'admin' ? null : user.id);
        return rows.map(present);
      },
    );
    app.post(
      '/api/mailboxes',
      {
        schema: {
          tags: ['mailboxes'],
          summary: 'Connect a mailbox',
          body: mailboxInput,
          response: { 201: mailbox, ...errorResponses(400, 401, 403, 409) },
        },
      },
      async (request, reply) => {
        const user = requireUser(request);
        const mailbox = await mailboxes.create(user.id, request.body);
        await actions.requestSync(mailbox);
        return reply.code(201).send(present(mailbox));
      },
    );
    app.post(
      '/api/mailboxes/test',
      {
        schema: {
          tags: ['mailboxes'],
          summary:
            'Test connection settings: AUTH_FAILED, TLS_ERROR, HOST_UNREACHABLE, TIMEOUT, FOLDER_MISSING; MAIL_HOST_NOT_ALLOWED (403) before connecting',
          body: mailboxInput,
          response: { 200: connectionTest, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => {
        requireUser(request);
        return actions.testConnection(request.body);
      },
    );
    app.get(
      '/api/mailboxes/:id/status',
      {
        schema: {
          tags: ['mailboxes'],
          summary: 'Sync health: state, lag, last success, counts per folder',
          params: z.object({ id: z.guid() }),
          response: { 200: mailboxStatus, ...errorResponses(400, 401, 404) },
        },
      },
      async (request) => {
        const user = requireUser(request);
        const status = await mailboxes.status(
          await ownMailbox(user.id, user.role, request.params.id),
        );
        return { ...status, mailbox: status.mailbox as z.output<typeof mailbox> };
      },
    );
    app.patch(
      '/api/mailboxes/:id',
      {
        schema: {
          tags: ['mailboxes'],
          summary:
            'Edit a mailbox; a new password or token is tested first (AUTH_FAILED and the other test codes, 422) and saved only if it works',
          params: z.object({ id: z.guid() }),
          body: mailboxPatch,
          response: { 200: mailbox, ...errorResponses(400, 401, 403, 404, 409, 422) },
        },
      },
      async (request) => {
        const user = requireUser(request);
        const current = await ownMailbox(user.id, user.role, request.params.id);
        const updated = await mailboxes.update(current, request.body, (input) =>
          actions.testConnection(input),
        );
        // New credentials or folders are tried at once rather than at the next poll.
        await actions.requestSync(updated);
        return present(updated);
      },
    );
    for (const [action, summary] of [
      ['pause', 'Pause sync: mail that arrives meanwhile is taken in after resuming'],
      ['resume', 'Resume sync, starting with a pass now'],
    ] as const) {
      app.post(
        `/api/mailboxes/:id/${action}`,
        {
          schema: {
            tags: ['mailboxes'],
            summary,
            params: z.object({ id: z.guid() }),
            response: { 200: mailbox, ...errorResponses(400, 401, 404) },
          },
        },
        async (request) => {
          const user = requireUser(request);
          const current = await ownMailbox(user.id, user.role, request.params.id);
          const changed = await mailboxes[action](current);
          if (action === 'resume') await actions.requestSync(changed);
          return present(changed);
        },
      );
    }
    app.delete(
      '/api/mailboxes/:id',
      {
        schema: {
          tags: ['mailboxes'],
          summary:
            'Disconnect a mailbox; keepMail=true keeps what it captured, false deletes the messages no other mailbox holds',
          params: z.object({ id: z.guid() }),
          querystring: z.object({ keepMail: z.enum(['true', 'false']) }),
          response: {
            200: z.object({ messagesDeleted: z.number(), filesRemoved: z.number() }),
            ...errorResponses(400, 401, 404),
          },
        },
      },
      async (request) => {
        const user = requireUser(request);
        const current = await ownMailbox(user.id, user.role, request.params.id);
        return mailboxes.disconnect(current, request.query.keepMail === 'true', user);
      },
    );
    app.post(
      '/api/mailboxes/:id/sync',
      {
        schema: {
          tags: ['mailboxes'],
          summary: 'Sync now',
          params: z.object({ id: z.guid() }),
          response: {
            202: z.object({ queued: z.literal(true) }),
            ...errorResponses(400, 401, 403, 404, 409),
          },
        },
      },
      async (request, reply) => {
        const user = requireUser(request);
        const mailbox = await ownMailbox(user.id, user.role, request.params.id);
        await (actions.syncNow ?? actions.requestSync)(mailbox);
        return reply.code(202).send({ queued: true });
      },
    );
  };
}
