import { createHash } from 'node:crypto';
import PostalMime, { addressParser } from 'postal-mime';
import type { Attachment, Email } from 'postal-mime';
import { normalizeAddress } from '../../core/addresses/normalize.js';
import { ThreadlineError } from '../../core/errors.js';
import { searchVector } from '../../core/search/search-terms.js';
import type {
  AttachmentInfo,
  CalendarInfo,
  DeliveryReport,
  MailAddress,
  ParsedMessage,
} from '../../core/message.js';
import { c1AsWindows1252, decodeUnlabelledLines } from './charset.js';
import { decodeEncodedWords } from './encoded-words.js';
import { findHeaderBlock, type LocatedHeaderBlock } from './header-block.js';
import {
  calendarMethodOfBody,
  failedRecipientsOfDeliveryStatus,
  failedRecipientsOfHeader,
  failureStatusOfDeliveryStatus,
} from './report-parts.js';

export interface ParseOptions {
  /**
   * The source was cut at a byte limit (sync fetches only the first bytes of a
   * message): parse what is there; attachment hashes are left null because
   * their content may be incomplete.
   */
  readonly truncated?: boolean;
  /**
   * The bytes are a header block alone (header-first sync): the MIME parser
   * would find no text and no files in it, so it is not run.
   */
  readonly headerOnly?: boolean;
}

const calendarTypes = new Set(['text/calendar', 'application/ics']);
const deliveryStatusTypes = new Set(['message/delivery-status', 'message/global-delivery-status']);
const textDecoder = new TextDecoder();

/**
 * Parses a raw RFC 5322 message into the plain data the decision core reads.
 * Throws `ThreadlineError('MALFORMED_MESSAGE')` with a specific reason when the
 * bytes are not a message at all (empty, no header block, parser failure);
 * anything short of that (lines in front of the headers, bad charsets, broken
 * boundaries, a missing end) is parsed as far as it goes.
 */
export async function parseMessage(
  raw: Uint8Array,
  options: ParseOptions = {},
): Promise<ParsedMessage> {
  return (await parseMessageWithContent(raw, options)).message;
}

/** A parsed message and the decoded bytes of its attachments, in `message.attachments` order. */
export interface ParsedWithContent {
  readonly message: ParsedMessage;
  readonly attachmentContents: readonly Uint8Array[];
  /**
   * The search terms of its subject and text (`searchVector`), cut on the
   * parsing thread: on the thread that stores, they were its largest cost.
   */
  readonly search: string;
  /** The text of every calendar part (`text/calendar`, `application/ics`, `.ics` files), in message order. */
  readonly calendarParts: readonly CalendarPart[];
}

/** One iCalendar part of a message. */
export interface CalendarPart {
  /** The part decoded as UTF-8, the charset RFC 5545 prescribes. */
  readonly text: string;
  /** The `method` parameter of its Content-Type (RFC 6047), upper case; null when absent. */
  readonly method: string | null;
}

