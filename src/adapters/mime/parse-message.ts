import { createHash } from 'node:crypto';
import PostalMime, { addressParser, decodeWords } from 'postal-mime';
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
import { parseHeaderBlock } from './header-block.js';
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

// At least one of these must be present for bytes to count as a message.
const messageHeaders = [
  'from',
  'sender',
  'to',
  'subject',
  'date',
  'message-id',
  'received',
  'return-path',
  'mime-version',
  'content-type',
];
const calendarTypes = new Set(['text/calendar', 'application/ics']);
const deliveryStatusTypes = new Set(['message/delivery-status', 'message/global-delivery-status']);
const textDecoder = new TextDecoder();

/**
 * Parses a raw RFC 5322 message into the plain data the decision core reads.
 * Throws `ThreadlineError('MALFORMED_MESSAGE')` with a specific reason when the
 * bytes are not a message at all (empty, no header block, parser failure);
 * anything short of that (bad charsets, broken boundaries, a missing end) is
 * parsed as far as it goes.
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
}

/** Like `parseMessage`, keeping the attachments' bytes for the attachment store. */
export async function parseMessageWithContent(
  raw: Uint8Array,
  options: ParseOptions = {},
): Promise<ParsedWithContent> {
  if (raw.length === 0) throw malformed('empty input');
  const input = withoutMboxSeparator(raw);
  const block = parseHeaderBlock(input);
  const names = Object.keys(block.headers);
  if (names.length === 0) throw malformed('no header block: the first line is not a header field');
  if (!messageHeaders.some((name) => block.headers[name])) {
    throw malformed(
      `no message headers (From, Date, Subject, Message-ID …) among: ${names.slice(0, 5).join(', ')}`,
    );
  }

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

  const message: ParsedMessage = withoutNul({
    messageId: messageIdOf(first('message-id')),
    inReplyTo: idTokens(headers['in-reply-to']),
    references: idTokens(headers['references']),
    subject: decodedWords(first('subject') ?? '').trim(),
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
    text: email.text ?? null,
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
  };
}

/**
 * The same data with U+0000 replaced by U+FFFD, as an undecodable byte is: an
 * encoded word or a decoded body part can carry NUL, which PostgreSQL text
 * and jsonb refuse, and one such message would stop its folder's sync.
 * Returns the value itself when nothing in it changes.
 */
function withoutNul<T>(value: T): T {
  // Looked for first: copying every message to find none was a sixth of what
  // the thread that decides from headers allocated.
  return containsNul(value) ? replaceNul(value) : value;
}

function containsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\0');
  if (Array.isArray(value)) return value.some(containsNul);
  if (isPlainObject(value)) {
    for (const key in value) if (containsNul(value[key])) return true;
  }
  return false;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype
  );
}

function replaceNul<T>(value: T): T {
  if (typeof value === 'string') {
    return (value.includes('\0') ? value.replaceAll('\0', '\uFFFD') : value) as T;
  }
  if (Array.isArray(value)) {
    const cleaned = value.map(replaceNul);
    return (cleaned.some((item, i) => item !== value[i]) ? cleaned : value) as T;
  }
  if (isPlainObject(value)) {
    const entries = Object.entries(value);
    const cleaned = entries.map(([key, item]) => [key, replaceNul(item)] as const);
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
  for (const name in headers) decoded[name] = headers[name]!.map(decodedWords);
  return decoded;
}

/**
 * RFC 2047 encoded words decoded. Most header values hold none, and every
 * message's header block is read while deciding from headers: the parser is
 * only asked when there is an encoded word's opening `=?` to decode.
 */
function decodedWords(value: string): string {
  return value.includes('=?') ? decodeWords(value) : value;
}

function malformed(reason: string): ThreadlineError {
  return new ThreadlineError('MALFORMED_MESSAGE', reason);
}

// Some tools save single messages with the mbox `From ` line still in front.
function withoutMboxSeparator(raw: Uint8Array): Uint8Array {
  const isFromLine =
    raw[0] === 0x46 && raw[1] === 0x72 && raw[2] === 0x6f && raw[3] === 0x6d && raw[4] === 0x20;
  if (!isFromLine) return raw;
  const end = raw.indexOf(0x0a);
  return end === -1 ? raw : raw.subarray(end + 1);
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
