/**
 * Reports answered from aggregates instead of scans of the mail.
 *
 * Sharing decides per message who may see it, so counts are kept per
 * *audience*: the part of a message's sharing that does not change with the
 * reader or with the owners' later choice of mode (which copies it has, whose
 * they are, which of them stay with their owner, which record shares reach
 * it). Each reader's visible audiences are worked out at read time against
 * the owners' modes and shares as they are then, and a reader's total is a
 * sum over the cells of audiences they may see: every message counted lies
 * in exactly one audience, so nothing is counted that the reader could not
 * open, and nothing twice.
 *
 * - `report_facts`: what one message adds, once per record it is filed on
 *   and once under the record type 'none' (mail-wide volume);
 * - `report_counts`: the sum of facts per (record, day, kind, rep, audience);
 * - `report_stale`: messages whose facts no longer match the mail. Triggers
 *   on every table the facts read from mark them in the writing
 *   transaction, whichever path writes (capture, link edits, re-filing,
 *   review, erasure, sharing changes); a background step recomputes them.
 */
type Event = 'INSERT' | 'UPDATE' | 'DELETE';

/**
 * A statement trigger marking messages stale: the rows it wrote are `changed`
 * (the old rows for a delete), the rows before an update `before`.
 */
function markOn(name: string, event: Event, table: string, mark: string): string {
  const rows =
    event === 'INSERT'
      ? 'NEW TABLE AS changed'
      : event === 'DELETE'
        ? 'OLD TABLE AS changed'
        : 'OLD TABLE AS before NEW TABLE AS changed';
  return `CREATE TRIGGER report_${name} AFTER ${event} ON ${table}
  REFERENCING ${rows} FOR EACH STATEMENT EXECUTE FUNCTION ${mark}();`;
}

const triggers = [
  markOn('messages_inserted', 'INSERT', 'messages', 'report_mark_messages'),
  markOn('messages_updated', 'UPDATE', 'messages', 'report_mark_changed_messages'),
  markOn('messages_deleted', 'DELETE', 'messages', 'report_mark_messages'),
  ...(['INSERT', 'UPDATE', 'DELETE'] as const).flatMap((event) => [
    markOn(
      `decisions_${event.toLowerCase()}`,
      event,
      'message_decisions',
      'report_mark_message_rows',
    ),
    markOn(`links_${event.toLowerCase()}`, event, 'message_links', 'report_mark_message_rows'),
  ]),
  markOn('record_shares_inserted', 'INSERT', 'record_shares', 'report_mark_shared_record'),
  markOn('record_shares_deleted', 'DELETE', 'record_shares', 'report_mark_shared_record'),
  markOn('excluded_domains_inserted', 'INSERT', 'sharing_settings', 'report_mark_owner_mail'),
  markOn('excluded_domains_updated', 'UPDATE', 'sharing_settings', 'report_mark_owner_mail'),
  markOn('outbox_sent', 'UPDATE', 'outbox', 'report_mark_sent_mail'),
].join('\n');

