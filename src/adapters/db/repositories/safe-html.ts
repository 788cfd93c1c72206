import type { Queryable } from '../database.js';

/**
 * HTML bodies above this size are not sanitised nor shown as HTML: the
 * reader gets the plain text. Sanitising grows with the size (a 20 MB body
 * took 8 s and gigabytes), and mail that large is generated, not written.
 */
export const maxShownHtmlBytes = 2 * 1024 * 1024;

/** A message's HTML body as a read needs it, without loading more than it shows. */
export interface StoredHtml {
  /** Size of the original HTML body; null when there is none (or the reader may not open it). */
  htmlBytes: number | null;
  /** The kept sanitised HTML (message_safe_html), when it was made already. */
  safeHtml: string | null;
  remoteImages: number | null;
  /** The original, only when it is still to be sanitised and within `maxShownHtmlBytes`. */
  htmlBody: string | null;
}

/**
 * The `StoredHtml` columns of message `m` joined to its kept copy `s`
 * (`LEFT JOIN message_safe_html s ON s.message_id = m.id`), each null unless
 * `open` holds. `octet_length` reads the stored size without decompressing
 * the body, so an oversized body is never loaded.
 */
export function storedHtmlColumns(m: string, s: string, open = 'true'): string {
  return `octet_length(CASE WHEN ${open} THEN ${m}.html_body END) AS "htmlBytes",
    CASE WHEN ${open} THEN ${s}.html END AS "safeHtml",
    CASE WHEN ${open} THEN ${s}.remote_images END AS "remoteImages",
    CASE WHEN ${open} AND ${s}.message_id IS NULL AND octet_length(${m}.html_body) <= ${maxShownHtmlBytes}
      THEN ${m}.html_body END AS "htmlBody"`;
}

/** The sanitised copies of HTML bodies. */
export function safeHtmlRepository(db: Queryable) {
  return {
    /** The message's HTML as a read needs it; null when there is no such message. */
    async storedHtml(messageId: string): Promise<StoredHtml | null> {
      const [row] = await db.query<StoredHtml>(
        `SELECT ${storedHtmlColumns('m', 's')}
         FROM messages m LEFT JOIN message_safe_html s ON s.message_id = m.id
         WHERE m.id = $1`,
        [messageId],
      );
      return row ?? null;
    },

    /**
     * Keeps the sanitised HTML, unless the body it was made from went
     * meanwhile (erased, expired): a copy must not outlive it.
     */
    async keep(
      messageId: string,
      sanitized: { html: string; remoteImages: number },
    ): Promise<void> {
      await db.query(
        `INSERT INTO message_safe_html (message_id, html, remote_images)
         SELECT m.id, $2, $3 FROM messages m WHERE m.id = $1 AND m.html_body IS NOT NULL
         ON CONFLICT (message_id) DO NOTHING`,
        [messageId, sanitized.html, sanitized.remoteImages],
      );
    },
  };
}
