import type { Database } from '../../adapters/db/database.js';
import {
  exportedSenderAuth,
  storedSenderAuth,
  unauthenticatedReason,
  type SenderAuth,
} from '../../core/sender-auth/verdict.js';
import { crmRecordsRepository } from '../../adapters/db/repositories/crm-records.js';
import { mailReadsRepository } from '../../adapters/db/repositories/mail-reads.js';
import {
  messageVisibilityRepository,
  type ReaderParams,
} from '../../adapters/db/repositories/message-visibility.js';
import type { UserRow } from '../../adapters/db/repositories/users.js';
import { holdsRemoteImage, showRemoteImages } from '../../adapters/html/sanitize-email-html.js';
import { inThreadSanitizer, type HtmlSanitizer } from '../../adapters/html/sanitize-pool.js';
import {
  fetchImage,
  isServableImageType,
  type FetchedImage,
} from '../../adapters/web-images/fetch-image.js';
import { ThreadlineError } from '../../core/errors.js';
import type { AttachmentStore } from '../../adapters/attachments/attachment-store.js';
import type { RemoteBody } from '../mailboxes/remote-body.js';
import { canOpenBody, type Reader } from '../../core/sharing/access.js';
import type { RecordKind } from '../../core/records/record-kinds.js';
import type { AuditLog } from '../sharing/audit-log.js';
import {
  decodeMessageCursor,
  decodeThreadCursor,
  encodeMessageCursor,
  encodeThreadCursor,
} from '../thread-cursor.js';
import { searchQuery } from '../../core/search/search-terms.js';
import { deliveryFailure } from '../../core/noise/delivery-status.js';
import { createMessageHtml } from './message-html.js';

/** Who is reading, in the two shapes the rules take: the core's and the query parameters'. */
export function readerOf(user: UserRow): Reader & ReaderParams {
  return {
    id: user.id,
    role: user.role,
    isAdmin: user.role === 'admin',
    addresses: [user.email, ...user.aliases],
  };
}

/**
 * The read paths over captured mail: record timelines, activity summaries,
 * search and the message itself. Each one filters by what the reader may
 * see, in the query; a message they may not see is answered exactly like
 * one that does not exist.
 */
