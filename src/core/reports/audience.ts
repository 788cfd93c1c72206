/** One mailbox's copy of a message, as far as the reports' audiences need it. */
export interface ReportCopy {
  readonly ownerId: string;
  /** The owner's mailbox filed it (rather than ignoring it as noise or internal mail). */
  readonly captured: boolean;
  /** Waiting in the owner's review queue. */
  readonly held: boolean;
  /** Its owner wrote it from a record in Threadline and it went out. */
  readonly sentFromRecord: boolean;
}

/**
 * Who may count a message, in the terms that stay true whoever reads and
 * whatever its owners later choose as their sharing mode: the reader side
 * (mode, named shares, the manager chain) is checked at read time.
 */
export interface Audience {
  /** Shared with everyone who can see its records (mail sent from a record). */
  readonly everyone: boolean;
  /** Every owner of a copy: owners always see their own mail. */
  readonly ownerIds: readonly string[];
  /** Owners whose copy goes as their sharing mode says. */
  readonly sharedOwnerIds: readonly string[];
  /** Record shares that reach the message: the owner shares one of its records with the user. */
  readonly grants: readonly { readonly ownerId: string; readonly userId: string }[];
  /** The same audience always has the same signature, so messages share one row. */
  readonly signature: string;
}

/**
 * The audience of a message from its copies, the same rules as
 * `copyAllows` in core/sharing/access.ts split at the reader: a copy that
 * was not captured, is held, or touches one of its owner's excluded domains
 * stays with its owner; one sent from a record goes to everyone; any other
 * goes as its owner's mode says. Record shares count only for copies that
 * are shared at all.
 *
 * @example
 * audienceOf([{ ownerId: 'rita', captured: true, held: false, sentFromRecord: false, excluded: false }], [])
 * // { everyone: false, ownerIds: ['rita'], sharedOwnerIds: ['rita'], grants: [], signature: '…' }
 */
export function audienceOf(
  copies: readonly (ReportCopy & { readonly excluded: boolean })[],
  recordShares: readonly { readonly ownerId: string; readonly userId: string }[],
): Audience {
  const open = copies.filter((copy) => copy.captured && !copy.held);
  const everyone = open.some((copy) => copy.sentFromRecord);
  const ownerIds = unique(copies.map((copy) => copy.ownerId));
  const sharedOwnerIds = everyone
    ? []
    : unique(open.filter((copy) => !copy.excluded).map((copy) => copy.ownerId));
  const grants = recordShares
    .filter((share) => sharedOwnerIds.includes(share.ownerId))
    .map((share) => ({ ownerId: share.ownerId, userId: share.userId }))
    .sort((a, b) => `${a.ownerId}/${a.userId}`.localeCompare(`${b.ownerId}/${b.userId}`))
    .filter((grant, index, all) => index === 0 || !sameGrant(all[index - 1]!, grant));
  const signature = everyone
    ? 'everyone'
    : JSON.stringify([ownerIds, sharedOwnerIds, grants.map((g) => [g.ownerId, g.userId])]);
  return {
    everyone,
    ownerIds: everyone ? [] : ownerIds,
    sharedOwnerIds,
    grants: everyone ? [] : grants,
    signature,
  };
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)].sort();
}

function sameGrant(
  a: { readonly ownerId: string; readonly userId: string },
  b: { readonly ownerId: string; readonly userId: string },
): boolean {
  return a.ownerId === b.ownerId && a.userId === b.userId;
}
