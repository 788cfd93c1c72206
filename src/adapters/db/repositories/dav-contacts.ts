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

    /** The newest card version of any contact: what a pass that writes every change has caught up to. */
    async newestVersion(): Promise<string> {
      const [row] = await db.query<{ version: string }>(
        'SELECT coalesce(max(card_version), 0)::text AS version FROM contacts',
      );
      return row?.version ?? '0';
    },

    /**
     * The contacts the address book lacks or shows differently from the CRM,
     * among those changed after version `since` or named in `touched` (their
     * cards came in this pass): by index, so a pass with one change reads
     * one contact however many there are.
     */
    toWrite(
      sourceId: string,
      since: string,
      touched: readonly string[],
    ): Promise<ContactToWrite[]> {
      return db.query<ContactToWrite>(
        `SELECT c.id AS "contactId", ${cardOf('c')} AS card, o.href, o.etag, o.uid, o.base
         FROM contacts c
         LEFT JOIN dav_objects o ON o.source_id = $1 AND o.contact_id = c.id
         WHERE (c.card_version > $2::bigint OR c.id = ANY($3::uuid[]))
           AND (o.href IS NULL OR o.base IS DISTINCT FROM ${cardOf('c')})
         ORDER BY c.id`,
        [sourceId, since, [...touched]],
      );
    },

    /** Remembers that every contact up to `version` is written to this address book. */
    async caughtUp(sourceId: string, version: string): Promise<void> {
      await db.query('UPDATE dav_sources SET cards_version = $2::bigint WHERE id = $1', [
        sourceId,
        version,
      ]);
    },

    /** Marks a contact as changed again, so a later pass writes its card (the server refused this one). */
    async writeLater(contactId: string): Promise<void> {
      await db.query(
        "UPDATE contacts SET card_version = nextval('contact_card_versions') WHERE id = $1",
        [contactId],
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
