import { normalizeAddress } from '../addresses/normalize.js';
import { ThreadlineError } from '../errors.js';
import type { MailAddress } from '../message.js';
import type { AnswerHeaders } from './reply-headers.js';

/** What the user wrote: recipients as typed, a subject, the body in text and optionally HTML. */
export interface Draft {
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly bcc: readonly string[];
  readonly subject: string;
  readonly text: string;
  /** Already sanitised by the caller (see `adapters/html/sanitize-outgoing-html.ts`). */
  readonly html: string | null;
}

/** A file to attach, by the content address of its bytes in the attachment store. */
export interface AttachmentRef {
  readonly sha256: string;
  readonly filename: string;
  readonly contentType: string;
  readonly size: number;
}

/** A user's signature; the HTML form, when given, is sanitised like a body. */
export interface Signature {
  readonly text: string;
  readonly html: string | null;
}

/** Everything needed to build the MIME message, as plain data. */
export interface OutgoingMessage {
  readonly messageId: string;
  readonly date: Date;
  readonly from: MailAddress;
  readonly to: readonly MailAddress[];
  readonly cc: readonly MailAddress[];
  readonly bcc: readonly MailAddress[];
  readonly subject: string;
  readonly text: string;
  readonly html: string | null;
  readonly inReplyTo: string | null;
  readonly references: readonly string[];
  readonly attachments: readonly AttachmentRef[];
}

export const composeLimits = {
  recipients: 100,
  subjectLength: 998,
  /** What most providers accept in one message, before MIME's base64 growth. */
  attachmentBytes: 25 * 1024 * 1024,
} as const;

/**
 * Checks a draft and turns it into the message to send: every recipient a
 * real address (VALIDATION_FAILED naming the first that is not), at least
 * one, the signature under the body, and an answer's threading headers.
 *
 * @example
 * outgoingMessage({ draft, from, signature: null, answer: null, attachments: [], messageId: '<a@acme.test>', date }).to;
 */
export function outgoingMessage(input: {
  readonly draft: Draft;
  readonly from: MailAddress;
  readonly signature: Signature | null;
  readonly answer: AnswerHeaders | null;
  readonly attachments: readonly AttachmentRef[];
  readonly messageId: string;
  readonly date: Date;
}): OutgoingMessage {
  const { draft, signature } = input;
  const to = recipients(draft.to, 'To');
  const cc = recipients(draft.cc, 'Cc');
  const bcc = recipients(draft.bcc, 'Bcc');
  const count = to.length + cc.length + bcc.length;
  if (count === 0) {
    throw new ThreadlineError('VALIDATION_FAILED', 'Add at least one recipient');
  }
  if (count > composeLimits.recipients) {
    throw new ThreadlineError(
      'VALIDATION_FAILED',
      `${count} recipients: one message goes to at most ${composeLimits.recipients}`,
    );
  }
  const subject = draft.subject.trim();
  if (/[\r\n]/.test(subject) || subject.length > composeLimits.subjectLength) {
    throw new ThreadlineError(
      'VALIDATION_FAILED',
      'The subject must be one line of at most 998 characters',
    );
  }
  const size = input.attachments.reduce((sum, a) => sum + a.size, 0);
  if (size > composeLimits.attachmentBytes) {
    throw new ThreadlineError(
      'VALIDATION_FAILED',
      `Attachments total ${Math.ceil(size / 1048576)} MB: the limit is ${composeLimits.attachmentBytes / 1048576} MB`,
    );
  }
  return {
    messageId: input.messageId,
    date: input.date,
    from: input.from,
    to,
    cc,
    bcc,
    subject,
    text: signature ? `${draft.text}\n\n-- \n${signature.text}` : draft.text,
    html: draft.html === null ? null : withHtmlSignature(draft.html, signature),
    inReplyTo: input.answer?.inReplyTo ?? null,
    references: input.answer?.references ?? [],
    attachments: input.attachments,
  };
}

/**
 * A Message-ID in the sender's domain, from a random token the caller
 * draws: the id is fixed before sending, so a reply, the Sent copy and the
 * outbox row all name the same message.
 *
 * @example messageIdFor('4f1c…', 'rep@acme.test') // '<4f1c…@acme.test>'
 */
export function messageIdFor(token: string, sender: string): string {
  const domain = sender.slice(sender.lastIndexOf('@') + 1) || 'threadline.invalid';
  return `<${token}@${domain}>`;
}

function recipients(typed: readonly string[], field: string): MailAddress[] {
  const seen = new Set<string>();
  const list: MailAddress[] = [];
  for (const entry of typed) {
    const { name, address } = splitNamed(entry);
    const normal = normalizeAddress(address);
    if (!normal || !/^[^@\s<>"(),;:]+@[^@\s<>"(),;:]+\.[^@\s<>"(),;:]+$/.test(normal)) {
      throw new ThreadlineError(
        'VALIDATION_FAILED',
        `${field}: "${entry}" is not an e-mail address`,
        {
          field: field.toLowerCase(),
          value: entry,
        },
      );
    }
    if (seen.has(normal)) continue;
    seen.add(normal);
    list.push({ address: normal, name });
  }
  return list;
}

/** `Dana Diaz <dana@customer.test>` or a bare address. */
function splitNamed(entry: string): MailAddress {
  const named = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(entry);
  return named ? { name: named[1]!.trim(), address: named[2]! } : { name: '', address: entry };
}

function withHtmlSignature(html: string, signature: Signature | null): string {
  if (!signature) return html;
  const block = signature.html ?? escapeHtml(signature.text).replace(/\n/g, '<br>');
  return `${html}<br><div class="signature">-- <br>${block}</div>`;
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
