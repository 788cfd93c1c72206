import { z } from 'zod';
import { oauthProviderKinds } from '../core/oauth/provider-profiles.js';
import { instant } from './common.js';
import { security } from './mailboxes.js';

export const oauthProvider = z.enum(oauthProviderKinds);

const imapServer = z.object({
  host: z.string().min(1).max(253),
  port: z.number().int().min(1).max(65535),
  security,
});

/** The body of `PUT /api/oauth/clients/:provider`: the secret is sealed and never returned. */
export const oauthRegistrationInput = z.strictObject({
  clientId: z.string().min(1).max(512),
  clientSecret: z
    .string()
    .min(1)
    .max(2048)
    .optional()
    .describe('Required the first time; left out, the stored secret stays'),
  tenant: z
    .string()
    .max(100)
    .optional()
    .describe('Microsoft 365: the Directory (tenant) ID of the organisation'),
  issuer: z
    .url()
    .max(2048)
    .optional()
    .describe('A generic OpenID Connect provider: its issuer, for discovery'),
  imap: imapServer.optional().describe('A generic provider: the IMAP server its tokens open'),
  mailScopes: z.array(z.string().min(1).max(512)).max(20).optional(),
});
export type OAuthRegistrationInput = z.input<typeof oauthRegistrationInput>;

/** A registered client as an admin sees it: no secret. */
export const oauthRegistration = z.object({
  provider: oauthProvider,
  label: z.string(),
  clientId: z.string(),
  settings: z.object({
    tenant: z.string().optional(),
    issuer: z.string().optional(),
    imap: imapServer.optional(),
    mailScopes: z.array(z.string()).optional(),
  }),
  imap: imapServer,
  scopes: z.array(z.string()),
  updatedAt: instant,
});
export type OAuthRegistration = z.input<typeof oauthRegistration>;

/** A provider users can sign in with. */
export const oauthChoice = z.object({ provider: oauthProvider, label: z.string() });
export type OAuthChoice = z.input<typeof oauthChoice>;

/** The body of `POST /api/mailboxes/sign-in`. */
export const signInStart = z.strictObject({
  provider: oauthProvider.optional().describe('Required for a new mailbox'),
  label: z.string().min(1).max(200).optional(),
  mailboxId: z.guid().optional().describe('Sign this mailbox in again, keeping its mail and place'),
});
export type SignInStart = z.input<typeof signInStart>;

export const signInStarted = z.object({
  authorizationUrl: z.string().describe('Send the browser here: the provider’s consent screen'),
});
