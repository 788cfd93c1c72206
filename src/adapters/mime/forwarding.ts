import { createHash } from 'node:crypto';
import PostalMime, { addressParser } from 'postal-mime';
import MailComposer from 'nodemailer/lib/mail-composer';
import sanitizeHtml from 'sanitize-html';
import { ThreadlineError } from '../../core/errors.js';
import type { InlineForward } from '../../core/capture-address/inline-forward.js';
import { unwrappedForwardDomain } from '../../core/capture-address/forward-original.js';
import { findHeaderBlock } from './header-block.js';

/** What the capture address needs to know of a message delivered to it. */
export interface DeliveredMessage {
  readonly messageId: string | null;
  readonly date: Date | null;
  /** The To and Cc addresses, lower-case. */
  readonly addressedTo: readonly string[];
  /** The text body; an HTML-only message's text content. */
  readonly text: string;
  /** The raw bytes of each attached `message/rfc822` part, in message order. */
  readonly attachedMessages: readonly Uint8Array[];
}

/**
 * The To and Cc addresses of a raw message, lower-case, from its header
 * block alone: whether a delivery is a forward to the capture address is
 * known before its body is parsed, and most deliveries are BCC copies.
 * Throws MALFORMED_MESSAGE when the bytes have no header block.
 */
export function addressedTo(raw: Uint8Array): string[] {
  const { headers } = findHeaderBlock(raw);
  return [...(headers['to'] ?? []), ...(headers['cc'] ?? [])].flatMap((value) =>
    addressParser(value, { flatten: true }).flatMap((mailbox) =>
      mailbox.address ? [mailbox.address.toLowerCase()] : [],
    ),
  );
}

/**
 * Reads a message delivered to the capture address. Every `message/rfc822`
 * part is kept whole as the bytes it was attached with, never merged into
 * the body: those bytes are the forwarded message itself, with its own
 * Message-ID and headers. Throws MALFORMED_MESSAGE when the bytes are no
 * message.
 */
export async function readDelivered(raw: Uint8Array): Promise<DeliveredMessage> {
  let email;
  try {
    email = await PostalMime.parse(raw, {
      attachmentEncoding: 'arraybuffer',
      maxRfc822NestingDepth: 0,
      forceRfc822Attachments: true,
    });
  } catch (error) {
    throw new ThreadlineError(
      'MALFORMED_MESSAGE',
      `MIME parser failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const addresses = [...(email.to ?? []), ...(email.cc ?? [])].flatMap((entry) =>
    entry.group ? entry.group.map((member) => member.address) : [entry.address],
  );
  const date = email.date ? new Date(email.date) : null;
  return {
    messageId: email.messageId ?? null,
    date: date && !Number.isNaN(date.getTime()) ? date : null,
    addressedTo: addresses.map((address) => address.toLowerCase()),
    text: email.text ?? (email.html ? textOfHtml(email.html) : ''),
    attachedMessages: email.attachments
      .filter((part) => part.mimeType.toLowerCase() === 'message/rfc822')
      .map((part) =>
        asSent(
          typeof part.content === 'string'
            ? new TextEncoder().encode(part.content)
            : new Uint8Array(part.content as ArrayBuffer),
        ),
      ),
  };
}

/**
 * An attached message's bytes as its sender's server had them. The parser
 * hands a part sent as 7bit or 8bit with its lines ended by LF and with the
 * line break before the next boundary, which belongs to the boundary
 * (RFC 2046): that break goes and CRLF comes back, so the body compares
 * equal to the copy fetched by IMAP. Base64 parts come as they were.
 */
function asSent(bytes: Uint8Array): Uint8Array {
  if (bytes.includes(0x0d) || !bytes.includes(0x0a)) return bytes;
  const text = Buffer.from(bytes).toString('latin1').replace(/\n$/, '');
  return Buffer.from(text.replace(/\n/g, '\r\n'), 'latin1');
}

/** Line breaks where blocks end, then the text without tags, as a text rendering of HTML mail. */
function textOfHtml(html: string): string {
  const withBreaks = html.replace(/<br\s*\/?>/gi, '\n').replace(/<\/(p|div|tr|li|h\d)>/gi, '\n');
  return sanitizeHtml(withBreaks, { allowedTags: [], allowedAttributes: {} })
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/**
 * The forwarded message rebuilt from its quoted block: its original sender,
 * recipients, date and subject, and its text. Its Message-ID is derived from
 * the forward's (or the block itself), so the same forward delivered twice
 * is stored once.
 */
export async function composeForwarded(
  forward: InlineForward,
  context: { forwardId: string | null; date: Date },
): Promise<Uint8Array> {
  const digest = createHash('sha256')
    .update(context.forwardId ?? '')
    .update('\0')
    .update(JSON.stringify(forward))
    .digest('hex')
    .slice(0, 32);
  const composer = new MailComposer({
    from: forward.fields.from,
    ...(forward.fields.to ? { to: forward.fields.to } : {}),
    ...(forward.fields.cc ? { cc: forward.fields.cc } : {}),
    subject: forward.fields.subject ?? '',
    date: context.date,
    messageId: `<forwarded.${digest}@${unwrappedForwardDomain}>`,
    text: forward.body,
    headers: { 'X-Threadline-Unwrapped': `inline ${forward.style} forward` },
    xMailer: false,
  });
  return new Uint8Array(await composer.compile().build());
}
