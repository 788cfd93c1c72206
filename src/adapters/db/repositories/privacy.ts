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

export interface TextColumn {
  table: string;
  column: string;
  kind: 'text' | 'json' | 'jsonb' | 'array' | 'bytes';
}

export interface RetentionCounts {
  messages: number;
  threads: string[];
}

/** `$1` is a normalised address; a message is the person's when they sent or received it. */
const isParticipant = (m: string) =>
  `($1 = ANY(${m}.participants) OR lower(${m}.from_address) = $1)`;

/** An envelope list (from, to, cc, replyTo) without the person's entries. */
const envelopeWithout = (key: string) => `'${key}', CASE
    WHEN jsonb_typeof(m.envelope->'${key}') = 'array' THEN coalesce((
      SELECT jsonb_agg(e) FROM jsonb_array_elements(m.envelope->'${key}') AS e
      WHERE lower(coalesce(e->>'address', '')) <> $1), '[]'::jsonb)
    ELSE coalesce(m.envelope->'${key}', 'null'::jsonb) END`;

const quoteIdentifier = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Reads and writes for exporting, erasing and forgetting people (C14). */
export function privacyRepository(db: Queryable) {
  return {
    async userWithAddress(address: string): Promise<{ id: string } | undefined> {
      const [row] = await db.query<{ id: string }>(
        `SELECT u.id FROM users u WHERE lower(u.email) = $1
         UNION SELECT a.user_id FROM user_aliases a WHERE lower(a.address) = $1 LIMIT 1`,
        [address],
      );
      return row;
    },

    contactsWithAddress: (address: string) =>
      db.query<PersonContactRow>(
        `SELECT c.id, c.external_id AS "externalId", c.first_name AS "firstName",
           c.last_name AS "lastName", c.title, c.country, c.account_id AS "accountId",
           ARRAY(SELECT e.address FROM contact_emails e WHERE e.contact_id = c.id ORDER BY e.position) AS emails
         FROM contacts c
         WHERE EXISTS (SELECT 1 FROM contact_emails e WHERE e.contact_id = c.id AND lower(e.address) = $1)
         ORDER BY c.id`,
        [address],
      ),

    leadsWithAddress: (address: string) =>
      db.query<PersonLeadRow>(
        `SELECT l.id, l.external_id AS "externalId", l.first_name AS "firstName",
           l.last_name AS "lastName", l.company, l.country, l.status,
           ARRAY(SELECT e.address FROM lead_emails e WHERE e.lead_id = l.id ORDER BY e.position) AS emails
         FROM leads l
         WHERE EXISTS (SELECT 1 FROM lead_emails e WHERE e.lead_id = l.id AND lower(e.address) = $1)
         ORDER BY l.id`,
        [address],
      ),

    /** Every stored message the person sent or received, oldest first, with what hangs off it. */
    messagesOf: (address: string) =>
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
        [address],
      ),

    /** Content hashes of the attachments of the person's messages, before those rows go. */
    async attachmentHashesOf(address: string): Promise<string[]> {
      const rows = await db.query<{ sha256: string }>(
        `SELECT DISTINCT a.sha256 FROM message_attachments a JOIN messages m ON m.id = a.message_id
         WHERE a.sha256 IS NOT NULL AND ${isParticipant('m')}`,
        [address],
      );
      return rows.map((row) => row.sha256);
    },

    /** Threads the person appears in, whether through a message or the thread's own list. */
    async threadsOf(address: string): Promise<string[]> {
      const rows = await db.query<{ id: string }>(
        `SELECT m.thread_id AS id FROM messages m WHERE ${isParticipant('m')}
         UNION SELECT t.id FROM threads t WHERE $1 = ANY(t.participants)`,
        [address],
      );
      return rows.map((row) => row.id);
    },

    /** Links, locations, decisions and attachment rows go with them (foreign keys cascade). */
    async deleteMessagesFrom(address: string): Promise<number> {
      const rows = await db.query(
        'DELETE FROM messages WHERE lower(from_address) = $1 RETURNING id',
        [address],
      );
      return rows.length;
    },

    async deleteAttachmentsOfMessagesWith(address: string): Promise<number> {
      const rows = await db.query(
        `DELETE FROM message_attachments a USING messages m
         WHERE m.id = a.message_id AND ${isParticipant('m')} RETURNING a.message_id`,
        [address],
      );
      return rows.length;
    },

    /** What stays of a message the person only received: who else took part, when, and how it was filed. */
    async redactMessagesTo(address: string): Promise<number> {
      const rows = await db.query(
        `UPDATE messages m SET
           subject = '[redacted]',
           text_body = NULL,
           html_body = NULL,
           search = NULL,
           participants = array_remove(m.participants, $1),
           failed_recipients = ARRAY(SELECT f FROM unnest(m.failed_recipients) AS f WHERE lower(f) <> $1),
           envelope = m.envelope || jsonb_build_object(${envelopeWithout('from')},
             ${envelopeWithout('to')}, ${envelopeWithout('cc')}, ${envelopeWithout('replyTo')},
             'attachments', '[]'::jsonb)
         WHERE ${isParticipant('m')} RETURNING m.id`,
        [address],
      );
      return rows.length;
    },

    /** Blobs no message refers to any more; their files can go once this commits. */
    async deleteUnreferencedBlobs(hashes: readonly string[]): Promise<string[]> {
      if (hashes.length === 0) return [];
      const rows = await db.query<{ sha256: string }>(
        `DELETE FROM attachment_blobs b WHERE b.sha256 = ANY($1)
           AND NOT EXISTS (SELECT 1 FROM message_attachments a WHERE a.sha256 = b.sha256)
         RETURNING b.sha256`,
        [[...hashes]],
      );
      return rows.map((row) => row.sha256);
    },

    /** Raw messages kept for diagnosis: the headers hold addresses in clear. */
    async deleteQuarantinedWith(address: string): Promise<number> {
      const rows = await db.query(
        `DELETE FROM quarantine WHERE strpos(lower(encode(raw, 'escape')), $1) > 0
           OR strpos(lower(reason), $1) > 0 OR strpos(lower(source), $1) > 0
         RETURNING id`,
        [address],
      );
      return rows.length;
    },

    /** Removes the address from contacts; returns the contacts it was the last address of. */
    async removeContactAddress(address: string): Promise<{ updated: number; emptied: string[] }> {
      const removed = await db.query<{ id: string }>(
        'DELETE FROM contact_emails WHERE lower(address) = $1 RETURNING contact_id AS id',
        [address],
      );
      const emptied = await db.query<{ id: string }>(
        `SELECT c.id FROM contacts c WHERE c.id = ANY($1)
           AND NOT EXISTS (SELECT 1 FROM contact_emails e WHERE e.contact_id = c.id)`,
        [removed.map((row) => row.id)],
      );
      return { updated: removed.length, emptied: emptied.map((row) => row.id) };
    },

    async removeLeadAddress(address: string): Promise<{ updated: number; emptied: string[] }> {
      const removed = await db.query<{ id: string }>(
        'DELETE FROM lead_emails WHERE lower(address) = $1 RETURNING lead_id AS id',
        [address],
      );
      const emptied = await db.query<{ id: string }>(
        `SELECT l.id FROM leads l WHERE l.id = ANY($1)
           AND NOT EXISTS (SELECT 1 FROM lead_emails e WHERE e.lead_id = l.id)`,
        [removed.map((row) => row.id)],
      );
      return { updated: removed.length, emptied: emptied.map((row) => row.id) };
    },

    async deleteContacts(ids: readonly string[]): Promise<void> {
      if (ids.length > 0) await db.query('DELETE FROM contacts WHERE id = ANY($1)', [[...ids]]);
    },

    async deleteLeads(ids: readonly string[]): Promise<void> {
      if (ids.length > 0) await db.query('DELETE FROM leads WHERE id = ANY($1)', [[...ids]]);
    },

    /**
     * Everything that points at deleted records without a foreign key: links,
     * manual thread choices, record shares, rules and tasks.
     */
    async deleteRecordReferences(type: 'contact' | 'lead', ids: readonly string[]): Promise<void> {
      if (ids.length === 0) return;
      await db.query(
        `WITH links AS (DELETE FROM message_links WHERE record_type = $1 AND record_id = ANY($2)),
           overrides AS (DELETE FROM thread_link_overrides WHERE record_type = $1 AND record_id = ANY($2)),
           shares AS (DELETE FROM record_shares WHERE record_type = $1 AND record_id = ANY($2)),
           rules AS (DELETE FROM link_rules WHERE record_type = $1 AND record_id = ANY($2))
         DELETE FROM tasks WHERE record_type = $1 AND record_id = ANY($2)`,
        [type, [...ids]],
      );
    },

    /** Participants and first/last dates from the messages left; threads left empty go. */
    async recomputeThreads(threadIds: readonly string[]): Promise<void> {
      if (threadIds.length === 0) return;
      await db.query(
        `UPDATE threads t SET
           participants = coalesce((SELECT array_agg(DISTINCT p ORDER BY p)
             FROM messages m, unnest(m.participants) AS p WHERE m.thread_id = t.id), '{}'),
           first_at = (SELECT min(m.sent_at) FROM messages m WHERE m.thread_id = t.id),
           last_at = (SELECT max(m.sent_at) FROM messages m WHERE m.thread_id = t.id)
         WHERE t.id = ANY($1)`,
        [[...threadIds]],
      );
      await db.query(
        `DELETE FROM threads t WHERE t.id = ANY($1)
           AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.thread_id = t.id)`,
        [[...threadIds]],
      );
      await db.query(
        `DELETE FROM thread_link_overrides o WHERE o.thread_id = ANY($1)
           AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.thread_id = o.thread_id)`,
        [[...threadIds]],
      );
    },

    /**
     * Every column of every table in the schema that can hold an address in
     * clear: text, character, JSON, text arrays and raw bytes. Generated
     * columns are left out; they follow their sources.
     */
    textColumns: () =>
      db.query<TextColumn>(
        `SELECT c.table_name AS "table", c.column_name AS "column",
           CASE WHEN c.data_type IN ('json', 'jsonb') THEN c.data_type
                WHEN c.data_type = 'ARRAY' THEN 'array'
                WHEN c.data_type = 'bytea' THEN 'bytes'
                ELSE 'text' END AS kind
         FROM information_schema.columns c
         JOIN information_schema.tables t
           ON t.table_schema = c.table_schema AND t.table_name = c.table_name
         WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
           AND c.is_generated = 'NEVER'
           AND (c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea')
             OR (c.data_type = 'ARRAY' AND c.udt_name IN ('_text', '_varchar', '_bpchar')))
         ORDER BY c.table_name, c.column_name`,
      ),

    /**
     * Replaces every remaining mention of the address (a quoted reply, a
     * link's reason, a notice) in one column. `$1` is the address, `$2` the
     * same as a case-insensitive regular expression. Returns the rows changed.
     */
    async scrubColumn(column: TextColumn, address: string, pattern: string): Promise<number> {
      const table = quoteIdentifier(column.table);
      const name = quoteIdentifier(column.column);
      const replace = (value: string) => `regexp_replace(${value}, $2, '[redacted]', 'gi')`;
      const assignment =
        column.kind === 'json' || column.kind === 'jsonb'
          ? `${replace(`${name}::text`)}::${column.kind}`
          : column.kind === 'array'
            ? `ARRAY(SELECT ${replace('x')} FROM unnest(${name}) WITH ORDINALITY AS u(x, i) ORDER BY i)`
            : replace(name);
      // Raw bytes cannot be rewritten safely; the only such column (quarantine) loses whole rows.
      if (column.kind === 'bytes') return 0;
      const rows = await db.query(
        `UPDATE ${table} SET ${name} = ${assignment}
         WHERE strpos(lower(${name}::text), $1) > 0 RETURNING 1`,
        [address, pattern],
      );
      return rows.length;
    },

    /** How many rows of a column mention the address, case-insensitively. */
    async countMentions(column: TextColumn, address: string): Promise<number> {
      const name = quoteIdentifier(column.column);
      const value = column.kind === 'bytes' ? `encode(${name}, 'escape')` : `${name}::text`;
      const [row] = await db.query<{ count: number }>(
        `SELECT count(*)::int AS count FROM ${quoteIdentifier(column.table)}
         WHERE strpos(lower(${value}), $1) > 0`,
        [address],
      );
      return row?.count ?? 0;
    },

    // Do-not-track.

    async addDoNotTrack(address: string, createdBy: string | null, at: Date): Promise<boolean> {
      const rows = await db.query(
        `INSERT INTO do_not_track (address, created_by, created_at) VALUES ($1, $2, $3)
         ON CONFLICT (address) DO NOTHING RETURNING address`,
        [address, createdBy, at],
      );
      return rows.length > 0;
    },

    listDoNotTrack: () =>
      db.query<{ address: string; createdAt: Date }>(
        'SELECT address, created_at AS "createdAt" FROM do_not_track ORDER BY address',
      ),

    async removeDoNotTrack(address: string): Promise<boolean> {
      const rows = await db.query('DELETE FROM do_not_track WHERE address = $1 RETURNING address', [
        address,
      ]);
      return rows.length > 0;
    },

    // Retention.

    async setting(key: string): Promise<unknown> {
      const [row] = await db.query<{ value: unknown }>(
        'SELECT value FROM settings WHERE key = $1',
        [key],
      );
      return row?.value;
    },

    async saveSetting(key: string, value: unknown): Promise<void> {
      await db.query(
        `INSERT INTO settings (key, value) VALUES ($1, $2::jsonb)
         ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
        [key, JSON.stringify(value)],
      );
    },

    /**
     * A message's age runs from when it was sent, or stored when it carries
     * no date. The body's words leave the search index; the subject's stay.
     */
    async dropBodiesBefore(cutoff: Date): Promise<number> {
      const rows = await db.query(
        `UPDATE messages SET text_body = NULL, html_body = NULL, search = ts_filter(search, '{a}')
         WHERE coalesce(sent_at, created_at) < $1 AND (text_body IS NOT NULL OR html_body IS NOT NULL)
         RETURNING id`,
        [cutoff],
      );
      return rows.length;
    },

    async dropAttachmentsBefore(cutoff: Date): Promise<{ count: number; hashes: string[] }> {
      const rows = await db.query<{ sha256: string | null }>(
        `DELETE FROM message_attachments a USING messages m
         WHERE m.id = a.message_id AND coalesce(m.sent_at, m.created_at) < $1
         RETURNING a.sha256`,
        [cutoff],
      );
      return {
        count: rows.length,
        hashes: [...new Set(rows.flatMap((row) => (row.sha256 ? [row.sha256] : [])))],
      };
    },

    async attachmentHashesBefore(cutoff: Date): Promise<string[]> {
      const rows = await db.query<{ sha256: string }>(
        `SELECT DISTINCT a.sha256 FROM message_attachments a JOIN messages m ON m.id = a.message_id
         WHERE a.sha256 IS NOT NULL AND coalesce(m.sent_at, m.created_at) < $1`,
        [cutoff],
      );
      return rows.map((row) => row.sha256);
    },

    async deleteMessagesBefore(cutoff: Date): Promise<RetentionCounts> {
      const rows = await db.query<{ threadId: string }>(
        `DELETE FROM messages WHERE coalesce(sent_at, created_at) < $1 RETURNING thread_id AS "threadId"`,
        [cutoff],
      );
      return { messages: rows.length, threads: [...new Set(rows.map((row) => row.threadId))] };
    },
  };
}

export type PrivacyRepository = ReturnType<typeof privacyRepository>;
