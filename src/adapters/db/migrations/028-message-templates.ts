/**
 * Templates a rep writes from. A personal template is seen by its owner
 * alone; a shared one by everyone, and edited by its owner or an admin.
 * Merge fields stay as written (`{{contact.first_name}}`) and are filled
 * when a template is applied to a record.
 */
export const messageTemplatesSchema = `
CREATE TABLE message_templates (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  owner_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  shared boolean NOT NULL DEFAULT false,
  name text NOT NULL,
  subject text NOT NULL DEFAULT '',
  text_body text NOT NULL DEFAULT '',
  html_body text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX message_templates_owner ON message_templates (owner_id);
CREATE INDEX message_templates_shared ON message_templates (shared) WHERE shared;
`;
