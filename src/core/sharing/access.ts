import type { RecordKind } from '../records/record-kinds.js';
/**
 * Who may read a captured message. The same rules are written once more as
 * SQL (`adapters/db/repositories/message-visibility.ts`) so that lists,
 * counts and search filter in the database; a test holds the two together.
 */

export type SharingMode = 'private' | 'public' | 'custom';
export type DataScope = 'full' | 'no_attachments' | 'metadata';

export interface SharingSettings {
  readonly mode: SharingMode;
  /** Lower-case domains; mail from or to one of them, or a subdomain, stays private. */
  readonly excludedDomains: readonly string[];
}

/** What a user gets before they choose: nothing leaves their mailbox. */
export const defaultSharing: SharingSettings = { mode: 'private', excludedDomains: [] };

export interface Reader {
  readonly id: string;
  readonly role: 'admin' | 'manager' | 'rep';
  /** The reader's e-mail address and aliases, normalised. */
  readonly addresses: readonly string[];
}

/** One mailbox holding the message: the message is stored once, its copies are per mailbox. */
export interface MessageCopy {
  readonly ownerId: string;
  readonly sharing: SharingSettings;
  readonly dataScope: DataScope;
  /** The mailbox filed the message; mail it ignored (noise, internal) was never shared. */
  readonly captured: boolean;
  /** Held in its owner's review queue: filed on nothing yet, so shown to no one else. */
  readonly held: boolean;
  /**
   * The copy held the body the message stored (or none was stored). A copy
   * decided by its headers alone, or whose body differed, opens no body.
   */
  readonly holdsBody: boolean;
  /**
   * The owner wrote it from a record in Threadline and it went out: mail
   * sent from the CRM is shared with everyone who can see the record,
   * whatever the owner's sharing mode or excluded domains.
   */
  readonly sentFromRecord?: boolean;
}

export interface RecordRef {
  readonly type: RecordKind;
  readonly id: string;
}

export interface SharingContext {
  /** Each user's manager, for walking up the chain; a missing entry means no manager. */
  readonly managerOf: ReadonlyMap<string, string | null>;
  /** Custom mode: the owner shares all their mail with the user. */
  readonly namedShares: readonly { readonly ownerId: string; readonly userId: string }[];
  /** Custom mode: the owner shares their mail filed on the record with the user. */
  readonly recordShares: readonly {
    readonly ownerId: string;
    readonly record: RecordRef;
    readonly userId: string;
  }[];
  /** The records the message is filed on. */
  readonly links: readonly RecordRef[];
  /** Every address among the message's senders and recipients, normalised. */
  readonly participants: readonly string[];
  /**
   * Unexpired break-glass grants covering the message: the admin reads the
   * owner's copy as the owner would, for this message or all their mail.
   */
  readonly breakGlass?: readonly { readonly adminId: string; readonly ownerId: string }[];
}

/**
 * Whether `reader` may see the message at all (subject, date, participants,
 * links). Visible when ANY copy allows it:
 *
 * - the copy's owner always sees it, and so does an admin holding an
 *   unexpired break-glass grant for it (an audited read with a reason);
 * - a copy the owner's mailbox did not capture, one held in review, or one
 *   whose participants touch an excluded domain, stays with the owner;
 * - private: nobody else, not even the owner's managers or an admin;
 * - public: everyone;
 * - custom: users the owner named, users a record the message is filed on was
 *   shared with, and anyone up the owner's manager chain, admins included,
 *   when the message is shared with someone at all.
 *
 * @example
 * canReadMessage(
 *   { id: 'max', role: 'manager', addresses: ['max@us.example'] },
 *   [{ ownerId: 'rita', sharing: { mode: 'private', excludedDomains: [] }, dataScope: 'full', captured: true }],
 *   { managerOf: new Map([['rita', 'max']]), namedShares: [], recordShares: [], links: [], participants: [] },
 * ); // false: private wins over the hierarchy
 */
export function canReadMessage(
  reader: Reader,
  copies: readonly MessageCopy[],
  context: SharingContext,
): boolean {
  return copies.some((copy) => copyAllows(reader, copy, context));
}

