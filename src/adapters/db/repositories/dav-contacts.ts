import type { ContactCard } from '../../../core/dav/contact-card.js';
import type { Queryable, Statement } from '../database.js';

/** The contact `c` as the fields a card carries, in SQL: compared with a stored base as jsonb. */
const cardOf = (c: string) => `jsonb_build_object(
  'firstName', ${c}.first_name, 'lastName', ${c}.last_name, 'title', ${c}.title,
  'emails', coalesce((SELECT jsonb_agg(e.address ORDER BY e.position) FROM contact_emails e
                      WHERE e.contact_id = ${c}.id), '[]'::jsonb),
  'phones', ${c}.phones, 'addresses', ${c}.postal_addresses)`;

/** A contact whose card must be written: new to the address book, or changed in the CRM since. */
export interface ContactToWrite {
  contactId: string;
  card: ContactCard;
  /** Where its card lies, with the ETag and base last stored; null when it has none yet. */
  href: string | null;
  etag: string | null;
  uid: string | null;
  base: ContactCard | null;
}

export function davContactsRepository(db: Queryable) {
  return {
    async cards(contactIds: readonly string[]): Promise<Map<string, ContactCard>> {
      const rows = await db.query<{ id: string; card: ContactCard }>(
        `SELECT c.id, ${cardOf('c')} AS card FROM contacts c WHERE c.id = ANY($1::uuid[])`,
        [[...contactIds]],
      );
      return new Map(rows.map((row) => [row.id, row.card]));
    },

    /** The first contact holding one of these addresses, for a card new on the phone. */
    async contactWithAddress(addresses: readonly string[]): Promise<string | null> {
      const [row] = await db.query<{ id: string }>(
        `SELECT contact_id AS id FROM contact_emails WHERE address = ANY($1::text[])
         ORDER BY position, contact_id LIMIT 1`,
        [[...addresses]],
      );
      return row?.id ?? null;
    },

    /**
     * Every contact the address book lacks or shows differently from the CRM:
     * one query comparing each contact's fields with the base stored for its card.
     */
    toWrite(sourceId: string): Promise<ContactToWrite[]> {
      return db.query<ContactToWrite>(
        `SELECT c.id AS "contactId", ${cardOf('c')} AS card, o.href, o.etag, o.uid, o.base
         FROM contacts c
         LEFT JOIN dav_objects o ON o.source_id = $1 AND o.contact_id = c.id
         WHERE o.href IS NULL OR o.base IS DISTINCT FROM ${cardOf('c')}
         ORDER BY c.id`,
        [sourceId],
      );
    },

    /** Cards we wrote whose contact is gone from the CRM. */
    orphans(sourceId: string): Promise<{ href: string; etag: string }[]> {
      return db.query<{ href: string; etag: string }>(
        `SELECT href, etag FROM dav_objects
         WHERE source_id = $1 AND contact_id IS NULL AND base IS NOT NULL`,
        [sourceId],
      );
    },
  };
}

/** Brings a contact's card fields to these values (names, title, numbers, addresses, addresses of mail). */
export function updateContactStatements(contactId: string, card: ContactCard): Statement[] {
  return [
    {
      sql: `UPDATE contacts SET first_name = $2, last_name = $3, title = $4, phones = $5::jsonb,
              postal_addresses = $6::jsonb, updated_at = now()
            WHERE id = $1`,
      params: [
        contactId,
        card.firstName,
        card.lastName,
        card.title,
        JSON.stringify(card.phones),
        JSON.stringify(card.addresses),
      ],
    },
    {
      sql: `DELETE FROM contact_emails WHERE contact_id = $1 AND NOT address = ANY($2::text[])`,
      params: [contactId, [...card.emails]],
    },
    {
      sql: `INSERT INTO contact_emails (contact_id, address, position)
            SELECT $1, a, p::int - 1 FROM unnest($2::text[]) WITH ORDINALITY AS t(a, p)
            ON CONFLICT (contact_id, address) DO UPDATE SET position = EXCLUDED.position`,
      params: [contactId, [...card.emails]],
    },
  ];
}
