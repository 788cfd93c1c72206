/**
 * A message as the decision core sees it: plain data, produced by the MIME
 * adapter from raw bytes. Addresses are already normalised (see
 * `core/addresses`). Header names are lower-case; a header that occurs several
 * times keeps every value in order.
 */
export interface MailAddress {
  /** Normalised address (`normalizeAddress`), e.g. `ada@acme.com`. */
  readonly address: string;
  /** Display name as sent, decoded, possibly empty. */
  readonly name: string;
}

export interface AttachmentInfo {
  readonly filename: string | null;
  readonly contentType: string;
  readonly size: number;
  /** Hex SHA-256 of the decoded content, when the content was available. */
  readonly contentHash: string | null;
  readonly disposition: 'attachment' | 'inline' | null;
  /** The part's Content-ID without its angle brackets: what a `cid:` URL in the HTML names. */
  readonly contentId: string | null;
}

export interface CalendarInfo {
  /** iCalendar METHOD, upper-case: REQUEST, REPLY, CANCEL, COUNTER, PUBLISH … */
  readonly method: string;
  /** The part was attached as a file (disposition attachment) rather than the body's alternative. */
  readonly asAttachment: boolean;
}

export interface DeliveryReport {
  /** The `report-type` parameter of multipart/report, lower-case (e.g. `delivery-status`). */
  readonly reportType: string;
  /** Recipients the report says failed (normalised addresses). */
  readonly failedRecipients: readonly string[];
  /** The `Status` of the first failed recipient (`5.1.1`), when the report gives one. */
  readonly status?: string;
}

export interface ParsedMessage {
  /** Message-ID header with its angle brackets, as sent; null when missing. */
  readonly messageId: string | null;
  readonly inReplyTo: readonly string[];
  readonly references: readonly string[];
  readonly subject: string;
  readonly date: Date | null;
  readonly from: readonly MailAddress[];
  readonly sender: MailAddress | null;
  readonly replyTo: readonly MailAddress[];
  readonly to: readonly MailAddress[];
  readonly cc: readonly MailAddress[];
  readonly bcc: readonly MailAddress[];
  /** Return-Path address; `''` for the null return path `<>`; null when absent. */
  readonly returnPath: string | null;
  /** Lower-case header name to its raw (unfolded, decoded where possible) values. */
  readonly headers: Readonly<Record<string, readonly string[]>>;
  /** Top-level content type, lower-case, without parameters (e.g. `multipart/mixed`). */
  readonly contentType: string;
  readonly text: string | null;
  readonly html: string | null;
  readonly attachments: readonly AttachmentInfo[];
  readonly calendar: CalendarInfo | null;
  readonly deliveryReport: DeliveryReport | null;
  /** Size of the raw message in bytes. */
  readonly size: number;
}

/** First value of a header, or undefined. */
export function headerValue(
  message: Pick<ParsedMessage, 'headers'>,
  name: string,
): string | undefined {
  return message.headers[name.toLowerCase()]?.[0];
}

/** Every participant address (from, sender, reply-to, to, cc, bcc), deduplicated, in that order. */
export function participantAddresses(message: ParsedMessage): string[] {
  const all = [
    ...message.from,
    ...(message.sender ? [message.sender] : []),
    ...message.replyTo,
    ...message.to,
    ...message.cc,
    ...message.bcc,
  ].map((a) => a.address);
  return [...new Set(all.filter((a) => a.length > 0))];
}
