import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { itemsOf, recordKind } from '../../api-shapes/common.js';
import {
  cleared,
  colleague,
  excluded,
  excludedMany,
  filedBySubject,
  followUp,
  followUps,
  included,
  refiled,
  reviewPage,
} from '../../api-shapes/review.js';
import type { ReviewQueueService } from '../../services/review/review-queue-service.js';
import { clientGone } from '../client-gone.js';
import { errorResponses } from '../errors.js';
import { requireUser } from '../principal.js';

const threadParams = z.object({ threadId: z.string().min(1).max(1000) });
const recordTarget = z.object({ type: recordKind, recordId: z.guid() });
/**
 * The store types the record kinds of suggested links and rules as text;
 * the columns' CHECKs hold them to the kinds, and serialising checks them.
 */
type Page = z.output<typeof reviewPage>;
type FiledBySubject = z.output<typeof filedBySubject>;

/** What a thread in the queue can answer besides its 200. */
const queuedErrors = errorResponses(400, 401, 403, 404);

/** The review queue: scan, include, exclude, refile, file by subject, follow up, File & Clear. */
export function reviewRoutes(review: ReviewQueueService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/review',
      {
        schema: {
          tags: ['review'],
          summary:
            'Your threads to review since the last clear, newest first, with suggested filing',
          description:
            'Mail in your mailboxes that capture by review, captured or with a suggested link. ' +
            'Page with `cursor` = the previous answer’s `next`.',
          querystring: z.object({
            cursor: z.string().max(500).optional(),
            limit: z.coerce.number().int().min(1).max(100).default(20),
          }),
          response: { 200: reviewPage, ...errorResponses(400, 401) },
        },
      },
      async (request, reply) =>
        (await review.list(
          requireUser(request),
          { cursor: request.query.cursor ?? null, limit: request.query.limit },
          clientGone(reply),
        )) as Page,
    );
    app.post(
      '/api/review/:threadId/include',
      {
        schema: {
          tags: ['review'],
          summary: 'File the thread as suggested, edited by the address list and a deal',
          description:
            '`dealId` files it on an existing deal too; `newDeal` creates one first (on the suggested ' +
            'account unless `accountId` is given). `addresses` is the edited address list: contacts ' +
            'and leads none of whose addresses are on it are unfiled. `sameAddresses` also includes ' +
            'the other queued threads with the same address list.',
          params: threadParams,
          body: z
            .object({
              dealId: z.guid().optional(),
              newDeal: z
                .object({
                  name: z.string().trim().min(1).max(300),
                  stage: z.string().trim().min(1).max(100),
                  product: z.string().trim().max(200).optional(),
                  accountId: z.guid().optional(),
                })
                .optional(),
              addresses: z.array(z.email()).max(500).optional(),
              sameAddresses: z.boolean().optional(),
            })
            .default({}),
          response: { 200: included, ...queuedErrors },
        },
      },
      async (request) =>
        review.include(requireUser(request), request.params.threadId, request.body),
    );
    app.post(
      '/api/review/:threadId/exclude',
      {
        schema: {
          tags: ['review'],
          summary: 'Unfile the thread from every suggested record, for the rest of the thread',
          params: threadParams,
          response: { 200: excluded, ...queuedErrors },
        },
      },
      async (request) => review.exclude(requireUser(request), request.params.threadId),
    );
    app.post(
      '/api/review/exclude',
      {
        schema: {
          tags: ['review'],
          summary: 'Exclude several threads at once; one unknown id and nothing changes',
          body: z.object({ threadIds: z.array(z.string().min(1).max(1000)).min(1).max(100) }),
          response: { 200: excludedMany, ...queuedErrors },
        },
      },
      async (request) => review.excludeMany(requireUser(request), request.body.threadIds),
    );
    app.post(
      '/api/review/:threadId/refile',
      {
        schema: {
          tags: ['review'],
          summary: 'Move the thread from one record to another and file it',
          params: threadParams,
          body: z.object({ from: recordTarget, to: recordTarget }),
          response: { 200: refiled, ...queuedErrors },
        },
      },
      async (request) => review.refile(requireUser(request), request.params.threadId, request.body),
    );
    app.post(
      '/api/review/:threadId/follow-up',
      {
        schema: {
          tags: ['review'],
          summary: 'Remind you or a colleague from `remindAt` until a reply goes out in the thread',
          params: threadParams,
          body: z.object({
            remindAt: z.iso.datetime({ offset: true }),
            assigneeId: z.guid().optional(),
            note: z.string().max(1000).optional(),
          }),
          response: { 200: followUp, ...queuedErrors },
        },
      },
      async (request) =>
        review.followUp(requireUser(request), request.params.threadId, {
          ...request.body,
          remindAt: new Date(request.body.remindAt),
        }),
    );
    app.get(
      '/api/follow-ups',
      {
        schema: {
          tags: ['review'],
          summary: 'Follow-ups you set or were given: due, open (due or waiting) or all',
          querystring: z.object({ state: z.enum(['due', 'open', 'all']).default('open') }),
          response: { 200: followUps, ...errorResponses(400, 401) },
        },
      },
      async (request) => review.followUps(requireUser(request), request.query),
    );
    app.post(
      '/api/follow-ups/:id/cancel',
      {
        schema: {
          tags: ['review'],
          summary: 'Cancel a follow-up you set or were given',
          params: z.object({ id: z.guid() }),
          response: { 200: followUp, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => review.cancelFollowUp(requireUser(request), request.params.id),
    );
    app.get(
      '/api/follow-ups/assignees',
      {
        schema: {
          tags: ['review'],
          summary: 'Colleagues a follow-up can be given to',
          response: { 200: itemsOf(colleague), ...errorResponses(401) },
        },
      },
      async (request) => {
        requireUser(request);
        return { items: await review.assignees() };
      },
    );
    app.post(
      '/api/review/:threadId/file-by-subject',
      {
        schema: {
          tags: ['review'],
          summary: 'File the thread on a record and your future mail with the same subject',
          params: threadParams,
          body: z.object({
            recordType: recordKind,
            recordId: z.guid(),
            pattern: z.string().trim().min(2).max(300).optional(),
          }),
          response: { 200: filedBySubject, ...queuedErrors },
        },
      },
      async (request) =>
        (await review.fileBySubject(
          requireUser(request),
          request.params.threadId,
          request.body,
        )) as FiledBySubject,
    );
    app.post(
      '/api/review/clear',
      {
        schema: {
          tags: ['review'],
          summary: 'File & Clear: file everything in your queue; the next scan starts after now',
          response: { 200: cleared, ...errorResponses(401, 403) },
        },
      },
      async (request) => review.clear(requireUser(request)),
    );
  };
}
