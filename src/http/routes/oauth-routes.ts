import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { noContent } from '../../api-shapes/common.js';
import {
  oauthChoice,
  oauthProvider,
  oauthRegistration,
  oauthRegistrationInput,
  signInStart,
  signInStarted,
} from '../../api-shapes/oauth.js';
import { isThreadlineError, ThreadlineError } from '../../core/errors.js';
import type { MailboxRow, MailboxService } from '../../services/mailboxes/mailbox-service.js';
import type { OAuthRegistrations } from '../../services/oauth/oauth-registrations.js';
import type { OAuthSignIn } from '../../services/oauth/oauth-sign-in.js';
import { errorResponses } from '../errors.js';
import { requireUser } from '../principal.js';

export const oauthCallbackPath = '/api/oauth/callback';

type Registration = z.output<typeof oauthRegistration>;

/**
 * OAuth 2.0 for mailboxes: admins register the organisation's client at a
 * provider once; users connect, or sign a mailbox in again, with one button.
 */
export function oauthRoutes(deps: {
  registrations: OAuthRegistrations;
  signIn: OAuthSignIn;
  mailboxes: MailboxService;
  /** THREADLINE_PUBLIC_URL; else the request's own origin. */
  publicUrl: string | null;
  requestSync(mailbox: MailboxRow): Promise<void>;
}): FastifyPluginAsyncZod {
  const redirectUri = (request: FastifyRequest) =>
    `${(deps.publicUrl ?? `${request.protocol}://${request.host}`).replace(/\/+$/, '')}${oauthCallbackPath}`;
  return async (app) => {
    app.get(
      '/api/oauth/providers',
      {
        schema: {
          tags: ['oauth'],
          summary: 'The providers users can sign a mailbox in with',
          response: { 200: z.array(oauthChoice), ...errorResponses(401) },
        },
      },
      async (request) => {
        requireUser(request);
        const registered = await deps.registrations.list();
        return registered.map(({ provider, label }) => ({ provider, label }));
      },
    );
    app.get(
      '/api/oauth/clients',
      {
        schema: {
          tags: ['oauth'],
          summary: 'The organisation’s OAuth clients (admins), without secrets',
          response: { 200: z.array(oauthRegistration), ...errorResponses(401, 403) },
        },
      },
      async (request) => {
        requireUser(request, 'admin');
        return (await deps.registrations.list()) as Registration[];
      },
    );
    app.put(
      '/api/oauth/clients/:provider',
      {
        schema: {
          tags: ['oauth'],
          summary:
            'Register the organisation’s client at a provider (admins); the secret is sealed',
          params: z.object({ provider: oauthProvider }),
          body: oauthRegistrationInput,
          response: { 200: oauthRegistration, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => {
        const admin = requireUser(request, 'admin');
        return (await deps.registrations.register(
          admin,
          request.params.provider,
          request.body,
        )) as Registration;
      },
    );
    app.delete(
      '/api/oauth/clients/:provider',
      {
        schema: {
          tags: ['oauth'],
          summary: 'Remove the organisation’s client at a provider (admins)',
          params: z.object({ provider: oauthProvider }),
          response: { 204: noContent, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request, reply) => {
        await deps.registrations.remove(requireUser(request, 'admin'), request.params.provider);
        return reply.code(204).send();
      },
    );
    app.post(
      '/api/mailboxes/sign-in',
      {
        schema: {
          tags: ['mailboxes'],
          summary: 'Start connecting a mailbox (or signing one in again) at its provider',
          body: signInStart,
          response: { 200: signInStarted, ...errorResponses(400, 401, 404) },
        },
      },
      async (request) => {
        const user = requireUser(request);
        const { mailboxId, label } = request.body;
        let mailbox: MailboxRow | undefined;
        let provider: string | undefined = request.body.provider;
        if (mailboxId) {
          mailbox = await deps.mailboxes.get(mailboxId);
          // Another user's mailbox answers like a missing one.
          if (mailbox.ownerId !== user.id || mailbox.disconnectedAt) {
            throw new ThreadlineError('NOT_FOUND', `No mailbox ${mailboxId}`);
          }
          const grant = deps.mailboxes.secretsOf(mailbox).imap;
          if (grant.kind === 'oauth2-signed-in') provider ??= grant.provider;
        }
        if (!provider) throw new ThreadlineError('VALIDATION_FAILED', 'provider is required');
        return deps.signIn.start(user.id, { provider, label, mailbox }, redirectUri(request));
      },
    );
    app.get(
      oauthCallbackPath,
      {
        schema: {
          tags: ['oauth'],
          summary:
            'Where the provider sends the browser back: on to Mailboxes, connected or with the reason',
          // The state names the sign-in and its user: the session cookie is SameSite and stays behind.
          security: [],
          querystring: z.record(z.string(), z.string()),
          response: { 303: z.null() },
        },
      },
      async (request, reply) => {
        const query = new URLSearchParams(request.query);
        try {
          const { mailbox } = await deps.signIn.finish(query);
          await deps.requestSync(mailbox);
          return reply.redirect(`/mailboxes?signedIn=${mailbox.id}`, 303);
        } catch (error) {
          if (!isThreadlineError(error)) throw error;
          request.log.warn({ code: error.code }, 'OAuth sign-in did not complete');
          return reply.redirect(`/mailboxes?signInError=${encodeURIComponent(error.message)}`, 303);
        }
      },
    );
  };
}
