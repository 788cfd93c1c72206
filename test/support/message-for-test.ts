import { normalizeAddress } from '../../src/core/addresses/normalize.js';
import type { MailAddress, ParsedMessage } from '../../src/core/message.js';

/** Test data only: a plain human message with the given fields and headers replaced. */
export function messageForTest(
  fields: Partial<Omit<ParsedMessage, 'headers' | 'from'>> & {
    readonly from?: string;
    readonly headers?: Readonly<Record<string, string>>;
  } = {},
): ParsedMessage {
  const { from, headers, ...rest } = fields;
  return {
    messageId: '<test@acme.example>',
    inReplyTo: [],
    references: [],
    subject: 'Pricing question',
    date: new Date('2025-03-01T10:00:00Z'),
    from: [mailAddress(from ?? 'ada@acme.example')],
    sender: null,
    replyTo: [],
    to: [mailAddress('sam@northwind.example')],
    cc: [],
    bcc: [],
    returnPath: null,
    headers: Object.fromEntries(
      Object.entries(headers ?? {}).map(([name, value]) => [name.toLowerCase(), [value]]),
    ),
    contentType: 'text/plain',
    text: 'Hi Sam, what does the enterprise plan cost?',
    html: null,
    attachments: [],
    calendar: null,
    deliveryReport: null,
    size: 1000,
    ...rest,
  };
}

/** Test data only: a normalised address with an empty display name. */
export function mailAddress(address: string): MailAddress {
  return { address: normalizeAddress(address) ?? address, name: '' };
}
