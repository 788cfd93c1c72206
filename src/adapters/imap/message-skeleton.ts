import type { MessageStructureObject } from 'imapflow';
import { placeholderBody } from '../mime/detached-parts.js';

// Below this, fetching a part on its own costs more than decoding it.
const minDetachedBytes = 16 * 1024;
const calendarTypes = new Set(['application/ics']);

/** Whether a message of this size may hold a part worth detaching, so its structure is worth a look. */
export const mayHoldDetachableParts = (size: number) => size >= minDetachedBytes;

const isMultipart = (node: MessageStructureObject) =>
  node.type.startsWith('multipart/') && (node.childNodes?.length ?? 0) > 0;

/**
 * The parts of a message worth fetching decoded and apart from the rest
 * (IMAP BINARY): large base64 leaves that are files, never text, nested
 * messages or calendars, which the parser reads for the message itself. Empty
 * when the structure is not one the skeleton can be rebuilt from.
 */
export function detachableParts(structure: MessageStructureObject): string[] {
  if (!isMultipart(structure) || !boundariesKnown(structure)) return [];
  const found: string[] = [];
  const visit = (node: MessageStructureObject) => {
    if (isMultipart(node)) {
      node.childNodes!.forEach(visit);
      return;
    }
    const type = node.type.toLowerCase();
    const detachable =
      node.part !== undefined &&
      node.encoding?.toLowerCase() === 'base64' &&
      (node.size ?? 0) >= minDetachedBytes &&
      !type.startsWith('text/') &&
      !type.startsWith('message/') &&
      !calendarTypes.has(type) &&
      !isCalendarFile(node);
    if (detachable) found.push(node.part!);
  };
  visit(structure);
  return found;
}

/** The size of each leaf part as the server holds it (for base64, encoded). */
export function partSizes(structure: MessageStructureObject): Map<string, number> {
  const sizes = new Map<string, number>();
  const visit = (node: MessageStructureObject) => {
    if (isMultipart(node)) node.childNodes!.forEach(visit);
    else if (node.part !== undefined) sizes.set(node.part, node.size ?? 0);
  };
  visit(structure);
  return sizes;
}

/**
 * The size of a base64 content once decoded, within a few bytes: 57 bytes
 * for each line of 76 characters and its line break, as mail writes base64.
 */
export const decodedBase64Size = (encoded: number) => Math.floor((encoded * 57) / 78);

// An invitation sent as a file of another type (`application/octet-stream`, `zoom_0.ics`).
function isCalendarFile(node: MessageStructureObject): boolean {
  const name = node.dispositionParameters?.filename ?? node.parameters?.name ?? '';
  return /\.ics$/i.test(name);
}

function boundariesKnown(node: MessageStructureObject): boolean {
  if (!isMultipart(node)) return true;
  return Boolean(node.parameters?.boundary) && node.childNodes!.every(boundariesKnown);
}

const holdsDetached = (node: MessageStructureObject, detached: ReadonlySet<string>): boolean =>
  isMultipart(node)
    ? node.childNodes!.some((child) => holdsDetached(child, detached))
    : detached.has(node.part ?? '');

/**
 * The body sections (`n.mime` headers and `n` contents) a skeleton needs:
 * every part's headers, and the content of each part that holds nothing
 * detached, fetched whole in one piece.
 */
export function skeletonSections(
  structure: MessageStructureObject,
  detached: ReadonlySet<string>,
): string[] {
  return structure.childNodes!.flatMap((child) => {
    const part = child.part!;
    if (!holdsDetached(child, detached)) return [`${part}.mime`, part];
    return isMultipart(child)
      ? [`${part}.mime`, ...skeletonSections(child, detached)]
      : [`${part}.mime`];
  });
}

/**
 * The message as the server holds it, but with each detached part's content
 * replaced by its placeholder: the same bytes for every other part, in the
 * same order, under the same boundaries, so the parser reads the same text,
 * the same files and the same structure. Null when a section is missing.
 */
export function assembleSkeleton(
  structure: MessageStructureObject,
  header: Buffer,
  sections: ReadonlyMap<string, Buffer>,
  detached: ReadonlySet<string>,
): Buffer | null {
  const chunks: Buffer[] = [header];
  const body = (node: MessageStructureObject): boolean => {
    const boundary = node.parameters!.boundary!;
    for (const child of node.childNodes!) {
      const part = child.part!;
      const mime = sections.get(`${part}.mime`);
      if (!mime) return false;
      chunks.push(Buffer.from(`--${boundary}\r\n`), mime);
      if (detached.has(part)) {
        chunks.push(placeholderBody(part));
      } else if (holdsDetached(child, detached)) {
        if (!body(child)) return false;
      } else {
        const content = sections.get(part);
        if (!content) return false;
        chunks.push(content, Buffer.from('\r\n'));
      }
    }
    chunks.push(Buffer.from(`--${boundary}--\r\n`));
    return true;
  };
  return body(structure) ? Buffer.concat(chunks) : null;
}
