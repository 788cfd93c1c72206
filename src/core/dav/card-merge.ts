import { cardFields, sameValue, type CardField, type ContactCard } from './contact-card.js';

/** Which side a field was taken from when both changed it since they last agreed. */
export const bothChangedWinner: Readonly<Record<CardField, 'crm' | 'phone'>> = {
  // Names and addresses file mail: the CRM keeps them.
  firstName: 'crm',
  lastName: 'crm',
  title: 'crm',
  emails: 'crm',
  // Numbers and postal addresses are what a phone is for: its edit wins.
  phones: 'phone',
  addresses: 'phone',
};

/** One field whose value on one side was replaced by the other side's. */
export interface Overwrite {
  readonly field: CardField;
  /** The side whose value was replaced. */
  readonly side: 'crm' | 'phone';
  readonly before: ContactCard[CardField];
  readonly after: ContactCard[CardField];
  /** Both sides had changed it: the policy chose. */
  readonly conflict: boolean;
}

export interface CardMerge {
  readonly merged: ContactCard;
  /** The fields the CRM takes from the phone. */
  readonly crmChanges: readonly Overwrite[];
  /** The card must be written back to the address book. */
  readonly writeCard: boolean;
  /** The phone's edits the CRM's overruled. */
  readonly conflicts: readonly Overwrite[];
}

/**
 * Merges a contact as the CRM has it with the card as the address book has
 * it, against the values both last agreed on (`base`), field by field:
 *
 * - a field only one side changed takes that side's value;
 * - a field both changed differently follows `bothChangedWinner`;
 * - without a base (a card first linked to a contact) the CRM's value wins
 *   where it has one, else the phone's fills the gap.
 *
 * Every value the CRM takes is an overwrite to audit; so is every edit of
 * the phone's that the CRM's overrules. The card is written back whenever
 * it differs from the merge, which is also how our own writes are told from
 * the user's: the next sync finds the card equal to the base.
 *
 * @example
 * mergeCard(base, { ...base, lastName: 'Hopper' }, { ...base, phones: ['+1 555 0100'] })
 * // merged has both; crmChanges names phones; writeCard true (for lastName)
 */
export function mergeCard(
  base: ContactCard | null,
  crm: ContactCard,
  phone: ContactCard,
): CardMerge {
  const merged: Record<string, unknown> = {};
  const crmChanges: Overwrite[] = [];
  const conflicts: Overwrite[] = [];
  for (const field of cardFields) {
    const winner = winnerOf(field, base, crm, phone);
    const value = winner === 'crm' ? crm[field] : phone[field];
    merged[field] = value;
    const conflict = base !== null && changed(base, crm, field) && changed(base, phone, field);
    if (!sameValue(crm[field], value)) {
      crmChanges.push({ field, side: 'crm', before: crm[field], after: value, conflict });
    }
    if (conflict && !sameValue(phone[field], value)) {
      conflicts.push({ field, side: 'phone', before: phone[field], after: value, conflict });
    }
  }
  const card = merged as unknown as ContactCard;
  return {
    merged: card,
    crmChanges,
    conflicts,
    writeCard: cardFields.some((field) => !sameValue(phone[field], card[field])),
  };
}

function changed(base: ContactCard, side: ContactCard, field: CardField): boolean {
  return !sameValue(base[field], side[field]);
}

function winnerOf(
  field: CardField,
  base: ContactCard | null,
  crm: ContactCard,
  phone: ContactCard,
): 'crm' | 'phone' {
  if (base === null) return isEmpty(crm[field]) ? 'phone' : 'crm';
  const crmChanged = changed(base, crm, field);
  const phoneChanged = changed(base, phone, field);
  if (crmChanged && phoneChanged) return bothChangedWinner[field];
  return phoneChanged ? 'phone' : 'crm';
}

function isEmpty(value: ContactCard[CardField]): boolean {
  return typeof value === 'string' ? value === '' : value.length === 0;
}
