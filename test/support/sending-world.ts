import { ImapFlow } from 'imapflow';
import type { App } from '../../src/app/open-app.js';
import type { UserRow } from '../../src/adapters/db/repositories/users.js';
import type { Clock } from '../../src/adapters/system/clock.js';
import { createOutboxWorker } from '../../src/services/send/outbox-worker.js';
import { createSendService, type SendInput } from '../../src/services/send/send-service.js';
import { sendInput } from '../../src/api-shapes/send.js';
import { syncMailboxOnce } from '../../src/services/sync/sync-mailbox.js';
import { startDovecot, type DovecotServer } from './dovecot.js';
import { startPostfix, type PostfixServer } from './postfix.js';
import { adminCredentials } from './test-app.js';

export { connectSendingMailbox } from './sending-mailbox.js';

/** A clock the test moves by hand: "send at" and the undo window without waiting. */
export function handClock(start = new Date()): Clock & { advance(ms: number): void } {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    advance: (ms) => {
      now += ms;
    },
  };
}

/** The signed-in admin of a test app: the rep who writes. */
export async function sender(core: App): Promise<UserRow> {
  return (await core.auth.findUserByEmail(adminCredentials.email))!;
}

/**
 * The send service and an outbox worker of one app, on a hand clock, without an undo window;
 * `tracked` hands the send service the app's tracking.
 */
export function sendingParts(core: App, clock: Clock, workerId = 'worker-a', tracked = false) {
  const send = createSendService({
    database: core.database,
    mailboxes: core.mailboxes,
    attachments: core.attachments,
    readAttachment: (user, id, position) => core.mailReads.attachment(user, id, position),
    clock,
    undoSeconds: 0,
    ...(tracked ? { tracking: core.tracking } : {}),
  });
  const worker = createOutboxWorker({
    database: core.database,
    mailboxes: core.mailboxes,
    attachments: core.attachments,
    openSession: core.openMailboxSession,
    clock,
    workerId,
  });
  return { send, worker };
}

/** A send request as the API would parse it. */
export function draft(fields: Partial<SendInput> & { mailboxId: string }): SendInput {
  return sendInput.parse({ subject: 'Proposal', text: 'Here is our proposal.', ...fields });
}

export function syncOnce(core: App, mailboxId: string) {
  return syncMailboxOnce({ ...core, openSession: core.openMailboxSession }, mailboxId, {
    worker: 'test-sync',
  });
}

/** The headers of every message in a user's folder, read over IMAP. */
export async function folderHeaders(
  dovecot: DovecotServer,
  login: { user: string; password: string },
  folder: string,
): Promise<{ subject: string; messageId: string; inReplyTo: string; source: string }[]> {
  const imap = new ImapFlow({
    host: dovecot.host,
    port: dovecot.port,
    secure: false,
    doSTARTTLS: false,
    auth: { user: login.user, pass: login.password },
    logger: false,
  });
  await imap.connect();
  try {
    const lock = await imap.getMailboxLock(folder);
    try {
      const found: { subject: string; messageId: string; inReplyTo: string; source: string }[] = [];
      if ((imap.mailbox && imap.mailbox.exists) === 0) return found;
      for await (const message of imap.fetch('1:*', { envelope: true, source: true })) {
        found.push({
          subject: message.envelope?.subject ?? '',
          messageId: message.envelope?.messageId ?? '',
          inReplyTo: message.envelope?.inReplyTo ?? '',
          source: message.source?.toString() ?? '',
        });
      }
      return found;
    } finally {
      lock.release();
    }
  } finally {
    await imap.logout();
  }
}

/** Dovecot taking deliveries and Postfix in front of it, for a suite that sends mail. */
export async function startSendingServers(): Promise<{
  dovecot: DovecotServer;
  postfix: PostfixServer;
  stop(): Promise<void>;
}> {
  const dovecot = await startDovecot({ delivery: true });
  const postfix = await startPostfix(dovecot);
  return {
    dovecot,
    postfix,
    async stop() {
      await postfix.stop();
      await dovecot.stop();
    },
  };
}
