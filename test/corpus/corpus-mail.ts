import { domainToASCII } from 'node:url';
import type { MailAddressSpec } from './corpus-oracle.js';
import type { SeededRandom } from './seeded-random.js';

/**
 * Writing raw RFC 5322 messages the way real mail clients and servers do:
 * encoded words for non-ASCII names and subjects, quoted display names,
 * dates with time zones, client-shaped Message-IDs, MIME bodies.
 */
export function createMailWriter(random: SeededRandom) {
  let counter = 0;
  const hex = (length: number) =>
    Array.from({ length }, () => random.int(16).toString(16)).join('');

  return {
    /** A unique Message-ID shaped like the sending client's. */
    messageId(domain: string): string {
      counter += 1;
      switch (random.int(4)) {
        case 0:
          return `<AM6PR04MB${hex(10).toUpperCase()}${counter}@AM6PR04MB${hex(4).toUpperCase()}.eurprd04.prod.outlook.com>`;
        case 1:
          return `<CA+${hex(24)}${counter}@mail.gmail.com>`;
        case 2:
          return `<${hex(8)}-${hex(4)}-${counter}@${domain}>`;
        default:
          return `<${Date.UTC(2025, 0, 1) + counter * 7919}.${hex(6)}@${domain}>`;
      }
    },
    /** An address as a person's mail client writes it, sometimes in odd case. */
    wire(address: string, name: string, oddCase = random.chance(0.25)): MailAddressSpec {
      const at = address.lastIndexOf('@');
      const domain = domainToASCII(address.slice(at + 1));
      const local = address.slice(0, at);
      const written = oddCase
        ? `${local.replace(/(^|\.)([a-z])/g, (_, dot: string, c: string) => dot + c.toUpperCase())}@${domain.toUpperCase()}`
        : `${local}@${domain}`;
      return { address: written, name };
    },
  };
}

export function formatAddress({ address, name }: MailAddressSpec): string {
  return name ? `${displayName(name)} <${address}>` : address;
}

function displayName(name: string): string {
  if (!/^[\x20-\x7e]*$/.test(name)) return encodeWord(name);
  return /[,;:"()<>@[\]]/.test(name) ? `"${name.replace(/"/g, '\\"')}"` : name;
}

/** RFC 2047 B-encoding for non-ASCII header text; ASCII stays as it is. */
export function encodeWord(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  return `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
}

const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Tue, 04 Mar 2025 10:15:00 +0100`, in the sender's time zone. */
export function formatDate(date: Date, offsetMinutes: number): string {
  const local = new Date(date.getTime() + offsetMinutes * 60_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${days[local.getUTCDay()]!}, ${pad(local.getUTCDate())} ${months[local.getUTCMonth()]!} ${local.getUTCFullYear()} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())} ${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
}

/** The body of a message: its content headers and the lines after the blank line. */
export interface MimeBody {
  readonly headers: readonly string[];
  readonly lines: readonly string[];
}

export function plainBody(text: string): MimeBody {
  return {
    headers: ['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit'],
    lines: text.split('\n'),
  };
}

export function alternativeBody(text: string, boundary: string): MimeBody {
  const html = `<html><body>${text
    .split('\n')
    .map((line) => `<p>${line}</p>`)
    .join('')}</body></html>`;
  return {
    headers: [`Content-Type: multipart/alternative; boundary="${boundary}"`],
    lines: [
      `--${boundary}`,
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      ...text.split('\n'),
      `--${boundary}`,
      'Content-Type: text/html; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      html,
      `--${boundary}--`,
    ],
  };
}

export function withAttachment(body: MimeBody, boundary: string, filename: string): MimeBody {
  return {
    headers: [`Content-Type: multipart/mixed; boundary="${boundary}"`],
    lines: [
      `--${boundary}`,
      ...body.headers,
      '',
      ...body.lines,
      `--${boundary}`,
      `Content-Type: application/pdf; name="${filename}"`,
      `Content-Disposition: attachment; filename="${filename}"`,
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from(`%PDF-1.4 ${filename}`).toString('base64'),
      `--${boundary}--`,
    ],
  };
}

/** An iTIP message: the text and the calendar as alternatives, as Outlook and Google send them. */
export function calendarBody(
  method: 'REQUEST' | 'REPLY' | 'CANCEL',
  text: string,
  event: { uid: string; summary: string; start: Date; organizer: string; attendee: string },
  boundary: string,
): MimeBody {
  const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
  const partstat = method === 'REPLY' ? ';PARTSTAT=ACCEPTED' : '';
  return {
    headers: [`Content-Type: multipart/alternative; boundary="${boundary}"`],
    lines: [
      `--${boundary}`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      text,
      `--${boundary}`,
      `Content-Type: text/calendar; charset=utf-8; method=${method}`,
      '',
      'BEGIN:VCALENDAR',
      'PRODID:-//Corpus//Calendar 1.0//EN',
      'VERSION:2.0',
      `METHOD:${method}`,
      'BEGIN:VEVENT',
      `UID:${event.uid}`,
      `DTSTART:${stamp(event.start)}`,
      `DTEND:${stamp(new Date(event.start.getTime() + 3_600_000))}`,
      `SUMMARY:${event.summary}`,
      `ORGANIZER:mailto:${event.organizer}`,
      `ATTENDEE;ROLE=REQ-PARTICIPANT${partstat}:mailto:${event.attendee}`,
      'END:VEVENT',
      'END:VCALENDAR',
      `--${boundary}--`,
    ],
  };
}

/** A delivery status notification (RFC 3464) returning a message to its sender. */
export function deliveryReportBody(
  failed: string,
  reportingMta: string,
  original: { from: string; subject: string; messageId: string },
  boundary: string,
): MimeBody {
  return {
    headers: [
      `Content-Type: multipart/report; report-type=delivery-status;\n\tboundary="${boundary}"`,
    ],
    lines: [
      'This is a MIME-encapsulated message.',
      '',
      `--${boundary}`,
      'Content-Description: Notification',
      'Content-Type: text/plain; charset=us-ascii',
      '',
      `This is the mail system at host ${reportingMta}.`,
      '',
      "I'm sorry to have to inform you that your message could not",
      'be delivered to one or more recipients.',
      '',
      `<${failed}>: host mx.${failed.split('@')[1]!} said: 550 5.1.1 User unknown`,
      '',
      `--${boundary}`,
      'Content-Description: Delivery report',
      'Content-Type: message/delivery-status',
      '',
      `Reporting-MTA: dns; ${reportingMta}`,
      '',
      `Final-Recipient: rfc822; ${failed.toLowerCase()}`,
      `Original-Recipient: rfc822;${failed}`,
      'Action: failed',
      'Status: 5.1.1',
      `Diagnostic-Code: smtp; 550 5.1.1 <${failed}>: Recipient address rejected`,
      '',
      `--${boundary}`,
      'Content-Description: Undelivered Message Headers',
      'Content-Type: text/rfc822-headers',
      '',
      `From: ${original.from}`,
      `To: ${failed}`,
      `Subject: ${original.subject}`,
      `Message-ID: ${original.messageId}`,
      '',
      `--${boundary}--`,
    ],
  };
}

/** One mbox entry (mboxrd): body lines that look like separators are quoted. */
export function mboxEntry(envelopeSender: string, date: Date, raw: string): string {
  const when = new Date(date)
    .toUTCString()
    .replace(/^(\w+), (\d+) (\w+) (\d+) (\S+) GMT$/, '$1 $3 $2 $5 $4');
  const body = raw.replace(/^(>*From )/gm, '>$1');
  return `From ${envelopeSender} ${when}\n${body}\n`;
}
