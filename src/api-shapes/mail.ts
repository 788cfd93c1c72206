import { z } from 'zod';
import { cursorPageOf, instant, recordKind } from './common.js';

/** A record a thread is filed on, with the strongest reason and confidence among its messages. */
export const timelineLink = z.object({
  type: recordKind,
  id: z.string(),
  name: z.string().nullable(),
  reason: z.string(),
  confidence: z.number(),
});

export const linkSource = z.enum(['auto', 'rule', 'manual']);

/** A link as a thread or message shows it: also who made it. */
export const threadLink = timelineLink.extend({ source: linkSource });

/** Either kind of link: the timeline's carries no source. */
export type ThreadLink = z.input<typeof timelineLink> & {
  source?: z.input<typeof linkSource>;
};

export const timelineThread = z.object({
  threadId: z.string(),
  subject: z.string(),
  lastAt: instant,
  firstAt: instant,
  messageCount: z.number(),
  participants: z.array(z.string()),
  links: z.array(timelineLink),
});
export type TimelineThread = z.input<typeof timelineThread>;

export const timelinePage = cursorPageOf(timelineThread);
export type TimelinePage = z.input<typeof timelinePage>;

export const activitySummary = z.object({
  messages: z.number(),
  threads: z.number(),
  inbound: z.number(),
  outbound: z.number(),
  lastInboundAt: instant.nullable(),
  lastOutboundAt: instant.nullable(),
  lastInteractionAt: instant.nullable(),
});
export type ActivitySummary = z.input<typeof activitySummary>;

export const threadMessage = z.object({
  id: z.string(),
  subject: z.string(),
  sentAt: instant.nullable(),
  fromAddress: z.string().nullable(),
  participants: z.array(z.string()),
  /** False for mail the reader sees only as metadata. */
  bodyOpen: z.boolean(),
  snippet: z.string().nullable(),
  links: z.array(threadLink),
});
export type ThreadMessageSummary = z.input<typeof threadMessage>;

export const threadMessages = z.object({
  threadId: z.string(),
  links: z.array(threadLink),
  messages: z.array(threadMessage),
});
export type ThreadMessages = z.input<typeof threadMessages>;

const linkTarget = { type: recordKind, recordId: z.guid() };

/** A hand edit of a thread's links: add or remove a record, or move the thread from one to another. */
export const linkEdit = z.discriminatedUnion('action', [
  z.object({ action: z.literal('add'), ...linkTarget }),
  z.object({ action: z.literal('remove'), ...linkTarget }),
  z.object({ action: z.literal('relink'), ...linkTarget, from: z.object(linkTarget) }),
]);
export type LinkEdit = z.input<typeof linkEdit>;

/** What a link edit leaves on the thread. */
export const threadLinks = z.object({ threadId: z.string(), links: z.array(threadLink) });

export const address = z.object({ address: z.string(), name: z.string() });
export type Address = z.input<typeof address>;

export const attachmentInfo = z.object({
  position: z.number(),
  filename: z.string().nullable(),
  contentType: z.string(),
  size: z.number(),
  sha256: z.string().nullable(),
  /** The content was kept and can be downloaded. */
  downloadable: z.boolean(),
});

/** A file kept with a record's mail, by the message and position that name it. */
export const recordFile = z.object({
  messageId: z.string(),
  position: z.number(),
  filename: z.string().nullable(),
  contentType: z.string(),
  size: z.number(),
  sentAt: instant,
});
export type RecordFile = z.input<typeof recordFile>;

export const messageView = z.object({
  id: z.string(),
  threadId: z.string(),
  subject: z.string(),
  sentAt: instant.nullable(),
  from: z.array(address),
  to: z.array(address),
  cc: z.array(address),
  participants: z.array(z.string()),
  /** The organisation's decision (docs/export.md): captured for some mailbox, else why not. */
  captured: z.boolean(),
  category: z.string(),
  reasons: z.array(z.string()),
  /** For a bounce: "Delivery to X failed (status 5.1.1: …)"; null for any other message. */
  deliveryFailure: z.string().nullable(),
  /** How the sender was proven (the export contract's `senderAuth`); null when never checked. */
  senderAuth: z
    .object({
      spf: z.string(),
      dkim: z.string(),
      dmarc: z.string(),
      source: z.enum(['smtp', 'authentication-results', 'verified']),
    })
    .nullable(),
  /** Why the sender is not authenticated, for the reader's warning; null when nothing disproves it. */
  senderWarning: z.string().nullable(),
  attachments: z.array(attachmentInfo),
  bodyStored: z.boolean(),
  /** The body came from the mail server for this read and was not stored. */
  bodyFetched: z.boolean(),
  text: z.string().nullable(),
  html: z.string().nullable(),
  blockedImages: z.number(),
  /** The HTML body is too large to show: `text` is what there is to read. */
  htmlTooLarge: z.boolean(),
});
export type MessageView = z.input<typeof messageView>;

export const searchHit = z.object({
  id: z.string(),
  threadId: z.string(),
  subject: z.string(),
  sentAt: instant.nullable(),
  fromAddress: z.string().nullable(),
  snippet: z.string().nullable(),
});
export type SearchHit = z.input<typeof searchHit>;

/** Page on with `next` (a cursor) or `nextOffset` (a count). */
export const searchPage = cursorPageOf(searchHit).extend({ nextOffset: z.number().nullable() });
export type SearchPage = z.input<typeof searchPage>;

/** One line of the reader's message export (JSON lines); bodies only where the reader may open them. */
export const exportedMessage = z.object({
  messageId: z.string().nullable(),
  threadId: z.string(),
  captured: z.boolean(),
  category: z.string(),
  reasons: z.array(z.string()),
  links: z.array(
    z.object({
      type: z.string(),
      externalId: z.string().nullable(),
      reason: z.string(),
      confidence: z.number(),
    }),
  ),
  subject: z.string(),
  sentAt: z.iso.datetime({ offset: true }).nullable(),
  from: z.string().nullable(),
  participants: z.array(z.string()),
  bodyOpen: z.boolean(),
  text: z.string().nullable(),
  html: z.string().nullable(),
});

/** An image or attachment: the bytes as stored or fetched, sent as they are. */
export const binary = z.unknown().meta({ type: 'string', format: 'binary' });
