import type { ProposedContact } from '../../../core/capture/propose-contacts.js';
import type { Statement } from '../database.js';

/** A contact to create, and the key of the stored message that proposed it. */
export interface ContactToCreate extends ProposedContact {
  readonly messageKey: string;
}

/**
 * The statements that create the proposed contacts, to send with the rest of
 * a batch: the contact, its address, its place on the deal, and its link to
 * the messages that proposed it, as the contact rule would have filed them
 * had the contact existed (`address jane@acme.com`). An address
 * that already belongs to a contact is skipped, so running them twice, or in
 * two workers at once, creates nothing twice. The last statement's rows are
 * the addresses created (`address`); no proposals, no statements.
 */
export function proposedContactStatements(proposals: readonly ContactToCreate[]): Statement[] {
  // In address order, so two transactions take the locks below in the same order.
  const byAddress = new Map<string, ProposedContact & { messageKeys: string[] }>();
  for (const { messageKey, ...proposal } of [...proposals].sort((a, b) =>
    a.address < b.address ? -1 : 1,
  )) {
    const known = byAddress.get(proposal.address);
    if (known) known.messageKeys.push(messageKey);
    else byAddress.set(proposal.address, { ...proposal, messageKeys: [messageKey] });
  }
  if (byAddress.size === 0) return [];
  return [
    // Another worker may be creating one of these contacts in a transaction
    // not yet committed: wait for it. The next statement, with a snapshot of
    // its own, then sees what it created (the address has no unique index, as
    // a CRM may give two contacts one address).
    {
      sql: `SELECT count(pg_advisory_xact_lock(hashtext('contact-address:' || a))) AS locked
            FROM unnest($1::text[]) AS t(a)`,
      params: [[...byAddress.keys()]],
    },
    {
      // A CTE that calls a volatile function is computed once: every insert sees the same ids.
      sql: `WITH fresh AS (
              SELECT gen_random_uuid() AS contact_id, r.*
              FROM jsonb_to_recordset($1::jsonb) AS r(address text, "firstName" text, "lastName" text,
                "accountId" uuid, "dealId" uuid, "messageKeys" text[])
              WHERE NOT EXISTS (SELECT 1 FROM contact_emails e WHERE e.address = r.address)),
            saved_contacts AS (
              INSERT INTO contacts (id, account_id, first_name, last_name)
              SELECT contact_id, "accountId", "firstName", "lastName" FROM fresh),
            saved_emails AS (
              INSERT INTO contact_emails (contact_id, address, position)
              SELECT contact_id, address, 0 FROM fresh),
            saved_places AS (
              INSERT INTO deal_contacts (deal_id, contact_id, position)
              SELECT f."dealId", f.contact_id,
                coalesce((SELECT max(d.position) + 1 FROM deal_contacts d WHERE d.deal_id = f."dealId"), 0)
                  + row_number() OVER (PARTITION BY f."dealId" ORDER BY f.address) - 1
              FROM fresh f WHERE f."dealId" IS NOT NULL
              ON CONFLICT (deal_id, contact_id) DO NOTHING),
            saved_links AS (
              INSERT INTO message_links (message_id, record_type, record_id, reason, confidence, source,
                ambiguous, alternatives)
              SELECT m.id, 'contact', f.contact_id, 'address ' || f.address, 1, 'auto', false, '[]'
              FROM fresh f JOIN messages m ON m.message_key = ANY(f."messageKeys")
              ON CONFLICT (message_id, record_type, record_id) DO NOTHING)
            SELECT address FROM fresh ORDER BY address`,
      params: [JSON.stringify([...byAddress.values()])],
    },
  ];
}