/**
 * Whether `reader` may open the message's body. Mail seen only through
 * metadata-only mailboxes opens for its own participants alone (users whose
 * address or alias is among its senders and recipients), admins included;
 * any other copy that lets the reader see the message opens it too, when
 * that copy held the body that was stored: a message planted with someone
 * else's Message-ID and headers vouches for no body it did not hold.
 *
 * @example
 * // Visible to Ravi through Rita's public metadata-only mailbox, but Ravi was not on the mail:
 * canOpenBody(ravi, [{ ...ritasCopy, dataScope: 'metadata' }], context); // false
 */
export function canOpenBody(
  reader: Reader,
  copies: readonly MessageCopy[],
  context: SharingContext,
): boolean {
  const granting = copies.filter((copy) => copyAllows(reader, copy, context));
  if (granting.length === 0) return false;
  if (granting.some((copy) => copy.dataScope !== 'metadata' && copy.holdsBody)) return true;
  return isParticipant(reader, context.participants);
}

/** Whether one of the reader's addresses is among the message's senders and recipients. */
export function isParticipant(reader: Reader, participants: readonly string[]): boolean {
  const mine = new Set(reader.addresses);
  return participants.some((address) => mine.has(address));
}

/**
 * Whether an address's domain is one of `domains` or below one of them.
 *
 * @example
 * touchesDomain('ana@eu.acme.com', ['acme.com']); // true
 * touchesDomain('ana@notacme.com', ['acme.com']); // false
 */
export function touchesDomain(address: string, domains: readonly string[]): boolean {
  const at = address.lastIndexOf('@');
  if (at < 0) return false;
  const domain = address.slice(at + 1);
  return domains.some((excluded) => domain === excluded || domain.endsWith(`.${excluded}`));
}

function copyAllows(reader: Reader, copy: MessageCopy, context: SharingContext): boolean {
  if (reader.id === copy.ownerId || holdsBreakGlass(reader, copy.ownerId, context)) return true;
  if (!copy.captured || copy.held) return false;
  if (copy.sentFromRecord) return true;
  if (context.participants.some((p) => touchesDomain(p, copy.sharing.excludedDomains))) {
    return false;
  }
  switch (copy.sharing.mode) {
    case 'private':
      return false;
    case 'public':
      return true;
    case 'custom':
      return (
        sharedWith(reader.id, copy.ownerId, context) ||
        ((reader.role === 'admin' ||
          managesUpTheChain(reader.id, copy.ownerId, context.managerOf)) &&
          sharedWithAnyone(copy.ownerId, context))
      );
  }
}

function holdsBreakGlass(reader: Reader, ownerId: string, context: SharingContext): boolean {
  return (
    reader.role === 'admin' &&
    (context.breakGlass ?? []).some((g) => g.adminId === reader.id && g.ownerId === ownerId)
  );
}

function sharedWith(userId: string, ownerId: string, context: SharingContext): boolean {
  return (
    context.namedShares.some((s) => s.ownerId === ownerId && s.userId === userId) ||
    context.recordShares.some(
      (s) => s.ownerId === ownerId && s.userId === userId && isLinked(s.record, context.links),
    )
  );
}

function sharedWithAnyone(ownerId: string, context: SharingContext): boolean {
  return (
    context.namedShares.some((s) => s.ownerId === ownerId) ||
    context.recordShares.some((s) => s.ownerId === ownerId && isLinked(s.record, context.links))
  );
}

function isLinked(record: RecordRef, links: readonly RecordRef[]): boolean {
  return links.some((link) => link.type === record.type && link.id === record.id);
}

/** Whether `readerId` is up `ownerId`'s manager chain; a cycle in the data ends the walk. */
export function managesUpTheChain(
  readerId: string,
  ownerId: string,
  managerOf: ReadonlyMap<string, string | null>,
): boolean {
  const seen = new Set<string>([ownerId]);
  let current = managerOf.get(ownerId) ?? null;
  // A cycle in the data must not hang a read; each user is visited once.
  while (current !== null && !seen.has(current)) {
    if (current === readerId) return true;
    seen.add(current);
    current = managerOf.get(current) ?? null;
  }
  return false;
}
