/**
 * The capture pipeline, not the database, makes the search vector and sends
 * it with the row (core/search/search-terms.ts), because `to_tsvector` would
 * be the costliest part of storing a message. Rows already
 * stored are re-indexed here with the same word cuts (punctuation and
 * spaces separate words; subject words weighted A).
 *
 * Bodies are compressed with lz4 where the server has it (several times
 * faster than the default pglz); the embedded store does not, and keeps pglz.
 */
export const searchTermsSchema = `
ALTER TABLE messages DROP COLUMN search;
ALTER TABLE messages ADD COLUMN search tsvector;
UPDATE messages SET search =
  setweight(to_tsvector('simple', regexp_replace(lower(subject), '[[:space:][:punct:]]+', ' ', 'g')), 'A')
  || to_tsvector('simple', regexp_replace(lower(coalesce(text_body, '')), '[[:space:][:punct:]]+', ' ', 'g'));
CREATE INDEX messages_search ON messages USING gin (search);
DO $$
BEGIN
  ALTER TABLE messages ALTER COLUMN text_body SET COMPRESSION lz4;
  ALTER TABLE messages ALTER COLUMN html_body SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN NULL;
END $$;
`;
