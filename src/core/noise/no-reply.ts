import { domainOf, localPartOf } from '../addresses/normalize.js';
import type { MailAddress, ParsedMessage } from '../message.js';

export interface NoReplySignal {
  readonly reasons: readonly string[];
}

const notificationWords = new Set([
  'notification',
  'notifications',
  'notify',
  'notifier',
  'mailer',
  'alert',
  'alerts',
  'automated',
  'automailer',
  'robot',
  'bot',
  'daemon',
  'reminder',
  'reminders',
  'dmarc',
  'dmarcreport',
  'dmarcreports',
  'tlsrpt',
]);

/**
 * True for addresses that say replies are not read or that a system sends:
 * `noreply`, `no-reply`, `no_reply`, `donotreply`, `do-not-reply` anywhere in
 * the local part, a local-part word such as `notifications`, `notify`,
 * `alerts`, `mailer` or `automated` (`jira-notifications@…`), or a `noreply.`
 * subdomain. Expects a normalised address.
 *
 * @example isNoReplyAddress('do-not-reply@alerts.bank.example') // true
 * @example isNoReplyAddress('ada@acme.com') // false
 */
export function isNoReplyAddress(address: string): boolean {
  const local = localPartOf(address).split('+')[0] ?? '';
  const compact = local.replace(/[._-]/g, '');
  if (/(?:noreply|donotreply|dontreply)/.test(compact)) return true;
  if (local.split(/[._-]/).some((word) => notificationWords.has(word))) return true;
  return /^no-?reply\./.test(domainOf(address));
}

/**
 * No-reply and notification senders. From and Sender name who sent the mail;
 * a no-reply Reply-To says just as plainly that no one reads the answers. A
 * personal Reply-To does not rescue a no-reply From: services that relay a
 * person's words (web forms, "via" notifications) are notifications, and the
 * review queue is where someone can still include one.
 */
export function detectNoReply(message: ParsedMessage): NoReplySignal | null {
  const reasons = [
    ...matching('sender', [...message.from, ...(message.sender ? [message.sender] : [])]),
    ...matching('reply-to', message.replyTo),
  ];
  return reasons.length > 0 ? { reasons: [...new Set(reasons)] } : null;
}

function matching(label: string, addresses: readonly MailAddress[]): string[] {
  return addresses
    .filter(({ address }) => isNoReplyAddress(address))
    .map(({ address }) => `${label} ${address}`);
}
