import type { Readable } from 'node:stream';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { MailAddress } from '../../core/message.js';
import type { AttachmentRef, OutgoingMessage } from '../../core/compose/outgoing-message.js';

/** The bytes to send, and the copy for the Sent folder, which alone names the Bcc recipients. */
export interface BuiltMessage {
  readonly raw: Buffer;
  readonly sentCopy: Buffer;
}

/**
 * Builds the MIME message with nodemailer's composer: text and HTML as
 * alternatives, attachments read from the store, the Message-ID and
 * threading headers as decided. `open` gives an attachment's bytes.
 */
export async function buildMessage(
  message: OutgoingMessage,
  open: (attachment: AttachmentRef) => Promise<Readable | Buffer>,
): Promise<BuiltMessage> {
  const build = async (keepBcc: boolean) => {
    const attachments = await Promise.all(
      message.attachments.map(async (attachment) => ({
        filename: attachment.filename,
        contentType: attachment.contentType,
        content: await open(attachment),
      })),
    );
    const node = new MailComposer({
      messageId: message.messageId,
      date: message.date,
      from: named(message.from),
      to: message.to.map(named),
      cc: message.cc.map(named),
      bcc: message.bcc.map(named),
      subject: message.subject,
      text: message.text,
      ...(message.html === null ? {} : { html: message.html }),
      ...(message.inReplyTo ? { inReplyTo: message.inReplyTo } : {}),
      ...(message.references.length > 0 ? { references: [...message.references] } : {}),
      attachments,
    }).compile();
    node.keepBcc = keepBcc;
    return node.build();
  };
  const raw = await build(false);
  return { raw, sentCopy: message.bcc.length > 0 ? await build(true) : raw };
}

function named(address: MailAddress) {
  return { name: address.name, address: address.address };
}
