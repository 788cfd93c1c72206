import { afterAll, beforeAll } from 'vitest';
import type { App } from '../../src/app/open-app.js';
import type { MailboxRow } from '../../src/adapters/db/repositories/mailboxes.js';
import { importCrmDirectory } from '../../src/services/crm-csv/import-crm.js';
import type { SyncDeps } from '../../src/services/sync/sync-mailbox.js';
import type { Backend } from './backends.js';
import { startDovecot, type DovecotServer } from './dovecot.js';
import { startImapFaultProxy, type ImapFaultProxy } from './imap-fault-proxy.js';
import { plainImapClient } from './plain-imap-client.js';
import type { ServerAccount } from './store-equals-server.js';
import { openTestApp } from './test-app.js';

/** The test app with the realistic CRM fixture imported, so mail from its contacts is captured. */
export async function openCrmTestApp(
  backend: Backend,
  env: Record<string, string> = {},
): Promise<App & { readonly databaseUrl: string | null }> {
  const core = await openTestApp(backend, env);
  await importCrmDirectory(core.database, 'test/fixtures/crm/realistic', {
    now: () => new Date(),
  });
  await core.directory.invalidate();
  return core;
}

/** Rita's mailbox on `account`'s server (plain IMAP), syncing the folders given. */
export async function connectRitasMailbox(
  core: App,
  account: ServerAccount,
  folders: readonly string[],
): Promise<MailboxRow> {
  const rita = await core.auth.findUserByEmail('rita@threadline.example');
  return core.mailboxes.create(rita!.id, {
    label: `${account.user} on ${account.port}`,
    imap: {
      host: account.host,
      port: account.port,
      security: 'none',
      user: account.user,
      allowSelfSigned: false,
    },
    auth: { kind: 'password', password: account.password },
    smtp: null,
    folders: [...folders],
    activityWindowDays: 30,
    statsWindowDays: 180,
    dataScope: 'full',
    captureMode: 'auto',
    createContacts: false,
  });
}

/** What a sync pass needs from the app, in batches of two so a few messages make several. */
export function smallBatchSyncDeps(core: App, openSession: SyncDeps['openSession']): SyncDeps {
  return {
    database: core.database,
    ingest: core.ingest,
    clock: core.clock,
    openSession,
    batchSize: 2,
  };
}

/** Mail from a CRM contact of the realistic fixture, unique to its user and number. */
export function contactMail(user: string, n: number): string {
  return [
    'From: Grace Hopper <grace.hopper@acme.com>',
    'To: rita@threadline.example',
    `Subject: Question ${n}`,
    `Message-ID: <${user}-${n}@acme.com>`,
    `Date: ${new Date(Date.now() - n * 60_000).toUTCString()}`,
    '',
    `Question number ${n}`,
    '',
  ].join('\r\n');
}

/** One change another client makes to a folder, by UID; a move goes to `to`. */
export type Mutation =
  | { readonly kind: 'append'; readonly folder: string; readonly n: number }
  | { readonly kind: 'flag'; readonly folder: string; readonly uid: number; readonly flag: string }
  | {
      readonly kind: 'unflag';
      readonly folder: string;
      readonly uid: number;
      readonly flag: string;
    }
  | { readonly kind: 'delete'; readonly folder: string; readonly uid: number }
  | { readonly kind: 'move'; readonly folder: string; readonly uid: number; readonly to: string };

/** Applies the changes in order, as another mail client would: new mail, flags, deletions, moves. */
export async function mutateMailbox(
  account: ServerAccount,
  mutations: readonly Mutation[],
): Promise<void> {
  const client = await plainImapClient(account.port, account.user, account.password);
  try {
    for (const mutation of mutations) {
      if (mutation.kind === 'append') {
        await client.append(mutation.folder, contactMail(account.user, mutation.n));
        continue;
      }
      await client.mailboxOpen(mutation.folder);
      const uid = String(mutation.uid);
      switch (mutation.kind) {
        case 'flag':
          await client.messageFlagsAdd(uid, [mutation.flag], { uid: true });
          break;
        case 'unflag':
          await client.messageFlagsRemove(uid, [mutation.flag], { uid: true });
          break;
        case 'delete':
          await client.messageDelete(uid, { uid: true });
          break;
        case 'move':
          await client.messageMove(uid, mutation.to, { uid: true });
          break;
      }
    }
  } finally {
    await client.logout();
  }
}

/**
 * A private Dovecot and a fault-injecting proxy in front of it, started
 * before the file's tests and stopped after them.
 */
export function proxiedDovecot(): {
  readonly dovecot: DovecotServer;
  readonly proxy: ImapFaultProxy;
} {
  const servers = {} as { dovecot: DovecotServer; proxy: ImapFaultProxy };
  beforeAll(async () => {
    servers.dovecot = await startDovecot();
    servers.proxy = await startImapFaultProxy(servers.dovecot);
  }, 30_000);
  afterAll(async () => {
    await servers.proxy?.stop();
    await servers.dovecot?.stop();
  });
  return servers;
}
