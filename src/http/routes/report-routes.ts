import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { binary } from '../../api-shapes/mail.js';
import {
  auditTrailQuery,
  auditTrailReport,
  engagementQuery,
  engagementReport,
  reportName,
  reportQuery,
  responseTimesReport,
  templatesReport,
  volumeReport,
} from '../../api-shapes/reports.js';
import type { Reporting } from '../../services/reports/report-export.js';
import { clientGone } from '../client-gone.js';
import { errorResponses } from '../errors.js';
import { requireUser } from '../principal.js';

const tags = ['reports'];
const filters =
  'Counts only mail the caller may see (sharing rules), from aggregates kept as mail is filed. Filter by `from`/`to` (UTC days), `teamId`, `ownerId` (the rep) and a record (`recordType` with `recordId`).';

/** The reports, each as JSON, CSV or PDF, over the mail the caller may see. */
export function reportRoutes({ reports, exports }: Reporting): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/reports/engagement',
      {
        schema: {
          tags,
          summary: 'Inbound, outbound and meetings per day or week',
          description: filters,
          querystring: engagementQuery,
          response: { 200: engagementReport, ...errorResponses(400, 401, 404) },
        },
      },
      async (request, reply) =>
        reports.engagement(requireUser(request), request.query, request.query.bucket, {
          signal: clientGone(reply),
        }),
    );
    app.get(
      '/api/reports/volume',
      {
        schema: {
          tags,
          summary: 'Messages per rep and per team',
          description: filters,
          querystring: reportQuery,
          response: { 200: volumeReport, ...errorResponses(400, 401, 404) },
        },
      },
      async (request, reply) =>
        reports.volume(requireUser(request), request.query, { signal: clientGone(reply) }),
    );
    app.get(
      '/api/reports/response-times',
      {
        schema: {
          tags,
          summary: 'Median and 90th percentile working minutes to answer, ours and theirs',
          description: `${filters} Minutes count only the rep's working hours, in their time zone, without holidays.`,
          querystring: reportQuery,
          response: { 200: responseTimesReport, ...errorResponses(400, 401, 404) },
        },
      },
      async (request, reply) =>
        reports.responseTimes(requireUser(request), request.query, { signal: clientGone(reply) }),
    );
    app.get(
      '/api/reports/templates',
      {
        schema: {
          tags,
          summary: 'Open and click rates of tracked mail written from each template',
          querystring: reportQuery,
          response: { 200: templatesReport, ...errorResponses(400, 401, 404) },
        },
      },
      async (request, reply) => ({
        items: await reports.templates(requireUser(request), request.query, {
          signal: clientGone(reply),
        }),
      }),
    );
    app.get(
      '/api/reports/audit-trail',
      {
        schema: {
          tags,
          summary: 'Every message, meeting and manual link change on a record, newest first',
          querystring: auditTrailQuery,
          response: { 200: auditTrailReport, ...errorResponses(400, 401, 404) },
        },
      },
      async (request, reply) => {
        const { recordType, recordId, cursor, limit } = request.query;
        const page = await reports.auditTrail(
          requireUser(request),
          { type: recordType, id: recordId },
          { cursor, limit },
          { signal: clientGone(reply) },
        );
        return { items: page.entries, next: page.next };
      },
    );
    app.get(
      '/api/reports/:name/export',
      {
        schema: {
          tags,
          summary: 'A report as a CSV file or a PDF',
          description: `The report's filters, and \`format\`. ${filters}`,
          params: z.object({ name: reportName }),
          querystring: engagementQuery.extend({ format: z.enum(['csv', 'pdf']) }),
          response: {
            200: {
              description: 'The file',
              content: { 'text/csv': { schema: binary }, 'application/pdf': { schema: binary } },
            },
            ...errorResponses(400, 401, 404),
          },
        },
      },
      async (request, reply) => {
        const { format, ...query } = request.query;
        const file = await exports.render(requireUser(request), request.params.name, query, format);
        return reply
          .header('content-type', file.contentType)
          .header('content-disposition', `attachment; filename="${file.filename}"`)
          .header('x-content-type-options', 'nosniff')
          .send(file.body);
      },
    );
  };
}
