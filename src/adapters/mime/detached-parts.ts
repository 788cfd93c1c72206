import type { DetachedPart } from '../../services/sync/mail-source.js';
import type { ParsedWithContent } from './parse-message.js';

// Markers are a few dozen bytes: longer contents are real files and are not compared.
const longestMarker = 64;

export function detachedPartMarker(part: string): string {
  return `threadline detached part ${part}`;
}

/** The body that stands in for a detached base64 part: its marker, base64 encoded. */
export function placeholderBody(part: string): Buffer {
  return placeholderOf(detachedPartMarker(part));
}

const placeholderOf = (marker: string) =>
  Buffer.from(`${Buffer.from(marker).toString('base64')}\r\n`);

// RFC 2045 caps base64 lines at 76 characters.
const base64Line = /.{1,76}/g;

/**
 * The source with each detached part's content back where its placeholder
 * stands, base64 encoded as mail carries it: what is kept of a message the
 * parser refused, so that its files are not lost with it. The content is the
 * server's; only the line breaks of the encoding may differ from its bytes.
 */
export function restoreSource(skeleton: Uint8Array, detached: readonly DetachedPart[]): Buffer {
  const source = Buffer.from(skeleton.buffer, skeleton.byteOffset, skeleton.byteLength);
  const found = detached
    .filter((part) => 'content' in part)
    .map((part) => {
      const placeholder = placeholderOf(part.marker);
      return { part, placeholder, at: source.indexOf(placeholder) };
    })
    .filter(({ at }) => at >= 0)
    .sort((a, b) => a.at - b.at);
  if (found.length === 0) return source;
  const pieces: Buffer[] = [];
  let from = 0;
  for (const { part, placeholder, at } of found) {
    const encoded = Buffer.from(part.content).toString('base64').match(base64Line) ?? [];
    pieces.push(
      source.subarray(from, at),
      Buffer.from(encoded.map((line) => `${line}\r\n`).join('')),
    );
    from = at + placeholder.length;
  }
  pieces.push(source.subarray(from));
  return Buffer.concat(pieces);
}

/**
 * Puts the detached parts back into a parse of the source that stood in for
 * them: each attachment whose content is a marker gets the part's bytes, size
 * and hash, as if the parser had decoded the whole message; one too large to
 * keep gets its size, no content and no hash.
 */
export async function reattachParts(
  parsed: ParsedWithContent,
  detached: readonly DetachedPart[],
): Promise<ParsedWithContent> {
  if (detached.length === 0) return parsed;
  const byMarker = new Map(detached.map((part) => [part.marker, part]));
  const standsFor = (content: Uint8Array) =>
    content.byteLength > longestMarker
      ? undefined
      : byMarker.get(Buffer.from(content).toString('latin1'));
  const attachments = await Promise.all(
    parsed.message.attachments.map(async (attachment, index) => {
      const part = standsFor(parsed.attachmentContents[index]!);
      if (!part) return attachment;
      if ('tooLarge' in part) return { ...attachment, size: part.tooLarge.size, contentHash: null };
      return {
        ...attachment,
        size: part.content.byteLength,
        contentHash: attachment.contentHash === null ? null : await sha256Off(part.content),
      };
    }),
  );
  const contents = parsed.attachmentContents.map((content) => {
    const part = standsFor(content);
    if (!part) return content;
    return 'content' in part ? part.content : new Uint8Array(0);
  });
  return { ...parsed, message: { ...parsed.message, attachments }, attachmentContents: contents };
}

/**
 * The hash on a thread of the pool rather than this one (Web Crypto's digest
 * runs there): detached parts are the large files of a back-fill, and this
 * thread is the one that fetches, decides and stores.
 */
async function sha256Off(content: Uint8Array): Promise<string> {
  return Buffer.from(await crypto.subtle.digest('SHA-256', content)).toString('hex');
}