export function createMailReadsService(deps: {
  database: Database;
  audit: AuditLog;
  attachments?: AttachmentStore;
  /** The body of a metadata-only message, from the mail server, stored nowhere. */
  fetchRemoteBody?: (reader: ReaderParams, messageId: string) => Promise<RemoteBody | null>;
  /** Where HTML is sanitised: the server passes its sanitiser threads. */
  sanitizer?: HtmlSanitizer;
  /** How the image proxy fetches a remote image. */
  fetchImage?: (url: string) => Promise<FetchedImage>;
}) {
  const reads = mailReadsRepository(deps.database);
  const records = crmRecordsRepository(deps.database);
  const bodies = createMessageHtml({
    database: deps.database,
    sanitizer: deps.sanitizer ?? inThreadSanitizer,
  });
  const fetchRemoteImage = deps.fetchImage ?? ((url: string) => fetchImage(url));
  const visibility = messageVisibilityRepository(deps.database);

  async function requireRecord(type: RecordKind, id: string) {
    if (!(await records.recordExists(type, id))) {
      throw new ThreadlineError('NOT_FOUND', `No ${type} with id ${id}`);
    }
  }

  /** The message if the reader may see it and open its body; NOT_FOUND or FORBIDDEN otherwise. */
  async function openableMessage(user: UserRow, id: string) {
    const reader = readerOf(user);
    const message = await reads.visibleMessage(reader, id);
    if (!message) throw new ThreadlineError('NOT_FOUND', `No message with id ${id}`);
    const copies = await visibility.copiesOf(id);
    const context = await visibility.contextOf(
      id,
      copies.map((copy) => copy.ownerId),
    );
    if (!canOpenBody(reader, copies, context)) {
      throw new ThreadlineError(
        'FORBIDDEN',
        'This message was captured as metadata only; only its participants can open it',
      );
    }
    return message;
  }

  return {
    /**
     * An attachment's bytes, under the same rules as the message body; the
     * download is audited. NOT_FOUND when its content was not kept.
     */
    async attachment(user: UserRow, messageId: string, position: number) {
      await openableMessage(user, messageId);
      const attachment = (await reads.attachmentsOf(messageId)).find(
        (a) => a.position === position,
      );
      if (!attachment?.downloadable || !deps.attachments) {
        throw new ThreadlineError('NOT_FOUND', `No stored attachment ${position} on this message`);
      }
      const content = await deps.attachments.open(attachment.sha256!);
      await deps.audit.record(
        { id: user.id, email: user.email },
        'attachment.read',
        { type: 'message', id: messageId },
        { position },
      );
      return { ...attachment, content };
    },

    /** One entry per thread, newest activity first; `next` is the following page's cursor. */
    async timeline(
      user: UserRow,
      query: {
        type: RecordKind;
        id: string;
        includeSubsidiaries: boolean;
        cursor: string | null;
        limit: number;
      },
      signal?: AbortSignal,
    ) {
      await requireRecord(query.type, query.id);
      const rows = await reads.timeline(
        readerOf(user),
        {
          type: query.type,
          id: query.id,
          includeSubsidiaries: query.includeSubsidiaries,
          after: query.cursor === null ? null : decodeThreadCursor(query.cursor),
          limit: query.limit + 1,
        },
        signal,
      );
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        items: page.map(({ cursorAt: _cursor, ...thread }) => thread),
        next:
          rows.length > query.limit && last
            ? encodeThreadCursor({ at: last.cursorAt, threadId: last.threadId })
            : null,
      };
    },

    /** Files kept with the record's mail that the user may open, to attach to a new message. */
    async recordFiles(user: UserRow, query: { type: RecordKind; id: string }) {
      await requireRecord(query.type, query.id);
      return reads.recordFiles(readerOf(user), query);
    },

    async activitySummary(
      user: UserRow,
      query: { type: RecordKind; id: string; includeSubsidiaries: boolean },
    ) {
      await requireRecord(query.type, query.id);
      return reads.activitySummary(readerOf(user), query);
    },

    /**
     * Hits newest first; `next` is the following page's cursor. `offset`
     * skips hits after the cursor, for callers that page by count.
     */
    async search(
      user: UserRow,
      query: { text: string; cursor: string | null; limit: number; offset: number },
      signal?: AbortSignal,
    ) {
      const terms = searchQuery(query.text);
      if (terms === null) return { items: [], nextOffset: null, next: null };
      const rows = await reads.search(
        readerOf(user),
        {
          terms,
          after: query.cursor === null ? null : decodeMessageCursor(query.cursor),
          limit: query.limit + 1,
          offset: query.offset,
        },
        signal,
      );
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      const more = rows.length > query.limit && last !== undefined;
      return {
        items: page.map(({ cursorAt: _cursor, ...hit }) => hit),
        nextOffset: more ? query.offset + query.limit : null,
        next: more
          ? encodeMessageCursor({ at: last.cursorAt, threadId: last.threadId, id: last.id })
          : null,
      };
    },

    /**
     * The message with its body, HTML sanitised. Mail seen only through
     * metadata-only mailboxes opens for its participants alone. Every read
     * of a body is audited.
     */
    async message(user: UserRow, id: string, options: { remoteImages: boolean }) {
      const message = await openableMessage(user, id);
      const stored = message.textBody !== null || message.htmlBytes !== null;
      const remote =
        !stored && deps.fetchRemoteBody ? await deps.fetchRemoteBody(readerOf(user), id) : null;
      const html = stored
        ? await bodies.stored(id, message)
        : await bodies.fetched(id, remote?.html ?? null);
      await deps.audit.record(
        { id: user.id, email: user.email },
        'message.read',
        { type: 'message', id },
        { remoteImages: options.remoteImages },
      );
      return {
        id: message.id,
        threadId: message.threadId,
        subject: message.subject,
        sentAt: message.sentAt,
        from: message.envelope.from ?? [],
        to: message.envelope.to ?? [],
        cc: message.envelope.cc ?? [],
        participants: message.participants,
        captured: message.captured,
        category: message.category,
        reasons: message.reasons,
        deliveryFailure:
          message.category === 'bounce'
            ? deliveryFailure(message.failedRecipients, message.deliveryStatus)
            : null,
        ...senderView(storedSenderAuth(message.senderAuth)),
        attachments: await reads.attachmentsOf(id),
        bodyStored: stored,
        /** The body came from the mail server for this read and was not stored. */
        bodyFetched: remote !== null,
        text: message.textBody ?? remote?.text ?? null,
        html: html.html !== null && options.remoteImages ? showRemoteImages(html.html) : html.html,
        blockedImages: options.remoteImages ? 0 : html.remoteImages,
        /** The HTML body is too large to show: `text` is what there is to read. */
        htmlTooLarge: html.tooLarge,
      };
    },

    /**
     * A remote image of the message, fetched for the reader (the image
     * proxy): only an image the message's sanitised HTML holds, under the
     * same rules as the body. NOT_FOUND for any other URL.
     */
    async remoteImage(user: UserRow, messageId: string, url: string): Promise<FetchedImage> {
      await openableMessage(user, messageId);
      const html = await bodies.ofStoredMessage(messageId);
      if (html.html === null || !holdsRemoteImage(html.html, messageId, url)) {
        throw new ThreadlineError('NOT_FOUND', 'This message shows no such image');
      }
      return fetchRemoteImage(url);
    },

    /**
     * The image part a `cid:` URL of the message names, under the same rules
     * as the body. Only raster images are served: any other part, shown
     * from our origin, could be a page of the sender's making.
     */
    async inlineImage(user: UserRow, messageId: string, contentId: string) {
      await openableMessage(user, messageId);
      const part = await reads.inlinePart(messageId, contentId);
      if (!part || !deps.attachments || !isServableImageType(part.contentType)) {
        throw new ThreadlineError('NOT_FOUND', 'No stored inline image with this Content-ID');
      }
      return { contentType: part.contentType, content: await deps.attachments.open(part.sha256) };
    },
  };
}

export type MailReadsService = ReturnType<typeof createMailReadsService>;

/** The reader's view of how the sender was proven, with the warning to show when it was not. */
function senderView(auth: SenderAuth | null) {
  return {
    senderAuth: auth ? exportedSenderAuth(auth) : null,
    senderWarning: unauthenticatedReason(auth),
  };
}
