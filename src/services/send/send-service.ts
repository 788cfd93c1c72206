import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { sendInput } from '../../api-shapes/send.js';
import type { AttachmentStore } from '../../adapters/attachments/attachment-store.js';
import type { Database } from '../../adapters/db/database.js';
import { answerableMessage } from '../../adapters/db/repositories/answerable-message.js';
import { outboxRepository, type OutboxRow } from '../../adapters/db/repositories/outbox.js';
import type { UserRow } from '../../adapters/db/repositories/users.js';
import { sanitizeOutgoingHtml } from '../../adapters/html/sanitize-outgoing-html.js';
import { testSmtpConnection, type SmtpConnectionTest } from '../../adapters/smtp/smtp-transport.js';
import type { Clock } from '../../adapters/system/clock.js';
import {
  messageIdFor,
  outgoingMessage,
  type AttachmentRef,
  type OutgoingMessage,
} from '../../core/compose/outgoing-message.js';
import { answerHeaders, quotedOriginal } from '../../core/compose/reply-headers.js';
import { instantIn } from '../../core/compose/send-time.js';
import { unfilledMergeFields } from '../../core/templates/render-template.js';
import { ThreadlineError, isThreadlineError } from '../../core/errors.js';
import type { MailAddress } from '../../core/message.js';
import type { MailboxService } from '../mailboxes/mailbox-service.js';
import { readerOf } from '../mail-reads/mail-reads-service.js';
import { visibleTemplate } from '../templates/templates-service.js';
import { sha256Hex } from '../capture/message-key.js';
import type { TrackingPlan, TrackingService } from '../tracking/tracking-service.js';
import type { SenderAddressService } from './sender-address-service.js';
import { smtpSettingsOpener } from './smtp-of-mailbox.js';

export type SendInput = z.output<typeof sendInput>;
export type { OutboxRow };

/** A stored attachment's row as the reading rules hand it out, bytes as a stream. */
interface ReadableAttachment {
  sha256: string | null;
  filename: string | null;
  contentType: string;
  size: number;
  content: { destroy(): void };
}

/**
 * Writing mail from Threadline: a message goes into the outbox, due once
 * the undo window has passed or at the time chosen, and the outbox worker
 * sends it (see `outbox-worker.ts`). Only through the user's own mailbox.
 */
