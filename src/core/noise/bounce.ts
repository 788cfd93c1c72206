import { localPartOf, normalizeAddress } from '../addresses/normalize.js';
import type { ParsedMessage } from '../message.js';
import { header, headerReason, subjectReason } from './reasons.js';

export interface BounceSignal {
  readonly reasons: readonly string[];
  readonly failedRecipients: readonly string[];
}

// What MTAs put in front of a returned message (Postfix, Exim, Exchange, Gmail,
// sendmail, qmail) in the languages we serve. Anchored: a person forwarding a
// bounce writes "FW: Undeliverable: …", which is a human mail.
const failureSubject =
  /^(?:undeliverable|undelivered mail|undelivered message|unzustellbar|nicht zustellbar|non remis|non distribuable|no se puede entregar|no entregado|impossibile recapitare|non recapitabile|onbestelbaar|não foi possível entregar|não entregue|delivery status notification \((?:failure|delay)\)|delivery (?:has )?failed|delivery failure|mail delivery failed|returned mail|failure notice|message not delivered)/iu;

/**
 * Bounces and delivery reports. Decisive on their own: a multipart/report of
 * type delivery-status (RFC 3464), an `X-Failed-Recipients` header (only
 * MTAs write it), and a MAILER-DAEMON sender. A failure subject counts together
 * with a null return path or a postmaster sender. A null return path alone is
 * not a bounce: RFC 3834 automatic replies use one too.
 */
export function detectBounce(message: ParsedMessage): BounceSignal | null {
  const reasons: string[] = [];
  if (message.deliveryReport?.reportType === 'delivery-status') {
    reasons.push('multipart/report delivery-status');
  }
  const failedHeader = header(message, 'x-failed-recipients');
  if (failedHeader !== undefined) reasons.push(headerReason('X-Failed-Recipients', failedHeader));

  const senders = message.from.map((a) => a.address);
  const daemon = senders.find((address) => localPartOf(address) === 'mailer-daemon');
  if (daemon) reasons.push(`sender ${daemon}`);

  if (failureSubject.test(message.subject.trim())) {
    const postmaster = senders.find((address) => localPartOf(address) === 'postmaster');
    const support = [
      ...(message.returnPath === '' ? ['null return path'] : []),
      ...(postmaster ? [`sender ${postmaster}`] : []),
    ];
    if (reasons.length > 0 || support.length > 0)
      reasons.push(subjectReason(message.subject), ...support);
  }
  if (reasons.length === 0) return null;

  const failedRecipients = new Set(message.deliveryReport?.failedRecipients ?? []);
  for (const part of (failedHeader ?? '').split(',')) {
    const address = normalizeAddress(part);
    if (address) failedRecipients.add(address);
  }
  return { reasons, failedRecipients: [...failedRecipients] };
}
