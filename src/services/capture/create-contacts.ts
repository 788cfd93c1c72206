import type { Queryable } from '../../adapters/db/database.js';
import type { ProposedContact } from '../../core/capture/propose-contacts.js';

/**
 * Creates the proposed contacts inside the caller's transaction: the contact,
 * its address, and its place on the deal. An address that already belongs
 * to a contact is skipped, so running it twice, or in two workers at once,
 * creates nothing twice.
 * Returns the addresses created.
 */
export async function createProposedContacts(
  tx: Queryable,
  proposals: readonly ProposedContact[],
): Promise<string[]> {
  const created: string[] = [];
  const seen = new Set<string>();
  // In address order, so two transactions take the locks below in the same order.
  const ordered = [...proposals].sort((a, b) => (a.address < b.address ? -1 : 1));
  for (const proposal of ordered) {
    if (seen.has(proposal.address)) continue;
    seen.add(proposal.address);
    // Another worker may be creating this address's contact in a transaction not
    // yet committed: wait for it, then look (the address has no unique index, as
    // a CRM may give two contacts one address).
    await tx.query("SELECT pg_advisory_xact_lock(hashtext('contact-address:' || $1))", [
      proposal.address,
    ]);
    const [existing] = await tx.query<{ found: boolean }>(
      'SELECT true AS found FROM contact_emails WHERE address = $1 LIMIT 1',
      [proposal.address],
    );
    if (existing) continue;
    const [contact] = await tx.query<{ id: string }>(
      `INSERT INTO contacts (account_id, first_name, last_name) VALUES ($1, $2, $3) RETURNING id`,
      [proposal.accountId, proposal.firstName, proposal.lastName],
    );
    await tx.query(
      'INSERT INTO contact_emails (contact_id, address, position) VALUES ($1, $2, 0)',
      [contact!.id, proposal.address],
    );
    if (proposal.dealId) {
      await tx.query(
        `INSERT INTO deal_contacts (deal_id, contact_id, position)
         SELECT $1, $2, coalesce(max(position) + 1, 0) FROM deal_contacts WHERE deal_id = $1
         ON CONFLICT (deal_id, contact_id) DO NOTHING`,
        [proposal.dealId, contact!.id],
      );
    }
    created.push(proposal.address);
  }
  return created;
}
