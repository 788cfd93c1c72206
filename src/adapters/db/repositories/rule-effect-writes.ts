import type { Queryable } from '../database.js';

/**
 * The writes of a firing that touch records other firings may touch too,
 * each one statement, run in the firing's own transaction after it was
 * recorded (see `ruleFiringWrites`), so that a worker holds one firing's
 * record locks at a time.
 */
export function ruleEffectWrites(tx: Queryable) {
  return {
    /**
     * Files the message on a record the firing made from its address, as the
     * address rule would have had the record existed when it was filed.
     */
    async fileOn(
      messageId: string,
      record: { type: 'lead' | 'contact'; id: string },
      address: string,
    ): Promise<void> {
      await tx.query(
        `INSERT INTO message_links (message_id, record_type, record_id, reason, confidence, source,
           ambiguous, alternatives)
         VALUES ($1, $2, $3, $4, 1, 'auto', false, '[]') ON CONFLICT DO NOTHING`,
        [messageId, record.type, record.id, `address ${address}`],
      );
    },
    /** A lead for the address unless one already has it; the lead's id either way. */
    createLead: (lead: NewPerson) => createPerson(tx, 'lead', lead),
    /** A contact for the address unless one already has it; the contact's id either way. */
    createContact: (contact: NewPerson) => createPerson(tx, 'contact', contact),
    async setOwner(
      table: 'accounts' | 'contacts' | 'leads' | 'deals',
      id: string,
      ownerId: string | null,
      at: Date,
    ): Promise<void> {
      await tx.query(`UPDATE ${table} SET owner_id = $2, updated_at = $3 WHERE id = $1`, [
        id,
        ownerId,
        at,
      ]);
    },
    /** Files every message of the thread on the deal, as a rule's link. */
    async addThreadToDeal(threadId: string, dealId: string, ruleName: string): Promise<void> {
      await tx.query(
        `INSERT INTO message_links (message_id, record_type, record_id, reason, confidence, source)
         SELECT m.id, 'deal', d.id, $3, 1, 'rule' FROM messages m, deals d
         WHERE m.thread_id = $1 AND d.id = $2
         ON CONFLICT DO NOTHING`,
        [threadId, dealId, `workflow rule "${ruleName}"`],
      );
    },
  };
}

interface NewPerson {
  readonly email: string;
  readonly name: string;
  readonly country: string | null;
  readonly ownerId: string | null;
}

/** Where each kind of person keeps its addresses; a contact joins the account of its domain. */
const personTables = {
  lead: { table: 'leads', emails: 'lead_emails', key: 'lead_id', extra: 'company', value: "''" },
  contact: {
    table: 'contacts',
    emails: 'contact_emails',
    key: 'contact_id',
    extra: 'account_id',
    value: "(SELECT account_id FROM account_domains WHERE domain = split_part($1, '@', 2) LIMIT 1)",
  },
} as const;

/** A person for the address unless one already has it, in one statement; its id either way. */
async function createPerson(
  tx: Queryable,
  kind: keyof typeof personTables,
  person: NewPerson,
): Promise<string> {
  const t = personTables[kind];
  const [first = '', ...rest] = person.name.split(/\s+/);
  const [row] = await tx.query<{ id: string }>(
    `WITH existing AS (SELECT ${t.key} AS id FROM ${t.emails} WHERE address = $1 LIMIT 1),
     created AS (
       INSERT INTO ${t.table} (first_name, last_name, country, owner_id, ${t.extra})
       SELECT $2, $3, $4, $5, ${t.value} WHERE NOT EXISTS (SELECT 1 FROM existing) RETURNING id
     ), email AS (
       INSERT INTO ${t.emails} (${t.key}, address, position) SELECT id, $1, 0 FROM created
     )
     SELECT id FROM existing UNION ALL SELECT id FROM created`,
    [person.email, first, rest.join(' '), person.country ?? '', person.ownerId],
  );
  return row!.id;
}
