import { normalizeAddress } from '../addresses/normalize.js';
import type { ParsedMessage } from '../message.js';
import { header, headerReason } from './reasons.js';

export interface ListPost {
  /** The list's own address, when the message names it. */
  readonly listAddress: string | null;
  readonly reasons: readonly string[];
}

// Headers list servers write and campaign tools do not: Mailman, mlmmj (the
// kernel's lists), Sympa, Google Groups, ezmlm.
const listServerHeaders: ReadonlyArray<readonly [string, string]> = [
  ['x-mailman-version', 'X-Mailman-Version'],
  ['x-beenthere', 'X-BeenThere'],
  ['x-mailing-list', 'X-Mailing-List'],
  ['mailing-list', 'Mailing-List'],
  ['x-google-group-id', 'X-Google-Group-Id'],
  ['x-sympa-to', 'X-Sympa-To'],
];

/**
 * A post a discussion list or group distributed (RFC 2369, RFC 2919): the
 * message carries a list's headers, or a group's address as its Sender
 * (Microsoft 365 groups), and shows a person posted it rather than a
 * campaign tool: the list accepts posts (`List-Post` other than `NO`), the
 * list's address is among the recipients, it answers another post, or a list
 * server's own headers are there. Null otherwise, and for announcement lists
 * (`List-Post: NO`). Whether the post is really marketing sent through a list
 * is for the caller to weigh (campaign headers, the body).
 *
 * @example
 * detectListPost(kernelPatch)
 * // { listAddress: 'linux-kernel@vger.kernel.org', reasons: ['header List-Id: <linux-kernel.vger.kernel.org>', 'list address linux-kernel@vger.kernel.org'] }
 */
export function detectListPost(message: ParsedMessage): ListPost | null {
  const listId = header(message, 'list-id');
  const post = header(message, 'list-post');
  if (post?.toUpperCase() === 'NO') return null;
  const precedence = header(message, 'precedence')?.toLowerCase();
  const servers = listServerHeaders.filter(([name]) => header(message, name) !== undefined);
  const groupSender = groupSenderOf(message);
  const hasListHeaders =
    listId !== undefined ||
    post !== undefined ||
    precedence === 'list' ||
    servers.length > 0 ||
    groupSender !== null;
  if (!hasListHeaders) return null;

  const recipients = new Set([...message.to, ...message.cc].map((a) => a.address));
  const candidates = listAddressCandidates(message, listId, post, groupSender);
  const addressed = candidates.find((address) => recipients.has(address)) ?? null;
  const personal =
    (post !== undefined ? 1 : 0) +
    (addressed ? 1 : 0) +
    (message.inReplyTo.length > 0 ? 1 : 0) +
    (servers.length > 0 ? 1 : 0);
  if (personal === 0) return null;

  const reasons = [
    ...(listId !== undefined ? [headerReason('List-Id', listId)] : []),
    ...(post !== undefined ? [headerReason('List-Post')] : []),
    ...servers.map(([, display]) => headerReason(display)),
    ...(groupSender ? [`group sender ${groupSender}`] : []),
  ];
  const listAddress = addressed ?? candidates[0] ?? null;
  if (listAddress) reasons.push(`list address ${listAddress}`);
  return { listAddress, reasons };
}

/** The Sender of a post a group sent on its author's behalf: a recipient, other than the author. */
function groupSenderOf(message: ParsedMessage): string | null {
  const sender = message.sender?.address;
  if (!sender || message.from.some((a) => a.address === sender)) return null;
  const recipients = [...message.to, ...message.cc].map((a) => a.address);
  return recipients.includes(sender) ? sender : null;
}

/** Addresses the list goes by: List-Post's mailto, the list servers' headers, List-Id's form of it. */
function listAddressCandidates(
  message: ParsedMessage,
  listId: string | undefined,
  post: string | undefined,
  groupSender: string | null,
): string[] {
  const found: (string | null)[] = [
    groupSender,
    ...[...(post ?? '').matchAll(/<mailto:([^>?]+)/gi)].map((m) => normalizeAddress(m[1] ?? '')),
    normalizeAddress(header(message, 'x-mailing-list')?.replace(/^<|>.*$/g, '') ?? ''),
    normalizeAddress(/list\s+(\S+@\S+?);/i.exec(header(message, 'mailing-list') ?? '')?.[1] ?? ''),
    normalizeAddress(header(message, 'x-beenthere') ?? ''),
  ];
  // RFC 2919 ids are commonly the list's address with its `@` written as a dot.
  const id = /<([^<>]+)>/.exec(listId ?? '')?.[1] ?? listId ?? '';
  const recipients = [...message.to, ...message.cc].map((a) => a.address);
  found.push(...recipients.filter((address) => address.replace('@', '.') === id.toLowerCase()));
  return [...new Set(found.filter((a): a is string => a !== null))];
}
