import { z } from 'zod';
import { instant, recordKind } from './common.js';

const addressList = z.array(z.string().min(3).max(400)).max(100).default([]);

/** The body of `POST /api/messages/send`: a new message, or an answer to a stored one. */
export const sendInput = z.object({
  /** One of the sender's own mailboxes, whose SMTP server sends it. */
  mailboxId: z.guid(),
  to: addressList,
  cc: addressList,
  bcc: addressList,
  subject: z.string().max(998).default(''),
  text: z.string().max(1_000_000),
  /** Sanitised before sending: scripts, forms and event handlers are removed. */
  html: z.string().max(2_000_000).nullable().default(null),
  /** Reply, reply-all or forward a stored message: threading headers and the quoted original follow. */
  answer: z
    .object({ messageId: z.guid(), mode: z.enum(['reply', 'replyAll', 'forward']) })
    .nullable()
    .default(null),
  /** The record written from: the sent mail is shared with everyone who can see it. */
  record: z.object({ type: recordKind, id: z.guid() }).nullable().default(null),
  attachments: z
    .object({
      uploads: z
        .array(
          z.object({
            filename: z.string().min(1).max(255),
            contentType: z.string().min(3).max(255),
            contentBase64: z.base64(),
          }),
        )
        .max(20)
        .default([]),
      /** Files already stored with captured mail, by message and position. */
      stored: z
        .array(z.object({ messageId: z.guid(), position: z.number().int().min(0) }))
        .max(20)
        .default([]),
    })
    .default({ uploads: [], stored: [] }),
  /** Send later: a wall-clock time in a time zone (the sender's or the recipient's). */
  sendAt: z
    .object({
      localTime: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/),
      timeZone: z.string().min(1).max(64),
    })
    .nullable()
    .default(null),
  /**
   * Track opens and clicks: only when the organisation allows it, the body
   * is HTML and no recipient is a colleague or asked not to be tracked.
   */
  track: z.boolean().default(false),
  /** The template the message was written from: its open and click rates count it. */
  templateId: z.guid().nullable().default(null),
});

export const outboxItem = z.object({
  id: z.string(),
  mailboxId: z.string(),
  messageId: z.string(),
  subject: z.string(),
  to: z.array(z.string()),
  state: z.enum(['scheduled', 'sending', 'sent', 'failed', 'cancelled']),
  sendAt: instant,
  timeZone: z.string().nullable(),
  /** Until then, pressing undo cancels it. Null once it cannot be undone. */
  undoUntil: instant.nullable(),
  sentAt: instant.nullable(),
  sentCopy: z.enum(['appended', 'provider', 'failed']).nullable(),
  errorCode: z.string().nullable(),
  errorMessage: z.string().nullable(),
  /** Why the message went untracked though tracking was asked for; null otherwise. */
  untrackedReason: z.string().nullable(),
});
export type OutboxItem = z.input<typeof outboxItem>;

export const signatureShape = z.object({
  text: z.string().max(10_000),
  html: z.string().max(50_000).nullable(),
});
export type Signature = z.input<typeof signatureShape>;

export const smtpTestResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), code: z.string(), message: z.string() }),
]);
