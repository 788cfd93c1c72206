import { z } from 'zod';
import type { SyncState } from '../core/sync/health.js';
import { instant } from './common.js';

export const syncState = z.enum([
  'connecting',
  'backfilling',
  'live',
  'retrying',
  'failed',
  'paused',
] satisfies SyncState[]);
export type { SyncState };

export const security = z.enum(['tls', 'starttls', 'none']);
export const dataScope = z.enum(['full', 'no_attachments', 'metadata']);
export const captureMode = z.enum(['auto', 'review']);

export const serverSettings = z.object({ host: z.string(), port: z.number(), security });
export type ServerSettings = z.input<typeof serverSettings>;

export const providerPreset = z.object({
  id: z.string(),
  label: z.string(),
  imap: serverSettings,
  smtp: serverSettings,
  note: z.string(),
});
export type ProviderPreset = z.input<typeof providerPreset>;

export const connectionTest = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    folders: z.array(
      z.object({
        path: z.string(),
        specialUse: z.string().nullable(),
        defaultSelected: z.boolean(),
      }),
    ),
  }),
  z.object({ ok: z.literal(false), code: z.string(), message: z.string() }),
]);
export type ConnectionTest = z.input<typeof connectionTest>;

/** A mailbox's settings, without its secrets. */
export const mailbox = z.object({
  id: z.string(),
  ownerEmail: z.string(),
  label: z.string(),
  kind: z.enum(['imap', 'import', 'capture']),
  imap: serverSettings
    .extend({
      user: z.string(),
      allowSelfSigned: z.boolean().optional(),
      authKind: z.enum(['password', 'oauth2']).optional(),
    })
    .nullable(),
  smtp: serverSettings.extend({ sameCredentialsAsIncoming: z.boolean() }).nullable(),
  folders: z.array(z.string()).nullable(),
  activityWindowDays: z.number(),
  statsWindowDays: z.number(),
  dataScope,
  captureMode,
  createContacts: z.boolean(),
  backfillDoneAt: instant.nullable(),
  pausedAt: instant.nullable(),
});
export type Mailbox = z.input<typeof mailbox>;

const health = {
  state: syncState,
  code: z.string().nullable(),
  message: z.string().nullable(),
  attempt: z.number(),
  lastSuccessAt: instant.nullable(),
};

export const folderStatus = z.object({
  path: z.string(),
  specialUse: z.string().nullable(),
  selected: z.boolean(),
  ...health,
  state: z
    .union([syncState, z.literal('not_synced')])
    .describe('`not_synced` for a folder the mailbox does not sync'),
  onServer: z.number().nullable(),
  captured: z.number(),
  ignored: z.number(),
  failed: z.number(),
});
export type FolderStatus = z.input<typeof folderStatus>;

/** A mailbox's health is its worst folder's; `lagSeconds` is how far its slowest folder is behind. */
export const mailboxStatus = z.object({
  mailbox,
  ...health,
  stateText: z.string().describe('The state as the owner reads it, e.g. "needs new password"'),
  inboxPollSeconds: z
    .number()
    .nullable()
    .describe(
      'Seconds between polls of INBOX, when the server accepts IDLE but does not report new mail in it; null when it pushes',
    ),
  lagSeconds: z.number().nullable(),
  folders: z.array(folderStatus),
});
export type MailboxStatus = z.input<typeof mailboxStatus>;

export const blockedPattern = z.object({ pattern: z.string(), added: z.boolean() });

/** A DNS name or an address literal, no longer than a DNS name may be. */
const host = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9._:-]+$/, 'must be a host name or an IP address');
const port = z.number().int().min(1).max(65535);
// An e-mail address is at most 320 characters; a user name longer than that is no user name.
const user = z.string().min(1).max(320);
// Room for an OAuth2 token or a long passphrase, not for a payload.
const secret = z.string().min(1).max(4096);

const label = z.string().min(1).max(200);
const auth = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('password'), password: secret }),
  // Strict: a token endpoint comes from the provider's profile, never from the request.
  z.strictObject({
    kind: z.literal('oauth2'),
    provider: z.string().min(1).max(64),
    clientId: z.string().min(1).max(512),
    clientSecret: z.string().max(512).optional(),
    refreshToken: secret,
  }),
]);
const folders = z.array(z.string().min(1).max(1000)).max(10_000).nullable();
const windowDays = z.number().int().min(0).max(3650);

/** The body of `POST /api/mailboxes` and `/api/mailboxes/test`: secrets are sealed before storage and never returned. */
export const mailboxInput = z.object({
  label,
  imap: z.object({
    host,
    port,
    security,
    user,
    allowSelfSigned: z.boolean().default(false),
  }),
  auth,
  smtp: z
    .object({
      host,
      port,
      security,
      sameCredentialsAsIncoming: z.boolean().default(true),
      user: user.optional(),
      password: secret.optional(),
    })
    .nullable()
    .default(null),
  folders: folders.default(null),
  activityWindowDays: windowDays.default(30),
  statsWindowDays: windowDays.default(180),
  dataScope: dataScope.default('full'),
  captureMode: captureMode.default('auto'),
  createContacts: z.boolean().default(false),
});
export type MailboxInput = z.input<typeof mailboxInput>;

/**
 * The body of `PATCH /api/mailboxes/:id`: only the fields that change. New
 * credentials are tried against the server before they are sealed; new
 * folders or windows apply from the next pass.
 */
export const mailboxPatch = z.strictObject({
  label: label.optional(),
  auth: auth.optional(),
  folders: folders.optional(),
  activityWindowDays: windowDays.optional(),
  statsWindowDays: windowDays.optional(),
  dataScope: dataScope.optional(),
  captureMode: captureMode.optional(),
  createContacts: z.boolean().optional(),
});
export type MailboxPatch = z.input<typeof mailboxPatch>;
