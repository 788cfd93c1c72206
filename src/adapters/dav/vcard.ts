import ICAL from 'ical.js';
import { ThreadlineError } from '../../core/errors.js';
import type { ContactCard } from '../../core/dav/contact-card.js';

type Component = InstanceType<typeof ICAL.Component>;

/** A card read from an address book: its UID and the fields we keep. */
export interface ReadCard {
  readonly uid: string;
  readonly card: ContactCard;
}

/**
 * Reads a vCard (3.0 or 4.0) with ical.js. Throws
 * `ThreadlineError('MALFORMED_MESSAGE')` naming what is wrong when the text
 * is no vCard or has no UID.
 */
export function readVCard(text: string): ReadCard {
  let vcard: Component;
  try {
    const jcard: unknown = ICAL.parse(text);
    const first: unknown = Array.isArray(jcard) && Array.isArray(jcard[0]) ? jcard[0] : jcard;
    if (!Array.isArray(first) || first[0] !== 'vcard') throw new Error('no VCARD object');
    vcard = new ICAL.Component(first);
  } catch (error) {
    throw malformed(error instanceof Error ? error.message : String(error));
  }
  const uid = textOf(vcard.getFirstPropertyValue('uid'));
  if (!uid) throw malformed('no UID');
  const [lastName = '', firstName = ''] = nameParts(vcard);
  return {
    uid,
    card: {
      firstName,
      lastName,
      title: textOf(vcard.getFirstPropertyValue('title')),
      emails: valuesOf(vcard, 'email').map((email) => email.replace(/^mailto:/i, '').toLowerCase()),
      phones: valuesOf(vcard, 'tel').map((tel) => tel.replace(/^tel:/i, '')),
      addresses: vcard
        .getAllProperties('adr')
        .map((property) => addressLine(property.getFirstValue()))
        .filter(Boolean),
    },
  };
}

/** A vCard 3.0 for the contact: what phones and mail apps read most widely. */
export function writeVCard(uid: string, card: ContactCard): string {
  const vcard = new ICAL.Component('vcard');
  vcard.addPropertyWithValue('version', '3.0');
  vcard.addPropertyWithValue('prodid', '-//Threadline//CRM contacts//EN');
  vcard.addPropertyWithValue('uid', uid);
  const fullName = [card.firstName, card.lastName].filter(Boolean).join(' ');
  vcard.addPropertyWithValue('fn', fullName || card.emails[0] || uid);
  const n = new ICAL.Property('n');
  n.setValue([card.lastName, card.firstName, '', '', ''] as never);
  vcard.addProperty(n);
  if (card.title) vcard.addPropertyWithValue('title', card.title);
  for (const email of card.emails) addTyped(vcard, 'email', email, 'internet');
  for (const phone of card.phones) addTyped(vcard, 'tel', phone, 'voice');
  for (const address of card.addresses) {
    const adr = new ICAL.Property('adr');
    adr.setValue(['', '', address, '', '', '', ''] as never);
    vcard.addProperty(adr);
  }
  return `${vcard.toString()}\r\n`;
}

function addTyped(vcard: Component, name: string, value: string, type: string): void {
  const property = vcard.addPropertyWithValue(name, value);
  property.setParameter('type', type);
}

function nameParts(vcard: Component): string[] {
  const n: unknown = vcard.getFirstPropertyValue('n');
  if (Array.isArray(n)) return n.map((part) => textOf(part));
  const fn = textOf(vcard.getFirstPropertyValue('fn'));
  const space = fn.lastIndexOf(' ');
  return space < 0 ? [fn, ''] : [fn.slice(space + 1), fn.slice(0, space)];
}

function valuesOf(vcard: Component, name: string): string[] {
  return vcard
    .getAllProperties(name)
    .map((property) => textOf(property.getFirstValue()))
    .filter(Boolean);
}

function addressLine(value: unknown): string {
  const parts = Array.isArray(value) ? value : [value];
  return parts
    .map((part) => textOf(part))
    .filter(Boolean)
    .join(', ');
}

function textOf(value: unknown): string {
  if (Array.isArray(value))
    return value
      .map((part) => textOf(part))
      .filter(Boolean)
      .join(' ');
  return typeof value === 'string' ? value.trim() : '';
}

function malformed(reason: string): ThreadlineError {
  return new ThreadlineError('MALFORMED_MESSAGE', `vCard: ${reason}`);
}
