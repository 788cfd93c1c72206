import { ThreadlineError } from '../../core/errors.js';
import { decodeUnlabelled } from './charset.js';

/** The top-level header block of a raw message, read without touching the body. */
export interface HeaderBlock {
  /** Lower-case header name to its unfolded values, in order. Encoded words are left as sent. */
  readonly headers: Readonly<Record<string, readonly string[]>>;
  /** Byte offset where the body starts (after the blank line), or the input length. */
  readonly bodyOffset: number;
  /** False when the input ended (or the scan limit was hit) before the blank line. */
  readonly complete: boolean;
}

// A header block larger than this is hostile or broken; the scan stays cheap either way.
const maxHeaderBytes = 1024 * 1024;
const fieldName = /^[!-9;-~]+$/;

/**
 * Reads the header block of a raw message: cheap enough to decide from headers
 * before parsing (or fetching) a body. Each line that is not valid UTF-8 is read
 * as windows-1252, so raw 8-bit headers from old mailers stay legible.
 */
export function parseHeaderBlock(raw: Uint8Array): HeaderBlock {
  const headers: Record<string, string[]> = {};
  const limit = Math.min(raw.length, maxHeaderBytes);
  let name = '';
  let value = '';
  let position = 0;

  const flush = (): void => {
    if (name) (headers[name] ??= []).push(value.trim());
    name = '';
  };

  while (position < limit) {
    let end = raw.indexOf(0x0a, position);
    const terminated = end !== -1 && end < limit;
    if (!terminated) end = limit;
    let lineEnd = end;
    if (lineEnd > position && raw[lineEnd - 1] === 0x0d) lineEnd -= 1;
    const next = terminated ? end + 1 : end;

    if (lineEnd === position) {
      flush();
      return { headers, bodyOffset: next, complete: true };
    }
    const line = decodeUnlabelled(raw.subarray(position, lineEnd));
    const first = line.charCodeAt(0);
    if ((first === 0x20 || first === 0x09) && name) {
      value += line;
    } else {
      flush();
      const colon = line.indexOf(':');
      const field = colon > 0 ? line.slice(0, colon).trimEnd() : '';
      // A line that is not a field ends the header block: mail without the blank
      // line before its body exists, and garbage must not be read as headers.
      if (!fieldName.test(field)) {
        return { headers, bodyOffset: position, complete: false };
      }
      name = field.toLowerCase();
      value = line.slice(colon + 1);
    }
    position = next;
  }
  flush();
  return { headers, bodyOffset: position, complete: false };
}

/** A message's header block, found where it starts. */
export interface LocatedHeaderBlock extends HeaderBlock {
  /** Byte offset of the first header field; `bodyOffset` counts from the input's start too. */
  readonly start: number;
}

// Lines looked through for the header block: enough for an mbox `From ` line,
// a line a tool wrote in front (Outlook's "Microsoft Mail Internet Headers"),
// blank lines; few enough that prose with a colon is not read as a message.
const maxLeadingLines = 16;

// Fields only mail carries, one of which makes a block of fields a message's.
// Trace fields count: a message may hold nothing else above its body.
const mailHeaders = new Set([
  'from',
  'sender',
  'reply-to',
  'to',
  'cc',
  'bcc',
  'subject',
  'date',
  'message-id',
  'in-reply-to',
  'references',
  'return-path',
  'received',
  'delivered-to',
  'x-original-to',
  'envelope-to',
  'x-envelope-from',
  'x-envelope-to',
  'x-received',
  'received-spf',
  'authentication-results',
  'dkim-signature',
  'arc-seal',
  'mime-version',
  'content-type',
  'content-transfer-encoding',
  'user-agent',
  'x-mailer',
  'list-id',
  'auto-submitted',
]);
const isMailHeader = (name: string): boolean => mailHeaders.has(name) || name.startsWith('resent-');

/**
 * Finds a message's header block the way mail clients do: past a byte order
 * mark, an mbox `From ` line and any other lines in front of it (at most 16),
 * taking the first block of fields that holds one only mail carries (From,
 * Subject, Received, Delivered-To …). Throws
 * `ThreadlineError('MALFORMED_MESSAGE')` saying why when there is none.
 *
 * @example findHeaderBlock(bytes('From a@x Mon Mar  3 08:00:00 2025\nFrom: a@x\n\nhi')).start // 34
 */
export function findHeaderBlock(raw: Uint8Array): LocatedHeaderBlock {
  if (raw.length === 0) throw malformed('empty input');
  let start = raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf ? 3 : 0;
  let firstFields: string[] | null = null;
  for (let line = 0; line < maxLeadingLines && start < raw.length; line += 1) {
    const block = parseHeaderBlock(raw.subarray(start));
    const names = Object.keys(block.headers);
    if (names.some(isMailHeader)) {
      return { ...block, start, bodyOffset: start + block.bodyOffset };
    }
    firstFields ??= names.length > 0 ? names : null;
    const next = raw.indexOf(0x0a, start);
    start = names.length > 0 ? start + block.bodyOffset : next === -1 ? raw.length : next + 1;
  }
  throw malformed(
    firstFields
      ? `no message headers (From, Date, Subject, Message-ID …) among: ${firstFields.slice(0, 5).join(', ')}`
      : `no header block: no header field in the first ${maxLeadingLines} lines`,
  );
}

function malformed(reason: string): ThreadlineError {
  return new ThreadlineError('MALFORMED_MESSAGE', reason);
}