export function createSendService(deps: {
  database: Database;
  mailboxes: MailboxService;
  attachments: AttachmentStore;
  /** Opens a stored attachment under the body's reading rules (and audits the read). */
  readAttachment: (
    user: UserRow,
    messageId: string,
    position: number,
  ) => Promise<ReadableAttachment>;
  clock: Clock;
  /** How long after pressing send the message can still be taken back. */
  undoSeconds: number;
  newToken?: () => string;
  /** Open and click tracking; without it, mail is never tracked. */
  tracking?: Pick<TrackingService, 'plan'>;
  /** Refuses a From address the user has not proved; without it, every address goes. */
  senderAddresses?: Pick<SenderAddressService, 'requireVerified'>;
}) {
  const outbox = outboxRepository(deps.database);
  const smtpOf = smtpSettingsOpener(deps.mailboxes, () => deps.clock.now().getTime());
  const token = deps.newToken ?? (() => randomBytes(18).toString('base64url'));

  async function ownMailbox(user: UserRow, mailboxId: string) {
    const mailbox = await deps.mailboxes.get(mailboxId).catch(() => null);
    // Another user's mailbox is answered like a missing one: its id reveals nothing.
    if (!mailbox || mailbox.ownerId !== user.id) {
      throw new ThreadlineError('NOT_FOUND', `You have no mailbox ${mailboxId}`);
    }
    if (mailbox.disconnectedAt) {
      throw new ThreadlineError('VALIDATION_FAILED', `Mailbox "${mailbox.label}" is disconnected`);
    }
    return mailbox;
  }

  async function attachmentsOf(user: UserRow, input: SendInput): Promise<AttachmentRef[]> {
    const refs: AttachmentRef[] = [];
    for (const upload of input.attachments.uploads) {
      const bytes = Buffer.from(upload.contentBase64, 'base64');
      const sha256 = sha256Hex(bytes);
      await deps.attachments.put(sha256, bytes);
      refs.push({
        sha256,
        filename: upload.filename,
        contentType: upload.contentType,
        size: bytes.length,
      });
    }
    for (const stored of input.attachments.stored) {
      const file = await deps.readAttachment(user, stored.messageId, stored.position);
      file.content.destroy();
      refs.push({
        sha256: file.sha256!,
        filename: file.filename ?? `attachment-${stored.position + 1}`,
        contentType: file.contentType,
        size: file.size,
      });
    }
    return refs;
  }

  function planTracking(requested: boolean, message: OutgoingMessage, senderIp: string | null) {
    const recipients = [...message.to, ...message.cc, ...message.bcc].map((a) => a.address);
    if (!deps.tracking) {
      const reason = requested ? 'tracking is not set up on this server' : 'not asked for';
      return Promise.resolve({
        choice: { track: false, reason },
        html: message.html,
        save: async () => {},
      } satisfies TrackingPlan);
    }
    return deps.tracking.plan({ requested, recipients, html: message.html, senderIp });
  }

  return {
    /**
     * Checks and queues a message. Due after the undo window, or at
     * `sendAt` read in its time zone (never before the undo window ends).
     */
    async send(
      user: UserRow,
      input: SendInput,
      origin: { ip: string | null } = { ip: null },
    ): Promise<OutboxRow> {
      const unfilled = unfilledMergeFields([input.subject, input.text, input.html]);
      if (unfilled.length > 0) {
        throw new ThreadlineError(
          'VALIDATION_FAILED',
          `Merge fields are not filled in: ${unfilled.map((f) => `{{${f}}}`).join(', ')}; apply the template to a record first`,
          { fields: unfilled },
        );
      }
      const mailbox = await ownMailbox(user, input.mailboxId);
      await deps.senderAddresses?.requireVerified(user, mailbox);
      if (input.templateId) await visibleTemplate(deps.database, user, input.templateId);
      const now = deps.clock.now();
      const original = input.answer
        ? await answerableMessage(deps.database, readerOf(user), input.answer.messageId)
        : null;
      if (input.answer && !original) {
        throw new ThreadlineError('NOT_FOUND', `No message ${input.answer.messageId} to answer`);
      }
      const answer =
        original && input.answer
          ? answerHeaders(original, input.answer.mode, readerOf(user).addresses)
          : null;
      const quoted =
        original && input.answer ? `\n\n${quotedOriginal(original, input.answer.mode)}` : '';
      // An answer left without recipients goes to those the answer proposes.
      const proposed = answer && input.to.length + input.cc.length + input.bcc.length === 0;
      const typed = (list: readonly MailAddress[]) =>
        list.map((a) => (a.name ? `"${a.name.replace(/"/g, '')}" <${a.address}>` : a.address));
      const signature = await outbox.signatureOf(user.id);
      const message = outgoingMessage({
        draft: {
          to: proposed ? typed(answer.to) : input.to,
          cc: proposed ? typed(answer.cc) : input.cc,
          bcc: input.bcc,
          subject: input.subject || answer?.subject || '',
          text: `${input.text}${quoted}`,
          html: input.html === null ? null : sanitizeOutgoingHtml(input.html),
        },
        from: { address: user.email, name: user.name },
        signature: signature && {
          text: signature.text,
          html: signature.html === null ? null : sanitizeOutgoingHtml(signature.html),
        },
        answer,
        attachments: await attachmentsOf(user, input),
        messageId: messageIdFor(token(), user.email),
        date: now,
      });
      const undoEnds = new Date(now.getTime() + deps.undoSeconds * 1000);
      const chosen = input.sendAt ? instantIn(input.sendAt.localTime, input.sendAt.timeZone) : null;
      const tracking = await planTracking(input.track, message, origin.ip);
      return deps.database.transaction(async (tx) => {
        const row = await outboxRepository(tx).insert({
          senderId: user.id,
          mailboxId: mailbox.id,
          message: { ...message, html: tracking.html },
          untrackedReason: input.track && !tracking.choice.track ? tracking.choice.reason : null,
          recordType: input.record?.type ?? null,
          recordId: input.record?.id ?? null,
          answers: input.answer?.messageId ?? null,
          sendAt: chosen && chosen > undoEnds ? chosen : undoEnds,
          timeZone: input.sendAt?.timeZone ?? null,
          templateId: input.templateId,
        });
        await tracking.save(tx, row.id);
        return row;
      });
    },

    /** Undo, or cancel a scheduled message: CONFLICT once a worker has taken it. */
    async cancel(user: UserRow, id: string): Promise<OutboxRow> {
      const cancelled = await outbox.cancel(id, user.id);
      if (cancelled) return cancelled;
      const row = await outbox.find(id);
      if (!row || row.senderId !== user.id) {
        throw new ThreadlineError('NOT_FOUND', `No message ${id} in your outbox`);
      }
      throw new ThreadlineError(
        'CONFLICT',
        row.state === 'cancelled'
          ? 'This message was already cancelled'
          : `Too late to undo: it is ${row.state}`,
      );
    },

    list: (user: UserRow, limit = 50) => outbox.list(user.id, limit),

    signature: (user: UserRow) => outbox.signatureOf(user.id),

    setSignature: (user: UserRow, text: string, html: string | null) =>
      outbox.setSignature(user.id, text, html === null ? null : sanitizeOutgoingHtml(html)),

    /** Signs in to the mailbox's outgoing server, with the codes the IMAP test uses. */
    async testSmtp(user: UserRow, mailboxId: string): Promise<SmtpConnectionTest> {
      const mailbox = await ownMailbox(user, mailboxId);
      try {
        return await testSmtpConnection({ ...(await smtpOf(mailbox)), connectTimeoutMs: 15_000 });
      } catch (error) {
        if (isThreadlineError(error))
          return { ok: false, code: error.code, message: error.message };
        throw error;
      }
    },
  };
}

export type SendService = ReturnType<typeof createSendService>;
