import type { Database } from '../../adapters/db/database.js';
import {
  maxShownHtmlBytes,
  safeHtmlRepository,
  type StoredHtml,
} from '../../adapters/db/repositories/safe-html.js';
import type { SanitizedHtml } from '../../adapters/html/sanitize-email-html.js';
import type { HtmlSanitizer } from '../../adapters/html/sanitize-pool.js';

/** A message's HTML as the reader is shown it. */
export interface ShownHtml {
  /** Sanitised, remote images held back; null when there is no HTML or it is too large. */
  readonly html: string | null;
  readonly remoteImages: number;
  /** There is an HTML body, over `maxShownHtmlBytes`: the reader gets the plain text instead. */
  readonly tooLarge: boolean;
}

const noHtml: ShownHtml = { html: null, remoteImages: 0, tooLarge: false };
const tooLarge: ShownHtml = { html: null, remoteImages: 0, tooLarge: true };

/**
 * Sanitised HTML, made once per message on the sanitiser's threads and kept:
 * later reads, and reads at the same time, share it. Bodies fetched from the
 * mail server for one read are sanitised the same way but kept nowhere.
 */
export function createMessageHtml(deps: { database: Database; sanitizer: HtmlSanitizer }) {
  const repository = safeHtmlRepository(deps.database);
  const sanitizing = new Map<string, Promise<SanitizedHtml>>();

  function sanitizeAndKeep(messageId: string, body: string): Promise<SanitizedHtml> {
    let pending = sanitizing.get(messageId);
    if (!pending) {
      pending = deps.sanitizer
        .sanitize(body, messageId)
        .then(async (sanitized) => {
          await repository.keep(messageId, sanitized);
          return sanitized;
        })
        .finally(() => sanitizing.delete(messageId));
      sanitizing.set(messageId, pending);
    }
    return pending;
  }

  /** The shown HTML of a stored body, from the columns of `storedHtmlColumns`. */
  async function stored(messageId: string, row: StoredHtml): Promise<ShownHtml> {
    if (row.htmlBytes === null) return noHtml;
    if (row.safeHtml !== null) {
      return { html: row.safeHtml, remoteImages: row.remoteImages ?? 0, tooLarge: false };
    }
    if (row.htmlBody === null) return tooLarge;
    return { ...(await sanitizeAndKeep(messageId, row.htmlBody)), tooLarge: false };
  }

  return {
    stored,

    /** The shown HTML of a stored message, read by id (the caller checked the reader may open it). */
    async ofStoredMessage(messageId: string): Promise<ShownHtml> {
      const row = await repository.storedHtml(messageId);
      return row ? stored(messageId, row) : noHtml;
    },

    /** The shown HTML of a body fetched from the mail server for this read. */
    async fetched(messageId: string, html: string | null): Promise<ShownHtml> {
      if (html === null) return noHtml;
      if (Buffer.byteLength(html) > maxShownHtmlBytes) return tooLarge;
      return { ...(await deps.sanitizer.sanitize(html, messageId)), tooLarge: false };
    },
  };
}

export type MessageHtml = ReturnType<typeof createMessageHtml>;
