import type { RecordKind } from '../records/record-kinds.js';

/** A record the thread is filed on, with the addresses that tie it to the mail. */
export interface AddressedLink {
  readonly type: RecordKind;
  readonly id: string;
  /** Empty for records not filed by address (accounts, deals, cases). */
  readonly addresses: readonly string[];
}

/**
 * The people a reviewer took off a thread's address list: contact and lead
 * links whose every address was removed. Records filed for other reasons
 * (account, deal, case) are not the address list's to drop.
 *
 * @example
 * linksOffTheList([{ type: 'contact', id: 'c1', addresses: ['ann@acme.com'] }], ['bob@acme.com']);
 * // [{ type: 'contact', id: 'c1', addresses: ['ann@acme.com'] }]
 */
export function linksOffTheList(
  links: readonly AddressedLink[],
  kept: readonly string[],
): AddressedLink[] {
  const keep = new Set(kept.map((address) => address.toLowerCase()));
  return links.filter(
    (link) =>
      (link.type === 'contact' || link.type === 'lead') &&
      link.addresses.length > 0 &&
      !link.addresses.some((address) => keep.has(address.toLowerCase())),
  );
}
