/**
 * How far the rule pass has read an append-only stream of events (a tracked
 * open or click): the tracking tells the rules at once, and the pass reads
 * the same events after it, so that one the telling failed on, or that a
 * restart cut off, still fires.
 */
export const ruleEventCursorsSchema = `
CREATE TABLE rule_event_cursors (
  stream text PRIMARY KEY,
  after_id bigint NOT NULL
);
`;
