import { normalizeAddress } from '../../core/addresses/normalize.js';

/**
 * Recipients a `message/delivery-status` body (RFC 3464) reports as failed.
 * The body is a block of per-message fields, then one block per recipient,
 * separated by blank lines. The original recipient is preferred over the final
 * one because it is the address the sender typed, the one a CRM knows.
 */
export function failedRecipientsOfDeliveryStatus(body: string): string[] {
  return failedBlocks(body).flatMap((fields) => {
    const recipient = fields.get('original-recipient') ?? fields.get('final-recipient');
    const address = recipient ? normalizeAddress(stripAddressType(recipient)) : null;
    return address ? [address] : [];
  });
}

/** The `Status` field (`5.1.1`) of the first failed recipient of a delivery-status body, or null. */
export function failureStatusOfDeliveryStatus(body: string): string | null {
  for (const fields of failedBlocks(body)) {
    const status = /^\d\.\d{1,3}\.\d{1,3}/.exec(fields.get('status') ?? '')?.[0];
    if (status) return status;
  }
  return null;
}

function failedBlocks(body: string): Map<string, string>[] {
  return body
    .split(/\r?\n[ \t]*\r?\n/)
    .map(readFields)
    .filter((fields) => fields.get('action')?.toLowerCase() === 'failed');
}

/**
 * Addresses of an `X-Failed-Recipients` header (Exim, Gmail): a comma-separated list.
 */
export function failedRecipientsOfHeader(value: string): string[] {
  return value
    .split(',')
    .map((part) => normalizeAddress(part))
    .filter((address): address is string => address !== null);
}

/**
 * The METHOD property of an iCalendar body, upper-case, or null. Only the
 * VCALENDAR level counts, so a property inside VEVENT cannot be mistaken for it.
 */
export function calendarMethodOfBody(body: string): string | null {
  const unfolded = body.replace(/\r?\n[ \t]/g, '');
  for (const line of unfolded.split(/\r?\n/)) {
    const upper = line.trim().toUpperCase();
    if (upper.startsWith('BEGIN:') && upper !== 'BEGIN:VCALENDAR') return null;
    const match = /^METHOD(?:;[^:]*)?:(.+)$/.exec(upper);
    if (match?.[1]) return match[1].trim();
  }
  return null;
}

function readFields(block: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!fields.has(name)) fields.set(name, line.slice(colon + 1).trim());
  }
  return fields;
}

// `rfc822; ada@acme.com` -> `ada@acme.com`
function stripAddressType(value: string): string {
  const semicolon = value.indexOf(';');
  return semicolon === -1 ? value : value.slice(semicolon + 1);
}
