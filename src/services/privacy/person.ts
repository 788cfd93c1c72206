import { createHash } from 'node:crypto';
import type { Queryable } from '../../adapters/db/database.js';
import { peopleRepository } from '../../adapters/db/repositories/people.js';
import { normalizeAddress } from '../../core/addresses/normalize.js';
import { ThreadlineError } from '../../core/errors.js';

export interface Actor {
  readonly id: string;
  readonly email: string;
}

/** How a request names a person: by one of their addresses, or by their contact or lead. */
export type PersonKey = { address: string } | { contactId: string } | { leadId: string };

/** A person, as privacy requests act on them: every address and name the CRM knows for them. */
export interface Person {
  /** What the audit log names them by: a SHA-256, never an address. */
  reference: string;
  /** Normalised: the address asked about and every address of their contacts and leads. */
  addresses: string[];
  /** Full names ("first last") on their contacts and leads, lower-cased. */
  names: string[];
  contactIds: string[];
  leadIds: string[];
}

/** The audit log's name for a person: their address, hashed, so the log never holds it in clear. */
export function personHash(address: string): string {
  return createHash('sha256').update(address).digest('hex');
}

export function parsePersonAddress(input: string): string {
  const address = normalizeAddress(input);
  if (!address) throw new ThreadlineError('VALIDATION_FAILED', 'Not an e-mail address');
  return address;
}

/**
 * The person behind a key: the contacts and leads holding the address (or
 * the record named), with all their addresses, primary and secondary. An
 * address no record holds is a person of that one address; a record id that
 * names nothing is NOT_FOUND.
 *
 * @example a contact with ada@acme.com and ada@home.example, asked about by
 * either address: both addresses, and "ada lovelace".
 */
export async function findPerson(db: Queryable, key: PersonKey): Promise<Person> {
  const address = 'address' in key ? parsePersonAddress(key.address) : null;
  const records = await peopleRepository(db).recordsOf({
    address,
    contactId: 'contactId' in key ? key.contactId : null,
    leadId: 'leadId' in key ? key.leadId : null,
  });
  const addresses = [
    ...new Set([
      ...(address ? [address] : []),
      ...records.flatMap((record) => record.emails.flatMap((e) => normalizeAddress(e) ?? [])),
    ]),
  ];
  const names = records.flatMap((record) => {
    const parts = [record.firstName.trim(), record.lastName.trim()];
    return parts.every((part) => part !== '') ? [parts.join(' ').toLowerCase()] : [];
  });
  const idsOf = (type: 'contact' | 'lead') =>
    records.filter((record) => record.type === type).map((record) => record.id);
  const [first] = records;
  const named = addresses[0] ?? (first ? `${first.type}:${first.id}` : null);
  if (named === null) throw new ThreadlineError('NOT_FOUND', 'No such contact or lead');
  return {
    reference: personHash(named),
    addresses,
    names: [...new Set(names)],
    contactIds: idsOf('contact'),
    leadIds: idsOf('lead'),
  };
}