export const reportAggregatesSchema = `
CREATE TABLE report_audiences (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  signature text NOT NULL UNIQUE,
  -- Sent from a record in Threadline: shared with everyone.
  everyone boolean NOT NULL,
  -- Every owner of a copy: an owner always sees their own mail.
  owner_ids uuid[] NOT NULL,
  -- Owners whose copy is shared as their sharing mode says (captured, not held, no excluded domain).
  shared_owner_ids uuid[] NOT NULL
);

-- Custom mode: the owner shares a record the messages of the audience are filed on with the user.
CREATE TABLE report_audience_grants (
  audience_id bigint NOT NULL REFERENCES report_audiences(id) ON DELETE CASCADE,
  owner_id uuid NOT NULL,
  user_id uuid NOT NULL,
  PRIMARY KEY (audience_id, owner_id, user_id)
);

CREATE TABLE report_facts (
  message_id uuid NOT NULL,
  record_type text NOT NULL,
  record_id uuid NOT NULL,
  day date NOT NULL,
  kind text NOT NULL CHECK (kind IN ('inbound', 'outbound', 'meeting')),
  rep_id uuid NOT NULL,
  audience_id bigint NOT NULL REFERENCES report_audiences(id),
  -- A reply to the other side's last message in the thread: whose, and after how many working minutes.
  response_side text CHECK (response_side IN ('ours', 'theirs')),
  response_minutes double precision,
  PRIMARY KEY (message_id, record_type, record_id)
);
CREATE INDEX report_facts_responses ON report_facts (record_type, record_id, day)
  WHERE response_side IS NOT NULL;

CREATE TABLE report_counts (
  record_type text NOT NULL,
  record_id uuid NOT NULL,
  day date NOT NULL,
  kind text NOT NULL,
  rep_id uuid NOT NULL,
  audience_id bigint NOT NULL,
  n bigint NOT NULL,
  PRIMARY KEY (record_type, record_id, day, kind, rep_id, audience_id)
);
-- Counts a correction took back to zero, found without a scan to be removed.
CREATE INDEX report_counts_empty ON report_counts (record_type) WHERE n = 0;

CREATE TABLE report_stale (
  message_id uuid PRIMARY KEY,
  marked_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX report_stale_marked ON report_stale (marked_at);

-- The template a message was written from, for its open and click rates.
ALTER TABLE outbox ADD COLUMN template_id uuid REFERENCES message_templates(id) ON DELETE SET NULL;

CREATE FUNCTION report_mark_messages() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_stale (message_id)
  SELECT DISTINCT c.id FROM changed c
  UNION
  -- A message arriving before a later one of its thread changes what that one answers.
  SELECT nxt.id FROM changed c
  CROSS JOIN LATERAL (
    SELECT m.id FROM messages m
    WHERE m.thread_id = c.thread_id AND m.sent_at > c.sent_at
    ORDER BY m.sent_at LIMIT 1) nxt
  WHERE TG_OP = 'INSERT'
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

-- Only a change to what the facts read from: retention dropping bodies changes no report.
CREATE FUNCTION report_mark_changed_messages() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_stale (message_id)
  SELECT c.id FROM changed c JOIN before b ON b.id = c.id
  WHERE (b.thread_id, b.sent_at, b.from_address, b.participants, b.meetings, b.captured)
    IS DISTINCT FROM (c.thread_id, c.sent_at, c.from_address, c.participants, c.meetings, c.captured)
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

CREATE FUNCTION report_mark_message_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_stale (message_id) SELECT DISTINCT message_id FROM changed
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

CREATE FUNCTION report_mark_shared_record() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_stale (message_id)
  SELECT DISTINCT l.message_id FROM changed c
  JOIN message_links l ON l.record_type = c.record_type AND l.record_id = c.record_id
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

-- Excluded domains decide which copies stay with their owner; a change of mode is read at read time.
CREATE FUNCTION report_mark_owner_mail() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO report_stale (message_id)
    SELECT DISTINCT d.message_id FROM changed c
    JOIN mailboxes mb ON mb.owner_id = c.user_id
    JOIN message_decisions d ON d.mailbox_id = mb.id
    WHERE c.excluded_domains <> '{}'
    ON CONFLICT DO NOTHING;
  ELSE
    INSERT INTO report_stale (message_id)
    SELECT DISTINCT d.message_id FROM changed c
    JOIN before b ON b.user_id = c.user_id AND b.excluded_domains IS DISTINCT FROM c.excluded_domains
    JOIN mailboxes mb ON mb.owner_id = c.user_id
    JOIN message_decisions d ON d.mailbox_id = mb.id
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION report_mark_sent_mail() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_stale (message_id)
  SELECT DISTINCT m.id FROM changed c JOIN messages m ON m.message_id = c.message_id
  WHERE c.state = 'sent'
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

${triggers}
`;
