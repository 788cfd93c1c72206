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
  kind: z.enum(['imap', 'import']),
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
  lagSeconds: z.number().nullable(),
  folders: z.array(folderStatus),
});
export type MailboxStatus = z.input<typeof mailboxStatus>;

export const blockedPattern = z.object({ pattern: z.string(), added: z.boolean() });
