/**
 * A stored message counts in reports through its copies (a mailbox's
 * decision names its owner and audience), so the stale mark for new mail
 * is taken when a copy is recorded rather than when the message row is
 * written: a message with no copy adds no facts. The statement trigger on
 * inserted messages read each whole new row, bodies and search vector
 * included, into its transition table on every capture batch; the one on
 * inserted decisions reads only their narrow rows. It also marks the next
 * message of the thread, whose answer the new one may change.
 */
export const reportMarksByCopySchema = `
DROP TRIGGER report_messages_inserted ON messages;

CREATE FUNCTION report_mark_new_copies() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_stale (message_id)
  SELECT DISTINCT message_id FROM changed
  UNION
  SELECT nxt.id FROM (SELECT DISTINCT message_id FROM changed) c
  JOIN messages m0 ON m0.id = c.message_id
  CROSS JOIN LATERAL (
    SELECT m.id FROM messages m
    WHERE m.thread_id = m0.thread_id AND m.sent_at > m0.sent_at
    ORDER BY m.sent_at LIMIT 1) nxt
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

DROP TRIGGER report_decisions_insert ON message_decisions;
CREATE TRIGGER report_decisions_insert AFTER INSERT ON message_decisions
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION report_mark_new_copies();
`;
