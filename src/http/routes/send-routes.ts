import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { itemsOf, noContent } from '../../api-shapes/common.js';
import { outboxItem, sendInput, signatureShape, smtpTestResult } from '../../api-shapes/send.js';
import type { OutboxRow, SendService } from '../../services/send/send-service.js';
import { errorResponses } from '../errors.js';
import { requireUser } from '../principal.js';

/** An outbox row as the API shows it: who it goes to and where it stands, no body. */
function presentOutboxRow(row: OutboxRow): z.input<typeof outboxItem> {
  return {
    id: row.id,
    mailboxId: row.mailboxId,
    messageId: row.messageId,
    subject: row.message.subject,
    to: [...row.message.to, ...row.message.cc].map((a) => a.address),
    state: row.state,
    sendAt: row.sendAt.toISOString(),
    timeZone: row.timeZone,
    undoUntil: row.state === 'scheduled' ? row.sendAt.toISOString() : null,
    sentAt: row.sentAt?.toISOString() ?? null,
    sentCopy: row.sentCopy,
    errorCode: row.errorCode,
    errorMessage: row.errorMessage,
    untrackedReason: row.untrackedReason,
  };
}

const idParam = z.object({ id: z.guid() });

/** Writing mail through one's own mailbox, the outbox with undo and scheduled send, the signature. */
export function sendRoutes(send: SendService): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/messages/send',
      {
        schema: {
          tags: ['sending'],
          summary:
            'Send through one of your mailboxes: queued for the undo window, or until "sendAt" in its time zone',
          body: sendInput,
          response: { 202: outboxItem, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request, reply) => {
        const row = await send.send(requireUser(request), request.body, { ip: request.ip });
        return reply.code(202).send(outboxItem.parse(presentOutboxRow(row)));
      },
    );
    app.get(
      '/api/outbox',
      {
        schema: {
          tags: ['sending'],
          summary: 'Your outbox, newest first: waiting, sent, failed and cancelled mail',
          response: { 200: itemsOf(outboxItem), ...errorResponses(401) },
        },
      },
      async (request) => ({
        items: (await send.list(requireUser(request))).map((row) =>
          outboxItem.parse(presentOutboxRow(row)),
        ),
      }),
    );
    app.post(
      '/api/outbox/:id/cancel',
      {
        schema: {
          tags: ['sending'],
          summary: 'Undo send, or cancel a scheduled message: 409 once it is being sent',
          params: idParam,
          response: { 200: outboxItem, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) =>
        outboxItem.parse(
          presentOutboxRow(await send.cancel(requireUser(request), request.params.id)),
        ),
    );
    app.post(
      '/api/mailboxes/:id/test-smtp',
      {
        schema: {
          tags: ['sending'],
          summary:
            'Sign in to the mailbox’s outgoing server: the same error codes as the IMAP test',
          params: idParam,
          response: { 200: smtpTestResult, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => send.testSmtp(requireUser(request), request.params.id),
    );
    app.get(
      '/api/me/signature',
      {
        schema: {
          tags: ['sending'],
          summary: 'Your signature, put under what you write in Threadline',
          response: { 200: signatureShape.nullable(), ...errorResponses(401) },
        },
      },
      async (request) => send.signature(requireUser(request)),
    );
    app.put(
      '/api/me/signature',
      {
        schema: {
          tags: ['sending'],
          summary: 'Set your signature; its HTML is sanitised',
          body: signatureShape,
          response: { 204: noContent, ...errorResponses(400, 401, 403) },
        },
      },
      async (request, reply) => {
        await send.setSignature(requireUser(request), request.body.text, request.body.html);
        return reply.code(204).send();
      },
    );
  };
}
