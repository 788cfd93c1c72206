import type { MailAddress } from '../message.js';

/** The message answered or forwarded, as it was stored when captured. */
export interface OriginalMessage {
  /** Message-ID with angle brackets; null when the original had none. */
  readonly messageId: string | null;
  readonly subject: string;
  readonly sentAt: Date | null;
  readonly from: readonly MailAddress[];
  readonly replyTo: readonly MailAddress[];
  readonly to: readonly MailAddress[];
  readonly cc: readonly MailAddress[];
  readonly references: readonly string[];
  readonly text: string | null;
}

export type AnswerMode = 'reply' | 'replyAll' | 'forward';

/** Who an answer goes to and the headers that keep it in the original's thread. */
export interface AnswerHeaders {
  readonly to: readonly MailAddress[];
  readonly cc: readonly MailAddress[];
  readonly subject: string;
  readonly inReplyTo: string | null;
  readonly references: readonly string[];
}

/**
 * RFC 5322 asks to keep the thread's first id and the latest ones; a long
 * thread's References header would otherwise grow with every answer until
 * servers fold it beyond their line limits.
 */
const maxReferences = 20;

/**
 * The recipients, subject and threading headers of a reply, reply-all or
 * forward. Replies go to Reply-To when the original set one, else to its
 * sender; reply-all adds the other recipients, never the user's own
 * addresses (`own`, normalised). A forward has no recipients yet but still
 * names the original in References, so it files under the same thread.
 *
 * @example
 * answerHeaders(original, 'reply', ['rep@acme.test']).inReplyTo; // original.messageId
 */
export function answerHeaders(
  original: OriginalMessage,
  mode: AnswerMode,
  own: readonly string[],
): AnswerHeaders {
  const references = referencesAfter(original);
  const inReplyTo = original.messageId;
  if (mode === 'forward') {
    return { to: [], cc: [], subject: prefixed('Fwd', original.subject), inReplyTo, references };
  }
  const mine = new Set(own.map((address) => address.toLowerCase()));
  const primary = original.replyTo.length > 0 ? original.replyTo : original.from;
  const fromMe = original.from.some((sender) => mine.has(sender.address));
  // Answering one's own message means writing to its recipients again, as mail clients do.
  const to = uniqueAddresses(fromMe ? original.to : primary, mine);
  if (mode === 'reply') {
    return { to, cc: [], subject: prefixed('Re', original.subject), inReplyTo, references };
  }
  const taken = new Set([...mine, ...to.map((a) => a.address)]);
  const cc = uniqueAddresses([...(fromMe ? [] : original.to), ...original.cc], taken);
  return { to, cc, subject: prefixed('Re', original.subject), inReplyTo, references };
}

function referencesAfter(original: OriginalMessage): string[] {
  const all = [...original.references];
  if (original.messageId && !all.includes(original.messageId)) all.push(original.messageId);
  if (all.length <= maxReferences) return all;
  return [all[0]!, ...all.slice(all.length - (maxReferences - 1))];
}

/** `Re: Pricing`, never `Re: Re: Pricing`; any case and a localised `AW:` count as a prefix. */
function prefixed(prefix: 'Re' | 'Fwd', subject: string): string {
  const pattern = prefix === 'Re' ? /^\s*(re|aw|sv|antw)\s*:/i : /^\s*(fwd?|wg|tr)\s*:/i;
  const trimmed = subject.trim();
  return pattern.test(trimmed) ? trimmed : `${prefix}: ${trimmed}`;
}

function uniqueAddresses(
  addresses: readonly MailAddress[],
  excluded: ReadonlySet<string>,
): MailAddress[] {
  const seen = new Set(excluded);
  const kept: MailAddress[] = [];
  for (const entry of addresses) {
    const address = entry.address.toLowerCase();
    if (seen.has(address)) continue;
    seen.add(address);
    kept.push({ address, name: entry.name });
  }
  return kept;
}

/**
 * The original quoted under an answer: an attribution line and each line
 * prefixed with `> `; a forward gets the customary header block instead.
 */
export function quotedOriginal(original: OriginalMessage, mode: AnswerMode): string {
  const sender = original.from[0];
  const who = sender ? (sender.name ? `${sender.name} <${sender.address}>` : sender.address) : '';
  const when = original.sentAt ? original.sentAt.toUTCString() : 'an unknown date';
  const body = original.text ?? '';
  if (mode === 'forward') {
    const list = (addresses: readonly MailAddress[]) => addresses.map((a) => a.address).join(', ');
    return [
      '---------- Forwarded message ----------',
      `From: ${who}`,
      `Date: ${when}`,
      `Subject: ${original.subject}`,
      `To: ${list(original.to)}`,
      ...(original.cc.length > 0 ? [`Cc: ${list(original.cc)}`] : []),
      '',
      body,
    ].join('\n');
  }
  const quoted = body
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((line) => (line.startsWith('>') ? `>${line}` : `> ${line}`))
    .join('\n');
  return `On ${when}, ${who} wrote:\n${quoted}`;
}
