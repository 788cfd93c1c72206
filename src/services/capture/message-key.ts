import { createHash } from 'node:crypto';

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const maxHeaderBytes = 64 * 1024;
const maxIdLength = 1000;

/**
 * Headers the author's client writes and no server on the way changes:
 * copies of one message in the sender's Sent folder and in each recipient's
 * mailbox carry them alike, while trace headers (Received, Delivered-To,
 * X-…, signatures added in transit, Bcc) differ from copy to copy.
 */
const originatorHeaders = new Set([
  'from',
  'sender',
  'reply-to',
  'to',
  'cc',
  'date',
  'subject',
  'message-id',
  'in-reply-to',
  'references',
  'content-type',
]);

/**
 * The identity a message is stored under. A Message-ID alone is no proof of
 * sameness: anyone can send a message carrying someone else's, so the key
 * also holds a digest of the originator headers, and two copies are one
 * message only when both agree. A header-first sync and a full fetch or an
 * import see the same header block, so they compute the same key.
 *
 * Without a Message-ID the key is a hash of the whole header block, and of
 * the body when it is known (`bodyDigest`): identical generated headers must
 * not merge different messages.
 *
 * @example messageKey('<a@b>', raw) // '<a@b> 3f0c…' (Message-ID, a space, 32 hex digits)
 */
export function messageKey(
  messageId: string | null,
  raw: Uint8Array,
  bodyDigestOfWhole: string | null = null,
): string {
  const headers = headerBlock(raw);
  if (messageId === null) {
    const base = `sha256:${sha256Hex(headers)}`;
    return bodyDigestOfWhole === null ? base : `${base}:${bodyDigestOfWhole.slice(0, 32)}`;
  }
  const digest = originatorDigest(headers);
  // The key is unique in a btree, whose entries are limited to about 2.7 KB:
  // a longer (hostile or broken) Message-ID is stored under its hash.
  const id =
    messageId.length <= maxIdLength
      ? messageId
      : `sha256-id:${sha256Hex(new TextEncoder().encode(messageId))}`;
  return `${id} ${digest}`;
}

/**
 * The key of a copy whose body differs from the stored message with the
 * same key: a message of its own, never a second location of that one.
 */
export function keyOfDifferentBody(key: string, bodyDigest: string): string {
  return `${key}#${bodyDigest.slice(0, 32)}`;
}

/**
 * The key the same message had when keys were the bare Message-ID, or the
 * hash of the header block alone: what a store filled before holds it under.
 */
export function legacyKey(key: string): string | null {
  if (key.startsWith('sha256:')) {
    const bodyPart = key.indexOf(':', 'sha256:'.length);
    return bodyPart < 0 ? null : key.slice(0, bodyPart);
  }
  const space = key.lastIndexOf(' ');
  return space <= 0 ? null : key.slice(0, space);
}

const bodyPrefixLength = 2000;

/**
 * A digest of a message's text and HTML bodies: their first 2,000 characters
 * (code points) with CRLF line ends as LF, so a copy fetched whole and one
 * cut at 64 KB agree. Null when the message has neither. The stored bodies
 * give the same digest in SQL (migration 012), so old rows compare too.
 */
export function bodyDigest(text: string | null, html: string | null): string | null {
  if (text === null && html === null) return null;
  const hash = createHash('sha256');
  hash.update(bodyPrefix(text ?? ''), 'utf8');
  hash.update(new Uint8Array([0]));
  hash.update(bodyPrefix(html ?? ''), 'utf8');
  return hash.digest('hex');
}

function bodyPrefix(body: string): string {
  let end = 0;
  let points = 0;
  // Enough UTF-16 units for the prefix even after CRLFs collapse.
  const window = body.slice(0, bodyPrefixLength * 4).replace(/\r\n/g, '\n');
  while (end < window.length && points < bodyPrefixLength) {
    const code = window.charCodeAt(end);
    end += code >= 0xd800 && code <= 0xdbff && end + 1 < window.length ? 2 : 1;
    points += 1;
  }
  return window.slice(0, end);
}

function originatorDigest(headers: Uint8Array): string {
  const text = Buffer.from(headers.buffer, headers.byteOffset, headers.byteLength)
    .toString('latin1')
    .replace(/\r?\n[ \t]+/g, ' ');
  const fields: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!originatorHeaders.has(name)) continue;
    let value = line
      .slice(colon + 1)
      .replace(/\s+/g, ' ')
      .trim();
    // The boundary is left out: some servers write a message's MIME afresh for each mailbox.
    if (name === 'content-type') value = value.split(';')[0]!.trim().toLowerCase();
    fields.push(`${name}:${value}`);
  }
  // Stable: fields of one name keep their order, and a server reordering headers changes nothing.
  fields.sort((a, b) => compareNames(a, b));
  return createHash('sha256').update(fields.join('\n'), 'latin1').digest('hex').slice(0, 32);
}

function compareNames(a: string, b: string): number {
  const nameA = a.slice(0, a.indexOf(':'));
  const nameB = b.slice(0, b.indexOf(':'));
  return nameA < nameB ? -1 : nameA > nameB ? 1 : 0;
}

function headerBlock(raw: Uint8Array): Uint8Array {
  const limit = Math.min(raw.length, maxHeaderBytes);
  for (let i = 0; i < limit - 1; i += 1) {
    if (raw[i] !== 0x0a) continue;
    if (raw[i + 1] === 0x0a) return raw.subarray(0, i);
    if (raw[i + 1] === 0x0d && raw[i + 2] === 0x0a) return raw.subarray(0, i);
  }
  return raw.subarray(0, limit);
}
