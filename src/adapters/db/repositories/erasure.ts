import type { Queryable } from '../database.js';
import { isParticipant } from './people.js';

export interface TextColumn {
  table: string;
  column: string;
  kind: 'text' | 'json' | 'jsonb' | 'array' | 'bytes';
}

/** An envelope list (from, to, cc, replyTo) without the entries of the addresses in `$1`. */
const envelopeWithout = (key: string) => `'${key}', CASE
    WHEN jsonb_typeof(m.envelope->'${key}') = 'array' THEN coalesce((
      SELECT jsonb_agg(e) FROM jsonb_array_elements(m.envelope->'${key}') AS e
      WHERE lower(coalesce(e->>'address', '')) <> ALL($1::text[])), '[]'::jsonb)
    ELSE coalesce(m.envelope->'${key}', 'null'::jsonb) END`;

const recordTables = {
  contact: { records: 'contacts', emails: 'contact_emails', key: 'contact_id' },
  lead: { records: 'leads', emails: 'lead_emails', key: 'lead_id' },
} as const;

const quoteIdentifier = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The writes that erase a person; services/privacy/people.ts holds the rule. */
export function erasureRepository(db: Queryable) {
  return {
    /** Content hashes of the attachments of the person's messages, before those rows go. */
    async attachmentHashesOf(addresses: readonly string[]): Promise<string[]> {
      const rows = await db.query<{ sha256: string }>(
        `SELECT DISTINCT a.sha256 FROM message_attachments a JOIN messages m ON m.id = a.message_id
         WHERE a.sha256 IS NOT NULL AND ${isParticipant('m')}`,
        [[...addresses]],
      );
      return rows.map((row) => row.sha256);
    },

    /** Threads the person appears in, whether through a message or the thread's own list. */
    async threadsOf(addresses: readonly string[]): Promise<string[]> {
      const rows = await db.query<{ id: string }>(
        `SELECT m.thread_id AS id FROM messages m WHERE ${isParticipant('m')}
         UNION SELECT t.id FROM threads t WHERE t.participants && $1::text[]`,
        [[...addresses]],
      );
      return rows.map((row) => row.id);
    },

    /** Links, locations, decisions and attachment rows go with them (foreign keys cascade). */
    async deleteMessagesFrom(addresses: readonly string[]): Promise<number> {
      const rows = await db.query(
        'DELETE FROM messages WHERE lower(from_address) = ANY($1) RETURNING id',
        [[...addresses]],
      );
      return rows.length;
    },

    async deleteAttachmentsOfMessagesWith(addresses: readonly string[]): Promise<number> {
      const rows = await db.query(
        `DELETE FROM message_attachments a USING messages m
         WHERE m.id = a.message_id AND ${isParticipant('m')} RETURNING a.message_id`,
        [[...addresses]],
      );
      return rows.length;
    },

    /**
     * Meetings stated by the person's messages, and their place in any
     * meeting's attendees; before redacting, while the addresses still mark
     * those messages.
     */
    async forgetMeetingsOf(addresses: readonly string[]): Promise<number> {
      const rows = await db.query(
        `WITH stated AS (
           DELETE FROM meetings g USING messages m
           WHERE g.source_message_id = m.id AND ${isParticipant('m')} RETURNING g.uid)
         DELETE FROM meeting_attendees a WHERE a.email = ANY($1) RETURNING a.uid`,
        [[...addresses]],
      );
      return rows.length;
    },

    /** What stays of a message the person only received: who else took part, when, and how it was filed. */
    async redactMessagesTo(addresses: readonly string[]): Promise<number> {
      const rows = await db.query(
        `UPDATE messages m SET
           subject = '[redacted]',
           text_body = NULL,
           html_body = NULL,
           search = NULL,
           meetings = NULL,
           participants = ARRAY(SELECT p FROM unnest(m.participants) WITH ORDINALITY AS u(p, i)
             WHERE p <> ALL($1::text[]) ORDER BY i),
           failed_recipients = ARRAY(SELECT f FROM unnest(m.failed_recipients) AS f WHERE lower(f) <> ALL($1::text[])),
           envelope = m.envelope || jsonb_build_object(${envelopeWithout('from')},
             ${envelopeWithout('to')}, ${envelopeWithout('cc')}, ${envelopeWithout('replyTo')},
             'attachments', '[]'::jsonb)
         WHERE ${isParticipant('m')} RETURNING m.id`,
        [[...addresses]],
      );
      return rows.length;
    },

    /**
     * Raw messages kept for diagnosis: their headers hold addresses and names
     * in clear. `terms` are lower-case.
     */
    async deleteQuarantinedWith(terms: readonly string[]): Promise<number> {
      const rows = await db.query(
        `DELETE FROM quarantine q WHERE EXISTS (SELECT 1 FROM unnest($1::text[]) AS t(term)
           WHERE strpos(lower(encode(q.raw, 'escape')), t.term) > 0
             OR strpos(lower(q.reason), t.term) > 0 OR strpos(lower(q.source), t.term) > 0)
         RETURNING id`,
        [[...terms]],
      );
      return rows.length;
    },

    /**
     * Removes the addresses from contacts or leads; returns how many records
     * lost one, and those they were the last addresses of.
     */
    async removeAddresses(
      type: 'contact' | 'lead',
      addresses: readonly string[],
    ): Promise<{ updated: number; emptied: string[] }> {
      const { records, emails, key } = recordTables[type];
      const removed = await db.query<{ id: string }>(
        `DELETE FROM ${emails} WHERE lower(address) = ANY($1) RETURNING ${key} AS id`,
        [[...addresses]],
      );
      const ids = [...new Set(removed.map((row) => row.id))];
      const emptied = await db.query<{ id: string }>(
        `SELECT r.id FROM ${records} r WHERE r.id = ANY($1)
           AND NOT EXISTS (SELECT 1 FROM ${emails} e WHERE e.${key} = r.id)`,
        [ids],
      );
      return { updated: ids.length, emptied: emptied.map((row) => row.id) };
    },

    async deleteRecords(type: 'contact' | 'lead', ids: readonly string[]): Promise<void> {
      if (ids.length === 0) return;
      await db.query(`DELETE FROM ${recordTables[type].records} WHERE id = ANY($1)`, [[...ids]]);
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
     * Replaces every remaining mention of the person (an address or a name in
     * a quoted reply, a link's reason, a notice) in one column. `terms` are
     * lower-case; `pattern` matches any of them, literally and without regard
     * to case. Returns the rows changed.
     */
    async scrubColumn(
      column: TextColumn,
      terms: readonly string[],
      pattern: string,
    ): Promise<number> {
      // Raw bytes cannot be rewritten safely; the only such column (quarantine) loses whole rows.
      if (column.kind === 'bytes') return 0;
      const table = quoteIdentifier(column.table);
      const name = quoteIdentifier(column.column);
      const replace = (value: string) => `regexp_replace(${value}, $2, '[redacted]', 'gi')`;
      const assignment =
        column.kind === 'json' || column.kind === 'jsonb'
          ? `${replace(`${name}::text`)}::${column.kind}`
          : column.kind === 'array'
            ? `ARRAY(SELECT ${replace('x')} FROM unnest(${name}) WITH ORDINALITY AS u(x, i) ORDER BY i)`
            : replace(name);
      const rows = await db.query(
        `UPDATE ${table} SET ${name} = ${assignment}
         WHERE EXISTS (SELECT 1 FROM unnest($1::text[]) AS t(term)
           WHERE strpos(lower(${name}::text), t.term) > 0) RETURNING 1`,
        [[...terms], pattern],
      );
      return rows.length;
    },

    /** Messages whose subject or text (what search indexes) mentions any of the lower-case terms. */
    async messagesMentioning(terms: readonly string[]): Promise<string[]> {
      const rows = await db.query<{ id: string }>(
        `SELECT m.id FROM messages m WHERE EXISTS (SELECT 1 FROM unnest($1::text[]) AS t(term)
           WHERE strpos(lower(m.subject), t.term) > 0 OR strpos(lower(m.text_body), t.term) > 0)`,
        [[...terms]],
      );
      return rows.map((row) => row.id);
    },

    searchSources: (ids: readonly string[]) =>
      db.query<{ id: string; subject: string; textBody: string | null }>(
        'SELECT id, subject, text_body AS "textBody" FROM messages WHERE id = ANY($1)',
        [[...ids]],
      ),

    /** `search` is a tsvector literal (core/search/search-terms.ts). */
    async saveSearch(rows: readonly { id: string; search: string }[]): Promise<void> {
      if (rows.length === 0) return;
      await db.query(
        `UPDATE messages m SET search = r.search::tsvector
         FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, search text) WHERE m.id = r.id`,
        [JSON.stringify(rows)],
      );
    },
  };
}
