import type { App } from '../../src/app/open-app.js';
import type { UserRow } from '../../src/adapters/db/repositories/users.js';
import type { MailboxInput } from '../../src/services/mailboxes/mailbox-service.js';
import type { DovecotServer } from './dovecot.js';
import type { PostfixServer } from './postfix.js';

/** A mailbox on the private Dovecot whose outgoing server is the private Postfix. */
export async function connectSendingMailbox(
  core: App,
  owner: UserRow,
  servers: { dovecot: DovecotServer; postfix: PostfixServer },
  login: { user: string; password: string },
  smtp: Partial<NonNullable<MailboxInput['smtp']>> = {},
) {
  return core.mailboxes.create(owner.id, {
    label: `send-${login.user}`,
    imap: {
      host: servers.dovecot.host,
      port: servers.dovecot.port,
      security: 'none',
      user: login.user,
      allowSelfSigned: true,
    },
    auth: { kind: 'password', password: login.password },
    smtp: {
      host: servers.postfix.host,
      port: servers.postfix.port,
      security: 'starttls',
      sameCredentialsAsIncoming: true,
      ...smtp,
    },
    folders: ['INBOX', 'Sent'],
    activityWindowDays: 30,
    statsWindowDays: 180,
    dataScope: 'full',
    captureMode: 'auto',
    createContacts: false,
  });
}
