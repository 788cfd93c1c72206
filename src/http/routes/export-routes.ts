import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordKind } from '../../api-shapes/common.js';
import { exportedMessage } from '../../api-shapes/mail.js';
import type { ReaderExportService } from '../../services/export/export-messages.js';
import { errorResponses } from '../errors.js';
import { sendJsonLines } from '../json-lines-reply.js';
import { requireUser } from '../principal.js';

const instant = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

const exportQuery = z
  .object({
    recordType: recordKind.optional(),
    recordId: z.guid().optional(),
    from: instant.optional(),
    to: instant.optional(),
  })
  .superRefine((query, context) => {
    if ((query.recordType === undefined) !== (query.recordId === undefined)) {
      context.addIssue({
        code: 'custom',
        path: [query.recordType === undefined ? 'recordType' : 'recordId'],
        message: 'recordType and recordId go together',
      });
    }
    if (query.from && query.to && new Date(query.from) >= new Date(query.to)) {
      context.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
    }
  });

/** The caller's own export of the mail they may see. */
export function exportRoutes(exports: ReaderExportService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/export/messages',
      {
        schema: {
          tags: ['mail'],
          summary: 'Export the messages the caller may see, as JSON lines (audited)',
          description:
            'One JSON object per message, in a stable order: the fields of `threadline export messages` (messageId, threadId, captured, category, reasons, links, and meetings when the message carries calendar objects) plus subject, sentAt, from, participants, bodyOpen, text and html. Bodies only where the caller may open them. Filter by a record (`recordType` with `recordId`: messages filed directly on it) and by date (`from` inclusive, `to` exclusive). Every export is written to the audit log with its filter and count.',
          querystring: exportQuery,
          response: {
            200: {
              description: 'One message a line',
              content: { 'application/x-ndjson': { schema: exportedMessage } },
            },
            ...errorResponses(400, 401, 404),
          },
        },
      },
      async (request, reply) => {
        const user = requireUser(request);
        const { recordType, recordId, from, to } = request.query;
        // The response closes early when the client goes away: stop reading pages then.
        const stopped = new AbortController();
        reply.raw.once('close', () => stopped.abort());
        const messages = await exports.messagesFor(
          user,
          {
            record: recordType && recordId ? { type: recordType, id: recordId } : null,
            from: from ? new Date(from) : null,
            to: to ? new Date(to) : null,
          },
          stopped.signal,
        );
        return sendJsonLines(reply, 'threadline-messages.ndjson', messages);
      },
    );
  };
}
