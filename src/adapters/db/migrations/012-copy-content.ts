/**
 * A copy vouches only for the content it holds. Each message keeps a digest
 * of the body it stored, and each mailbox's decision the digest of the body
 * that mailbox's own copy had when it was parsed whole (null when it was
 * decided by its headers alone): a copy opens the stored body to its readers
 * only when the two agree (repositories/message-visibility.ts).
 *
 * Stored bodies get the digest `bodyDigest` computes (services/capture/
 * message-key.ts): the first 2,000 characters of each body, CRLF as LF.
 * Copies decided before this migration are taken to hold what was stored.
 *
 * A manual link choice on a thread applies to the future mail of the users
 * whose mail in that thread its author could see (`owner_ids`); choices made
 * before applied to everyone's, and keep doing so for the thread's owners.
 */
export const storedBodyDigests = `
UPDATE messages SET body_sha256 = encode(sha256(
    convert_to(left(replace(coalesce(text_body, ''), E'\\r\\n', E'\\n'), 2000), 'UTF8')
    || '\\x00'::bytea
    || convert_to(left(replace(coalesce(html_body, ''), E'\\r\\n', E'\\n'), 2000), 'UTF8')), 'hex')
  WHERE body_sha256 IS NULL AND (text_body IS NOT NULL OR html_body IS NOT NULL);`;

export const copyContentSchema = `
ALTER TABLE messages ADD COLUMN body_sha256 text;
ALTER TABLE message_decisions ADD COLUMN body_sha256 text;
${storedBodyDigests}
UPDATE message_decisions d SET body_sha256 = m.body_sha256
  FROM messages m WHERE m.id = d.message_id AND m.body_sha256 IS NOT NULL;

ALTER TABLE thread_link_overrides ADD COLUMN owner_ids uuid[] NOT NULL DEFAULT '{}';
UPDATE thread_link_overrides o SET owner_ids = ARRAY(
  SELECT DISTINCT mb.owner_id FROM messages m
  JOIN message_decisions d ON d.message_id = m.id JOIN mailboxes mb ON mb.id = d.mailbox_id
  WHERE m.thread_id = o.thread_id);
`;
