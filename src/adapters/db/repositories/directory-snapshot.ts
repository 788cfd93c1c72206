import type { Queryable } from '../database.js';

/**
 * Reads of the whole CRM directory, for the decision core's in-memory index.
 * One query per record type; lists come back as arrays in their stored order.
 * Archived records are left out: no mail is matched to them any more.
 */
export function directorySnapshotRepository(db: Queryable) {
  return {
    users: () =>
      db.query<{
        id: string;
        email: string;
        aliases: string[];
        role: string;
        managerId: string | null;
      }>(
        `SELECT u.id, u.email, u.role, u.manager_id AS "managerId",
           coalesce((SELECT array_agg(a.address ORDER BY a.address) FROM user_aliases a WHERE a.user_id = u.id), '{}') AS aliases
         FROM users u`,
      ),
    settings: () => db.query<{ key: string; value: unknown }>('SELECT key, value FROM settings'),
    accounts: () =>
      db.query<{
        id: string;
        externalId: string | null;
        name: string;
        domains: string[];
        parentId: string | null;
      }>(
        `SELECT a.id, a.external_id AS "externalId", a.name, a.parent_id AS "parentId",
           coalesce((SELECT array_agg(d.domain ORDER BY d.position) FROM account_domains d WHERE d.account_id = a.id), '{}') AS domains
         FROM accounts a WHERE a.archived_at IS NULL`,
      ),
    contacts: () =>
      db.query<{
        id: string;
        externalId: string | null;
        accountId: string | null;
        emails: string[];
        firstName: string;
        lastName: string;
      }>(
        `SELECT c.id, c.external_id AS "externalId", c.account_id AS "accountId", c.first_name AS "firstName",
           c.last_name AS "lastName",
           coalesce((SELECT array_agg(e.address ORDER BY e.position) FROM contact_emails e WHERE e.contact_id = c.id), '{}') AS emails
         FROM contacts c WHERE c.archived_at IS NULL`,
      ),
    leads: () =>
      db.query<{ id: string; externalId: string | null; emails: string[]; status: string }>(
        `SELECT l.id, l.external_id AS "externalId", l.status,
           coalesce((SELECT array_agg(e.address ORDER BY e.position) FROM lead_emails e WHERE e.lead_id = l.id), '{}') AS emails
         FROM leads l WHERE l.archived_at IS NULL`,
      ),
    deals: () =>
      db.query<{
        id: string;
        externalId: string | null;
        accountId: string | null;
        name: string;
        status: 'open' | 'won' | 'lost';
        closedAt: Date | null;
        contactIds: string[];
        teamUserIds: string[];
        lastActivityAt: Date | null;
      }>(
        `SELECT d.id, d.external_id AS "externalId", d.account_id AS "accountId", d.name, d.status,
           d.closed_at AS "closedAt",
           coalesce((SELECT array_agg(dc.contact_id ORDER BY dc.position) FROM deal_contacts dc WHERE dc.deal_id = d.id), '{}') AS "contactIds",
           coalesce((SELECT array_agg(t.user_id ORDER BY t.position) FROM deal_team t WHERE t.deal_id = d.id), '{}') AS "teamUserIds",
           (SELECT max(m.sent_at) FROM message_links l JOIN messages m ON m.id = l.message_id
             WHERE l.record_type = 'deal' AND l.record_id = d.id) AS "lastActivityAt"
         FROM deals d WHERE d.archived_at IS NULL`,
      ),
    cases: () =>
      db.query<{
        id: string;
        externalId: string | null;
        number: string;
        accountId: string | null;
        contactId: string | null;
        status: string;
      }>(
        `SELECT k.id, k.external_id AS "externalId", k.number, k.account_id AS "accountId",
           k.contact_id AS "contactId", k.status FROM cases k WHERE k.archived_at IS NULL`,
      ),
    blocklist: () =>
      db.query<{ ownerUserId: string | null; pattern: string }>(
        'SELECT owner_id AS "ownerUserId", pattern FROM blocklist',
      ),
    /** People who asked not to be tracked: organisation block-list entries by another name. */
    doNotTrack: () =>
      db.query<{ ownerUserId: null; pattern: string }>(
        'SELECT NULL AS "ownerUserId", address AS pattern FROM do_not_track ORDER BY address',
      ),
    rules: () =>
      db.query<{
        id: string;
        ownerId: string | null;
        kind: 'subject' | 'keyword';
        pattern: string;
        recordType: string;
        recordId: string;
      }>(
        `SELECT id, owner_id AS "ownerId", kind, pattern, record_type AS "recordType", record_id AS "recordId"
         FROM link_rules ORDER BY created_at, id`,
      ),
  };
}
