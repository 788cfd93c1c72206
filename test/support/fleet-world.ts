import type { App } from '../../src/app/open-app.js';
import type { MailboxRow } from '../../src/adapters/db/repositories/mailboxes.js';
import { startDovecot, type DovecotServer } from './dovecot.js';
import type { ServerAccount } from './store-equals-server.js';
import { connectRitasMailbox, contactMail, openCrmTestApp } from './sync-world.js';

import { fleetSecretKey } from './worker-process.js';

export interface FleetWorld {
  readonly app: App & { readonly databaseUrl: string | null };
  readonly dovecot: DovecotServer;
  readonly accounts: ServerAccount[];
  readonly mailboxes: MailboxRow[];
}

/**
 * A PostgreSQL-server app with the CRM fixture, and `users` Dovecot users
 * each holding `messages` mails from a CRM contact in INBOX, each connected
 * as one of Rita's mailboxes; `port` puts a proxy in front of Dovecot;
 * `env` adds settings of the app (e.g. `THREADLINE_SYNC_IN_SERVER`);
 * `folders` beyond INBOX are created empty and synced too.
 */
export async function openFleetWorld(options: {
  users: number;
  messages: number;
  dovecot?: DovecotServer;
  port?: (dovecot: DovecotServer) => number;
  env?: Record<string, string>;
  folders?: readonly string[];
}): Promise<FleetWorld> {
  const dovecot = options.dovecot ?? (await startDovecot());
  const app = await openCrmTestApp('server', {
    THREADLINE_SECRET_KEY: fleetSecretKey,
    ...options.env,
  });
  const port = options.port?.(dovecot) ?? dovecot.port;
  const accounts: ServerAccount[] = [];
  const mailboxes: MailboxRow[] = [];
  for (let i = 0; i < options.users; i += 1) {
    const account = { host: dovecot.host, port, user: `fleet${i}`, password: `pw-${i}` };
    await dovecot.addUser(account.user, account.password);
    const raws = Array.from({ length: options.messages }, (_, n) =>
      Buffer.from(contactMail(account.user, n + 1)),
    );
    await dovecot.writeMaildirMessages(account.user, 'INBOX', raws);
    for (const folder of options.folders ?? []) await dovecot.createFolder(account.user, folder);
    accounts.push(account);
    mailboxes.push(await connectRitasMailbox(app, account, ['INBOX', ...(options.folders ?? [])]));
  }
  return { app, dovecot, accounts, mailboxes };
}

export {
  eventually,
  holdersNow,
  startWorkerProcess,
  type WorkerProcess,
} from './worker-process.js';
