import type { Queryable } from '../database.js';

export interface PersonContactRow {
  id: string;
  externalId: string | null;
  firstName: string;
  lastName: string;
  title: string;
  country: string;
  accountId: string | null;
  emails: string[];
}

export interface PersonLeadRow {
  id: string;
  externalId: string | null;
  firstName: string;
  lastName: string;
  company: string;
  country: string;
  status: string;
  emails: string[];
}

export interface PersonMessageRow {
  id: string;
  messageId: string | null;
  threadId: string;
  subject: string;
  sentAt: Date | null;
  fromAddress: string | null;
  participants: string[];
  envelope: Record<string, unknown>;
  textBody: string | null;
  htmlBody: string | null;
  category: string;
  captured: boolean;
  reasons: string[];
  links: {
    recordType: string;
    recordId: string;
    reason: string;
    confidence: number;
    source: string;
  }[];
  decisions: {
    mailboxId: string;
    mailboxLabel: string;
    ownerEmail: string;
    captured: boolean;
    category: string;
    reasons: string[];
  }[];
  attachments: {
    position: number;
    sha256: string | null;
    filename: string | null;
    contentType: string;
    size: number;
  }[];
}

/** A contact or lead, as the erasure sees it: the person's names and addresses. */
export interface PersonRecordRow {
  type: 'contact' | 'lead';
  id: string;
  firstName: string;
  lastName: string;
  /** Lower-cased, in the record's order. */
  emails: string[];
}

/**
 * `$1` is the person's normalised addresses (`text[]`); a message is theirs
 * when they sent or received it.
 */
export const isParticipant = (m: string) =>
  `(${m}.participants && $1::text[] OR lower(${m}.from_address) = ANY($1::text[]))`;

/** Finding a person and reading everything stored about them, for export and erasure. */
export function peopleRepository(db: Queryable) {
  return {
    async userWithAddress(addresses: readonly string[]): Promise<{ id: string } | undefined> {
      const [row] = await db.query<{ id: string }>(
        `SELECT u.id FROM users u WHERE lower(u.email) = ANY($1)
         UNION SELECT a.user_id FROM user_aliases a WHERE lower(a.address) = ANY($1) LIMIT 1`,
        [[...addresses]],
      );
      return row;
    },

    /**
     * The contacts and leads that hold the address (any of their addresses,
     * not only the first), or the one record named by its id; null matches nothing.
     */
    recordsOf: (key: { address: string | null; contactId: string | null; leadId: string | null }) =>
      db.query<PersonRecordRow>(
        `SELECT 'contact' AS type, c.id, c.first_name AS "firstName", c.last_name AS "lastName",
           ARRAY(SELECT lower(e.address) FROM contact_emails e WHERE e.contact_id = c.id ORDER BY e.position) AS emails
         FROM contacts c
         WHERE c.id = $2::uuid
           OR EXISTS (SELECT 1 FROM contact_emails e WHERE e.contact_id = c.id AND lower(e.address) = $1)
         UNION ALL
         SELECT 'lead', l.id, l.first_name, l.last_name,
           ARRAY(SELECT lower(e.address) FROM lead_emails e WHERE e.lead_id = l.id ORDER BY e.position)
         FROM leads l
         WHERE l.id = $3::uuid
           OR EXISTS (SELECT 1 FROM lead_emails e WHERE e.lead_id = l.id AND lower(e.address) = $1)
         ORDER BY type, id`,
        [key.address, key.contactId, key.leadId],
      ),

    contactsWithAddress: (addresses: readonly string[]) =>
      db.query<PersonContactRow>(
        `SELECT c.id, c.external_id AS "externalId", c.first_name AS "firstName",
           c.last_name AS "lastName", c.title, c.country, c.account_id AS "accountId",
           ARRAY(SELECT e.address FROM contact_emails e WHERE e.contact_id = c.id ORDER BY e.position) AS emails
         FROM contacts c
         WHERE EXISTS (SELECT 1 FROM contact_emails e WHERE e.contact_id = c.id AND lower(e.address) = ANY($1))
         ORDER BY c.id`,
        [[...addresses]],
      ),

    leadsWithAddress: (addresses: readonly string[]) =>
      db.query<PersonLeadRow>(
        `SELECT l.id, l.external_id AS "externalId", l.first_name AS "firstName",
           l.last_name AS "lastName", l.company, l.country, l.status,
           ARRAY(SELECT e.address FROM lead_emails e WHERE e.lead_id = l.id ORDER BY e.position) AS emails
         FROM leads l
         WHERE EXISTS (SELECT 1 FROM lead_emails e WHERE e.lead_id = l.id AND lower(e.address) = ANY($1))
         ORDER BY l.id`,
        [[...addresses]],
      ),

    /** Every stored message the person sent or received, oldest first, with what hangs off it. */
    messagesOf: (addresses: readonly string[]) =>
      db.query<PersonMessageRow>(
        `SELECT m.id, m.message_id AS "messageId", m.thread_id AS "threadId", m.subject,
           m.sent_at AS "sentAt", m.from_address AS "fromAddress", m.participants, m.envelope,
           m.text_body AS "textBody", m.html_body AS "htmlBody", m.category, m.captured, m.reasons,
           coalesce((SELECT jsonb_agg(jsonb_build_object('recordType', l.record_type,
               'recordId', l.record_id, 'reason', l.reason, 'confidence', l.confidence,
               'source', l.source) ORDER BY l.record_type, l.record_id)
             FROM message_links l WHERE l.message_id = m.id), '[]'::jsonb) AS links,
           coalesce((SELECT jsonb_agg(jsonb_build_object('mailboxId', d.mailbox_id,
               'mailboxLabel', mb.label, 'ownerEmail', u.email, 'captured', d.captured,
               'category', d.category, 'reasons', d.reasons) ORDER BY u.email, mb.label)
             FROM message_decisions d JOIN mailboxes mb ON mb.id = d.mailbox_id
             JOIN users u ON u.id = mb.owner_id
             WHERE d.message_id = m.id), '[]'::jsonb) AS decisions,
           coalesce((SELECT jsonb_agg(jsonb_build_object('position', a.position, 'sha256', a.sha256,
               'filename', a.filename, 'contentType', a.content_type, 'size', a.size)
               ORDER BY a.position)
             FROM message_attachments a WHERE a.message_id = m.id), '[]'::jsonb) AS attachments
         FROM messages m
         WHERE ${isParticipant('m')}
         ORDER BY m.sent_at NULLS FIRST, m.id`,
        [[...addresses]],
      ),
  };
}