/** Like `parseMessage`, keeping the attachments' bytes for the attachment store. */
export async function parseMessageWithContent(
  raw: Uint8Array,
  options: ParseOptions = {},
): Promise<ParsedWithContent> {
  const block = findHeaderBlock(raw);
  const input = raw.subarray(block.start);

  let email: Pick<Email, 'text' | 'html' | 'attachments'> = { attachments: [] };
  try {
    if (options.headerOnly !== true) {
      email = await PostalMime.parse(input, { attachmentEncoding: 'arraybuffer' });
    }
  } catch (error) {
    throw malformed(
      `MIME parser failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }

  const headers = block.headers;
  const first = (name: string): string | undefined => headers[name]?.[0];
  const contentTypeHeader = first('content-type') ?? 'text/plain';
  const contentType = (contentTypeHeader.split(';')[0] ?? '').trim().toLowerCase() || 'text/plain';
  const truncated = options.truncated ?? false;
  const files = email.attachments.filter((part) => !isCalendarBody(part));

  const message: ParsedMessage = legible({
    messageId: messageIdOf(first('message-id')),
    inReplyTo: idTokens(headers['in-reply-to']),
    references: idTokens(headers['references']),
    subject: decodeEncodedWords(first('subject') ?? '').trim(),
    date: dateOf(first('date')),
    from: addressesOf(headers['from']),
    sender: addressesOf(headers['sender'])[0] ?? null,
    replyTo: addressesOf(headers['reply-to']),
    to: addressesOf(headers['to']),
    cc: addressesOf(headers['cc']),
    bcc: addressesOf(headers['bcc']),
    returnPath: returnPathOf(first('return-path')),
    headers: decodedHeaders(headers),
    contentType,
    text: options.headerOnly === true ? null : textOf(raw, block, contentTypeHeader, email),
    html: email.html ?? null,
    attachments: files.map((part) => attachmentInfo(part, truncated)),
    calendar: calendarOf(email.attachments),
    deliveryReport:
      contentType === 'multipart/report'
        ? deliveryReportOf(contentTypeHeader, email.attachments, headers['x-failed-recipients'])
        : null,
    size: raw.length,
  });
  return {
    message,
    attachmentContents: files.map(contentBytes),
    search: searchVector(message.subject, message.text),
    calendarParts: email.attachments.filter(isCalendarPart).map((part) => ({
      text: textDecoder.decode(contentBytes(part)),
      method: part.method?.trim().toUpperCase() || null,
    })),
  };
}

/**
 * The same data with U+0000 replaced by U+FFFD, as an undecodable byte is (an
 * encoded word or a decoded body part can carry NUL, which PostgreSQL text
 * and jsonb refuse, and one such message would stop its folder's sync), and
 * C1 control characters read as windows-1252 (`c1AsWindows1252`: the MIME
 * parser decodes windows-1252 bodies as ISO-8859-1 on Node 20).
 * Returns the value itself when nothing in it changes.
 */
function legible<T>(value: T): T {
  // Looked for first: copying every message to find none was a sixth of what
  // the thread that decides from headers allocated.
  return needsRepair(value) ? repaired(value) : value;
}

const nulOrC1 = /[\0\x80-\x9f]/;

function needsRepair(value: unknown): boolean {
  if (typeof value === 'string') return nulOrC1.test(value);
  if (Array.isArray(value)) return value.some(needsRepair);
  if (isPlainObject(value)) {
    for (const key in value) if (needsRepair(value[key])) return true;
  }
  return false;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype
  );
}

function repaired<T>(value: T): T {
  if (typeof value === 'string') {
    return (nulOrC1.test(value) ? c1AsWindows1252(value.replaceAll('\0', '\uFFFD')) : value) as T;
  }
  if (Array.isArray(value)) {
    const cleaned = value.map(repaired);
    return (cleaned.some((item, i) => item !== value[i]) ? cleaned : value) as T;
  }
  if (isPlainObject(value)) {
    const entries = Object.entries(value);
    const cleaned = entries.map(([key, item]) => [key, repaired(item)] as const);
    return (
      cleaned.some(([, item], i) => item !== entries[i]![1]) ? Object.fromEntries(cleaned) : value
    ) as T;
  }
  return value;
}

/** Every header value with its encoded words decoded. */
function decodedHeaders(
  headers: Readonly<Record<string, readonly string[]>>,
): Record<string, string[]> {
  const decoded: Record<string, string[]> = {};
  for (const name in headers) decoded[name] = headers[name]!.map(decodeEncodedWords);
  return decoded;
}

/**
 * The plain text of the body: the MIME parser's, except where it reads less
 * than mail clients show. A multipart body in which it finds no part at all
 * (its boundary never appears) is read as plain text, so the text is not lost
 * with the structure; an 8-bit plain text body whose charset nobody named,
 * which the parser reads as UTF-8, is read line by line as windows-1252 where
 * it is not UTF-8.
 */
function textOf(
  raw: Uint8Array,
  block: LocatedHeaderBlock,
  contentTypeHeader: string,
  email: Pick<Email, 'text' | 'html' | 'attachments'>,
): string | null {
  const type = (contentTypeHeader.split(';')[0] ?? '').trim().toLowerCase();
  const body = () => decodeUnlabelledLines(raw.subarray(block.bodyOffset));
  if (email.text === undefined) {
    const noParts =
      type.startsWith('multipart/') && email.html === undefined && email.attachments.length === 0;
    const text = noParts ? body() : '';
    return text.trim() === '' ? null : text;
  }
  const encoding = block.headers['content-transfer-encoding']?.[0]?.trim().toLowerCase() ?? '';
  const unlabelled =
    (type === 'text/plain' || type === '') &&
    !/;\s*charset\s*=/i.test(contentTypeHeader) &&
    ['', '7bit', '8bit', 'binary'].includes(encoding);
  return unlabelled && email.text.includes('\uFFFD') ? body() : email.text;
}

function malformed(reason: string): ThreadlineError {
  return new ThreadlineError('MALFORMED_MESSAGE', reason);
}

function messageIdOf(value: string | undefined): string | null {
  if (!value) return null;
  return /<[^<>\s]+>/.exec(value)?.[0] ?? (value.trim() || null);
}

function idTokens(values: readonly string[] | undefined): string[] {
  return (values ?? []).flatMap((value) => value.match(/<[^<>\s]+>/g) ?? []);
}

/**
 * The Date header as a time, or null when it is not one. A year past 9999
 * (which JavaScript reads, and spam sends) is not: its ISO form is not a
 * timestamp PostgreSQL accepts.
 */
function dateOf(value: string | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value.replace(/\s*\([^)]*\)\s*$/, ''));
  const year = date.getUTCFullYear();
  return Number.isNaN(year) || year < 1 || year > 9999 ? null : date;
}

function addressesOf(values: readonly string[] | undefined): MailAddress[] {
  const result: MailAddress[] = [];
  for (const value of values ?? []) {
    for (const mailbox of addressParser(value, { flatten: true })) {
      const address = mailbox.address ? normalizeAddress(mailbox.address) : null;
      if (address) result.push({ address, name: mailbox.name });
    }
  }
  return result;
}

function returnPathOf(value: string | undefined): string | null {
  if (value === undefined) return null;
  const inner = value.trim().replace(/^<\s*|\s*>$/g, '');
  if (inner === '') return '';
  return normalizeAddress(inner);
}

function contentBytes(part: Attachment): Uint8Array {
  if (typeof part.content === 'string') return new TextEncoder().encode(part.content);
  return part.content instanceof Uint8Array ? part.content : new Uint8Array(part.content);
}

function isCalendarPart(part: Attachment): boolean {
  return calendarTypes.has(part.mimeType) || /\.ics$/i.test(part.filename ?? '');
}

// The calendar alternative of an invitation is the message's body, not a file.
function isCalendarBody(part: Attachment): boolean {
  return calendarTypes.has(part.mimeType) && part.disposition !== 'attachment';
}

function attachmentInfo(part: Attachment, truncated: boolean): AttachmentInfo {
  const bytes = contentBytes(part);
  return {
    filename: part.filename,
    contentType: part.mimeType,
    size: bytes.byteLength,
    contentHash: truncated ? null : createHash('sha256').update(bytes).digest('hex'),
    disposition: dispositionOf(part),
    contentId: part.contentId?.trim().replace(/^<|>$/g, '') || null,
  };
}

function dispositionOf(part: Attachment): AttachmentInfo['disposition'] {
  if (part.disposition === 'attachment') return 'attachment';
  return part.disposition === 'inline' ? 'inline' : null;
}

function calendarOf(parts: readonly Attachment[]): CalendarInfo | null {
  const calendars = parts.filter((part) => calendarTypes.has(part.mimeType));
  // A body (alternative) part says what the message is; a file may be a mere copy.
  const ordered = [
    ...calendars.filter((part) => part.disposition !== 'attachment'),
    ...calendars.filter((part) => part.disposition === 'attachment'),
  ];
  for (const part of ordered) {
    const method = part.method ?? calendarMethodOfBody(textDecoder.decode(contentBytes(part)));
    if (method) return { method, asAttachment: part.disposition === 'attachment' };
  }
  return null;
}

function deliveryReportOf(
  contentTypeHeader: string,
  parts: readonly Attachment[],
  failedHeader: readonly string[] | undefined,
): DeliveryReport {
  const reportType = /;\s*report-type\s*=\s*"?([^";\s]+)"?/i.exec(contentTypeHeader)?.[1] ?? '';
  const statusBodies = parts
    .filter((part) => deliveryStatusTypes.has(part.mimeType))
    .map((part) => textDecoder.decode(contentBytes(part)));
  const failed = [
    ...statusBodies.flatMap(failedRecipientsOfDeliveryStatus),
    ...(failedHeader ?? []).flatMap(failedRecipientsOfHeader),
  ];
  const status = statusBodies.map(failureStatusOfDeliveryStatus).find((s) => s !== null);
  return {
    reportType: reportType.toLowerCase(),
    failedRecipients: [...new Set(failed)],
    ...(status ? { status } : {}),
  };
}
