/**
 * A message's HTML as the reader is shown it, sanitised once (off the main
 * thread, on its first view) and kept beside the original: sanitising a
 * large body took seconds of the thread that answers every request. The
 * kept copy goes whenever the original body changes or is removed (privacy
 * erasure, retention), so it never outlives what it was made from.
 *
 * Each part's Content-ID is kept too, so an inline `cid:` image in the HTML
 * can name the stored part it shows.
 */
export const safeHtmlSchema = `
ALTER TABLE message_attachments ADD COLUMN content_id text;
CREATE INDEX message_attachments_content_id ON message_attachments (message_id, content_id)
  WHERE content_id IS NOT NULL;

CREATE TABLE message_safe_html (
  message_id uuid PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
  html text NOT NULL,
  remote_images int NOT NULL
);

CREATE FUNCTION forget_safe_html() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM message_safe_html WHERE message_id = NEW.id;
  RETURN NEW;
END $$;

CREATE TRIGGER messages_html_body_changed
  AFTER UPDATE OF html_body ON messages
  FOR EACH ROW WHEN (OLD.html_body IS DISTINCT FROM NEW.html_body)
  EXECUTE FUNCTION forget_safe_html();
`;
