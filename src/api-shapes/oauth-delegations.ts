import { z } from 'zod';
import { delegationKinds } from '../core/oauth/delegation.js';
import { instant } from './common.js';
import { mailbox, security } from './mailboxes.js';

export const delegationProvider = z.enum(delegationKinds);

const imapServer = z.object({
  host: z.string().min(1).max(253),
  port: z.number().int().min(1).max(65535),
  security,
});

/** The body of `PUT /api/oauth/delegations/:provider`: the key or secret is sealed and never returned. */
export const delegationInput = z.strictObject({
  serviceAccountKey: z
    .string()
    .min(1)
    .max(20_000)
    .optional()
    .describe(
      'Google: the service account’s JSON key file, as downloaded; left out, the stored key stays',
    ),
  clientId: z
    .string()
    .min(1)
    .max(512)
    .optional()
    .describe('Microsoft 365: the application (client) id'),
  clientSecret: z
    .string()
    .min(1)
    .max(2048)
    .optional()
    .describe('Microsoft 365: the application’s client secret; left out, the stored one stays'),
  tenant: z
    .string()
    .max(100)
    .optional()
    .describe('Microsoft 365: the Directory (tenant) ID of the organisation'),
  tokenEndpoint: z
    .url()
    .max(2048)
    .optional()
    .describe('A token endpoint other than the provider’s (a national cloud)'),
  imap: imapServer.optional().describe('An IMAP server other than the provider’s'),
});
export type DelegationInput = z.input<typeof delegationInput>;

/** A registered delegation as an admin sees it: no key, no secret. */
export const delegation = z.object({
  provider: delegationProvider,
  label: z.string(),
  principal: z.string().describe('The service account’s e-mail, or the application (client) id'),
  settings: z.object({
    tenant: z.string().optional(),
    tokenEndpoint: z.string().optional(),
    imap: imapServer.optional(),
  }),
  tokenEndpoint: z.string(),
  scope: z.string(),
  imap: imapServer,
  updatedAt: instant,
});
export type Delegation = z.input<typeof delegation>;

/** The body of `POST /api/oauth/delegations/:provider/mailboxes`. */
export const delegatedConnect = z.strictObject({
  userIds: z.array(z.guid()).min(1).max(500),
});
export type DelegatedConnect = z.input<typeof delegatedConnect>;

/** One outcome per user picked. */
export const delegatedOutcome = z.discriminatedUnion('status', [
  z.object({
    userId: z.string(),
    email: z.string(),
    status: z.literal('connected'),
    mailbox,
  }),
  z.object({
    userId: z.string(),
    email: z.string().nullable(),
    status: z.literal('failed'),
    code: z.string(),
    message: z.string(),
  }),
]);
export type DelegatedOutcome = z.input<typeof delegatedOutcome>;
