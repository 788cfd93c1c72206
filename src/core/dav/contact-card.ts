/**
 * The fields of a CRM contact an address book carries, as plain data: what
 * the vCard adapter reads and writes, and what the merge compares.
 */
export interface ContactCard {
  readonly firstName: string;
  readonly lastName: string;
  readonly title: string;
  /** Lower case, in the CRM's order. */
  readonly emails: readonly string[];
  /** As written, in order. */
  readonly phones: readonly string[];
  /** Each postal address on one line, its parts joined by ", ". */
  readonly addresses: readonly string[];
}

export type CardField = keyof ContactCard;

export const cardFields: readonly CardField[] = [
  'firstName',
  'lastName',
  'title',
  'emails',
  'phones',
  'addresses',
];

export function sameValue(a: ContactCard[CardField], b: ContactCard[CardField]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Field by field, the same card. */
export function sameCard(a: ContactCard, b: ContactCard): boolean {
  return cardFields.every((field) => sameValue(a[field], b[field]));
}
