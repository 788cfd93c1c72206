import type { AttachmentStore } from '../../adapters/attachments/attachment-store.js';
import type { Database } from '../../adapters/db/database.js';
import type { MailboxRow } from '../../adapters/db/repositories/mailboxes.js';
import {
  outboxRepository,
  outgoingOf,
  type OutboxRow,
} from '../../adapters/db/repositories/outbox.js';
import type { ImapSession } from '../../adapters/imap/imap-client.js';
import { buildMessage, type BuiltMessage } from '../../adapters/smtp/build-message.js';
import { dkimSignatureFor } from '../../adapters/smtp/dkim.js';
import { sendRawMessage } from '../../adapters/smtp/smtp-transport.js';
import type { Clock } from '../../adapters/system/clock.js';
import { isThreadlineError } from '../../core/errors.js';
import type { MailboxService } from '../mailboxes/mailbox-service.js';
import type { SendingDomainService } from '../sending-domains/sending-domains-service.js';
import { providerSavesSentCopy, smtpSettingsOpener } from './smtp-of-mailbox.js';

/** What became of one due message, for logs and tests. */
export type SendOutcome =
  | { id: string; sent: true; sentCopy: 'appended' | 'provider' | 'failed' }
  | { id: string; sent: false; code: string };

/**
 * A message claimed longer ago than this and still not reported on was
 * abandoned by its worker: far above any SMTP transaction's timeouts.
 */
const abandonedAfterMs = 10 * 60_000;

/**
 * Sends what is due, each message once. Exactly-once delivery over SMTP is
 * impossible (a crash after the server accepted the message and before the
 * store heard of it leaves no trace here), so the outbox chooses at most
 * once: a message is marked `sending` in the claim, committed before the
 * SMTP transaction starts, and a `sending` row is never sent again by any
 * worker. The Message-ID, fixed when the row was written, settles what a
 * crash left open: if the message was captured since (from the Sent copy or
 * a recipient's mailbox) it was sent; otherwise it is failed with
 * SEND_UNCERTAIN for the user to check, rather than risk a duplicate.
 */
export function createOutboxWorker(deps: {
  database: Database;
  mailboxes: MailboxService;
  attachments: AttachmentStore;
  openSession: (mailbox: MailboxRow) => Promise<ImapSession>;
  clock: Clock;
  /** Names this process in the claim, so only the claimant reports on a message. */
  workerId: string;
  /** Signs mail from a verified sending domain; unsigned without it. */
  sendingDomains?: Pick<SendingDomainService, 'signerFor'>;
}) {
  const outbox = outboxRepository(deps.database);
  const smtpOf = smtpSettingsOpener(deps.mailboxes, () => deps.clock.now().getTime());

  async function appendSentCopy(mailbox: MailboxRow, raw: Buffer, date: Date) {
    const session = await deps.openSession(mailbox);
    try {
      const folders = await session.listFolders();
      const sent =
        folders.find((folder) => folder.specialUse === '\\Sent') ??
        folders.find((folder) => /^(sent|sent items|sent messages)$/i.test(folder.name));
      if (!sent) return 'failed' as const;
      await session.appendSeen(sent.path, raw, date);
      return 'appended' as const;
    } finally {
      await session.close();
    }
  }

  /** The same signature heads the sent message and its Sent copy: it leaves Bcc out. */
  async function signed(built: BuiltMessage, from: string): Promise<BuiltMessage> {
    const signer = await deps.sendingDomains?.signerFor(from);
    if (!signer) return built;
    const signature = Buffer.from(await dkimSignatureFor(built.raw, signer));
    return {
      raw: Buffer.concat([signature, built.raw]),
      sentCopy: Buffer.concat([signature, built.sentCopy]),
    };
  }

  async function sendOne(row: OutboxRow): Promise<SendOutcome> {
    try {
      const mailbox = await deps.mailboxes.get(row.mailboxId);
      const settings = await smtpOf(mailbox);
      const message = outgoingOf(row);
      const built = await signed(
        await buildMessage(message, (a) => deps.attachments.open(a.sha256)),
        message.from.address,
      );
      const recipients = [...message.to, ...message.cc, ...message.bcc].map((a) => a.address);
      const receipt = await sendRawMessage(
        settings,
        { from: message.from.address, to: recipients },
        built.raw,
      );
      // From here on the message is out: a failing Sent copy must not make it look unsent.
      const sentCopy = providerSavesSentCopy(settings.host)
        ? ('provider' as const)
        : await appendSentCopy(mailbox, built.sentCopy, message.date).catch(
            () => 'failed' as const,
          );
      await outbox.markSent(row.id, deps.workerId, {
        sentAt: deps.clock.now(),
        smtpResponse: receipt.response,
        sentCopy,
      });
      return { id: row.id, sent: true, sentCopy };
    } catch (error) {
      const code = isThreadlineError(error) ? error.code : 'INTERNAL';
      const text = isThreadlineError(error) ? error.message : 'Sending failed unexpectedly';
      await outbox.markFailed(row.id, deps.workerId, code, text);
      if (!isThreadlineError(error)) throw error;
      return { id: row.id, sent: false, code };
    }
  }

  return {
    /** Claims and sends what is due now, a batch at a time; returns each message's outcome. */
    async sendDue(limit = 20): Promise<SendOutcome[]> {
      const now = deps.clock.now();
      await outbox.settleAbandoned(new Date(now.getTime() - abandonedAfterMs), now);
      const claimed = await outbox.claimDue(deps.workerId, now, limit);
      const outcomes: SendOutcome[] = [];
      for (const row of claimed) outcomes.push(await sendOne(row));
      return outcomes;
    },
  };
}

export type OutboxWorker = ReturnType<typeof createOutboxWorker>;
