import type { RecordKind } from '../../../core/records/record-kinds.js';
import type { Queryable } from '../database.js';

interface Ref {
  type: RecordKind;
  id: string;
}

const mergedLists = {
  contact: { table: 'contact_emails', key: 'contact_id', value: 'address' },
  account: { table: 'account_domains', key: 'account_id', value: 'domain' },
} as const;

/**
 * Moving what points at one record over to another: the writes a merge and
 * a lead's conversion are made of. Each method is one statement; callers run
 * them in one transaction.
 */
export function crmMergeRepository(db: Queryable) {
  return {
    /**
     * Moves the mail links of `from` onto `to`. Where both already had the
     * message, a manual link wins, so a link a person made stays manual.
     */
    async moveMessageLinks(from: Ref, to: Ref): Promise<void> {
      await db.query(
        `INSERT INTO message_links (message_id, record_type, record_id, reason, confidence, source, ambiguous, alternatives)
         SELECT message_id, $3, $4, reason, confidence, source, ambiguous, alternatives
         FROM message_links WHERE record_type = $1 AND record_id = $2
         ON CONFLICT (message_id, record_type, record_id) DO UPDATE
           SET source = 'manual', reason = EXCLUDED.reason, confidence = EXCLUDED.confidence
           WHERE EXCLUDED.source = 'manual' AND message_links.source <> 'manual'`,
        [from.type, from.id, to.type, to.id],
      );
    },
    /** Manual thread choices, filing rules and per-record sharing follow too. */
    async moveThreadOverrides(from: Ref, to: Ref): Promise<void> {
      await db.query(
        `INSERT INTO thread_link_overrides (thread_id, record_type, record_id, action, user_id, created_at)
         SELECT thread_id, $3, $4, action, user_id, created_at
         FROM thread_link_overrides WHERE record_type = $1 AND record_id = $2
         ON CONFLICT (thread_id, record_type, record_id) DO NOTHING`,
        [from.type, from.id, to.type, to.id],
      );
    },
    async moveRecordShares(from: Ref, to: Ref): Promise<void> {
      await db.query(
        `INSERT INTO record_shares (owner_id, record_type, record_id, user_id, created_at)
         SELECT owner_id, $3, $4, user_id, created_at
         FROM record_shares WHERE record_type = $1 AND record_id = $2
         ON CONFLICT DO NOTHING`,
        [from.type, from.id, to.type, to.id],
      );
    },
    /** Takes the mail links, thread choices and shares off `from`, once they were copied to another record. */
    async dropReferences(from: Ref): Promise<void> {
      await db.query(
        `WITH links AS (DELETE FROM message_links WHERE record_type = $1 AND record_id = $2),
           overrides AS (DELETE FROM thread_link_overrides WHERE record_type = $1 AND record_id = $2)
         DELETE FROM record_shares WHERE record_type = $1 AND record_id = $2`,
        [from.type, from.id],
      );
    },
    async moveRulesAndTasks(from: Ref, to: Ref): Promise<void> {
      await db.query(
        `WITH tasks_moved AS (
           UPDATE tasks SET record_type = $3, record_id = $4 WHERE record_type = $1 AND record_id = $2)
         UPDATE link_rules SET record_type = $3, record_id = $4 WHERE record_type = $1 AND record_id = $2`,
        [from.type, from.id, to.type, to.id],
      );
    },

    /**
     * Appends the merged record's addresses (a contact) or domains (an
     * account) to the survivor's, then takes them off the merged one.
     */
    async moveList(type: 'account' | 'contact', fromId: string, toId: string): Promise<void> {
      const t = mergedLists[type];
      await db.query(
        `INSERT INTO ${t.table} (${t.key}, ${t.value}, position)
         SELECT $2, l.${t.value}, l.position + (SELECT coalesce(max(s.position), 0) FROM ${t.table} s WHERE s.${t.key} = $2)
         FROM ${t.table} l WHERE l.${t.key} = $1
         ON CONFLICT DO NOTHING`,
        [fromId, toId],
      );
      await db.query(`DELETE FROM ${t.table} WHERE ${t.key} = $1`, [fromId]);
    },
    /** Deal roles of the merged contact go to the survivor, unless the survivor already has a role on that deal. */
    async moveDealRoles(fromId: string, toId: string): Promise<void> {
      await db.query(
        `INSERT INTO deal_contacts (deal_id, contact_id, role, position)
         SELECT deal_id, $2, role, position FROM deal_contacts WHERE contact_id = $1
         ON CONFLICT DO NOTHING`,
        [fromId, toId],
      );
      await db.query('DELETE FROM deal_contacts WHERE contact_id = $1', [fromId]);
    },
    async moveContactCases(fromId: string, toId: string): Promise<void> {
      await db.query('UPDATE cases SET contact_id = $2 WHERE contact_id = $1', [fromId, toId]);
    },
    /** Contacts, deals, cases and child accounts of the merged account follow the survivor. */
    async moveAccountMembers(fromId: string, toId: string): Promise<void> {
      await db.query(
        `WITH contacts_moved AS (UPDATE contacts SET account_id = $2 WHERE account_id = $1),
           deals_moved AS (UPDATE deals SET account_id = $2 WHERE account_id = $1),
           cases_moved AS (UPDATE cases SET account_id = $2 WHERE account_id = $1)
         UPDATE accounts SET parent_id = $2 WHERE parent_id = $1 AND id <> $2`,
        [fromId, toId],
      );
    },
    /** Archives the merged-away record and points it at its survivor. */
    async markMerged(type: 'account' | 'contact', fromId: string, toId: string, at: Date) {
      const table = type === 'account' ? 'accounts' : 'contacts';
      await db.query(
        `UPDATE ${table} SET archived_at = $3, merged_into_id = $2, updated_at = $3 WHERE id = $1`,
        [fromId, toId, at],
      );
    },
    /** Archives a converted lead and points it at the contact it became. */
    async markConverted(leadId: string, contactId: string, at: Date): Promise<void> {
      await db.query(
        `UPDATE leads SET archived_at = $3, converted_contact_id = $2, status = 'converted', updated_at = $3
         WHERE id = $1`,
        [leadId, contactId, at],
      );
    },
  };
}

/** Moves every reference to `from` — mail links, thread choices, shares, rules and tasks — onto `to`. */
export async function moveReferences(db: Queryable, from: Ref, to: Ref): Promise<void> {
  const merge = crmMergeRepository(db);
  await merge.moveMessageLinks(from, to);
  await merge.moveThreadOverrides(from, to);
  await merge.moveRecordShares(from, to);
  await merge.dropReferences(from);
  await merge.moveRulesAndTasks(from, to);
}
