import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { noContent } from '../../api-shapes/common.js';
import type { mailbox } from '../../api-shapes/mailboxes.js';
import {
  delegatedConnect,
  delegatedOutcome,
  delegation,
  delegationInput,
  delegationProvider,
} from '../../api-shapes/oauth-delegations.js';
import { presentMailbox, type MailboxRow } from '../../services/mailboxes/mailbox-service.js';
import type { DelegatedOnboarding } from '../../services/oauth/delegated-onboarding.js';
import type { OAuthDelegations } from '../../services/oauth/oauth-delegations.js';
import { errorResponses } from '../errors.js';
import { requireUser } from '../principal.js';

/**
 * Whole-organisation onboarding, for admins: the organisation's delegation
 * at a provider, and connecting the mailboxes of the users they pick.
 */
export function oauthDelegationRoutes(deps: {
  delegations: OAuthDelegations;
  onboarding: DelegatedOnboarding;
  requestSync(mailbox: MailboxRow): Promise<void>;
}): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/oauth/delegations',
      {
        schema: {
          tags: ['oauth'],
          summary: 'The organisation’s delegations (admins), without keys or secrets',
          response: { 200: z.array(delegation), ...errorResponses(401, 403) },
        },
      },
      async (request) => {
        requireUser(request, 'admin');
        return deps.delegations.list();
      },
    );
    app.put(
      '/api/oauth/delegations/:provider',
      {
        schema: {
          tags: ['oauth'],
          summary:
            'Grant Threadline the mail of the users an admin picks, without asking them (admins)',
          params: z.object({ provider: delegationProvider }),
          body: delegationInput,
          response: { 200: delegation, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => {
        const admin = requireUser(request, 'admin');
        return deps.delegations.register(admin, request.params.provider, request.body);
      },
    );
    app.delete(
      '/api/oauth/delegations/:provider',
      {
        schema: {
          tags: ['oauth'],
          summary: 'Withdraw the organisation’s delegation at a provider (admins)',
          params: z.object({ provider: delegationProvider }),
          response: { 204: noContent, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request, reply) => {
        await deps.delegations.remove(requireUser(request, 'admin'), request.params.provider);
        return reply.code(204).send();
      },
    );
    app.post(
      '/api/oauth/delegations/:provider/mailboxes',
      {
        schema: {
          tags: ['oauth'],
          summary:
            'Connect the mailboxes of the users picked, without their consent (admins); one outcome per user',
          params: z.object({ provider: delegationProvider }),
          body: delegatedConnect,
          response: { 200: z.array(delegatedOutcome), ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => {
        const admin = requireUser(request, 'admin');
        const outcomes = await deps.onboarding.connect(
          admin,
          request.params.provider,
          request.body.userIds,
        );
        return Promise.all(
          outcomes.map(async (outcome) => {
            if (outcome.status === 'failed') return outcome;
            await deps.requestSync(outcome.mailbox);
            return {
              ...outcome,
              mailbox: presentMailbox(outcome.mailbox) as z.output<typeof mailbox>,
            };
          }),
        );
      },
    );
  };
}
