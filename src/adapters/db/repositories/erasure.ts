import type { Queryable } from '../database.js';

export interface TextColumn {
  table: string;
  column: string;
  kind: 'text' | 'json' | 'jsonb' | 'array' | 'bytes';
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

/** The writes that erase a person (C14); services/privacy/people.ts holds the rule. */
export function erasureRepository(db: Queryable) {
  return {
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
  };
}
